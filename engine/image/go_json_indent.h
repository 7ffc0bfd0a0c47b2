#pragma once

#include <string>
#include <string_view>

namespace strata::image {

// Go's json.Indent(dst, src, "", indent) of compact JSON: a newline and one indent per level
// after '{', '[' and ',', ": " after keys, empty objects and arrays kept as {} and []. Strings
// are copied untouched. This is how `docker inspect` prints (indent "    ").
std::string go_json_indent(std::string_view compact, std::string_view indent = "    ");

}  // namespace strata::image
