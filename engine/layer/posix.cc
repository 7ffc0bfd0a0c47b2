#include "engine/layer/posix.h"

#include <dirent.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace strata::layer::posix {

base::Error errno_error(std::string_view what, int error_number) {
  return base::make_error(base::ErrorCode::io,
                          fmt::format("{}: {}", what, std::strerror(error_number)));
}

base::Status write_all(int fd, std::span<const uint8_t> data, std::string_view name) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      int error_number = errno;
      if (error_number == EINTR) continue;
      return errno_error(fmt::format("write {}", name), error_number);
    }
    data = data.subspan(static_cast<size_t>(written));
  }
  return {};
}

base::Result<size_t> read_some(int fd, std::span<uint8_t> buffer, std::string_view name) {
  while (true) {
    ssize_t count = ::read(fd, buffer.data(), buffer.size());
    if (count >= 0) return static_cast<size_t>(count);
    int error_number = errno;
    if (error_number != EINTR) return errno_error(fmt::format("read {}", name), error_number);
  }
}

base::Result<std::vector<std::string>> list_dir(int dir_fd, std::string_view name) {
  // fdopendir takes ownership of the descriptor it is given, so give it a copy.
  int copy = ::dup(dir_fd);
  if (copy < 0) return errno_error(name, errno);
  DIR* dir = ::fdopendir(copy);
  if (!dir) {
    int error_number = errno;
    ::close(copy);
    return errno_error(name, error_number);
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* item = ::readdir(dir)) {
    std::string_view entry = item->d_name;
    if (entry != "." && entry != "..") names.emplace_back(entry);
  }
  int error_number = errno;
  ::closedir(dir);
  if (error_number != 0) return errno_error(name, error_number);
  return names;
}

}  // namespace strata::layer::posix
