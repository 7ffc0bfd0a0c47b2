#include "engine/layer/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <unordered_set>
#include <vector>

#include "engine/layer/layer_path.h"
#include "engine/layer/posix.h"
#include "engine/layer/utf8_locale.h"
#include "engine/layer/whiteout.h"

namespace strata::layer {

namespace {

// libarchive gathers output into blocks of this size before calling the sink, so a tree of small
// files does not become one sink call per 512-byte header.
constexpr int k_block_size = 64 * 1024;
constexpr size_t k_copy_chunk = 256 * 1024;

struct EntryFree {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

base::Error entry_error(std::string_view path, std::string_view message,
                        base::ErrorCode code = base::ErrorCode::invalid_argument) {
  return base::make_error(code, fmt::format("layer entry '{}': {}", path, message));
}

// Hashes and counts what libarchive emits on its way to the sink.
struct Output {
  Sink* sink = nullptr;
  base::Sha256 hash;
  uint64_t size = 0;
  std::optional<base::Error> error;
  bool discard = false;  // set once the layer is abandoned
};

// archive_write_free closes an archive that is still open, flushing the end-of-archive marker;
// after a failure that would make the abandoned layer look finished to the sink, so the output
// is cut off first. (archive_write_fail would skip the flush, but leaks in libarchive 3.6.)
struct ArchiveFree {
  Output* output;
  void operator()(archive* handle) const {
    output->discard = true;
    archive_write_free(handle);
  }
};

la_ssize_t write_callback(archive* handle, void* context, const void* buffer, size_t length) {
  auto* output = static_cast<Output*>(context);
  if (output->discard) return static_cast<la_ssize_t>(length);
  std::span<const uint8_t> bytes(static_cast<const uint8_t*>(buffer), length);
  if (base::Status status = output->sink->write(bytes); !status) {
    output->error = status.error();
    archive_set_error(handle, EIO, "sink write failed");
    return -1;
  }
  output->hash.update(bytes);
  output->size += length;
  return static_cast<la_ssize_t>(length);
}

struct Planned {
  std::string key;
  std::string name;
  const LayerEntry* entry = nullptr;
};

base::Status check_entry(const LayerEntry& entry) {
  bool root_opaque = entry.type == EntryType::opaque && entry.path.empty();
  if (!root_opaque) {
    if (base::Status status = check_layer_path(entry.path); !status) {
      return entry_error(entry.path, status.error().message);
    }
  }
  bool is_marker = entry.type == EntryType::whiteout || entry.type == EntryType::opaque;
  if (!is_marker && split_parent(entry.path).second.starts_with(k_whiteout_prefix)) {
    return entry_error(entry.path, "a name starting with \".wh.\" would read as a whiteout");
  }
  if (entry.type == EntryType::symlink && entry.link_target.empty()) {
    return entry_error(entry.path, "symlink has no target");
  }
  if (entry.type != EntryType::file && !std::holds_alternative<std::monostate>(entry.content)) {
    return entry_error(entry.path, fmt::format("a {} has no content", to_string(entry.type)));
  }
  if (entry.type == EntryType::file && entry.size > 0 &&
      std::holds_alternative<std::monostate>(entry.content)) {
    return entry_error(entry.path, fmt::format("{} bytes but no content", entry.size));
  }
  if (const auto* bytes = std::get_if<std::string>(&entry.content);
      bytes && bytes->size() != entry.size) {
    return entry_error(entry.path, fmt::format("size {} does not match its {} content bytes",
                                               entry.size, bytes->size()));
  }
  return {};
}

base::Result<std::vector<Planned>> plan(std::span<const LayerEntry> entries) {
  std::vector<Planned> planned;
  planned.reserve(entries.size());
  for (const LayerEntry& entry : entries) {
    if (base::Status status = check_entry(entry); !status) return status.error();
    std::string name = tar_path(entry);
    planned.push_back(Planned{layer_sort_key(name), std::move(name), &entry});
  }
  std::sort(planned.begin(), planned.end(),
            [](const Planned& a, const Planned& b) { return a.key < b.key; });
  // A hardlink names a file written before it: extractors resolve it against what they have.
  std::unordered_set<std::string_view> files;
  for (size_t i = 0; i < planned.size(); ++i) {
    const LayerEntry& entry = *planned[i].entry;
    if (i > 0 && planned[i].key == planned[i - 1].key) {
      return entry_error(planned[i].name, "duplicate entry");
    }
    if (entry.type == EntryType::file) files.insert(entry.path);
    if (entry.type == EntryType::hardlink && !files.contains(entry.link_target)) {
      return entry_error(entry.path, fmt::format("hardlink target '{}' is not a file written "
                                                 "before it in the layer",
                                                 entry.link_target));
    }
  }
  return planned;
}

void fill_header(archive_entry* header, const Planned& planned, const WriteOptions& options) {
  const LayerEntry& entry = *planned.entry;
  archive_entry_clear(header);
  archive_entry_copy_pathname(header, planned.name.c_str());
  archive_entry_set_uid(header, entry.uid);
  archive_entry_set_gid(header, entry.gid);
  archive_entry_set_perm(header, entry.mode & 07777);
  int64_t mtime = entry.mtime;
  if (options.source_date_epoch) mtime = std::min(mtime, *options.source_date_epoch);
  archive_entry_set_mtime(header, mtime, 0);
  switch (entry.type) {
    case EntryType::file:
      archive_entry_set_filetype(header, AE_IFREG);
      archive_entry_set_size(header, static_cast<la_int64_t>(entry.size));
      break;
    case EntryType::directory:
      archive_entry_set_filetype(header, AE_IFDIR);
      break;
    case EntryType::symlink:
      archive_entry_set_filetype(header, AE_IFLNK);
      archive_entry_copy_symlink(header, entry.link_target.c_str());
      break;
    case EntryType::hardlink:
      archive_entry_set_filetype(header, AE_IFREG);
      archive_entry_copy_hardlink(header, entry.link_target.c_str());
      break;
    case EntryType::char_device:
    case EntryType::block_device:
      archive_entry_set_filetype(header,
                                 entry.type == EntryType::char_device ? AE_IFCHR : AE_IFBLK);
      archive_entry_set_rdevmajor(header, entry.dev_major);
      archive_entry_set_rdevminor(header, entry.dev_minor);
      break;
    case EntryType::fifo:
      archive_entry_set_filetype(header, AE_IFIFO);
      break;
    case EntryType::whiteout:
    case EntryType::opaque:
      archive_entry_set_filetype(header, AE_IFREG);
      archive_entry_set_size(header, 0);
      break;
  }
  for (const auto& [name, value] : entry.xattrs) {
    archive_entry_xattr_add_entry(header, name.c_str(), value.data(), value.size());
  }
}

base::Status write_data(archive* handle, const uint8_t* data, size_t length,
                        const LayerEntry& entry) {
  while (length > 0) {
    la_ssize_t written = archive_write_data(handle, data, length);
    if (written <= 0) {
      return entry_error(entry.path, archive_error_string(handle), base::ErrorCode::io);
    }
    data += written;
    length -= static_cast<size_t>(written);
  }
  return {};
}

// Opens a host file before its header goes out, so a file that changed since it was listed fails
// before any of its bytes are written.
base::Result<posix::UniqueFd> open_host_file(const LayerEntry& entry, const HostFile& host) {
  auto io_error = [&](int error_number) {
    return entry_error(entry.path, posix::errno_error(host.path.string(), error_number).message,
                       base::ErrorCode::io);
  };
  posix::UniqueFd fd(::open(host.path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return io_error(errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error(errno);
  if (!S_ISREG(info.st_mode))
    return entry_error(entry.path, host.path.string() + " is no longer a regular file",
                       base::ErrorCode::io);
  if (static_cast<uint64_t>(info.st_size) != entry.size) {
    return entry_error(entry.path,
                       fmt::format("{} changed size since it was listed ({} -> {} bytes)",
                                   host.path.string(), entry.size, info.st_size),
                       base::ErrorCode::io);
  }
  return fd;
}

base::Status copy_host_file(archive* handle, const LayerEntry& entry, int fd,
                            std::vector<uint8_t>& buffer) {
  uint64_t remaining = entry.size;
  while (remaining > 0) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(remaining, buffer.size()));
    auto count = posix::read_some(fd, std::span(buffer.data(), want), entry.path);
    if (!count) return entry_error(entry.path, count.error().message, base::ErrorCode::io);
    if (*count == 0)
      return entry_error(entry.path, "file shrank while being written", base::ErrorCode::io);
    if (base::Status status = write_data(handle, buffer.data(), *count, entry); !status)
      return status;
    remaining -= *count;
  }
  uint8_t extra = 0;
  auto count = posix::read_some(fd, std::span(&extra, 1), entry.path);
  if (!count) return entry_error(entry.path, count.error().message, base::ErrorCode::io);
  if (*count != 0)
    return entry_error(entry.path, "file grew while being written", base::ErrorCode::io);
  return {};
}

}  // namespace

base::Result<LayerDigests> write_layer(std::span<const LayerEntry> entries, Sink& sink,
                                       const WriteOptions& options) {
  auto planned = plan(entries);
  if (!planned) return std::move(planned).error();

  ScopedUtf8Locale utf8;
  Output output;
  output.sink = &sink;
  std::unique_ptr<archive, ArchiveFree> handle(archive_write_new(), ArchiveFree{&output});
  std::unique_ptr<archive_entry, EntryFree> header(archive_entry_new());
  // pax_restricted is ustar plus PAX records only for what ustar cannot hold.
  archive_write_set_format_pax_restricted(handle.get());
  archive_write_add_filter_none(handle.get());
  archive_write_set_bytes_per_block(handle.get(), k_block_size);
  // Pad only to the 512-byte record, not to a 10 KiB tape block: the tar ends right after its
  // end-of-archive marker, as Docker's and BuildKit's do.
  archive_write_set_bytes_in_last_block(handle.get(), 1);
  auto fail = [&](std::string_view what) -> base::Error {
    if (output.error) return *output.error;
    return base::make_error(base::ErrorCode::io,
                            fmt::format("{}: {}", what, archive_error_string(handle.get())));
  };
  if (archive_write_open2(handle.get(), &output, nullptr, write_callback, nullptr, nullptr) !=
      ARCHIVE_OK) {
    return fail("write layer");
  }

  std::vector<uint8_t> buffer;
  for (const Planned& item : *planned) {
    const LayerEntry& entry = *item.entry;
    posix::UniqueFd host_fd;
    const auto* host = std::get_if<HostFile>(&entry.content);
    if (entry.type == EntryType::file && host) {
      auto fd = open_host_file(entry, *host);
      if (!fd) return std::move(fd).error();
      host_fd = std::move(*fd);
    }
    fill_header(header.get(), item, options);
    // ARCHIVE_WARN is a name that is not valid UTF-8 going out as raw bytes; that is intended.
    if (archive_write_header(handle.get(), header.get()) < ARCHIVE_WARN) {
      return fail(fmt::format("layer entry '{}'", item.name));
    }
    if (entry.type != EntryType::file || entry.size == 0) continue;
    base::Status status;
    if (const auto* bytes = std::get_if<std::string>(&entry.content)) {
      status = write_data(handle.get(), reinterpret_cast<const uint8_t*>(bytes->data()),
                          bytes->size(), entry);
    } else if (host_fd.valid()) {
      if (buffer.empty()) buffer.resize(k_copy_chunk);
      status = copy_host_file(handle.get(), entry, host_fd.get(), buffer);
    } else {
      status = entry_error(entry.path, fmt::format("{} bytes but no content", entry.size));
    }
    if (!status) return output.error ? *output.error : status.error();
  }
  if (archive_write_close(handle.get()) != ARCHIVE_OK) return fail("write layer end");
  return LayerDigests{output.hash.finish(), output.size};
}

}  // namespace strata::layer
