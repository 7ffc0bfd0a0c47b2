#include "engine/store/store_error.h"

#include <cstring>

namespace strata::store {

base::Error make_corrupt_error(std::string message) {
  return base::make_error(base::ErrorCode::corrupt, std::string(k_corrupt_prefix) + message);
}

bool is_corrupt(const base::Error& error) {
  for (const base::Error* e = &error; e != nullptr; e = e->cause.get()) {
    if (e->code == base::ErrorCode::corrupt) return true;
  }
  return false;
}

base::Error errno_error(std::string_view what, const std::filesystem::path& path,
                        int error_number) {
  auto code = error_number == ENOENT ? base::ErrorCode::not_found : base::ErrorCode::io;
  return base::make_error(
      code, std::string(what) + " " + path.string() + ": " + std::strerror(error_number));
}

}  // namespace strata::store
