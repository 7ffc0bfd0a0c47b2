#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "engine/base/result.h"
#include "engine/layer/stream.h"
#include "engine/store/blob_reader.h"

struct archive;

namespace strata::image {

// Writes the outer tar of `strata save` (docker-archive or OCI layout) to a Sink: PAX-capable
// ustar headers, root-owned entries with mtime 0, so the same images give the same bytes.
// Unlike a layer, nothing here is sorted or validated: the archive formats fix the names.
class ArchiveWriter {
 public:
  static base::Result<std::unique_ptr<ArchiveWriter>> open(layer::Sink& sink);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  base::Status add_directory(std::string_view path);
  base::Status add_file(std::string_view path, std::string_view bytes);
  // Streams a blob in; the blob is verified as it goes, and a corrupt one fails the write.
  base::Status add_blob(std::string_view path, store::BlobReader reader);
  base::Status add_symlink(std::string_view path, std::string_view target);
  // Writes the end-of-archive marker. The archive is incomplete until this succeeds.
  base::Status finish();

 private:
  struct Callbacks;
  explicit ArchiveWriter(layer::Sink& sink) : m_sink(sink) {}
  base::Status header(std::string_view path, unsigned type, unsigned mode, uint64_t size,
                      std::string_view link = {});
  base::Status data(std::span<const uint8_t> bytes);
  base::Error archive_error(std::string_view what);

  layer::Sink& m_sink;
  struct archive* m_archive = nullptr;
  std::optional<base::Error> m_sink_error;
};

}  // namespace strata::image
