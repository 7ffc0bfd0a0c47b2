#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::base {

// One decoded code point. Invalid UTF-8 decodes as the single byte it is (width 1, `valid`
// false) so that callers copy it through unchanged instead of corrupting it.
struct Rune {
  char32_t value = 0;
  size_t width = 0;
  bool valid = true;
};

Rune decode_rune(std::string_view text, size_t pos);
// Appends `rune` as written in the source: its UTF-8 encoding, or the raw byte when invalid.
void append_rune(std::string& out, const Rune& rune);
void append_utf8(std::string& out, char32_t code_point);

// Go's unicode.IsSpace: ASCII \t \n \v \f \r and space, U+0085, U+00A0, and Unicode White_Space.
bool is_space(char32_t c);
// Letters and decimal digits as Go's unicode.IsLetter / unicode.IsDigit see them; outside ASCII
// this approximates the Unicode tables (see the note in unicode.cc).
bool is_letter(char32_t c);
bool is_digit(char32_t c);

// Trimming with is_space, as Go's strings.TrimSpace / TrimLeftFunc(unicode.IsSpace) do.
std::string_view trim_space(std::string_view text);
std::string_view trim_left_space(std::string_view text);

}  // namespace strata::base
