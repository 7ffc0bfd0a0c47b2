#include "engine/layer/rooted_dir.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <string>
#include <vector>

#include "engine/layer/layer_path.h"

namespace strata::layer {

namespace {

// Linux gives up after 40 symlinks in one lookup; so does this.
constexpr int k_max_symlinks = 40;

void push_components(std::deque<std::string>& pending, std::string_view path) {
  std::vector<std::string> components;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) components.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  pending.insert(pending.begin(), components.begin(), components.end());
}

std::string joined(const std::vector<std::string>& names) {
  std::string path;
  for (const std::string& name : names) path = join_path(path, name);
  return path;
}

base::Error invalid(std::string message) {
  return base::make_error(base::ErrorCode::invalid_argument, std::move(message));
}

}  // namespace

base::Result<RootedDir> RootedDir::open(const std::filesystem::path& root) {
  posix::UniqueFd fd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) {
    int error_number = errno;
    base::Error error = posix::errno_error(root.string(), error_number);
    if (error_number == ENOENT) error.code = base::ErrorCode::not_found;
    return error;
  }
  return RootedDir(std::move(fd));
}

base::Result<std::optional<posix::UniqueFd>> RootedDir::open_dir(std::string_view path,
                                                                 bool create) const {
  std::vector<posix::UniqueFd> fds;  // the directories resolved so far, below the root
  std::vector<std::string> names;    // their names, for messages
  std::deque<std::string> pending;
  push_components(pending, path);
  int symlinks = 0;
  std::string last_symlink;  // "a/b' -> '../x", for the message when a lookup escapes
  while (!pending.empty()) {
    std::string component = std::move(pending.front());
    pending.pop_front();
    if (component == ".") continue;
    if (component == "..") {
      if (fds.empty()) {
        return invalid(fmt::format("path leaves the target through symlink '{}'", last_symlink));
      }
      fds.pop_back();
      names.pop_back();
      continue;
    }
    int current = fds.empty() ? m_root.get() : fds.back().get();
    int fd = ::openat(current, component.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
      fds.emplace_back(fd);
      names.push_back(std::move(component));
      continue;
    }
    int error_number = errno;
    names.push_back(component);
    std::string here = joined(names);
    names.pop_back();
    if (error_number == ENOENT) {
      if (!create) return std::optional<posix::UniqueFd>();
      if (::mkdirat(current, component.c_str(), 0755) != 0 && errno != EEXIST) {
        return posix::errno_error(fmt::format("create directory '{}'", here), errno);
      }
      pending.push_front(std::move(component));  // open what was just made
      continue;
    }
    if (error_number != ELOOP && error_number != ENOTDIR) {
      return posix::errno_error(fmt::format("open directory '{}'", here), error_number);
    }
    struct stat info {};
    if (::fstatat(current, component.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      return posix::errno_error(fmt::format("stat '{}'", here), errno);
    }
    if (!S_ISLNK(info.st_mode)) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              fmt::format("'{}' is not a directory", here));
    }
    if (++symlinks > k_max_symlinks) {
      return invalid(fmt::format("too many levels of symlinks at '{}'", here));
    }
    std::string target(static_cast<size_t>(info.st_size) + 1, '\0');
    ssize_t length = ::readlinkat(current, component.c_str(), target.data(), target.size());
    if (length < 0) return posix::errno_error(fmt::format("read symlink '{}'", here), errno);
    target.resize(static_cast<size_t>(std::min<ssize_t>(length, target.size())));
    last_symlink = fmt::format("{}' -> '{}", here, target);
    if (!target.empty() && target.front() == '/') {
      fds.clear();
      names.clear();
    }
    push_components(pending, target);
  }
  if (!fds.empty()) return std::optional<posix::UniqueFd>(std::move(fds.back()));
  int root_copy = ::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0);
  if (root_copy < 0) return posix::errno_error("duplicate target descriptor", errno);
  return std::optional<posix::UniqueFd>(posix::UniqueFd(root_copy));
}

base::Status remove_all_at(int dir_fd, const std::string& name) {
  struct stat info {};
  if (::fstatat(dir_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return {};
    return posix::errno_error(fmt::format("stat '{}'", name), errno);
  }
  if (S_ISDIR(info.st_mode)) {
    posix::UniqueFd child(
        ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!child.valid()) return posix::errno_error(fmt::format("open '{}'", name), errno);
    auto names = posix::list_dir(child.get(), name);
    if (!names) return std::move(names).error();
    for (const std::string& inner : *names) {
      if (base::Status status = remove_all_at(child.get(), inner); !status) return status;
    }
  }
  if (::unlinkat(dir_fd, name.c_str(), S_ISDIR(info.st_mode) ? AT_REMOVEDIR : 0) != 0 &&
      errno != ENOENT) {
    return posix::errno_error(fmt::format("remove '{}'", name), errno);
  }
  return {};
}

}  // namespace strata::layer
