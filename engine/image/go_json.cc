#include "engine/image/go_json.h"

#include <cmath>

#include "engine/base/unicode.h"
#include "engine/image/go_float.h"

namespace strata::image {
namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_unicode_escape(std::string& out, char32_t c) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += k_hex[(c >> shift) & 0xF];
}

void append_value(std::string& out, const nlohmann::ordered_json& value, bool escape_html) {
  using Type = nlohmann::ordered_json::value_t;
  switch (value.type()) {
    case Type::null:
    case Type::discarded:
      out += "null";
      return;
    case Type::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Type::number_integer:
      out += std::to_string(value.get<int64_t>());
      return;
    case Type::number_unsigned:
      out += std::to_string(value.get<uint64_t>());
      return;
    case Type::number_float:
      append_go_json_float(out, value.get<double>());
      return;
    case Type::string:
      append_go_json_string(out, value.get_ref<const std::string&>(), escape_html);
      return;
    case Type::binary:
      out += "null";  // never produced by this module
      return;
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        append_value(out, element, escape_html);
      }
      out += ']';
      return;
    }
    case Type::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!first) out += ',';
        first = false;
        append_go_json_string(out, key, escape_html);
        out += ':';
        append_value(out, member, escape_html);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

void append_go_json_string(std::string& out, std::string_view text, bool escape_html) {
  out += '"';
  size_t pos = 0;
  while (pos < text.size()) {
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      switch (byte) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '<':
        case '>':
        case '&':
          if (escape_html) {
            append_unicode_escape(out, byte);
          } else {
            out += static_cast<char>(byte);
          }
          break;
        default:
          if (byte < 0x20) {
            append_unicode_escape(out, byte);
          } else {
            out += static_cast<char>(byte);
          }
      }
      ++pos;
      continue;
    }
    base::Rune rune = base::decode_rune(text, pos);
    if (!rune.valid) {
      out += "\\ufffd";
    } else if (rune.value == 0x2028 || rune.value == 0x2029) {
      // JSONP-safe, as Go always writes them.
      append_unicode_escape(out, rune.value);
    } else {
      out.append(text.substr(pos, rune.width));
    }
    pos += rune.width;
  }
  out += '"';
}

void append_go_json_float(std::string& out, double value) {
  double magnitude = std::fabs(value);
  bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
  std::string text = format_go_float(value, exponent ? 'e' : 'f', -1);
  // Go shortens a two-digit negative exponent: 1e-07 -> 1e-7.
  size_t n = text.size();
  if (exponent && n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
    text.erase(n - 2, 1);
  }
  out += text;
}

std::string go_json(const nlohmann::ordered_json& value, bool escape_html) {
  std::string out;
  append_value(out, value, escape_html);
  return out;
}

}  // namespace strata::image
