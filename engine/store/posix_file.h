#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <utility>

#include "engine/base/result.h"
#include "engine/base/unique_fd.h"

namespace strata::store {

using base::UniqueFd;

// open(2) with O_CLOEXEC; errors name `path`.
base::Result<UniqueFd> open_file(const std::filesystem::path& path, int flags, int mode = 0);

// Writes all of `data`, retrying short writes and EINTR.
base::Status write_all(int fd, std::span<const uint8_t> data, const std::filesystem::path& path);

// Reads up to `buffer.size()` bytes; 0 only at end of file.
base::Result<size_t> read_some(int fd, std::span<uint8_t> buffer,
                               const std::filesystem::path& path);

base::Result<std::string> read_whole_file(const std::filesystem::path& path);

// Makes a rename or unlink in `dir` durable: the entry itself lives in the directory.
base::Status fsync_dir(const std::filesystem::path& dir);

// Creates `dir` (and its parents) with mode 0755 regardless of the umask; an existing
// directory is left as it is.
base::Status make_dirs(const std::filesystem::path& dir);

}  // namespace strata::store
