#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/store/blob_reader.h"
#include "engine/store/blob_writer.h"
#include "engine/store/store_layout.h"

namespace strata::store {

// Content-addressed blobs under <root>/blobs/sha256/<hex>, each written once, atomically
// (staging_file.h), and read-only (0444) afterwards.
//
// Reads verify: read() and open() re-hash what they return and report a blob whose bytes do
// not match its digest as a corrupt error (is_corrupt() in store_error.h), so corruption on
// disk is never silently used. The hash costs far less than whatever the caller does with the
// bytes (untar, push, parse). path() is the one unverified door, for tools that must read the
// file themselves; call verify() first where it matters.
//
// Safe across processes without the store lock: two writers of the same content rename the
// same bytes onto the same name, and readers only ever see whole files.
class BlobStore {
 public:
  explicit BlobStore(const StoreLayout& layout) : m_layout(layout) {}

  // Stores `bytes`. Content already present (a blob file of that name and size) is not
  // written again, so a repeated put costs a hash and a stat; fsck and verify() are what
  // re-hash stored blobs.
  base::Result<base::Digest> put(std::string_view bytes);
  // Stores the content of the file at `file`, streamed.
  base::Result<BlobInfo> put_file(const std::filesystem::path& file);
  // A streaming writer (blob_writer.h).
  base::Result<BlobWriter> writer();

  bool contains(const base::Digest& digest) const;
  // The size on disk; not_found when absent.
  base::Result<uint64_t> size(const base::Digest& digest) const;
  // The whole blob, verified.
  base::Result<std::string> read(const base::Digest& digest) const;
  // A verifying stream over the blob (blob_reader.h).
  base::Result<BlobReader> open(const base::Digest& digest) const;
  // Where the blob lives (whether or not it exists). Unverified: see above.
  std::filesystem::path path(const base::Digest& digest) const {
    return m_layout.blob_path(digest);
  }
  // Re-hashes the blob: ok, not_found, or a corrupt error naming the digest and the path.
  base::Status verify(const base::Digest& digest) const;
  base::Status remove(const base::Digest& digest);
  // Every stored blob, sorted. Files in blobs/sha256 that are not named by a digest are
  // skipped here and reported by fsck.
  base::Result<std::vector<base::Digest>> list() const;

 private:
  StoreLayout m_layout;
};

}  // namespace strata::store
