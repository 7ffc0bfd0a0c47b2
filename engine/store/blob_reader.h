#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/store/posix_file.h"

namespace strata::store {

// Streams one blob and checks it on the way: the bytes are hashed as they are read, and the
// read that reaches the end returns a corrupt error (see store_error.h) instead of 0 when they
// do not hash to the blob's digest. A caller that reads to the end has therefore used only
// verified content or seen an error; one that stops early must not trust what it read.
class BlobReader {
 public:
  BlobReader(BlobReader&&) noexcept = default;
  BlobReader& operator=(BlobReader&&) noexcept = default;

  // Up to `buffer.size()` (> 0) bytes; 0 once the whole blob has been read and verified.
  base::Result<size_t> read(std::span<uint8_t> buffer);

  const base::Digest& digest() const { return m_digest; }
  // The size on disk when opened.
  uint64_t size() const { return m_size; }

 private:
  friend class BlobStore;
  BlobReader(UniqueFd fd, std::filesystem::path path, base::Digest digest, uint64_t size)
      : m_fd(std::move(fd)), m_path(std::move(path)), m_digest(digest), m_size(size) {}

  UniqueFd m_fd;
  std::filesystem::path m_path;
  base::Digest m_digest;
  uint64_t m_size = 0;
  base::Sha256 m_hash;
  std::optional<base::Status> m_end;  // set once the end was reached: ok or corrupt
};

// The error a blob whose content hashes to `actual` gets.
base::Error corrupt_blob_error(const base::Digest& digest, const std::filesystem::path& path,
                               const base::Digest& actual);

}  // namespace strata::store
