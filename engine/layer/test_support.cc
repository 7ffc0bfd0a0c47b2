#include "engine/layer/test_support.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/base/digest.h"
#include "engine/layer/stream.h"

namespace strata::layer::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "strata-layer-XXXXXX").string();
  char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) throw std::runtime_error("mkdtemp failed");
  m_path = made;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

void write_file(const std::filesystem::path& path, std::string_view content, mode_t mode) {
  std::filesystem::create_directories(path.parent_path());
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    ASSERT_TRUE(out.good()) << path;
  }
  ASSERT_EQ(::chmod(path.c_str(), mode), 0) << path;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void set_mtime(const std::filesystem::path& path, int64_t seconds) {
  struct timespec times[2] = {{static_cast<time_t>(seconds), 0}, {static_cast<time_t>(seconds), 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW), 0) << path;
}

std::vector<std::string> list_tree(const std::filesystem::path& root) {
  std::vector<std::string> paths;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    paths.push_back(std::filesystem::relative(it->path(), root).string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> describe_tree(const std::filesystem::path& root) {
  std::vector<std::string> lines;
  std::map<std::pair<dev_t, ino_t>, std::string> first_name;
  for (const std::string& relative : list_tree(root)) {
    std::filesystem::path path = root / relative;
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
      ADD_FAILURE() << "lstat " << path;
      continue;
    }
    std::string what;
    if (S_ISREG(info.st_mode)) {
      what = "file " + base::Digest::of(read_file(path)).hex().substr(0, 12);
      auto [it, inserted] = first_name.emplace(std::pair(info.st_dev, info.st_ino), relative);
      if (!inserted) what += " same-inode-as " + it->second;
    } else if (S_ISDIR(info.st_mode)) {
      what = "dir";
    } else if (S_ISLNK(info.st_mode)) {
      what = "symlink -> " + std::filesystem::read_symlink(path).string();
    } else if (S_ISCHR(info.st_mode)) {
      what = fmt::format("char {}:{}", major(info.st_rdev), minor(info.st_rdev));
    } else {
      what = "other";
    }
    // Symlink modes and mtimes are not compared: their bits mean nothing on Linux.
    bool link = S_ISLNK(info.st_mode);
    lines.push_back(fmt::format("{} {} mode={:04o} uid={} gid={} mtime={} size={}", relative, what,
                                link ? 0 : info.st_mode & 07777, info.st_uid, info.st_gid,
                                info.st_mtim.tv_sec, S_ISREG(info.st_mode) ? info.st_size : 0));
  }
  return lines;
}

std::vector<uint8_t> write_to_memory(std::span<const LayerEntry> entries,
                                     const WriteOptions& options) {
  MemorySink sink;
  auto digests = write_layer(entries, sink, options);
  EXPECT_TRUE(digests) << digests.error().to_string();
  return sink.take();
}

std::vector<uint8_t> make_raw_tar(const std::vector<RawEntry>& entries) {
  archive* handle = archive_write_new();
  archive_write_set_format_pax_restricted(handle);
  std::vector<uint8_t> out(1 << 20);
  size_t used = 0;
  EXPECT_EQ(archive_write_open_memory(handle, out.data(), out.size(), &used), ARCHIVE_OK);
  for (const RawEntry& raw : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_copy_pathname(entry, raw.name.c_str());
    archive_entry_set_perm(entry, raw.mode);
    archive_entry_set_mtime(entry, 1000, 0);
    switch (raw.type) {
      case RawType::file:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_size(entry, static_cast<la_int64_t>(raw.data.size()));
        break;
      case RawType::directory:
        archive_entry_set_filetype(entry, AE_IFDIR);
        break;
      case RawType::symlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_copy_symlink(entry, raw.link.c_str());
        break;
      case RawType::hardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_copy_hardlink(entry, raw.link.c_str());
        break;
      case RawType::char_device:
        archive_entry_set_filetype(entry, AE_IFCHR);
        archive_entry_set_rdevmajor(entry, raw.dev_major);
        archive_entry_set_rdevminor(entry, raw.dev_minor);
        break;
      case RawType::fifo:
        archive_entry_set_filetype(entry, AE_IFIFO);
        break;
    }
    EXPECT_GE(archive_write_header(handle, entry), ARCHIVE_WARN) << archive_error_string(handle);
    if (!raw.data.empty()) archive_write_data(handle, raw.data.data(), raw.data.size());
    archive_entry_free(entry);
  }
  EXPECT_EQ(archive_write_close(handle), ARCHIVE_OK);
  archive_write_free(handle);
  out.resize(used);
  return out;
}

std::vector<std::string> raw_names(std::span<const uint8_t> tar) {
  archive* handle = archive_read_new();
  archive_read_support_format_tar(handle);
  std::vector<std::string> names;
  EXPECT_EQ(archive_read_open_memory(handle, tar.data(), tar.size()), ARCHIVE_OK);
  archive_entry* entry = nullptr;
  while (true) {
    int result = archive_read_next_header(handle, &entry);
    if (result != ARCHIVE_OK && result != ARCHIVE_WARN) break;
    names.emplace_back(archive_entry_pathname(entry));
  }
  archive_read_free(handle);
  return names;
}

}  // namespace strata::layer::test
