#pragma once

#include <chrono>
#include <filesystem>
#include <optional>

#include "engine/base/result.h"
#include "engine/store/posix_file.h"

namespace strata::store {

enum class LockMode { shared, exclusive };

// An advisory flock(2) on a file, held until destruction or release().
//
// flock belongs to the open file description, so two FileLocks on the same path exclude each
// other even inside one process, and the kernel drops the lock when its holder dies (kill -9
// included): a crashed build never leaves the store locked.
class FileLock {
 public:
  // How long acquire() waits: std::nullopt blocks until the lock is free.
  using Timeout = std::optional<std::chrono::milliseconds>;

  // Opens (creating if needed) `path` and locks it in `mode`. With a timeout, gives up with an
  // io error naming the path once the timeout has passed.
  static base::Result<FileLock> acquire(const std::filesystem::path& path, LockMode mode,
                                        Timeout timeout = std::nullopt);
  // One attempt: std::nullopt when another holder has the lock.
  static base::Result<std::optional<FileLock>> try_acquire(const std::filesystem::path& path,
                                                           LockMode mode);

  FileLock(FileLock&&) noexcept = default;
  FileLock& operator=(FileLock&&) noexcept = default;
  ~FileLock() = default;  // closing the descriptor releases the lock

  LockMode mode() const { return m_mode; }
  bool held() const { return m_fd.valid(); }
  void release() { m_fd.reset(); }

 private:
  FileLock(UniqueFd fd, LockMode mode) : m_fd(std::move(fd)), m_mode(mode) {}

  UniqueFd m_fd;
  LockMode m_mode;
};

// Whether flock_fd() took the lock.
enum class FlockOutcome { acquired, busy };

// flock(2) on an open descriptor, retrying EINTR; `blocking` waits for the lock.
base::Result<FlockOutcome> flock_fd(int fd, LockMode mode, bool blocking,
                                    const std::filesystem::path& path);

}  // namespace strata::store
