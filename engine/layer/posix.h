#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"

// Small POSIX helpers shared by the layer module's files. Internal: not part of the public API.
namespace strata::layer::posix {

// Owns a file descriptor; closes it once.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return m_fd; }
  bool valid() const { return m_fd >= 0; }
  int release() { return std::exchange(m_fd, -1); }
  void reset();

 private:
  int m_fd = -1;
};

// An io error "<what>: <strerror(error_number)>".
base::Error errno_error(std::string_view what, int error_number);

// write(2) until every byte is written, retrying on EINTR and short writes. `name` only goes
// into the error ("write <name>: ..."), so the hot path builds no strings.
base::Status write_all(int fd, std::span<const uint8_t> data, std::string_view name);

// read(2) retrying on EINTR; returns the count read (0 at end of file).
base::Result<size_t> read_some(int fd, std::span<uint8_t> buffer, std::string_view name);

// The names in the directory open as `dir_fd` ("." and ".." left out), in no particular order.
// `name` only goes into the error.
base::Result<std::vector<std::string>> list_dir(int dir_fd, std::string_view name);

}  // namespace strata::layer::posix
