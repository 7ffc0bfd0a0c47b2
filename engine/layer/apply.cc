#include "engine/layer/apply.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/layer/dir_chain.h"
#include "engine/layer/layer_path.h"
#include "engine/layer/rooted_dir.h"
#include "engine/layer/tar_reader.h"

namespace strata::layer {

namespace {

bool applies_xattr(std::string_view name) {
  return name == "security.capability" || name.starts_with("user.");
}

// The {atime, mtime} pair for futimens/utimensat. atime = mtime: the tar records no atime, and
// "now" would make two extractions of one layer differ.
struct EntryTimes {
  struct timespec times[2];
};

EntryTimes times_at(int64_t mtime) {
  EntryTimes pair{};
  pair.times[0] = {static_cast<time_t>(mtime), 0};
  pair.times[1] = pair.times[0];
  return pair;
}

class Applier {
 public:
  Applier(RootedDir root, TarReader& reader, const ApplyOptions& options)
      : m_root(std::move(root)), m_dirs_open(m_root), m_reader(reader), m_options(options) {}

  base::Status apply(const LayerEntry& entry) {
    base::Status status = apply_entry(entry);
    if (!status) {
      return base::make_error(
          status.error().code,
          fmt::format("layer entry '{}': {}", m_reader.raw_name(), status.error().message));
    }
    if (entry.type != EntryType::whiteout && entry.type != EntryType::opaque) {
      m_unpacked[entry.path] = entry.type;
    }
    return {};
  }

  // Directory modes and mtimes go last: creating children would bump the mtimes, and a
  // read-only mode would stop a caller without CAP_DAC_OVERRIDE from filling the directory.
  base::Status finish() {
    for (const DeferredDir& dir : m_dirs) {
      auto fd = m_dirs_open.open_dir(dir.path, false);
      if (!fd) return std::move(fd).error();
      if (*fd < 0) continue;  // removed again later in the layer
      if (::fchmod(*fd, dir.mode) != 0) return io_error("chmod " + dir.path);
      if (::futimens(*fd, times_at(dir.mtime).times) != 0)
        return io_error("set times of " + dir.path);
    }
    return {};
  }

  ApplyReport report;

 private:
  struct DeferredDir {
    std::string path;
    uint32_t mode;
    int64_t mtime;
  };

  static base::Error io_error(std::string_view what) { return posix::errno_error(what, errno); }

  base::Status apply_entry(const LayerEntry& entry) {
    bool device = entry.type == EntryType::char_device || entry.type == EntryType::block_device;
    if (device && !m_options.allow_devices) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              "device nodes are not allowed (ApplyOptions::allow_devices)");
    }
    if (entry.type == EntryType::opaque) return apply_opaque(entry);
    auto [parent_path, name_view] = split_parent(entry.path);
    std::string name(name_view);
    bool is_whiteout = entry.type == EntryType::whiteout;
    auto parent = m_dirs_open.open_dir(parent_path, !is_whiteout);
    if (!parent) return std::move(parent).error();
    if (is_whiteout) {
      ++report.whiteouts;
      // A whiteout hides what the layers below have; this layer's own entries stay.
      if (*parent < 0 || m_unpacked.contains(entry.path)) return {};
      return remove(*parent, name);
    }
    switch (entry.type) {
      case EntryType::file:
        return apply_file(entry, *parent, name);
      case EntryType::directory:
        return apply_directory(entry, *parent, name);
      case EntryType::symlink:
        return apply_symlink(entry, *parent, name);
      case EntryType::hardlink:
        return apply_hardlink(entry, *parent, name);
      default:
        return apply_special(entry, *parent, name);
    }
  }

  base::Status remove(int dir_fd, const std::string& name) {
    m_dirs_open.invalidate();
    return remove_all_at(dir_fd, name);
  }

