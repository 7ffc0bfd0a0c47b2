#include "engine/image/go_quote.h"

#include "engine/base/unicode.h"

namespace strata::image {
namespace {

constexpr std::string_view k_lower_hex = "0123456789abcdef";

bool is_print(char32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r < 0x80) return true;
  if (r < 0xA1 || r == 0xAD) return false;  // C1 controls, NBSP, soft hyphen
  if ((r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) ||
      (r >= 0x205F && r <= 0x206F) || r == 0x3000 || r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) ||
      r == 0x180E || r == 0x061C || r == 0x1680) {
    return false;  // separators and format characters
  }
  if ((r >= 0xD800 && r <= 0xDFFF) || (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000) return false;
  return r <= 0x10FFFF;
}

void append_escaped_rune(std::string& out, char32_t r, char quote) {
  if (r == static_cast<char32_t>(quote) || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  if (is_print(r)) {
    base::append_utf8(out, r);
    return;
  }
  switch (r) {
    case '\a':
      out += "\\a";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\v':
      out += "\\v";
      return;
    default:
      break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    out += k_lower_hex[(r >> 4) & 0xF];
    out += k_lower_hex[r & 0xF];
  } else if (r < 0x10000) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += k_lower_hex[(r >> shift) & 0xF];
  } else {
    out += "\\U";
    for (int shift = 28; shift >= 0; shift -= 4) out += k_lower_hex[(r >> shift) & 0xF];
  }
}

std::string quote_rune_impl(int64_t value) {
  char32_t r = value < 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)
                   ? 0xFFFD
                   : static_cast<char32_t>(value);
  std::string out = "'";
  append_escaped_rune(out, r, '\'');
  return out + "'";
}

// One fmt "pp": the flags of the current verb and the output buffer.
}  // namespace

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  size_t pos = 0;
  while (pos < text.size()) {
    base::Rune rune = base::decode_rune(text, pos);
    if (!rune.valid) {
      auto byte = static_cast<unsigned char>(text[pos]);
      out += "\\x";
      out += k_lower_hex[byte >> 4];
      out += k_lower_hex[byte & 0xF];
    } else {
      append_escaped_rune(out, rune.value, '"');
    }
    pos += rune.width;
  }
  return out + "\"";
}

std::string go_quote_rune(int64_t value) {
  return quote_rune_impl(value);
}

}  // namespace strata::image
