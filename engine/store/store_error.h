#pragma once

#include <cerrno>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/base/error.h"

namespace strata::store {

// On-disk records that fail their integrity check (a blob whose bytes do not hash to its name,
// a refs index whose checksum does not match) are ErrorCode::corrupt; messages start with
// k_corrupt_prefix so the text says so too.
inline constexpr std::string_view k_corrupt_prefix = "corrupt ";

base::Error make_corrupt_error(std::string message);
// True when `error`, or any error in its cause chain, reports corrupt on-disk data.
bool is_corrupt(const base::Error& error);

// An error for a failed system call on `path`: "<what> <path>: <strerror>". ENOENT maps to
// not_found so callers can tell a missing file from a failing disk.
base::Error errno_error(std::string_view what, const std::filesystem::path& path,
                        int error_number = errno);

}  // namespace strata::store
