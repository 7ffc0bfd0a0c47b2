#pragma once

#include <string_view>

namespace strata::cli {

// Go's path.Match: '*' is any run of non-'/' characters, '?' one non-'/' character, '[...]' a
// class ('^' negates, 'a-z' ranges), '\' escapes. A malformed pattern matches nothing.
bool path_match(std::string_view pattern, std::string_view name);

}  // namespace strata::cli
