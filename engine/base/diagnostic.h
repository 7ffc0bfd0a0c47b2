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
// Control bytes are shown escaped (\x1b), a long message is cut at k_max_message_length and a
// long source line is shown as a window around the marker.
std::string render_diagnostic(const Error& error, std::string_view source);

inline constexpr size_t k_max_message_length = 400;
inline constexpr size_t k_snippet_width = 160;

// `text` safe for a terminal: control bytes other than tab escaped, cut at `max_length`.
std::string printable(std::string_view text, size_t max_length);

// The text of 1-based line `line` in `source`, without its line ending; empty when out of range.
std::string_view source_line(std::string_view source, int line);

}  // namespace strata::base
