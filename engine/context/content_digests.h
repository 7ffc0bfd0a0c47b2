#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <tuple>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/context/context_walker.h"

namespace strata::context {

// Content digests of context files, with a stat cache in front (ccache's approach): a file whose
// device, inode, size, mtime and ctime are unchanged is not read again. Cache keys use these
// digests, never mtimes, so touching a file does not miss the build cache.
class ContentDigests {
 public:
  explicit ContentDigests(std::filesystem::path root) : m_root(std::move(root)) {}

  // sha256 of a regular file's bytes; for a symlink, of its target text; directories and other
  // types have no content digest (an error).
  base::Result<base::Digest> digest(const ContextEntry& entry);

  size_t files_read() const { return m_files_read; }

 private:
  using StatKey = std::tuple<uint64_t, uint64_t, uint64_t, int64_t, int64_t>;
  std::filesystem::path m_root;
  std::map<StatKey, base::Digest> m_by_stat;
  size_t m_files_read = 0;
};

}  // namespace strata::context
