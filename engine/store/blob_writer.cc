#include "engine/store/blob_writer.h"

#include <sys/stat.h>

#include "engine/store/store_error.h"

namespace strata::store {

namespace {
constexpr mode_t k_blob_mode = 0444;
}  // namespace

base::Status BlobWriter::write(std::span<const uint8_t> data) {
  if (!m_open) {
    return base::make_error(base::ErrorCode::invalid_argument,
                            "write to a blob writer that was committed or aborted");
  }
  if (auto status = m_file.write(data); !status) {
    abort();
    return status;
  }
  m_hash.update(data);
  m_size += data.size();
  return {};
}

base::Status BlobWriter::write(std::string_view data) {
  return write(std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

base::Result<BlobInfo> BlobWriter::commit(std::optional<base::Digest> expected) {
  if (!m_open) {
    return base::make_error(base::ErrorCode::invalid_argument,
                            "commit of a blob writer that was committed or aborted");
  }
  m_open = false;
  BlobInfo info{m_hash.finish(), m_size};
  if (expected && *expected != info.digest) {
    m_file.abort();
    return base::make_error(base::ErrorCode::invalid_argument,
                            "digest mismatch: expected " + expected->to_string() + ", content is " +
                                info.digest.to_string() + " (" + std::to_string(info.size) +
                                " bytes)");
  }
  return publish_blob(std::move(m_file), m_blobs_dir, info);
}

void BlobWriter::abort() {
  m_open = false;
  m_file.abort();
}

base::Result<BlobInfo> publish_blob(StagingFile file, const std::filesystem::path& blobs_dir,
                                    const BlobInfo& info) {
  std::filesystem::path destination = blobs_dir / info.digest.hex();
  struct stat st {};
  if (::stat(destination.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) == info.size) {
    file.abort();
    return info;
  }
  if (auto status = file.commit(destination, k_blob_mode); !status) {
    return base::wrap_error(std::move(status).error(),
                            "cannot store blob " + info.digest.to_string());
  }
  return info;
}

}  // namespace strata::store
