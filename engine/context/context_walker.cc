#include "engine/context/context_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace strata::context {

namespace {

using base::ErrorCode;
using base::make_error;

base::Error io_error(const std::filesystem::path& path, std::string_view what) {
  return make_error(ErrorCode::io, fmt::format("build context {}: {}: {}", path.string(), what,
                                               std::strerror(errno)));
}

ContextEntry entry_from_stat(std::string path, const struct stat& info) {
  ContextEntry entry;
  entry.path = std::move(path);
  if (S_ISREG(info.st_mode)) {
    entry.type = ContextEntry::Type::file;
  } else if (S_ISDIR(info.st_mode)) {
    entry.type = ContextEntry::Type::directory;
  } else if (S_ISLNK(info.st_mode)) {
    entry.type = ContextEntry::Type::symlink;
  } else {
    entry.type = ContextEntry::Type::other;
  }
  entry.mode = info.st_mode & 07777;
  entry.uid = info.st_uid;
  entry.gid = info.st_gid;
  entry.size = S_ISREG(info.st_mode) ? static_cast<uint64_t>(info.st_size) : 0;
  entry.mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  entry.ctime_ns = static_cast<int64_t>(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec;
  entry.device = info.st_dev;
  entry.inode = info.st_ino;
  return entry;
}

class Walker {
 public:
  Walker(const std::filesystem::path& root, const IgnoreMatcher& ignore)
      : m_root(root), m_ignore(ignore) {}

  base::Status walk(int dir_fd, const std::string& relative) {
    std::vector<std::string> names;
    {
      int listing_fd = ::dup(dir_fd);
      DIR* dir = listing_fd < 0 ? nullptr : ::fdopendir(listing_fd);
      if (!dir) {
        if (listing_fd >= 0) ::close(listing_fd);
        return io_error(m_root / relative, "open directory");
      }
      while (dirent* item = ::readdir(dir)) {
        std::string_view name = item->d_name;
        if (name != "." && name != "..") names.emplace_back(name);
      }
      ::closedir(dir);
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      std::string path = relative.empty() ? name : relative + "/" + name;
      struct stat info {};
      if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        return io_error(m_root / path, "stat");
      }
      auto excluded = m_ignore.matches(path);
      if (!excluded) return std::move(excluded).error();
      bool is_dir = S_ISDIR(info.st_mode);
      if (*excluded && (!is_dir || !m_ignore.has_exclusions())) continue;
      if (!*excluded) {
        ContextEntry entry = entry_from_stat(path, info);
        if (entry.type == ContextEntry::Type::symlink) {
          std::string target(static_cast<size_t>(info.st_size) + 1, '\0');
          ssize_t length = ::readlinkat(dir_fd, name.c_str(), target.data(), target.size());
          if (length < 0) return io_error(m_root / path, "read link");
          target.resize(static_cast<size_t>(length));
          entry.link_target = std::move(target);
        }
        m_entries.push_back(std::move(entry));
      }
      if (is_dir) {
        int child = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0) return io_error(m_root / path, "open directory");
        base::Status walked = walk(child, path);
        ::close(child);
        if (!walked) return walked;
      }
    }
    return {};
  }

  std::vector<ContextEntry> take() { return std::move(m_entries); }

 private:
  const std::filesystem::path& m_root;
  const IgnoreMatcher& m_ignore;
  std::vector<ContextEntry> m_entries;
};

}  // namespace

base::Result<std::vector<ContextEntry>> walk_context(const std::filesystem::path& root,
                                                     const IgnoreMatcher& ignore) {
  int root_fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) return io_error(root, "open");
  Walker walker(root, ignore);
  base::Status walked = walker.walk(root_fd, "");
  ::close(root_fd);
  if (!walked) return std::move(walked).error();
  return walker.take();
}

}  // namespace strata::context
