#include "engine/cli/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace strata::cli {

namespace {

base::Error read_error(const std::string& path, const char* reason) {
  return base::make_error(base::ErrorCode::io, "cannot read " + path + ": " + reason);
}

}  // namespace

base::Result<std::string> read_input_file(const std::string& path) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return read_error(path, std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    if (fd != STDIN_FILENO) ::close(fd);
    return read_error(path, "is a directory");
  }
  std::string text;
  char buffer[65536];
  while (true) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int saved = errno;
      if (fd != STDIN_FILENO) ::close(fd);
      return read_error(path, std::strerror(saved));
    }
    if (got == 0) break;
    text.append(buffer, static_cast<size_t>(got));
  }
  if (fd != STDIN_FILENO) ::close(fd);
  return text;
}

}  // namespace strata::cli
