#include "engine/layer/overlay.h"

#include <sys/xattr.h>

#include <cerrno>
#include <string_view>

#include "engine/layer/posix.h"
#include "engine/layer/tree_walker.h"

namespace strata::layer {

namespace {

base::Result<bool> is_opaque(const std::filesystem::path& dir) {
  for (const char* name : {"trusted.overlay.opaque", "user.overlay.opaque"}) {
    char value[8];
    ssize_t length = ::lgetxattr(dir.c_str(), name, value, sizeof(value));
    if (length < 0) {
      // ENODATA: not set; ENOTSUP: a file system without xattrs is no overlay upper dir anyway.
      if (errno == ENODATA || errno == ENOTSUP) continue;
      if (errno == ERANGE) continue;  // a longer value is not "y"
      return posix::errno_error(dir.string(), errno);
    }
    if (std::string_view(value, static_cast<size_t>(length)) == "y") return true;
  }
  return false;
}

}  // namespace

base::Result<std::vector<LayerEntry>> overlay_upper_to_entries(const std::filesystem::path& upper) {
  auto listed = entries_from_tree(upper);
  if (!listed) return std::move(listed).error();
  std::vector<LayerEntry> entries;
  entries.reserve(listed->size());
  for (LayerEntry& entry : *listed) {
    if (entry.type == EntryType::char_device && entry.dev_major == 0 && entry.dev_minor == 0) {
      LayerEntry whiteout = LayerEntry::whiteout(entry.path);
      whiteout.uid = entry.uid;
      whiteout.gid = entry.gid;
      whiteout.mtime = entry.mtime;
      entries.push_back(std::move(whiteout));
      continue;
    }
    if (entry.type == EntryType::directory) {
      auto opaque = is_opaque(upper / entry.path);
      if (!opaque) return std::move(opaque).error();
      if (*opaque) {
        LayerEntry marker = LayerEntry::opaque(entry.path);
        marker.uid = entry.uid;
        marker.gid = entry.gid;
        marker.mtime = entry.mtime;
        entries.push_back(std::move(entry));
        entries.push_back(std::move(marker));
        continue;
      }
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace strata::layer
