#include "engine/store/store_layout.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <system_error>

#include "engine/store/posix_file.h"
#include "engine/store/store_error.h"

namespace strata::store {

std::filesystem::path default_store_root() {
  if (const char* root = std::getenv("STRATA_ROOT"); root != nullptr && *root != '\0') {
    return root;
  }
  std::filesystem::path home;
  if (const char* env_home = std::getenv("HOME"); env_home != nullptr && *env_home != '\0') {
    home = env_home;
  } else if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_dir) {
    home = entry->pw_dir;
  }
  if (home.empty()) return {};
  return home / ".local" / "share" / "strata";
}

base::Result<StoreLayout> StoreLayout::open(const std::filesystem::path& root) {
  if (root.empty()) {
    return base::make_error(base::ErrorCode::invalid_argument,
                            "no store root: set STRATA_ROOT or HOME");
  }
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(root, error);
  if (error) {
    return base::make_error(base::ErrorCode::io,
                            "store root " + root.string() + ": " + error.message());
  }
  StoreLayout layout(absolute.lexically_normal());
  for (const auto& dir : {layout.blobs_dir(), layout.refs_dir(), layout.tmp_dir()}) {
    if (auto status = make_dirs(dir); !status) {
      return base::wrap_error(std::move(status).error(), "cannot create store layout");
    }
  }
  // The lock file holds no data; it exists so every process has the same inode to flock.
  auto lock = open_file(layout.lock_path(), O_RDONLY | O_CREAT, 0644);
  if (!lock) return base::wrap_error(std::move(lock).error(), "cannot create store lock");
  return layout;
}

}  // namespace strata::store
