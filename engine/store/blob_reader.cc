#include "engine/store/blob_reader.h"

#include "engine/store/store_error.h"

namespace strata::store {

base::Error corrupt_blob_error(const base::Digest& digest, const std::filesystem::path& path,
                               const base::Digest& actual) {
  return make_corrupt_error("blob " + digest.to_string() + " at " + path.string() +
                            ": content hashes to " + actual.to_string());
}

base::Result<size_t> BlobReader::read(std::span<uint8_t> buffer) {
  if (m_end) {
    if (!*m_end) return m_end->error();
    return size_t{0};
  }
  if (buffer.empty()) {
    return base::make_error(base::ErrorCode::invalid_argument, "read into an empty buffer");
  }
  auto got = read_some(m_fd.get(), buffer, m_path);
  if (!got) return std::move(got).error();
  if (*got > 0) {
    m_hash.update(buffer.first(*got));
    return *got;
  }
  base::Digest actual = m_hash.finish();
  m_fd.reset();
  m_end = actual == m_digest ? base::Status()
                             : base::Status(corrupt_blob_error(m_digest, m_path, actual));
  if (!*m_end) return m_end->error();
  return size_t{0};
}

}  // namespace strata::store
