#pragma once

#include <cstdint>

#include "engine/base/digest.h"
#include "engine/layer/stream.h"

namespace strata::layer {

// Passes bytes through to `sink`, hashing and counting them on the way: how a digest is computed
// while streaming instead of in a second pass over the data.
class HashingSink final : public Sink {
 public:
  explicit HashingSink(Sink& sink) : m_sink(sink) {}
  base::Status write(std::span<const uint8_t> data) override;
  uint64_t size() const { return m_size; }
  base::Digest finish() { return m_hash.finish(); }

 private:
  Sink& m_sink;
  base::Sha256 m_hash;
  uint64_t m_size = 0;
};

// The same for a Source: what the reader gets is what is hashed.
class HashingSource final : public Source {
 public:
  explicit HashingSource(Source& source) : m_source(source) {}
  base::Result<size_t> read(std::span<uint8_t> buffer) override;
  uint64_t size() const { return m_size; }
  base::Digest finish() { return m_hash.finish(); }

 private:
  Source& m_source;
  base::Sha256 m_hash;
  uint64_t m_size = 0;
};

// Reads `source` to its end, discarding the bytes (a hashing source below still sees them).
base::Status drain(Source& source);

}  // namespace strata::layer
