#include "engine/layer/tree_walker.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <utility>

#include "engine/layer/layer_path.h"
#include "engine/layer/posix.h"

namespace strata::layer {

namespace {

constexpr const char* k_capability_xattr = "security.capability";

struct Walker {
  std::filesystem::path root;
  std::vector<LayerEntry> entries;
  std::vector<std::pair<dev_t, ino_t>> inodes;  // parallel to `entries`, for hardlinks

  base::Error io_error(std::string_view relative, int error_number) const {
    return posix::errno_error((root / relative).string(), error_number);
  }

  base::Result<std::vector<std::string>> list_names(int dir_fd, std::string_view relative) {
    auto names = posix::list_dir(dir_fd, (root / relative).string());
    if (names) std::sort(names->begin(), names->end());
    return names;
  }

  base::Status walk(int dir_fd, const std::string& relative, const std::string& layer_dir) {
    auto names = list_names(dir_fd, relative);
    if (!names) return std::move(names).error();
    for (const std::string& name : *names) {
      std::string child_relative = join_path(relative, name);
      struct stat info {};
      if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        return io_error(child_relative, errno);
      }
      if (S_ISSOCK(info.st_mode)) continue;
      LayerEntry entry;
      entry.path = join_path(layer_dir, name);
      entry.mode = info.st_mode & 07777;
      entry.uid = info.st_uid;
      entry.gid = info.st_gid;
      entry.mtime = info.st_mtim.tv_sec;
      std::filesystem::path host_path = root / child_relative;
      if (S_ISREG(info.st_mode)) {
        entry.type = EntryType::file;
        entry.size = static_cast<uint64_t>(info.st_size);
        entry.content = HostFile{host_path};
      } else if (S_ISDIR(info.st_mode)) {
        entry.type = EntryType::directory;
      } else if (S_ISLNK(info.st_mode)) {
        entry.type = EntryType::symlink;
        auto target = read_link(dir_fd, name, info, child_relative);
        if (!target) return std::move(target).error();
        entry.link_target = std::move(*target);
      } else if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) {
        entry.type = S_ISCHR(info.st_mode) ? EntryType::char_device : EntryType::block_device;
        entry.dev_major = major(info.st_rdev);
        entry.dev_minor = minor(info.st_rdev);
      } else if (S_ISFIFO(info.st_mode)) {
        entry.type = EntryType::fifo;
      }
      if (S_ISREG(info.st_mode)) read_capability(host_path, entry);
      bool is_dir = S_ISDIR(info.st_mode);
      entries.push_back(std::move(entry));
      inodes.emplace_back(info.st_nlink > 1 && S_ISREG(info.st_mode) ? info.st_dev : 0,
                          info.st_nlink > 1 && S_ISREG(info.st_mode) ? info.st_ino : 0);
      if (is_dir) {
        posix::UniqueFd child(
            ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!child.valid()) return io_error(child_relative, errno);
        std::string child_layer_dir = entries.back().path;
        if (base::Status status = walk(child.get(), child_relative, child_layer_dir); !status) {
          return status;
        }
      }
    }
    return {};
  }

  base::Result<std::string> read_link(int dir_fd, const std::string& name, const struct stat& info,
                                      std::string_view relative) {
    // st_size is the target's length for symlinks; a little more tells truncation apart.
    std::string target(static_cast<size_t>(info.st_size) + 1, '\0');
    ssize_t length = ::readlinkat(dir_fd, name.c_str(), target.data(), target.size());
    if (length < 0) return io_error(relative, errno);
    if (static_cast<size_t>(length) >= target.size()) {
      return base::make_error(base::ErrorCode::io,
                              fmt::format("{}: symlink changed while read", relative));
    }
    target.resize(static_cast<size_t>(length));
    return target;
  }

  static void read_capability(const std::filesystem::path& host_path, LayerEntry& entry) {
    char value[256];
    ssize_t length = ::lgetxattr(host_path.c_str(), k_capability_xattr, value, sizeof(value));
    // Missing xattrs (ENODATA) and file systems without them (ENOTSUP) are the common case.
    if (length > 0) entry.xattrs.emplace(k_capability_xattr, std::string(value, length));
  }

  // Order entries as the writer will, then turn later names of one inode into hardlinks to the
  // first, so every hardlink target is written before the link.
  void finish() {
    std::vector<size_t> order(entries.size());
    std::vector<std::string> keys(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      order[i] = i;
      keys[i] = layer_sort_key(entries[i].path);
    }
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    std::vector<LayerEntry> sorted;
    sorted.reserve(entries.size());
    std::map<std::pair<dev_t, ino_t>, std::string> first_names;
    for (size_t index : order) {
      LayerEntry& entry = entries[index];
      if (inodes[index].second != 0) {
        auto [it, inserted] = first_names.emplace(inodes[index], entry.path);
        if (!inserted) {
          entry.type = EntryType::hardlink;
          entry.link_target = it->second;
          entry.size = 0;
          entry.content = std::monostate{};
        }
      }
      sorted.push_back(std::move(entry));
    }
    entries = std::move(sorted);
  }
};

}  // namespace

base::Result<std::vector<LayerEntry>> entries_from_tree(const std::filesystem::path& root,
                                                        std::string_view prefix) {
  if (!prefix.empty()) {
    if (base::Status status = check_layer_path(prefix); !status) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              fmt::format("layer prefix '{}': {}", prefix, status.error().message));
    }
  }
  posix::UniqueFd root_fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root_fd.valid()) {
    int error_number = errno;
    base::Error error = posix::errno_error(root.string(), error_number);
    if (error_number == ENOENT) error.code = base::ErrorCode::not_found;
    return error;
  }
  Walker walker{root, {}, {}};
  if (base::Status status = walker.walk(root_fd.get(), "", std::string(prefix)); !status) {
    return status.error();
  }
  walker.finish();
  return std::move(walker.entries);
}

}  // namespace strata::layer
