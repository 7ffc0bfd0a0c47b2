#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace strata::layer {

// What an entry makes in the layer. `whiteout` and `opaque` are the OCI deletion markers, kept
// as their own kinds here so that callers never build ".wh." names by hand: the tar writer
// encodes them and the reader decodes them.
enum class EntryType {
  file,
  directory,
  symlink,
  hardlink,
  char_device,
  block_device,
  fifo,
  whiteout,  // `path` is deleted from the layers below
  opaque,    // `path` is a directory whose contents in the layers below are hidden
};

std::string_view to_string(EntryType type);

// File content read from the host when the layer is written, so a tree is never held in memory.
struct HostFile {
  std::filesystem::path path;
  bool operator==(const HostFile&) const = default;
};

// No content (everything but files, and entries read back from a tar), a host file, or inline
// bytes.
using Content = std::variant<std::monostate, HostFile, std::string>;

// One entry of a layer, as a value. `path` is relative, '/'-separated and clean: no leading or
// trailing '/', no empty, "." or ".." components (check_layer_path). The one exception is an
// opaque marker for the layer root, whose path is "".
struct LayerEntry {
  std::string path;
  EntryType type = EntryType::file;
  uint32_t mode = 0;  // permission bits including setuid, setgid and sticky (07777)
  uint32_t uid = 0;
  uint32_t gid = 0;
  int64_t mtime = 0;  // whole seconds: sub-second times would only add PAX noise to headers
  // A symlink's target, verbatim; a hardlink's target, as a path in the same layer.
  std::string link_target;
  // Length of a file's content. For HostFile content the writer checks the file still has it.
  uint64_t size = 0;
  uint32_t dev_major = 0;
  uint32_t dev_minor = 0;
  // Extended attributes (name -> raw value), e.g. security.capability of a setcap binary.
  std::map<std::string, std::string> xattrs;
  Content content;

  bool operator==(const LayerEntry&) const = default;

  // Entries as tests and builders usually need them: owned by root, mtime 0.
  static LayerEntry file(std::string path, std::string bytes, uint32_t mode = 0644);
  static LayerEntry host_file(std::string path, std::filesystem::path host_path, uint64_t size,
                              uint32_t mode = 0644);
  static LayerEntry directory(std::string path, uint32_t mode = 0755);
  static LayerEntry symlink(std::string path, std::string target);
  static LayerEntry hardlink(std::string path, std::string target);
  static LayerEntry whiteout(std::string path);
  static LayerEntry opaque(std::string directory);
};

}  // namespace strata::layer
