#include "engine/store/stale_temps.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "engine/store/file_lock.h"
#include "engine/store/posix_file.h"
#include "engine/store/store_error.h"

namespace strata::store {

namespace {

uint64_t tree_size(const std::filesystem::path& dir) {
  uint64_t total = 0;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) {
      uint64_t size = it->file_size(size_error);
      if (!size_error) total += size;
    }
  }
  return total;
}

struct Probe {
  bool stale = false;
  bool is_dir = false;
  uint64_t size = 0;
  UniqueFd lock;  // held while `stale`, when the entry can be locked at all
};

// Whether `entry` is stale; a stale entry comes back with its lock held.
base::Result<Probe> probe(const std::filesystem::path& entry) {
  Probe result;
  struct stat st {};
  if (::lstat(entry.c_str(), &st) != 0) {
    if (errno == ENOENT) return result;  // removed by its writer's commit or by another gc
    return errno_error("lstat", entry);
  }
  result.is_dir = S_ISDIR(st.st_mode);
  result.size = result.is_dir ? tree_size(entry) : static_cast<uint64_t>(st.st_size);
  if (!S_ISREG(st.st_mode) && !result.is_dir) {
    // Nobody stages through symlinks or special files, so nobody can be holding one.
    result.stale = true;
    return result;
  }
  auto fd = open_file(entry, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  if (!fd) {
    if (fd.error().code == base::ErrorCode::not_found) return result;
    return std::move(fd).error();
  }
  auto outcome = flock_fd(fd->get(), LockMode::exclusive, false, entry);
  if (!outcome) return std::move(outcome).error();
  if (*outcome == FlockOutcome::busy) return result;
  result.stale = true;
  result.lock = std::move(fd).value();
  return result;
}

}  // namespace

base::Result<std::vector<StaleTemp>> find_stale_temps(const std::filesystem::path& tmp_dir) {
  std::vector<StaleTemp> stale;
  std::error_code error;
  std::filesystem::directory_iterator it(tmp_dir, error);
  if (error) {
    return base::make_error(base::ErrorCode::io,
                            "list " + tmp_dir.string() + ": " + error.message());
  }
  for (std::filesystem::directory_iterator end; it != end; it.increment(error)) {
    auto found = probe(it->path());
    if (!found) return std::move(found).error();
    if (found->stale) stale.push_back({it->path(), found->size});
  }
  if (error) {
    return base::make_error(base::ErrorCode::io,
                            "list " + tmp_dir.string() + ": " + error.message());
  }
  std::sort(stale.begin(), stale.end(),
            [](const StaleTemp& a, const StaleTemp& b) { return a.path < b.path; });
  return stale;
}

base::Result<bool> remove_if_stale(const std::filesystem::path& entry) {
  auto found = probe(entry);
  if (!found) return std::move(found).error();
  if (!found->stale) return false;
  if (found->is_dir) {
    std::error_code error;
    std::filesystem::remove_all(entry, error);
    if (error) {
      return base::make_error(base::ErrorCode::io,
                              "remove " + entry.string() + ": " + error.message());
    }
    return true;
  }
  if (::unlink(entry.c_str()) != 0 && errno != ENOENT) return errno_error("unlink", entry);
  return true;
}

}  // namespace strata::store
