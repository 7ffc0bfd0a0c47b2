#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/unicode.h"

namespace strata::dockerfile {

// Small text helpers with Go's definitions of whitespace, shared by the parser's pieces.
std::string to_lower(std::string_view text);
std::string_view strip_bom(std::string_view text);
using base::trim_left_space;
using base::trim_space;
// Splits at runs of [\t\v\f\r ] (BuildKit's reWhitespace), at most `limit` parts (0 = all).
std::vector<std::string> split_blanks(std::string_view text, size_t limit = 0);
bool is_blank_byte(char c);
// strconv.Quote: the Go-quoted form used by BuildKit's tree dump.
std::string go_quote(std::string_view text);

}  // namespace strata::dockerfile
