#include "engine/layer/hashing.h"

#include <array>

namespace strata::layer {

base::Status HashingSink::write(std::span<const uint8_t> data) {
  if (base::Status status = m_sink.write(data); !status) return status;
  m_hash.update(data);
  m_size += data.size();
  return {};
}

base::Result<size_t> HashingSource::read(std::span<uint8_t> buffer) {
  auto count = m_source.read(buffer);
  if (count && *count > 0) {
    m_hash.update(buffer.first(*count));
    m_size += *count;
  }
  return count;
}

base::Status drain(Source& source) {
  std::array<uint8_t, 64 * 1024> buffer;
  while (true) {
    auto count = source.read(buffer);
    if (!count) return std::move(count).error();
    if (*count == 0) return {};
  }
}

}  // namespace strata::layer
