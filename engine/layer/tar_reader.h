#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/layer/digests.h"
#include "engine/layer/hashing.h"
#include "engine/layer/layer_entry.h"
#include "engine/layer/stream.h"

struct archive;
struct archive_entry;

namespace strata::layer {

// Reads a layer (plain tar, or gzip / zstd detected by magic) entry by entry. Names come back
// normalized (normalize_tar_name) and whiteout markers decoded into whiteout / opaque entries, so
// every consumer rejects the same hostile names. The uncompressed bytes are hashed as they pass,
// giving the diffID without a second read. One thread at a time.
class TarReader {
 public:
  static base::Result<std::unique_ptr<TarReader>> open(Source& source);
  ~TarReader();
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;

  // The next entry, or nullopt after the last. Entries for the layer root ("./") are skipped:
  // a layer does not change the root it is applied to. Content is left empty; for files, read
  // it with read_data() before the next call. Errors name the entry.
  base::Result<std::optional<LayerEntry>> next();

  // The name of the current entry as its header has it, for messages.
  const std::string& raw_name() const { return m_raw_name; }

  // Passes the current file's bytes to `consume` in pieces; `offset` is where a piece goes, as
  // sparse files arrive with holes between pieces.
  using DataConsumer = std::function<base::Status(uint64_t offset, std::span<const uint8_t>)>;
  base::Status read_data(const DataConsumer& consume);

  // Reads what is left of the stream (trailing padding included) and returns the digest and
  // size of all the uncompressed bytes.
  base::Result<LayerDigests> finish();

 private:
  struct Callbacks;  // libarchive's read callback, defined beside it in the .cc
  TarReader() = default;
  base::Result<LayerEntry> decode(struct archive_entry* header);

  std::unique_ptr<Source> m_input;
  std::unique_ptr<HashingSource> m_hashed;
  std::vector<uint8_t> m_buffer;
  std::optional<base::Error> m_read_error;
  struct archive* m_archive = nullptr;
  std::string m_raw_name;
};

// Every entry of a layer, for inspection ("is etc/passwd in this layer, and with what mode").
base::Result<std::vector<LayerEntry>> list_layer(Source& source);

}  // namespace strata::layer
