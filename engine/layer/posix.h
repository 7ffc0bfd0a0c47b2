#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"
#include "engine/base/unique_fd.h"

// Small POSIX helpers shared by the layer module's files. Internal: not part of the public API.
namespace strata::layer::posix {

using base::UniqueFd;

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
