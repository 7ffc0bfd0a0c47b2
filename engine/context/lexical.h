#pragma once

#include <string>
#include <string_view>

#include "engine/base/unicode.h"

namespace strata::context {

// Lexical path cleaning as Go's path.Clean does it, because .dockerignore semantics are defined
// on cleaned text: collapse "//", drop "." elements, resolve ".." against the element before it
// (a rooted path cannot climb above "/"), drop a trailing '/'. The empty path becomes ".".
std::string clean_path(std::string_view path);

// Whether clean_path(path) == path, without allocating; the common case on the hot path.
bool is_clean_path(std::string_view path);

// Go's strings.TrimSpace: Unicode white space, so a pattern ending in U+00A0 is trimmed the way
// Docker trims it.
using base::trim_space;

}  // namespace strata::context
