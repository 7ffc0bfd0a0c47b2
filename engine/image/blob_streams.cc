#include "engine/image/blob_streams.h"

namespace strata::image {

base::Result<size_t> TeeSource::read(std::span<uint8_t> buffer) {
  auto count = m_source.read(buffer);
  if (!count || *count == 0) return count;
  if (base::Status status = m_copy.write(buffer.first(*count)); !status) return status.error();
  return count;
}

}  // namespace strata::image
