#include "engine/image/template_literals.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "engine/base/unicode.h"
#include "engine/image/go_quote.h"

namespace strata::image::tmpl {
namespace {

// strconv.ParseInt(text, 0, 64): base prefixes, legacy octal, underscores.
bool parse_go_int(std::string_view text, int64_t& out) {
  std::string digits;
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 1 && text[0] == '0') {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(text[1])));
    if (p == 'x' || p == 'o' || p == 'b') {
      base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
      text.remove_prefix(2);
    } else {
      base = 8;
      text.remove_prefix(1);
    }
  }
  for (char c : text) {
    if (c != '_') digits += c;
  }
  if (digits.empty()) return base == 8 && text.empty() ? (out = 0, true) : false;
  uint64_t magnitude = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return false;
  if (negative) {
    if (magnitude > uint64_t{1} << 63) return false;
    out = static_cast<int64_t>(0 - magnitude);
  } else {
    if (magnitude > static_cast<uint64_t>(INT64_MAX)) return false;
    out = static_cast<int64_t>(magnitude);
  }
  return true;
}

}  // namespace

bool go_unquote(std::string_view quoted, std::string& out) {
  char quote = quoted.front();
  std::string_view body = quoted.substr(1, quoted.size() - 2);
  if (quote == '`') {
    for (char c : body) {
      if (c != '\r') out += c;  // raw strings drop carriage returns
    }
    return true;
  }
  for (size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == quote) return false;
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    if (++i >= body.size()) return false;
    char e = body[i++];
    uint32_t value = 0;
    auto digits = [&](size_t count, int base) {
      if (i + count > body.size()) return false;
      value = 0;
      for (size_t k = 0; k < count; ++k) {
        char h = body[i + k];
        int d = h >= '0' && h <= '9'   ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                       : 99;
        if (d >= base) return false;
        value = value * static_cast<uint32_t>(base) + static_cast<uint32_t>(d);
      }
      i += count;
      return true;
    };
    switch (e) {
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '\'':
      case '"':
        if (e != quote) return false;  // \' only in '...', \" only in "..."
        out += e;
        break;
      case 'x':
        if (!digits(2, 16)) return false;
        out += static_cast<char>(value);
        break;
      case 'u':
      case 'U':
        if (!digits(e == 'u' ? 4 : 8, 16) || value > 0x10FFFF ||
            (value >= 0xD800 && value <= 0xDFFF)) {
          return false;
        }
        base::append_utf8(out, value);
        break;
      default:
        if (e < '0' || e > '7') return false;
        --i;  // \ooo: three octal digits, at most 255
        if (!digits(3, 8) || value > 255) return false;
        out += static_cast<char>(value);
    }
  }
  return true;
}

std::optional<std::string> parse_number(std::string_view text, bool is_char, NumberNode& node) {
  if (is_char) {
    std::string rune_text;
    if (!go_unquote(text, rune_text) || rune_text.empty()) {
      return fmt::format("malformed character constant: {}", text);
    }
    base::Rune rune = base::decode_rune(rune_text, 0);
    if (rune.width != rune_text.size()) {
      return fmt::format("malformed character constant: {}", text);
    }
    node.is_char = node.is_int = node.is_float = true;
    node.int_value =
        rune.valid ? static_cast<int64_t>(rune.value) : static_cast<unsigned char>(rune_text[0]);
    node.float_value = static_cast<double>(node.int_value);
    return std::nullopt;
  }
  if (text.ends_with("i")) {
    return fmt::format("complex numbers are not supported: {}", go_quote(text));
  }
  if (parse_go_int(text, node.int_value)) {
    node.is_int = node.is_float = true;
    node.float_value = static_cast<double>(node.int_value);
    return std::nullopt;
  }
  std::string cleaned;
  for (char c : text) {
    if (c != '_') cleaned += c;
  }
  char* end = nullptr;
  double value = std::strtod(cleaned.c_str(), &end);
  if (cleaned.empty() || end != cleaned.c_str() + cleaned.size() || !std::isfinite(value)) {
    return fmt::format("illegal number syntax: {}", go_quote(text));
  }
  if (text.find_first_of(".eEpP") == std::string_view::npos) {
    // Parsed as a float but looks like an integer: too large for an int64.
    return fmt::format("integer overflow: {}", go_quote(text));
  }
  node.is_float = true;
  node.float_value = value;
  // An integral float also counts as an int (1e3 can index a slice).
  if (value >= -9.2e18 && value <= 9.2e18 && std::trunc(value) == value) {
    node.is_int = true;
    node.int_value = static_cast<int64_t>(value);
  }
  return std::nullopt;
}

}  // namespace strata::image::tmpl
