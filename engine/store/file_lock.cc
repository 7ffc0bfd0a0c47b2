#include "engine/store/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "engine/store/store_error.h"

namespace strata::store {

namespace {

// flock has no timed wait; polling with a growing pause keeps a short wait responsive and a
// long one cheap.
constexpr auto k_first_pause = std::chrono::milliseconds(1);
constexpr auto k_longest_pause = std::chrono::milliseconds(50);

const char* mode_name(LockMode mode) {
  return mode == LockMode::shared ? "shared" : "exclusive";
}

}  // namespace

base::Result<FlockOutcome> flock_fd(int fd, LockMode mode, bool blocking,
                                    const std::filesystem::path& path) {
  int operation = (mode == LockMode::shared ? LOCK_SH : LOCK_EX) | (blocking ? 0 : LOCK_NB);
  for (;;) {
    if (::flock(fd, operation) == 0) return FlockOutcome::acquired;
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK) return FlockOutcome::busy;
    return errno_error("flock", path);
  }
}

base::Result<std::optional<FileLock>> FileLock::try_acquire(const std::filesystem::path& path,
                                                            LockMode mode) {
  auto fd = open_file(path, O_RDONLY | O_CREAT, 0644);
  if (!fd) return std::move(fd).error();
  auto outcome = flock_fd(fd->get(), mode, false, path);
  if (!outcome) return std::move(outcome).error();
  if (*outcome == FlockOutcome::busy) return std::optional<FileLock>();
  return std::optional<FileLock>(FileLock(std::move(fd).value(), mode));
}

base::Result<FileLock> FileLock::acquire(const std::filesystem::path& path, LockMode mode,
                                         Timeout timeout) {
  auto fd = open_file(path, O_RDONLY | O_CREAT, 0644);
  if (!fd) return std::move(fd).error();
  if (!timeout) {
    auto outcome = flock_fd(fd->get(), mode, true, path);
    if (!outcome) return std::move(outcome).error();
    return FileLock(std::move(fd).value(), mode);
  }
  auto deadline = std::chrono::steady_clock::now() + *timeout;
  auto pause = std::chrono::duration_cast<std::chrono::steady_clock::duration>(k_first_pause);
  for (;;) {
    auto outcome = flock_fd(fd->get(), mode, false, path);
    if (!outcome) return std::move(outcome).error();
    if (*outcome == FlockOutcome::acquired) return FileLock(std::move(fd).value(), mode);
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return base::make_error(base::ErrorCode::io, std::string("timed out after ") +
                                                       std::to_string(timeout->count()) +
                                                       " ms waiting for " + mode_name(mode) +
                                                       " lock on " + path.string());
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(pause, deadline - now));
    pause = std::min<std::chrono::steady_clock::duration>(pause * 2, k_longest_pause);
  }
}

}  // namespace strata::store
