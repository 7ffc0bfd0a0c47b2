#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "engine/base/result.h"
#include "engine/layer/posix.h"

namespace strata::layer {

// A directory that path lookups may not leave: the extraction target of a layer. Lookups walk
// one component at a time with openat(O_NOFOLLOW), so the kernel never follows a symlink for us;
// symlinks met on the way are resolved here the way a chroot at the root would see them (an
// absolute target starts again from the root, as it would inside the container), and one that
// climbs above the root is an error naming it. Lower layers legitimately route paths through
// symlinks (Debian's /lib -> usr/lib, /var/run -> /run), so refusing all symlinks is not an
// option; following them with the host's view would be an escape.
class RootedDir {
 public:
  static base::Result<RootedDir> open(const std::filesystem::path& root);

  int fd() const { return m_root.get(); }

  // Opens the directory at `path` (a clean layer path; "" is the root itself). Missing
  // directories are created (0755) when `create` is set; otherwise a missing one gives nullopt.
  // An existing non-directory on the way is an error.
  base::Result<std::optional<posix::UniqueFd>> open_dir(std::string_view path, bool create) const;

 private:
  explicit RootedDir(posix::UniqueFd root) : m_root(std::move(root)) {}
  posix::UniqueFd m_root;
};

// Removes `name` from the directory `dir_fd`, with everything under it when it is a directory,
// never following a symlink. A missing name is not an error.
base::Status remove_all_at(int dir_fd, const std::string& name);

}  // namespace strata::layer
