#include "engine/image/go_print.h"

#include <cctype>

#include "engine/base/unicode.h"
#include "engine/image/go_printer.h"

namespace strata::image {
namespace {

bool is_string_kind(const TemplateValue& v) {
  return v.kind() == TemplateValue::Kind::string;
}

}  // namespace

std::string go_sprint(std::span<const TemplateValue> args) {
  GoPrinter p;
  bool previous_string = false;
  for (size_t i = 0; i < args.size(); ++i) {
    bool string = is_string_kind(args[i]);
    // fmt.Sprint adds a space between operands when neither is a string.
    if (i > 0 && !string && !previous_string) p.out += ' ';
    p.print_arg(args[i], 'v');
    previous_string = string;
  }
  return p.out;
}

std::string go_sprintln(std::span<const TemplateValue> args) {
  GoPrinter p;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) p.out += ' ';
    p.print_arg(args[i], 'v');
  }
  p.out += '\n';
  return p.out;
}

std::string go_sprintf(std::string_view format, std::span<const TemplateValue> args) {
  GoPrinter p;
  size_t arg = 0;
  size_t i = 0;
  auto int_arg = [&](int& out) {
    if (arg < args.size() && args[arg].kind() == TemplateValue::Kind::integer) {
      out = static_cast<int>(args[arg++].as_int());
      return true;
    }
    ++arg;
    return false;
  };
  while (i < format.size()) {
    size_t percent = format.find('%', i);
    p.out.append(format.substr(i, percent == std::string_view::npos ? format.npos : percent - i));
    if (percent == std::string_view::npos) break;
    i = percent + 1;
    p.flags = GoPrinter::Flags{};
    // Flags.
    for (; i < format.size(); ++i) {
      char c = format[i];
      if (c == '#') {
        p.flags.sharp = true;
      } else if (c == '0') {
        p.flags.zero = !p.flags.minus;
      } else if (c == '+') {
        p.flags.plus = true;
      } else if (c == '-') {
        p.flags.minus = true;
        p.flags.zero = false;
      } else if (c == ' ') {
        p.flags.space = true;
      } else {
        break;
      }
    }
    // Width.
    if (i < format.size() && format[i] == '*') {
      ++i;
      p.flags.has_width = int_arg(p.flags.width);
      if (!p.flags.has_width) p.out += "%!(BADWIDTH)";
      if (p.flags.width < 0) {
        p.flags.width = -p.flags.width;
        p.flags.minus = true;
        p.flags.zero = false;
      }
    } else {
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
        p.flags.width = p.flags.width * 10 + (format[i++] - '0');
        p.flags.has_width = true;
      }
    }
    // Precision.
    if (i < format.size() && format[i] == '.') {
      ++i;
      p.flags.has_precision = true;
      if (i < format.size() && format[i] == '*') {
        ++i;
        if (!int_arg(p.flags.precision)) p.out += "%!(BADPREC)";
        if (p.flags.precision < 0) {
          p.flags.precision = 0;
          p.flags.has_precision = false;
        }
      } else {
        while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) {
          p.flags.precision = p.flags.precision * 10 + (format[i++] - '0');
        }
      }
    }
    if (i >= format.size()) {
      p.out += "%!(NOVERB)";
      break;
    }
    base::Rune rune = base::decode_rune(format, i);
    i += rune.width;
    char verb = rune.value < 0x80 ? static_cast<char>(rune.value) : '?';
    if (verb == '%') {
      p.out += '%';
      continue;
    }
    if (arg >= args.size()) {
      p.out += "%!";
      p.out += verb;
      p.out += "(MISSING)";
      continue;
    }
    if (verb == 'v') {
      if (p.flags.plus) {
        p.flags.plus = false;
        p.flags.plus_v = true;
      }
      p.flags.sharp = false;  // %#v is printed as %v
    }
    p.print_arg(args[arg++], verb);
  }
  if (arg < args.size()) {
    p.flags = GoPrinter::Flags{};
    p.out += "%!(EXTRA ";
    for (size_t extra = arg; extra < args.size(); ++extra) {
      if (extra > arg) p.out += ", ";
      if (is_nil_arg(args[extra])) {
        p.out += "<nil>";
        continue;
      }
      p.out += args[extra].type_name();
      p.out += '=';
      p.print_arg(args[extra], 'v');
    }
    p.out += ')';
  }
  return p.out;
}

std::string template_print(const TemplateValue& value) {
  const TemplateValue* v = &value;
  if (v->kind() == TemplateValue::Kind::pointer && !v->is_nil()) v = &v->pointee();
  if (v->kind() == TemplateValue::Kind::invalid) return "<no value>";
  GoPrinter p;
  p.print_arg(*v, 'v');
  return p.out;
}

}  // namespace strata::image
