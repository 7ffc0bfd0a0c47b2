#include "engine/cli/stdio_stream.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace strata::cli {

namespace {

base::Error io_error(std::string_view what, std::string_view name, int error_number) {
  return base::make_error(base::ErrorCode::io,
                          fmt::format("{} {}: {}", what, name, std::strerror(error_number)));
}

base::Status write_all(int fd, std::span<const uint8_t> data, std::string_view name) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return io_error("write", name, errno);
    }
    data = data.subspan(static_cast<size_t>(written));
  }
  return {};
}

}  // namespace

FdSource::~FdSource() {
  if (m_owned) ::close(m_fd);
}

base::Result<size_t> FdSource::read(std::span<uint8_t> buffer) {
  while (true) {
    ssize_t count = ::read(m_fd, buffer.data(), buffer.size());
    if (count >= 0) return static_cast<size_t>(count);
    if (errno != EINTR) return io_error("read", m_name, errno);
  }
}

base::Status FdSink::write(std::span<const uint8_t> data) {
  return write_all(m_fd, data, m_name);
}

base::Result<std::unique_ptr<AtomicFileSink>> AtomicFileSink::create(
    const std::filesystem::path& path) {
  std::filesystem::path absolute = std::filesystem::absolute(path);
  std::string temp =
      (absolute.parent_path() / ("." + absolute.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return io_error("create", path.string(), errno);  // 0600, as docker writes it
  return std::unique_ptr<AtomicFileSink>(new AtomicFileSink(fd, temp, absolute));
}

AtomicFileSink::~AtomicFileSink() {
  if (m_fd >= 0) {
    ::close(m_fd);
    ::unlink(m_temp.c_str());
  }
}

base::Status AtomicFileSink::write(std::span<const uint8_t> data) {
  return write_all(m_fd, data, m_path.string());
}

base::Status AtomicFileSink::commit() {
  int fd = m_fd;
  m_fd = -1;
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int error_number = errno;
    ::unlink(m_temp.c_str());
    return io_error("write", m_path.string(), error_number);
  }
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) {
    int error_number = errno;
    ::unlink(m_temp.c_str());
    return io_error("rename to", m_path.string(), error_number);
  }
  return {};
}

base::Result<std::unique_ptr<layer::Source>> open_input(const std::string& path) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<layer::Source>(std::make_unique<FdSource>(STDIN_FILENO, "stdin"));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("open", path, errno);
  return std::unique_ptr<layer::Source>(std::make_unique<FdSource>(fd, path, true));
}

}  // namespace strata::cli
