#pragma once

#include <filesystem>

#include "engine/base/digest.h"
#include "engine/base/result.h"

namespace strata::store {

// $STRATA_ROOT when set and non-empty, else $HOME/.local/share/strata (the home directory
// comes from the password database when HOME is unset). Empty only when neither is known;
// StoreLayout::open rejects an empty root.
std::filesystem::path default_store_root();

// Where things live under a store root (DESIGN.md §3, "Store root"):
//   <root>/blobs/sha256/<hex>   content-addressed blobs, mode 0444
//   <root>/refs/                image references (see ref_store.h)
//   <root>/tmp/                 staging for atomic writes (see staging_file.h)
//   <root>/lock                 the store-wide advisory lock (see file_lock.h)
// Other modules add snapshots/, cache/ and containers/; the store reserves nothing else.
class StoreLayout {
 public:
  // Makes `root` absolute (so a later chdir does not move the store) and creates the
  // directories (0755) and the lock file when missing.
  static base::Result<StoreLayout> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return m_root; }
  std::filesystem::path blobs_dir() const { return m_root / "blobs" / "sha256"; }
  std::filesystem::path blob_path(const base::Digest& digest) const {
    return blobs_dir() / digest.hex();
  }
  std::filesystem::path refs_dir() const { return m_root / "refs"; }
  std::filesystem::path tmp_dir() const { return m_root / "tmp"; }
  std::filesystem::path lock_path() const { return m_root / "lock"; }

 private:
  explicit StoreLayout(std::filesystem::path root) : m_root(std::move(root)) {}
  std::filesystem::path m_root;
};

}  // namespace strata::store
