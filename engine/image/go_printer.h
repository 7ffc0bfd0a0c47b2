#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/image/template_value.h"

namespace strata::image {

// One of Go fmt's printers (fmt's "pp"): the flags of the verb being formatted and the output.
// go_print.cc drives it for Sprint, Sprintln and Sprintf.
class GoPrinter {
 public:
  std::string out;

  struct Flags {
    bool minus = false, plus = false, sharp = false, space = false, zero = false;
    bool plus_v = false;
    bool has_width = false, has_precision = false;
    int width = 0, precision = 0;
  } flags;

  // printArg: an operand at the top level (Go's untyped nil prints <nil> for %v).
  void print_arg(const TemplateValue& arg, char verb);
  // printValue: a value inside another one at `depth`; pointers nested in a value print as
  // k_pointer_placeholder, Stringers (time values) with their String text.
  void print_value(const TemplateValue& v, char verb, int depth);

 private:
  static bool is_string_verb(char verb);
  void write_padding(int n);
  void pad(std::string_view text);
  void bad_verb(char verb, const TemplateValue& v);
  void format_string(const std::string& s, char verb, const TemplateValue& v);
  std::string truncated(const std::string& s) const;
  void format_integer(const TemplateValue& v, char verb);
  // fmt.fmtInteger: precision or the zero flag give leading zeros, then prefix and sign.
  void integer(int64_t value, int base, char verb, std::string_view digits);
  void format_float(const TemplateValue& v, char verb);
};

// Go's untyped nil as an argument: invalid, or an interface holding nothing.
bool is_nil_arg(const TemplateValue& v);

}  // namespace strata::image
