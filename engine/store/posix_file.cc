#include "engine/store/posix_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "engine/store/store_error.h"

namespace strata::store {

namespace {
constexpr mode_t k_dir_mode = 0755;
}  // namespace

base::Result<UniqueFd> open_file(const std::filesystem::path& path, int flags, int mode) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno_error("open", path);
  return UniqueFd(fd);
}

base::Status write_all(int fd, std::span<const uint8_t> data, const std::filesystem::path& path) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno_error("write", path);
    }
    data = data.subspan(static_cast<size_t>(written));
  }
  return {};
}

base::Result<size_t> read_some(int fd, std::span<uint8_t> buffer,
                               const std::filesystem::path& path) {
  for (;;) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) return errno_error("read", path);
  }
}

base::Result<std::string> read_whole_file(const std::filesystem::path& path) {
  auto fd = open_file(path, O_RDONLY);
  if (!fd) return std::move(fd).error();
  std::string text;
  uint8_t buffer[16 * 1024];
  for (;;) {
    auto got = read_some(fd->get(), buffer, path);
    if (!got) return std::move(got).error();
    if (*got == 0) return text;
    text.append(reinterpret_cast<const char*>(buffer), *got);
  }
}

base::Status fsync_dir(const std::filesystem::path& dir) {
  auto fd = open_file(dir, O_RDONLY | O_DIRECTORY);
  if (!fd) return std::move(fd).error();
  if (::fsync(fd->get()) != 0) return errno_error("fsync", dir);
  return {};
}

base::Status make_dirs(const std::filesystem::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return base::make_error(base::ErrorCode::io, "not a directory: " + dir.string());
  }
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    if (auto status = make_dirs(dir.parent_path()); !status) return status;
  }
  if (::mkdir(dir.c_str(), k_dir_mode) != 0) {
    if (errno == EEXIST) return {};  // another process created it first
    return errno_error("mkdir", dir);
  }
  // mkdir's mode passes through the umask; the store's layout promises 0755.
  if (::chmod(dir.c_str(), k_dir_mode) != 0) return errno_error("chmod", dir);
  return {};
}

}  // namespace strata::store
