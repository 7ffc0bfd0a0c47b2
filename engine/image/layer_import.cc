#include "engine/image/layer_import.h"

#include <array>

#include "engine/image/blob_streams.h"
#include "engine/layer/compression.h"
#include "engine/layer/tar_reader.h"

namespace strata::image {

namespace {

// Reads every entry of the layer (names are checked by TarReader) and returns its diffID.
base::Result<layer::LayerDigests> check_layer(layer::Source& input) {
  auto reader = layer::TarReader::open(input);
  if (!reader) return std::move(reader).error();
  while (true) {
    auto entry = (*reader)->next();
    if (!entry) return std::move(entry).error();
    if (!*entry) break;
    if ((*entry)->type != layer::EntryType::file) continue;
    auto skip = [](uint64_t, std::span<const uint8_t>) { return base::Status(); };
    if (base::Status status = (*reader)->read_data(skip); !status) return status.error();
  }
  return (*reader)->finish();
}

}  // namespace

base::Result<ImportedLayer> import_layer(store::BlobStore& blobs, layer::Source& input) {
  auto plain = layer::open_decompressed(input);
  if (!plain) return std::move(plain).error();
  auto writer = blobs.writer();
  if (!writer) return std::move(writer).error();
  BlobSink sink(*writer);
  TeeSource tee(**plain, sink);
  auto digests = check_layer(tee);
  if (!digests) return std::move(digests).error();
  bool existed = blobs.contains(digests->diff_id);
  auto info = writer->commit(digests->diff_id);
  if (!info) return std::move(info).error();
  return ImportedLayer{info->digest, info->size, !existed};
}

base::Result<ImportedLayer> import_layer_blob(store::BlobStore& blobs, const base::Digest& blob) {
  auto head_reader = blobs.open(blob);
  if (!head_reader) return std::move(head_reader).error();
  std::array<uint8_t, 4> head{};
  auto count = head_reader->read(head);
  if (!count) return std::move(count).error();
  auto reader = blobs.open(blob);
  if (!reader) return std::move(reader).error();
  BlobSource source(std::move(*reader));
  if (layer::detect_compression(std::span(head).first(*count)) != layer::Compression::none) {
    return import_layer(blobs, source);
  }
  auto digests = check_layer(source);
  if (!digests) return std::move(digests).error();
  return ImportedLayer{digests->diff_id, digests->size, false};
}

}  // namespace strata::image
