#include "engine/store/staging_file.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

#include "engine/store/file_lock.h"
#include "engine/store/store_error.h"

namespace strata::store {

namespace {

constexpr size_t k_buffer_size = 128 * 1024;
// Attempts are spent on name collisions, and on the named path on losing the instant between
// open and flock to a concurrent gc; running out means something is badly wrong with tmp/.
constexpr int k_create_attempts = 64;

// "<tmp_dir>/<prefix>-<12 random hex digits>". getrandom rather than a seeded generator so
// that forked processes do not pick the same names in lockstep.
std::filesystem::path temp_name(const std::filesystem::path& tmp_dir, std::string_view prefix) {
  uint8_t random[6] = {};
  if (::getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) {
    // Practically unreachable; collisions are handled by the callers' retries anyway.
    uint64_t fallback =
        static_cast<uint64_t>(::getpid()) << 32 ^
        static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    std::memcpy(random, &fallback, sizeof random);
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string name(prefix);
  name += '-';
  for (uint8_t byte : random) {
    name += k_hex[byte >> 4];
    name += k_hex[byte & 0xF];
  }
  return tmp_dir / name;
}

}  // namespace

base::Result<std::optional<StagingFile>> StagingFile::create_unnamed(
    const std::filesystem::path& tmp_dir, std::string_view prefix) {
  int raw_fd = ::open(tmp_dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (raw_fd < 0) {
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
      return std::optional<StagingFile>();  // the filesystem has no O_TMPFILE
    }
    return errno_error("create temp file in", tmp_dir);
  }
  UniqueFd fd(raw_fd);
  // Nobody else can reach an unnamed file, so this never waits.
  auto locked = flock_fd(fd.get(), LockMode::exclusive, true, tmp_dir);
  if (!locked) return std::move(locked).error();
  // linkat(AT_EMPTY_PATH) needs CAP_DAC_READ_SEARCH; the /proc link works for everyone.
  std::string self = "/proc/self/fd/" + std::to_string(fd.get());
  for (int attempt = 0; attempt < k_create_attempts; ++attempt) {
    std::filesystem::path name = temp_name(tmp_dir, prefix);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      return std::optional<StagingFile>(StagingFile(std::move(fd), std::move(name)));
    }
    if (errno == EEXIST) continue;
    if (errno == ENOENT) return std::optional<StagingFile>();  // no /proc
    return errno_error("link temp file", name);
  }
  return base::make_error(base::ErrorCode::io, "no free temp file name in " + tmp_dir.string());
}

base::Result<StagingFile> StagingFile::create_named(const std::filesystem::path& tmp_dir,
                                                    std::string_view prefix) {
  for (int attempt = 0; attempt < k_create_attempts; ++attempt) {
    std::filesystem::path name = temp_name(tmp_dir, prefix);
    int raw_fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (raw_fd < 0) {
      if (errno == EEXIST) continue;
      return errno_error("create temp file", name);
    }
    UniqueFd fd(raw_fd);
    auto locked = flock_fd(fd.get(), LockMode::exclusive, true, name);
    if (!locked) {
      ::unlink(name.c_str());
      return std::move(locked).error();
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return errno_error("fstat", name);
    if (st.st_nlink > 0) return StagingFile(std::move(fd), std::move(name));
    // gc found the file unlocked in the instant before our flock and removed it.
  }
  return base::make_error(base::ErrorCode::io,
                          "temp files in " + tmp_dir.string() + " keep vanishing after creation");
}

base::Result<StagingFile> StagingFile::create(const std::filesystem::path& tmp_dir,
                                              std::string_view prefix) {
  auto unnamed = create_unnamed(tmp_dir, prefix);
  if (!unnamed) return std::move(unnamed).error();
  if (*unnamed) return std::move(**unnamed);
  return create_named(tmp_dir, prefix);
}

StagingFile::StagingFile(StagingFile&& other) noexcept
    : m_fd(std::move(other.m_fd)),
      m_path(std::move(other.m_path)),
      m_buffer(std::move(other.m_buffer)),
      m_size(other.m_size) {
  other.m_path.clear();
}

StagingFile& StagingFile::operator=(StagingFile&& other) noexcept {
  if (this != &other) {
    abort();
    m_fd = std::move(other.m_fd);
    m_path = std::move(other.m_path);
    m_buffer = std::move(other.m_buffer);
    m_size = other.m_size;
    other.m_path.clear();
  }
  return *this;
}

base::Status StagingFile::write(std::span<const uint8_t> data) {
  if (!m_fd.valid()) {
    return base::make_error(base::ErrorCode::internal, "write to a closed staging file");
  }
  m_size += data.size();
  if (m_buffer.size() + data.size() <= k_buffer_size) {
    m_buffer.insert(m_buffer.end(), data.begin(), data.end());
    return {};
  }
  if (auto status = flush(); !status) return status;
  if (data.size() >= k_buffer_size) return write_all(m_fd.get(), data, m_path);
  m_buffer.assign(data.begin(), data.end());
  return {};
}

base::Status StagingFile::flush() {
  if (m_buffer.empty()) return {};
  auto status = write_all(m_fd.get(), m_buffer, m_path);
  m_buffer.clear();
  return status;
}

base::Status StagingFile::commit(const std::filesystem::path& destination, mode_t mode) {
  if (!m_fd.valid()) {
    return base::make_error(base::ErrorCode::internal, "commit of a closed staging file");
  }
  auto failed = [&](base::Error error) {
    abort();
    return error;
  };
  if (auto status = flush(); !status) return failed(std::move(status).error());
  if (::fchmod(m_fd.get(), mode) != 0) return failed(errno_error("fchmod", m_path));
  if (::fsync(m_fd.get()) != 0) return failed(errno_error("fsync", m_path));
  if (::rename(m_path.c_str(), destination.c_str()) != 0) {
    int error_number = errno;
    return failed(base::make_error(base::ErrorCode::io, "rename " + m_path.string() + " to " +
                                                            destination.string() + ": " +
                                                            std::strerror(error_number)));
  }
  m_path.clear();
  m_fd.reset();
  return fsync_dir(destination.parent_path());
}

void StagingFile::abort() {
  if (!m_path.empty()) ::unlink(m_path.c_str());
  m_path.clear();
  m_buffer.clear();
  m_fd.reset();
}

base::Status write_file_atomic(const std::filesystem::path& tmp_dir,
                               const std::filesystem::path& destination, std::string_view bytes,
                               mode_t mode) {
  auto file = StagingFile::create(tmp_dir, destination.filename().string());
  if (!file) return std::move(file).error();
  auto data = std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (auto status = file->write(data); !status) return status;
  return file->commit(destination, mode);
}

}  // namespace strata::store
