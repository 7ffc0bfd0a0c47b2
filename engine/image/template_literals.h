#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/image/template_ast.h"

namespace strata::image::tmpl {

// strconv.Unquote for a template's "..." and `...` strings and '...' character constants.
bool go_unquote(std::string_view quoted, std::string& out);

// parse.newNumber for a number token (or a character constant): integers first, so 0x1F is an
// int; then floats. Returns Go's error message for text that is not a number.
std::optional<std::string> parse_number(std::string_view text, bool is_char, NumberNode& node);

}  // namespace strata::image::tmpl
