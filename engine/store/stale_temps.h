#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/base/result.h"

namespace strata::store {

// Leftovers in <root>/tmp/: by the protocol in staging_file.h, an entry no process holds a
// flock on belongs to a writer that died (kill -9, power loss) and can go.

struct StaleTemp {
  std::filesystem::path path;
  uint64_t size = 0;  // bytes, counting a directory's contents
  bool operator==(const StaleTemp&) const = default;
};

// The stale entries of `tmp_dir`, sorted by path; live writers' temps are skipped. Symlinks and
// special files are always stale: nobody stages through them.
base::Result<std::vector<StaleTemp>> find_stale_temps(const std::filesystem::path& tmp_dir);

// Removes `entry` (a file, or a directory with its contents) if it is still stale, holding
// its lock while removing. True when removed.
base::Result<bool> remove_if_stale(const std::filesystem::path& entry);

}  // namespace strata::store