  // Clears the way for a new entry at `name`; an existing directory stays when `keep_directory`.
  base::Result<bool> clear_leaf(int dir_fd, const std::string& name, bool keep_directory) {
    struct stat info {};
    if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) return false;
      return io_error("stat");
    }
    if (keep_directory && S_ISDIR(info.st_mode)) return true;
    if (base::Status status = remove(dir_fd, name); !status) return status.error();
    return false;
  }

  // Makes a new entry with `create` (true on success, errno set on failure). The common case, a
  // free name, costs that one call; a taken name is cleared and the call made once more.
  template <typename Create>
  base::Status create_leaf(int dir_fd, const std::string& name, std::string_view what,
                           Create&& create) {
    if (create()) return {};
    if (errno != EEXIST) return io_error(what);
    if (auto cleared = clear_leaf(dir_fd, name, false); !cleared) return cleared.error();
    if (create()) return {};
    return io_error(what);
  }

  base::Status set_owner_mode(int fd, const LayerEntry& entry) {
    // chown before chmod: chown clears setuid and setgid bits.
    if (m_options.preserve_ownership && ::fchown(fd, entry.uid, entry.gid) != 0) {
      return io_error("chown");
    }
    if (::fchmod(fd, entry.mode) != 0) return io_error("chmod");
    return {};
  }

  base::Status set_xattrs(int fd, const LayerEntry& entry) {
    // After chown, which drops security.capability.
    for (const auto& [name, value] : entry.xattrs) {
      if (!applies_xattr(name)) continue;
      if (::fsetxattr(fd, name.c_str(), value.data(), value.size(), 0) != 0 && errno != ENOTSUP) {
        return io_error("set xattr " + name);
      }
    }
    return {};
  }

  base::Status apply_file(const LayerEntry& entry, int parent, const std::string& name) {
    posix::UniqueFd fd;
    base::Status created = create_leaf(parent, name, "create", [&] {
      fd = posix::UniqueFd(::openat(parent, name.c_str(),
                                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      return fd.valid();
    });
    if (!created) return created;
    uint64_t end = 0;
    base::Status status = m_reader.read_data([&](uint64_t offset, std::span<const uint8_t> bytes) {
      while (!bytes.empty()) {
        ssize_t written =
            ::pwrite(fd.get(), bytes.data(), bytes.size(), static_cast<off_t>(offset));
        if (written < 0) {
          if (errno == EINTR) continue;
          return base::Status(io_error("write"));
        }
        bytes = bytes.subspan(static_cast<size_t>(written));
        offset += static_cast<uint64_t>(written);
      }
      end = std::max(end, offset);
      return base::Status();
    });
    if (!status) return status;
    // A sparse file may end in a hole that no data block reaches.
    if (end < entry.size && ::ftruncate(fd.get(), static_cast<off_t>(entry.size)) != 0) {
      return io_error("truncate");
    }
    if (base::Status done = set_owner_mode(fd.get(), entry); !done) return done;
    if (base::Status done = set_xattrs(fd.get(), entry); !done) return done;
    if (::futimens(fd.get(), times_at(entry.mtime).times) != 0) return io_error("set times");
    ++report.files;
    report.bytes += entry.size;
    return {};
  }

  base::Status apply_directory(const LayerEntry& entry, int parent, const std::string& name) {
    if (::mkdirat(parent, name.c_str(), 0700) != 0) {
      if (errno != EEXIST) return io_error("mkdir");
      auto existing = clear_leaf(parent, name, true);  // a directory stays, anything else goes
      if (!existing) return existing.error();
      if (!*existing && ::mkdirat(parent, name.c_str(), 0700) != 0) return io_error("mkdir");
    }
    posix::UniqueFd fd(
        ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) return io_error("open directory");
    if (m_options.preserve_ownership && ::fchown(fd.get(), entry.uid, entry.gid) != 0) {
      return io_error("chown");
    }
    if (base::Status done = set_xattrs(fd.get(), entry); !done) return done;
    m_dirs.push_back(DeferredDir{entry.path, entry.mode, entry.mtime});
    ++report.directories;
    m_dirs_open.adopt(entry.path, std::move(fd));  // its entries usually come next
    return {};
  }

  base::Status apply_symlink(const LayerEntry& entry, int parent, const std::string& name) {
    // Creating a symlink writes nothing through it; what matters is never following it later,
    // which RootedDir and O_NOFOLLOW see to.
    base::Status created = create_leaf(parent, name, "symlink", [&] {
      return ::symlinkat(entry.link_target.c_str(), parent, name.c_str()) == 0;
    });
    if (!created) return created;
    if (m_options.preserve_ownership &&
        ::fchownat(parent, name.c_str(), entry.uid, entry.gid, AT_SYMLINK_NOFOLLOW) != 0) {
      return io_error("chown");
    }
    if (::utimensat(parent, name.c_str(), times_at(entry.mtime).times, AT_SYMLINK_NOFOLLOW) != 0) {
      return io_error("set times");
    }
    ++report.symlinks;
    return {};
  }

  base::Status apply_hardlink(const LayerEntry& entry, int parent, const std::string& name) {
    auto it = m_unpacked.find(entry.link_target);
    if (it == m_unpacked.end() ||
        (it->second != EntryType::file && it->second != EntryType::hardlink)) {
      return base::make_error(
          base::ErrorCode::invalid_argument,
          fmt::format("hardlink target '{}' is not a file of this layer", entry.link_target));
    }
    if (entry.link_target == entry.path) {
      return base::make_error(base::ErrorCode::invalid_argument, "hardlink to itself");
    }
    auto [target_parent_path, target_name_view] = split_parent(entry.link_target);
    std::string target_name(target_name_view);
    auto target_parent = m_root.open_dir(target_parent_path, false);
    if (!target_parent) return std::move(target_parent).error();
    struct stat info {};
    if (!*target_parent ||
        ::fstatat((*target_parent)->get(), target_name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(info.st_mode)) {
      return base::make_error(
          base::ErrorCode::invalid_argument,
          fmt::format("hardlink target '{}' is no longer a file", entry.link_target));
    }
    base::Status created = create_leaf(parent, name, "link", [&] {
      return ::linkat((*target_parent)->get(), target_name.c_str(), parent, name.c_str(), 0) == 0;
    });
    if (!created) return created;
    ++report.hardlinks;
    return {};
  }

  base::Status apply_special(const LayerEntry& entry, int parent, const std::string& name) {
    mode_t type = entry.type == EntryType::char_device    ? S_IFCHR
                  : entry.type == EntryType::block_device ? S_IFBLK
                                                          : S_IFIFO;
    dev_t device = type == S_IFIFO ? 0 : makedev(entry.dev_major, entry.dev_minor);
    base::Status created = create_leaf(parent, name, "mknod", [&] {
      return ::mknodat(parent, name.c_str(), type | 0600, device) == 0;
    });
    if (!created) return created;
    if (m_options.preserve_ownership &&
        ::fchownat(parent, name.c_str(), entry.uid, entry.gid, AT_SYMLINK_NOFOLLOW) != 0) {
      return io_error("chown");
    }
    if (::fchmodat(parent, name.c_str(), entry.mode, 0) != 0) return io_error("chmod");
    if (::utimensat(parent, name.c_str(), times_at(entry.mtime).times, AT_SYMLINK_NOFOLLOW) != 0) {
      return io_error("set times");
    }
    ++report.special_files;
    return {};
  }

  base::Status apply_opaque(const LayerEntry& entry) {
    ++report.opaque_dirs;
    posix::UniqueFd dir;
    if (entry.path.empty()) {
      auto root = m_root.open_dir("", false);
      if (!root) return std::move(root).error();
      dir = std::move(**root);
    } else {
      auto [parent_path, name_view] = split_parent(entry.path);
      std::string name(name_view);
      auto parent = m_dirs_open.open_dir(parent_path, true);
      if (!parent) return std::move(parent).error();
      auto existing = clear_leaf(*parent, name, true);
      if (!existing) return existing.error();
      if (!*existing && ::mkdirat(*parent, name.c_str(), 0755) != 0) return io_error("mkdir");
      dir = posix::UniqueFd(
          ::openat(*parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!dir.valid()) return io_error("open directory");
    }
    return clear_below(dir.get(), entry.path);
  }

  // Removes from `dir_fd` (the directory `path`) all that this layer did not write, looking into
  // the directories it did write, as an opaque directory shows nothing of the layers below.
  base::Status clear_below(int dir_fd, const std::string& path) {
    auto names = posix::list_dir(dir_fd, path);
    if (!names) return std::move(names).error();
    for (const std::string& name : *names) {
      std::string child = join_path(path, name);
      auto it = m_unpacked.find(child);
      if (it == m_unpacked.end()) {
        if (base::Status status = remove(dir_fd, name); !status) return status;
      } else if (it->second == EntryType::directory) {
        posix::UniqueFd inner(
            ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!inner.valid()) return io_error("open directory " + child);
        if (base::Status status = clear_below(inner.get(), child); !status) return status;
      }
    }
    return {};
  }

  RootedDir m_root;
  DirChain m_dirs_open;
  TarReader& m_reader;
  ApplyOptions m_options;
  std::unordered_map<std::string, EntryType> m_unpacked;  // what this layer wrote so far
  std::vector<DeferredDir> m_dirs;
};

}  // namespace

base::Result<ApplyReport> apply_layer(Source& layer, const std::filesystem::path& target,
                                      const ApplyOptions& options) {
  auto root = RootedDir::open(target);
  if (!root) return std::move(root).error();
  auto reader = TarReader::open(layer);
  if (!reader) return std::move(reader).error();
  Applier applier(std::move(*root), **reader, options);
  while (true) {
    auto entry = (*reader)->next();
    if (!entry) return std::move(entry).error();
    if (!*entry) break;
    if (base::Status status = applier.apply(**entry); !status) return status.error();
  }
  if (base::Status status = applier.finish(); !status) return status.error();
  auto digests = (*reader)->finish();
  if (!digests) return std::move(digests).error();
  applier.report.layer = *digests;
  return applier.report;
}

}  // namespace strata::layer
