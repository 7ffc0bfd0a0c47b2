#include "engine/cli/assignments.h"

#include <fmt/format.h>

#include <cstdlib>

namespace strata::cli {

base::Result<dockerfile::Environment> parse_assignments(const std::vector<std::string>& items,
                                                        std::string_view flag, BareName bare) {
  dockerfile::Environment env;
  for (const std::string& item : items) {
    size_t equals = item.find('=');
    std::string name = item.substr(0, equals);
    if (name.empty()) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              fmt::format("invalid {} \"{}\": the name is empty", flag, item));
    }
    if (equals != std::string::npos) {
      env[name] = item.substr(equals + 1);
    } else if (bare == BareName::empty) {
      env[name] = "";
    } else if (const char* value = std::getenv(name.c_str())) {
      env[name] = value;
    }
  }
  return env;
}

}  // namespace strata::cli
