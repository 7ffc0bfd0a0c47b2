#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace strata::image {

// Compact JSON exactly as Go's encoding/json writes it, so bytes (and so digests) match what
// BuildKit and containerd write for the same value:
//  - object members in the order the ordered_json holds them (callers choose the order);
//  - strings escape `"` `\\` \n \r \t \b \f, other control bytes as \u00XX, U+2028 and U+2029
//    as \u2028 \u2029, and invalid UTF-8 as \ufffd (Go 1.22+, which docker 28 is built with);
//  - with `escape_html` (json.Marshal's default) also < > & as \u003c \u003e \u0026; docker's
//    template `json` function turns that off;
//  - floats in Go's shortest form ('f' between 1e-6 and 1e21, else 'e' with a short exponent).
std::string go_json(const nlohmann::ordered_json& value, bool escape_html = true);

void append_go_json_string(std::string& out, std::string_view text, bool escape_html);
void append_go_json_float(std::string& out, double value);

}  // namespace strata::image
