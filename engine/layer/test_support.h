#pragma once

// Helpers for the layer module's tests: temporary trees, and tars built directly with libarchive
// (bypassing write_layer's checks) to play foreign or hostile archives.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/layer/layer_entry.h"
#include "engine/layer/tar_writer.h"

namespace strata::layer::test {

// A fresh directory under /tmp, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(std::string_view relative) const { return m_path / relative; }

 private:
  std::filesystem::path m_path;
};

void write_file(const std::filesystem::path& path, std::string_view content, mode_t mode = 0644);
std::string read_file(const std::filesystem::path& path);
void set_mtime(const std::filesystem::path& path, int64_t seconds);

// Every path under `root`, relative and sorted; "" when it is empty.
std::vector<std::string> list_tree(const std::filesystem::path& root);

// One line per path under `root` with everything a layer carries (type, mode, ids, mtime, size,
// content digest or link target, and which paths share an inode), for comparing two trees.
std::vector<std::string> describe_tree(const std::filesystem::path& root);

// write_layer into memory; fails the test on error.
std::vector<uint8_t> write_to_memory(std::span<const LayerEntry> entries,
                                     const WriteOptions& options = {});

enum class RawType { file, directory, symlink, hardlink, char_device, fifo };

struct RawEntry {
  std::string name = {};
  RawType type = RawType::file;
  std::string data = {};  // file content
  std::string link = {};  // symlink or hardlink target
  uint32_t mode = 0644;
  uint32_t dev_major = 0;
  uint32_t dev_minor = 0;
};

// A tar with exactly these headers, in this order.
std::vector<uint8_t> make_raw_tar(const std::vector<RawEntry>& entries);

// The header names of a tar as stored (whiteouts not decoded).
std::vector<std::string> raw_names(std::span<const uint8_t> tar);

}  // namespace strata::layer::test
