#pragma once

#include <string>

namespace strata::image {

// strconv.FormatFloat(value, format, precision, 64) for format 'e', 'f' or 'g'; precision -1
// means the shortest text that reads back as the same double, which is what Go's %v and
// encoding/json print. NaN and infinities print as Go does: "NaN", "+Inf", "-Inf".
std::string format_go_float(double value, char format, int precision);

}  // namespace strata::image
