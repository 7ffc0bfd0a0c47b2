#pragma once

#include <utility>

#include "engine/layer/stream.h"
#include "engine/store/blob_reader.h"
#include "engine/store/blob_writer.h"

namespace strata::image {

// The layer module's streams over the store's blobs: the layer module never knows the store,
// so the image module, which uses both, joins them here.

// Reads a blob; its last read fails when the bytes do not hash to the blob's digest.
class BlobSource final : public layer::Source {
 public:
  explicit BlobSource(store::BlobReader reader) : m_reader(std::move(reader)) {}
  base::Result<size_t> read(std::span<uint8_t> buffer) override { return m_reader.read(buffer); }

 private:
  store::BlobReader m_reader;
};

// Writes into a blob being staged; the caller commits the writer.
class BlobSink final : public layer::Sink {
 public:
  explicit BlobSink(store::BlobWriter& writer) : m_writer(writer) {}
  base::Status write(std::span<const uint8_t> data) override { return m_writer.write(data); }

 private:
  store::BlobWriter& m_writer;
};

// Passes what it reads from `source` on to `copy` too.
class TeeSource final : public layer::Source {
 public:
  TeeSource(layer::Source& source, layer::Sink& copy) : m_source(source), m_copy(copy) {}
  base::Result<size_t> read(std::span<uint8_t> buffer) override;

 private:
  layer::Source& m_source;
  layer::Sink& m_copy;
};

}  // namespace strata::image
