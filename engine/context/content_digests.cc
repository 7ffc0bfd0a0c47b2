#include "engine/context/content_digests.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace strata::context {

base::Result<base::Digest> ContentDigests::digest(const ContextEntry& entry) {
  if (entry.type == ContextEntry::Type::symlink) return base::Digest::of(entry.link_target);
  if (entry.type != ContextEntry::Type::file) {
    return base::make_error(base::ErrorCode::invalid_argument,
                            fmt::format("{} is not a regular file", entry.path));
  }
  StatKey key{entry.device, entry.inode, entry.size, entry.mtime_ns, entry.ctime_ns};
  if (auto cached = m_by_stat.find(key); cached != m_by_stat.end()) return cached->second;

  std::filesystem::path path = m_root / entry.path;
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return base::make_error(base::ErrorCode::io, fmt::format("build context {}: {}", path.string(),
                                                             std::strerror(errno)));
  }
  base::Sha256 hash;
  std::vector<uint8_t> buffer(1 << 20);
  while (true) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int saved = errno;
      ::close(fd);
      return base::make_error(
          base::ErrorCode::io,
          fmt::format("build context {}: {}", path.string(), std::strerror(saved)));
    }
    if (got == 0) break;
    hash.update(std::span<const uint8_t>(buffer.data(), static_cast<size_t>(got)));
  }
  ::close(fd);
  ++m_files_read;
  base::Digest digest = hash.finish();
  m_by_stat.emplace(key, digest);
  return digest;
}

}  // namespace strata::context
