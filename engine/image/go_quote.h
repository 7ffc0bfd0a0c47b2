#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata::image {

// strconv.Quote. Printable runes are kept; Go's unicode.IsPrint is approximated outside ASCII
// (controls, format characters, separators other than ' ', private use are escaped).
std::string go_quote(std::string_view text);

// strconv.QuoteRune, for %q of an integer: 'A'.
std::string go_quote_rune(int64_t value);

}  // namespace strata::image
