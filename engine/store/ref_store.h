#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/store/file_lock.h"
#include "engine/store/refs_index.h"
#include "engine/store/store_layout.h"

namespace strata::store {

struct Ref {
  std::string name;
  base::Digest digest;
  bool operator==(const Ref&) const = default;
};

// Image references ("docker.io/library/hello-app:1.0") -> digest, kept in one index file,
// <root>/refs/index (format in refs_index.h). One file rather than one per reference because
// names hold '/' and ':' and may outgrow a file name, and because the few hundred tags of a
// workstation rewrite in microseconds.
//
// Updates read, modify and atomically replace the index while holding the store lock
// (<root>/lock) exclusively, so concurrent processes never lose each other's updates. Reads
// take no lock: the rename makes every reader see one whole index, old or new.
class RefStore {
 public:
  struct Options {
    // How long an update waits for the store lock before failing; nullopt waits forever.
    FileLock::Timeout lock_timeout = std::chrono::seconds(30);
  };

  explicit RefStore(const StoreLayout& layout) : RefStore(layout, Options()) {}
  RefStore(const StoreLayout& layout, Options options);

  // Creates or moves `name`.
  base::Status set(std::string_view name, const base::Digest& digest);
  // not_found when `name` is not a reference.
  base::Result<base::Digest> get(std::string_view name) const;
  // not_found when `name` is not a reference.
  base::Status remove(std::string_view name);
  // Every reference, sorted by name.
  base::Result<std::vector<Ref>> list() const;

  std::filesystem::path index_path() const { return m_layout.refs_dir() / "index"; }

 private:
  base::Result<RefMap> load() const;
  base::Status save(const RefMap& refs);
  base::Result<FileLock> lock_for_update() const;

  StoreLayout m_layout;
  Options m_options;
};

}  // namespace strata::store
