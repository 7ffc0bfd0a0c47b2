#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/dockerfile/shell_lexer.h"

namespace strata::cli {

// What `NAME` without `=VALUE` means for a flag.
enum class BareName {
  empty,             // set but empty (`debug expand --env NAME`, as BuildKit's BuildEnvs does)
  from_environment,  // docker's --build-arg NAME: the caller's value, or not given when unset
};

// Parses repeated `NAME=VALUE` flag values; an empty name is an error naming the flag.
base::Result<dockerfile::Environment> parse_assignments(const std::vector<std::string>& items,
                                                        std::string_view flag, BareName bare);

}  // namespace strata::cli
