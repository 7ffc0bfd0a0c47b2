#include "engine/layer/stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace strata::layer {

base::Status MemorySink::write(std::span<const uint8_t> data) {
  m_bytes.insert(m_bytes.end(), data.begin(), data.end());
  return {};
}

base::Result<size_t> MemorySource::read(std::span<uint8_t> buffer) {
  size_t count = std::min(buffer.size(), m_bytes.size());
  if (count == 0) return count;  // an empty span may have a null data()
  std::memcpy(buffer.data(), m_bytes.data(), count);
  m_bytes = m_bytes.subspan(count);
  return count;
}

base::Result<FileSink> FileSink::create(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return posix::errno_error("create " + path.string(), errno);
  return FileSink(posix::UniqueFd(fd), path.string());
}

base::Status FileSink::write(std::span<const uint8_t> data) {
  if (!m_fd.valid()) {
    return base::make_error(base::ErrorCode::internal, "write to closed file " + m_path);
  }
  return posix::write_all(m_fd.get(), data, m_path);
}

base::Status FileSink::close() {
  if (!m_fd.valid()) return {};
  if (::close(m_fd.release()) != 0) return posix::errno_error("close " + m_path, errno);
  return {};
}

base::Result<FileSource> FileSource::open(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error_number = errno;
    base::Error error = posix::errno_error("open " + path.string(), error_number);
    if (error_number == ENOENT) error.code = base::ErrorCode::not_found;
    return error;
  }
  return FileSource(posix::UniqueFd(fd), path.string());
}

base::Result<size_t> FileSource::read(std::span<uint8_t> buffer) {
  return posix::read_some(m_fd.get(), buffer, m_path);
}

}  // namespace strata::layer
