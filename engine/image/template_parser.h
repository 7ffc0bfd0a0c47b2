#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "engine/base/result.h"
#include "engine/image/template_ast.h"

namespace strata::image::tmpl {

// Parses a template as text/template/parse does (same grammar, same error messages).
// `is_function` says which identifiers name functions; others are "not defined" errors, as Go
// checks them at parse time. {{define}}, {{template}} and {{block}} are not supported.
//
// Errors have code parse, Go's message without its "template: NAME:LINE: " prefix, and a
// range whose start is the 1-based line and column of the token the parser stopped at.
base::Result<std::unique_ptr<ListNode>> parse_template(
    std::string_view text, const std::function<bool(std::string_view)>& is_function);

// 1-based line and 0-based byte column of `pos` in `text`, as Go's ErrorContext counts.
std::pair<int, int> line_and_column(std::string_view text, size_t pos);

}  // namespace strata::image::tmpl
