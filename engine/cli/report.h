#pragma once

#include <string_view>

#include "engine/base/error.h"

namespace strata::cli {

// Prints an error on stderr: compiler style ("file:line:col: message", the source line and a
// marker) when it has a location in `source`, else "strata: message". Control bytes from the
// input are escaped.
void report_error(const base::Error& error, std::string_view source = {});
void report_warning(std::string_view file, int line, std::string_view message);

}  // namespace strata::cli
