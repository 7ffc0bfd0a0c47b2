#include "engine/layer/layer_entry.h"

#include <utility>

namespace strata::layer {

std::string_view to_string(EntryType type) {
  switch (type) {
    case EntryType::file:
      return "file";
    case EntryType::directory:
      return "directory";
    case EntryType::symlink:
      return "symlink";
    case EntryType::hardlink:
      return "hardlink";
    case EntryType::char_device:
      return "char device";
    case EntryType::block_device:
      return "block device";
    case EntryType::fifo:
      return "fifo";
    case EntryType::whiteout:
      return "whiteout";
    case EntryType::opaque:
      return "opaque directory";
  }
  return "unknown";
}

namespace {

LayerEntry make(std::string path, EntryType type, uint32_t mode) {
  LayerEntry entry;
  entry.path = std::move(path);
  entry.type = type;
  entry.mode = mode;
  return entry;
}

}  // namespace

LayerEntry LayerEntry::file(std::string path, std::string bytes, uint32_t mode) {
  LayerEntry entry = make(std::move(path), EntryType::file, mode);
  entry.size = bytes.size();
  entry.content = std::move(bytes);
  return entry;
}

LayerEntry LayerEntry::host_file(std::string path, std::filesystem::path host_path, uint64_t size,
                                 uint32_t mode) {
  LayerEntry entry = make(std::move(path), EntryType::file, mode);
  entry.size = size;
  entry.content = HostFile{std::move(host_path)};
  return entry;
}

LayerEntry LayerEntry::directory(std::string path, uint32_t mode) {
  return make(std::move(path), EntryType::directory, mode);
}

LayerEntry LayerEntry::symlink(std::string path, std::string target) {
  // Symlink permission bits mean nothing on Linux; 0777 is what lstat reports and Docker stores.
  LayerEntry entry = make(std::move(path), EntryType::symlink, 0777);
  entry.link_target = std::move(target);
  return entry;
}

LayerEntry LayerEntry::hardlink(std::string path, std::string target) {
  LayerEntry entry = make(std::move(path), EntryType::hardlink, 0644);
  entry.link_target = std::move(target);
  return entry;
}

LayerEntry LayerEntry::whiteout(std::string path) {
  return make(std::move(path), EntryType::whiteout, 0);
}

LayerEntry LayerEntry::opaque(std::string directory) {
  return make(std::move(directory), EntryType::opaque, 0);
}

}  // namespace strata::layer
