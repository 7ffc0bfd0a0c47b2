#include "engine/dockerfile/text.h"

#include <fmt/format.h>

#include "engine/base/unicode.h"

namespace strata::dockerfile {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view strip_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

bool is_blank_byte(char c) {
  return c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == ' ';
}

std::vector<std::string> split_blanks(std::string_view text, size_t limit) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    if (limit != 0 && parts.size() + 1 == limit) break;
    size_t blank = begin;
    while (blank < text.size() && !is_blank_byte(text[blank])) ++blank;
    if (blank >= text.size()) break;
    size_t after = blank;
    while (after < text.size() && is_blank_byte(text[after])) ++after;
    parts.emplace_back(text.substr(begin, blank - begin));
    begin = after;
  }
  parts.emplace_back(text.substr(begin));
  return parts;
}

namespace {

// strconv.IsPrint outside ASCII, approximated: control, format, private-use, surrogate and
// non-ASCII space code points are not printable.
bool is_printable(char32_t c) {
  if (c < 0x20 || c == 0x7F) return false;
  if (c < 0x7F) return true;
  if (c >= 0x80 && c <= 0xA0) return false;
  if (c == 0xAD) return false;
  if (c != ' ' && base::is_space(c)) return false;
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2060 && c <= 0x206F)) {
    return false;
  }
  if (c >= 0xE000 && c <= 0xF8FF) return false;
  if (c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF) return false;
  if (c >= 0xF0000) return false;
  return true;
}

}  // namespace

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (size_t pos = 0; pos < text.size();) {
    base::Rune rune = base::decode_rune(text, pos);
    pos += rune.width;
    if (!rune.valid) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(rune.value));
      continue;
    }
    char32_t c = rune.value;
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\v':
        out += "\\v";
        continue;
      default:
        break;
    }
    if (is_printable(c)) {
      base::append_utf8(out, c);
    } else if (c < ' ' || c == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else if (c < 0x10000) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += fmt::format("\\U{:08x}", static_cast<unsigned>(c));
    }
  }
  out += "\"";
  return out;
}

}  // namespace strata::dockerfile
