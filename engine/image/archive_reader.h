#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/layer/stream.h"
#include "engine/store/blob_store.h"

namespace strata::image {

// A regular file of an archive being loaded: stored in the blob store as it streamed past.
struct ArchiveFile {
  base::Digest digest;
  uint64_t size = 0;
};

// The members of an image archive (`docker save` or an OCI layout tar, plain or compressed).
//
// read() streams the tar once and stores every regular file as a blob, so a layer never sits
// in memory and an uncompressed layer.tar already is its layer blob. It rejects, naming the
// member: absolute and ".." names, device nodes and other special files, symlinks and hardlinks
// that lead out of the archive, members that appear twice, and files named by their digest
// ("blobs/sha256/<hex>", docker's "<hex>.json") whose content hashes to something else.
// Symlinks inside the archive (docker 20.10 links a repeated layer.tar to its first copy) are
// followed on lookup.
class ArchiveContents {
 public:
  static base::Result<ArchiveContents> read(layer::Source& source, store::BlobStore& blobs);

  bool contains(std::string_view path) const;
  // The file at `path` (links followed). Missing: "archive member '<path>' is missing (named
  // by <named_by>)".
  base::Result<ArchiveFile> file(std::string_view path, std::string_view named_by) const;
  // A small member's bytes (JSON metadata), at most 64 MiB.
  base::Result<std::string> read_text(std::string_view path, std::string_view named_by) const;

  // Blobs read() added to the store, which the loader removes unless an image kept them.
  const std::set<base::Digest>& created_blobs() const { return m_created; }
  void remove_created_blobs(const std::set<base::Digest>& keep) const;

 private:
  explicit ArchiveContents(store::BlobStore& blobs) : m_blobs(&blobs) {}
  base::Status scan(layer::Source& source);

  store::BlobStore* m_blobs;
  std::map<std::string, ArchiveFile, std::less<>> m_files;
  std::map<std::string, std::string, std::less<>> m_links;  // member -> target member
  std::set<base::Digest> m_created;

  friend class ArchiveScanner;
};

// "archive member '<name>': <message>"
base::Error member_error(std::string_view name, std::string_view message,
                         base::ErrorCode code = base::ErrorCode::invalid_argument);

}  // namespace strata::image
