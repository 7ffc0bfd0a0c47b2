#include "engine/image/go_float.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace strata::image {
namespace {

// The shortest decimal that round-trips: value = 0.<digits> x 10^point (Go's decimal form).
struct Decimal {
  std::string digits;
  int point = 0;
};

Decimal shortest_decimal(double magnitude) {
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<size_t>(end - buffer));
  size_t e = text.find('e');
  Decimal decimal;
  for (char c : text.substr(0, e)) {
    if (c != '.') decimal.digits += c;
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  decimal.point = exponent + 1;
  while (decimal.digits.size() > 1 && decimal.digits.back() == '0') decimal.digits.pop_back();
  return decimal;
}

std::string exponent_form(const Decimal& d) {
  std::string out(1, d.digits[0]);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  int exponent = d.digits == "0" ? 0 : d.point - 1;
  out += exponent < 0 ? "e-" : "e+";
  int magnitude = std::abs(exponent);
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

std::string fixed_form(const Decimal& d) {
  if (d.digits == "0") return "0";
  std::string out;
  if (d.point <= 0) {
    out = "0." + std::string(static_cast<size_t>(-d.point), '0') + d.digits;
  } else if (static_cast<size_t>(d.point) >= d.digits.size()) {
    out = d.digits + std::string(static_cast<size_t>(d.point) - d.digits.size(), '0');
  } else {
    out = d.digits.substr(0, static_cast<size_t>(d.point)) + "." +
          d.digits.substr(static_cast<size_t>(d.point));
  }
  return out;
}

}  // namespace

std::string format_go_float(double value, char format, int precision) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::string sign = std::signbit(value) ? "-" : "";
  double magnitude = std::fabs(value);
  if (precision >= 0) {
    // glibc rounds exactly, and for these three formats prints what Go prints.
    char spec[8] = {'%', '.', '*', format, 0};
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, spec, precision, magnitude);
    return sign + buffer;
  }
  Decimal d = magnitude == 0 ? Decimal{"0", 1} : shortest_decimal(magnitude);
  switch (format) {
    case 'e':
      return sign + exponent_form(d);
    case 'f':
      return sign + fixed_form(d);
    default: {
      // %g with the shortest digits: exponent form when the exponent is < -4 or >= 6
      // (strconv uses precision 6 for this decision when printing the shortest form).
      constexpr int k_shortest_eprec = 6;
      int exponent = d.point - 1;
      if (d.digits == "0") exponent = 0;
      return sign +
             (exponent < -4 || exponent >= k_shortest_eprec ? exponent_form(d) : fixed_form(d));
    }
  }
}

}  // namespace strata::image
