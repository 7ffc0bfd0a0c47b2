#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/context/ignore_matcher.h"

namespace strata::context {

// One entry of a build context, as the builder sees it after .dockerignore.
struct ContextEntry {
  enum class Type { file, directory, symlink, other };
  std::string path;  // relative to the context root, '/'-separated, clean ("src/app.py")
  Type type = Type::file;
  uint32_t mode = 0;  // permission bits (07777)
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint64_t size = 0;
  std::string link_target;  // symlinks only, as stored (never followed)
  int64_t mtime_ns = 0;     // not part of any cache key; kept for the stat cache and tar
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t ctime_ns = 0;
  bool operator==(const ContextEntry&) const = default;
};

// Walks `root` in byte order of names (parents before children), never following symlinks,
// leaving out what `ignore` excludes. An excluded directory is not descended into unless the
// ignore file has exception patterns that could re-include something below it (Docker's rule).
// The root itself is not listed.
base::Result<std::vector<ContextEntry>> walk_context(const std::filesystem::path& root,
                                                     const IgnoreMatcher& ignore);

}  // namespace strata::context
