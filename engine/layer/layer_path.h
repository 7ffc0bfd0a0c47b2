#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "engine/base/result.h"

namespace strata::layer {

// Whether `path` keeps LayerEntry::path's invariant (relative, '/'-separated, clean); the error
// says which rule it breaks.
base::Status check_layer_path(std::string_view path);

// Turns a tar header name into a layer path: a leading "./", "." components, repeated and
// trailing slashes go; "" is the layer root. Absolute names and ".." components are errors, not
// something to clean up: an archive that has them was made to escape.
base::Result<std::string> normalize_tar_name(std::string_view name);

// A key whose bytewise order is the order entries take in a layer: component by component, so a
// directory comes right before its contents; within a directory the opaque marker first, then
// whiteouts, then other names by byte value. Putting markers before their siblings is what the
// OCI image spec recommends, so a one-pass extractor deletes before it writes.
std::string layer_sort_key(std::string_view tar_path);

// "a/b/c" -> {"a/b", "c"}; "c" -> {"", "c"}.
std::pair<std::string_view, std::string_view> split_parent(std::string_view path);

// "a" + "b" -> "a/b"; "" + "b" -> "b".
std::string join_path(std::string_view parent, std::string_view name);

}  // namespace strata::layer
