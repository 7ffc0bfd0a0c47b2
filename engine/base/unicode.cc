#include "engine/base/unicode.h"

namespace strata::base {

Rune decode_rune(std::string_view text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) return Rune{lead, 1, true};
  size_t width = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    width = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    width = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    width = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return Rune{lead, 1, false};
  }
  if (pos + width > text.size()) return Rune{lead, 1, false};
  for (size_t i = 1; i < width; ++i) {
    unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return Rune{lead, 1, false};
    value = (value << 6) | (next & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return Rune{lead, 1, false};
  }
  return Rune{value, width, true};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

void append_rune(std::string& out, const Rune& rune) {
  if (rune.valid) {
    append_utf8(out, rune.value);
  } else {
    out += static_cast<char>(rune.value);
  }
}

bool is_space(char32_t c) {
  switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  // Decimal digit blocks of the common scripts (Arabic-Indic .. fullwidth).
  static constexpr char32_t kDigitZeros[] = {0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xE50, 0xFF10};
  for (char32_t zero : kDigitZeros) {
    if (c >= zero && c <= zero + 9) return true;
  }
  return false;
}

// Outside ASCII, Go consults the full Unicode letter tables. Variable names with non-ASCII
// letters are rare in Dockerfiles, so this treats every non-ASCII code point as a letter except
// spaces, digits, Latin-1 punctuation/symbols and the general/CJK punctuation blocks.
bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (is_space(c) || is_digit(c)) return false;
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, math
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK symbols and punctuation
  if (c >= 0xFF00 && c <= 0xFF20) return false;  // fullwidth punctuation
  return true;
}

std::string_view trim_left_space(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    Rune rune = decode_rune(text, pos);
    if (!rune.valid || !is_space(rune.value)) break;
    pos += rune.width;
  }
  return text.substr(pos);
}

std::string_view trim_space(std::string_view text) {
  text = trim_left_space(text);
  size_t end = 0;
  for (size_t pos = 0; pos < text.size();) {
    Rune rune = decode_rune(text, pos);
    pos += rune.width;
    if (!rune.valid || !is_space(rune.value)) end = pos;
  }
  return text.substr(0, end);
}

}  // namespace strata::base
