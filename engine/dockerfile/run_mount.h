#pragma once

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata::dockerfile {

// One `RUN --mount=...` specification, as BuildKit parses it.
struct RunMount {
  enum class Type { bind, cache, tmpfs, secret, ssh };
  Type type = Type::bind;
  std::string target;
  std::string source;
  std::string from;  // stage or image for bind/cache
  std::string id;
  bool read_only = true;  // bind mounts default to read-only, cache mounts to read-write
  bool required = false;
  std::string sharing = "shared";  // cache: shared, private, locked
  std::string mode;
  std::string uid;
  std::string gid;
  std::string size;  // tmpfs
  std::string env;   // secret exposed as an environment variable
  bool operator==(const RunMount&) const = default;
};

// Parses `type=cache,target=/root/.cache,sharing=locked` (CSV fields, key=value or bare flags
// such as `ro`). Unknown types and keys are errors, as in BuildKit.
base::Result<RunMount> parse_run_mount(std::string_view spec);

std::string_view to_string(RunMount::Type type);

}  // namespace strata::dockerfile
