#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::dockerfile {

// The `--name=value` flags an instruction accepts, validated as BuildKit's BFlags does:
// unknown flag, duplicate, missing value and bad boolean are errors.
class FlagSet {
 public:
  enum class Kind { boolean, string, strings };

  FlagSet& add(std::string name, Kind kind, std::string default_value = {});
  // Errors carry the offending flag (as written) in `bad_flag`.
  base::Status parse(const std::vector<std::string>& flags);

  const std::string& value(std::string_view name) const;
  bool boolean(std::string_view name) const { return value(name) == "true"; }
  const std::vector<std::string>& values(std::string_view name) const;
  bool was_set(std::string_view name) const;
  const std::string& bad_flag() const { return m_bad_flag; }

 private:
  struct Flag {
    Kind kind;
    std::string value;
    std::vector<std::string> values;
    bool set = false;
  };
  std::map<std::string, Flag, std::less<>> m_flags;
  std::string m_bad_flag;
};

// "(did you mean from?)" for a near miss among `candidates`, or empty.
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace strata::dockerfile
