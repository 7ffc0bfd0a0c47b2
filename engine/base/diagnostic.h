#pragma once

#include <string>
#include <string_view>

#include "engine/base/error.h"

namespace strata::base {

// Renders an error the way ninja renders manifest errors:
//   Dockerfile:7:5: unknown flag: --foo
//   COPY --foo a b
//        ^ near here
// The snippet is shown only when the error has a line inside `source`.
std::string render_diagnostic(const Error& error, std::string_view source);

// The text of 1-based line `line` in `source`, without its line ending; empty when out of range.
std::string_view source_line(std::string_view source, int line);

}  // namespace strata::base
