#include "engine/image/go_printer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "engine/base/unicode.h"
#include "engine/image/go_float.h"
#include "engine/image/go_print.h"
#include "engine/image/go_quote.h"

namespace strata::image {
namespace {

using Kind = TemplateValue::Kind;

constexpr std::string_view k_lower_hex = "0123456789abcdef";
constexpr std::string_view k_upper_hex = "0123456789ABCDEF";

size_t rune_count(std::string_view s) {
  size_t count = 0;
  for (size_t pos = 0; pos < s.size(); pos += base::decode_rune(s, pos).width) ++count;
  return count;
}

}  // namespace

bool is_nil_arg(const TemplateValue& v) {
  return v.kind() == Kind::invalid || v.kind() == Kind::nil_interface;
}

void GoPrinter::print_arg(const TemplateValue& arg, char verb) {
  if (is_nil_arg(arg)) {
    if (verb == 'v' || verb == 'T') {
      pad("<nil>");
    } else {
      bad_verb(verb, arg);
    }
    return;
  }
  if (verb == 'T') {
    pad(arg.type_name());
    return;
  }
  print_value(arg, verb, 0);
}

void GoPrinter::print_value(const TemplateValue& v, char verb, int depth) {
  if (v.string_method() && is_string_verb(verb)) {
    format_string(*v.string_method(), verb, v);
    return;
  }
  switch (v.kind()) {
    case Kind::invalid:
      if (depth == 0) {
        pad("<invalid reflect.Value>");
      } else if (verb == 'v') {
        pad("<nil>");
      } else {
        bad_verb(verb, v);
      }
      return;
    case Kind::nil_interface:
      out += "<nil>";
      return;
    case Kind::boolean:
      if (verb == 't' || verb == 'v') {
        pad(v.as_bool() ? "true" : "false");
      } else {
        bad_verb(verb, v);
      }
      return;
    case Kind::integer:
      format_integer(v, verb);
      return;
    case Kind::floating:
      format_float(v, verb);
      return;
    case Kind::string:
      format_string(v.as_string(), verb, v);
      return;
    case Kind::map:
      out += "map[";
      for (size_t i = 0; i < v.entries().size(); ++i) {
        if (i > 0) out += ' ';
        const auto& [key, element] = v.entries()[i];
        print_value(TemplateValue::string(key, v.key_type()), verb, depth + 1);
        out += ':';
        print_value(element, verb, depth + 1);
      }
      out += ']';
      return;
    case Kind::structure:
      out += '{';
      for (size_t i = 0; i < v.fields().size(); ++i) {
        if (i > 0) out += ' ';
        if (flags.plus_v) out += v.fields()[i].name + ":";
        print_value(v.fields()[i].value, verb, depth + 1);
      }
      out += '}';
      return;
    case Kind::slice:
      out += '[';
      for (size_t i = 0; i < v.elements().size(); ++i) {
        if (i > 0) out += ' ';
        print_value(v.elements()[i], verb, depth + 1);
      }
      out += ']';
      return;
    case Kind::pointer: {
      Kind target = v.pointee().kind();
      if (depth == 0 && !v.is_nil() &&
          (target == Kind::slice || target == Kind::structure || target == Kind::map)) {
        out += '&';
        print_value(v.pointee(), verb, depth + 1);
        return;
      }
      if (verb == 'v') {
        pad(v.is_nil() ? "<nil>" : std::string(k_pointer_placeholder));
      } else {
        bad_verb(verb, v);
      }
      return;
    }
  }
}

bool GoPrinter::is_string_verb(char verb) {
  return verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q';
}

void GoPrinter::write_padding(int n) {
  if (n > 0) out.append(static_cast<size_t>(n), flags.zero ? '0' : ' ');
}

void GoPrinter::pad(std::string_view text) {
  if (!flags.has_width || flags.width == 0) {
    out += text;
    return;
  }
  int n = flags.width - static_cast<int>(rune_count(text));
  if (!flags.minus) {
    write_padding(n);
    out += text;
  } else {
    out += text;
    if (n > 0) out.append(static_cast<size_t>(n), ' ');
  }
}

void GoPrinter::bad_verb(char verb, const TemplateValue& v) {
  Flags saved = flags;
  flags = Flags{};
  out += "%!";
  out += verb;
  out += '(';
  if (is_nil_arg(v)) {
    out += "<nil>";
  } else {
    out += v.type_name();
    out += '=';
    print_arg(v, 'v');
  }
  out += ')';
  flags = saved;
}

void GoPrinter::format_string(const std::string& s, char verb, const TemplateValue& v) {
  switch (verb) {
    case 'v':
    case 's':
      pad(truncated(s));
      return;
    case 'q':
      pad(go_quote(truncated(s)));
      return;
    case 'x':
    case 'X': {
      std::string_view digits = verb == 'x' ? k_lower_hex : k_upper_hex;
      // fmtSbx: "% x" separates bytes, "%#x" prefixes 0x (to each byte with a space).
      std::string prefix = verb == 'x' ? "0x" : "0X";
      std::string hex = flags.sharp && !s.empty() ? prefix : "";
      size_t limit = flags.has_precision
                         ? std::min<size_t>(s.size(), static_cast<size_t>(flags.precision))
                         : s.size();
      for (size_t i = 0; i < limit; ++i) {
        if (flags.space && i > 0) hex += flags.sharp ? " " + prefix : " ";
        auto byte = static_cast<unsigned char>(s[i]);
        hex += digits[byte >> 4];
        hex += digits[byte & 0xF];
      }
      pad(hex);
      return;
    }
    default:
      bad_verb(verb, v);
  }
}

std::string GoPrinter::truncated(const std::string& s) const {
  if (!flags.has_precision) return s;
  size_t pos = 0;
  for (int n = 0; n < flags.precision && pos < s.size(); ++n) {
    pos += base::decode_rune(s, pos).width;
  }
  return s.substr(0, pos);
}

void GoPrinter::format_integer(const TemplateValue& v, char verb) {
  int64_t value = v.as_int();
  switch (verb) {
    case 'v':
    case 'd':
      integer(value, 10, verb, k_lower_hex);
      return;
    case 'b':
      integer(value, 2, verb, k_lower_hex);
      return;
    case 'o':
      integer(value, 8, verb, k_lower_hex);
      return;
    case 'x':
      integer(value, 16, verb, k_lower_hex);
      return;
    case 'X':
      integer(value, 16, verb, k_upper_hex);
      return;
    case 'c': {
      std::string text;
      base::append_utf8(text,
                        value < 0 || value > 0x10FFFF ? 0xFFFD : static_cast<char32_t>(value));
      pad(text);
      return;
    }
    case 'q':
      pad(go_quote_rune(value));
      return;
    case 'U': {
      std::string hex;
      for (uint64_t u = static_cast<uint64_t>(value); u > 0; u >>= 4)
        hex.insert(hex.begin(), k_upper_hex[u & 0xF]);
      while (hex.size() < 4) hex.insert(hex.begin(), '0');
      pad("U+" + hex);
      return;
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      bad_verb(verb, v);
      return;
    default:
      bad_verb(verb, v);
  }
}

void GoPrinter::integer(int64_t value, int base, char verb, std::string_view digits) {
  bool negative = value < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  int precision = 0;
  if (flags.has_precision) {
    precision = flags.precision;
    if (precision == 0 && u == 0) {
      bool zero = flags.zero;
      flags.zero = false;
      write_padding(flags.width);
      flags.zero = zero;
      return;
    }
  } else if (flags.zero && flags.has_width) {
    precision = flags.width;
    if (negative || flags.plus || flags.space) --precision;
  }
  std::string text;
  do {
    text.insert(text.begin(), digits[u % static_cast<uint64_t>(base)]);
    u /= static_cast<uint64_t>(base);
  } while (u > 0);
  while (static_cast<int>(text.size()) < precision) text.insert(text.begin(), '0');
  if (flags.sharp) {
    if (base == 2) text.insert(0, "0b");
    if (base == 8 && text[0] != '0') text.insert(0, "0");
    if (base == 16) text.insert(0, verb == 'X' ? "0X" : "0x");
  }
  if (negative) {
    text.insert(text.begin(), '-');
  } else if (flags.plus) {
    text.insert(text.begin(), '+');
  } else if (flags.space) {
    text.insert(text.begin(), ' ');
  }
  bool zero = flags.zero;
  flags.zero = false;
  pad(text);
  flags.zero = zero;
}

void GoPrinter::format_float(const TemplateValue& v, char verb) {
  char format = 0;
  int precision = -1;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      format = 'g';
      break;
    case 'e':
    case 'E':
      format = 'e';
      precision = 6;
      break;
    case 'f':
    case 'F':
      format = 'f';
      precision = 6;
      break;
    default:
      bad_verb(verb, v);
      return;
  }
  if (flags.has_precision) precision = flags.precision;
  std::string num = format_go_float(v.as_float(), format, precision);
  if (verb == 'E' || verb == 'G') {
    std::transform(num.begin(), num.end(), num.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
  if (flags.space && num[0] == '+' && !flags.plus) num[0] = ' ';
  if (num[1] == 'I' || num[1] == 'N') {
    bool zero = flags.zero;
    flags.zero = false;
    if (num[1] == 'N' && !flags.space && !flags.plus) num.erase(0, 1);
    pad(num);
    flags.zero = zero;
    return;
  }
  if (flags.plus || num[0] != '+') {
    if (flags.zero && flags.has_width && flags.width > static_cast<int>(num.size())) {
      out += num[0];
      write_padding(flags.width - static_cast<int>(num.size()));
      out.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

}  // namespace strata::image
