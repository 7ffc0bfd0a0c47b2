#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/store/file_lock.h"
#include "engine/store/ref_store.h"
#include "engine/store/stale_temps.h"
#include "engine/store/store_layout.h"

namespace strata::store {

// What fsck found. A store is consistent when every list is empty.
struct FsckReport {
  uint64_t blobs_checked = 0;
  uint64_t bytes_checked = 0;
  // Blobs whose bytes do not hash to their name.
  std::vector<base::Digest> corrupt_blobs;
  // Entries of blobs/sha256 that are not named by a digest or are not regular files.
  std::vector<std::filesystem::path> stray_files;
  // Leftovers of interrupted writes (staging_file.h); live writers' temps are not listed.
  std::vector<StaleTemp> stale_temps;
  // References to blobs that are not in the store.
  std::vector<Ref> dangling_refs;
  // The refs index is unreadable (the error says why); its references were not checked.
  std::optional<base::Error> refs_error;

  bool consistent() const {
    return corrupt_blobs.empty() && stray_files.empty() && stale_temps.empty() &&
           dangling_refs.empty() && !refs_error;
  }
};

// Re-hashes every blob and checks the refs index and tmp/. Read-only, and safe to run beside
// builds: it takes no lock, and a blob removed while it runs is simply not counted. Fails only
// when the store cannot be walked at all; everything wrong inside it goes in the report.
base::Result<FsckReport> fsck(const StoreLayout& layout);

struct GcOptions {
  // How long gc waits for the store lock.
  FileLock::Timeout lock_timeout = std::chrono::seconds(30);
};

struct GcReport {
  std::vector<std::filesystem::path> removed_temps;
  uint64_t bytes_freed = 0;
};

// Removes stale temps under the exclusive store lock. Reachability collection of blobs comes
// with images, which know what a manifest references.
base::Result<GcReport> gc(const StoreLayout& layout, const GcOptions& options = {});

}  // namespace strata::store
