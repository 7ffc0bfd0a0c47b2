#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/store/staging_file.h"

namespace strata::store {

struct BlobInfo {
  base::Digest digest;
  uint64_t size = 0;
  bool operator==(const BlobInfo&) const = default;
};

// Streams one blob into the store: bytes go to a staging file and into a running sha256, and
// commit() publishes the file under its digest. Until then nothing is visible under blobs/;
// a writer destroyed without commit() (or killed) leaves at most a stale temp for gc.
class BlobWriter {
 public:
  BlobWriter(BlobWriter&&) noexcept = default;
  BlobWriter& operator=(BlobWriter&&) noexcept = default;
  ~BlobWriter() = default;  // the staging file aborts itself

  // A failed write aborts the writer: a blob with a hole must never be committed.
  base::Status write(std::span<const uint8_t> data);
  base::Status write(std::string_view data);
  // Publishes the blob. With `expected`, content hashing to anything else is rejected with an
  // invalid_argument error naming both digests, and nothing is published. Committing content
  // that is already stored is cheap: the staged copy is dropped.
  base::Result<BlobInfo> commit(std::optional<base::Digest> expected = std::nullopt);
  void abort();

  uint64_t size() const { return m_size; }

 private:
  friend class BlobStore;
  BlobWriter(std::filesystem::path blobs_dir, StagingFile file)
      : m_blobs_dir(std::move(blobs_dir)), m_file(std::move(file)) {}

  std::filesystem::path m_blobs_dir;
  StagingFile m_file;
  base::Sha256 m_hash;
  uint64_t m_size = 0;
  bool m_open = true;
};

// Publishes `file`, whose content hashes to `info.digest`, as <blobs_dir>/<hex> (mode 0444).
// When a blob of the same digest and size is already there the staged copy is dropped instead;
// one of the wrong size (a truncated file from outside the store's writers) is replaced.
base::Result<BlobInfo> publish_blob(StagingFile file, const std::filesystem::path& blobs_dir,
                                    const BlobInfo& info);

}  // namespace strata::store
