#include "engine/layer/dir_chain.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "engine/layer/layer_path.h"

namespace strata::layer {

namespace {

// Whether `ancestor` is `path` or one of its parent directories ("" is the root).
bool is_ancestor_or_self(std::string_view ancestor, std::string_view path) {
  if (ancestor.empty()) return true;
  if (!path.starts_with(ancestor)) return false;
  return path.size() == ancestor.size() || path[ancestor.size()] == '/';
}

}  // namespace

base::Result<int> DirChain::open_dir(std::string_view path, bool create) {
  m_retired.clear();
  while (!m_links.empty() && !is_ancestor_or_self(m_links.back().path, path)) m_links.pop_back();
  if (!m_links.empty() && m_links.back().path == path) return m_links.back().fd.get();

  // Walk the rest from the deepest cached ancestor (or the root), plain directories only.
  size_t done = m_links.empty() || m_links.back().path.empty() ? 0 : m_links.back().path.size() + 1;
  while (!path.empty() && done <= path.size()) {
    size_t slash = path.find('/', done);
    if (slash == std::string_view::npos) slash = path.size();
    std::string name(path.substr(done, slash - done));
    int parent = m_links.empty() ? m_root.fd() : m_links.back().fd.get();
    int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create &&
        (::mkdirat(parent, name.c_str(), 0755) == 0 || errno == EEXIST)) {
      fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0) break;  // missing, a symlink, or not a directory: RootedDir decides
    m_links.push_back(Link{std::string(path.substr(0, slash)), posix::UniqueFd(fd)});
    done = slash + 1;
  }
  if (!m_links.empty() && m_links.back().path == path) return m_links.back().fd.get();
  auto resolved = m_root.open_dir(path, create);
  if (!resolved) return std::move(resolved).error();
  if (!*resolved) return -1;
  // Reached through a symlink (or the root itself): cache it alone, as its ancestors by path are
  // not its parents.
  invalidate();
  m_links.push_back(Link{std::string(path), std::move(**resolved)});
  return m_links.back().fd.get();
}

void DirChain::adopt(std::string path, posix::UniqueFd fd) {
  std::string_view parent = split_parent(path).first;
  bool extends = m_links.empty() ? parent.empty() : m_links.back().path == parent;
  if (extends) m_links.push_back(Link{std::move(path), std::move(fd)});
}

void DirChain::invalidate() {
  for (Link& link : m_links) m_retired.push_back(std::move(link));
  m_links.clear();
}

}  // namespace strata::layer
