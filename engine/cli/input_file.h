#pragma once

#include <string>

#include "engine/base/result.h"

namespace strata::cli {

// Reads a whole file named on the command line ("-" is standard input).
base::Result<std::string> read_input_file(const std::string& path);

}  // namespace strata::cli
