#include "engine/layer/tar_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <limits>

#include "engine/layer/compression.h"
#include "engine/layer/layer_path.h"
#include "engine/layer/utf8_locale.h"
#include "engine/layer/whiteout.h"

namespace strata::layer {

namespace {

constexpr size_t k_read_chunk = 256 * 1024;

base::Error entry_error(std::string_view name, std::string_view message,
                        base::ErrorCode code = base::ErrorCode::invalid_argument) {
  return base::make_error(code, fmt::format("layer entry '{}': {}", name, message));
}

base::Result<uint32_t> to_id(la_int64_t id, std::string_view what, std::string_view name) {
  if (id < 0 || id > std::numeric_limits<uint32_t>::max()) {
    return entry_error(name, fmt::format("{} {} is out of range", what, id));
  }
  return static_cast<uint32_t>(id);
}

}  // namespace

struct TarReader::Callbacks {
  static la_ssize_t read(struct archive* handle, void* context, const void** buffer) {
    auto* reader = static_cast<TarReader*>(context);
    auto count = reader->m_hashed->read(reader->m_buffer);
    if (!count) {
      reader->m_read_error = std::move(count).error();
      archive_set_error(handle, EIO, "layer stream read failed");
      return -1;
    }
    *buffer = reader->m_buffer.data();
    return static_cast<la_ssize_t>(*count);
  }
};

// Every method that calls into libarchive pins UTF-8 names for the call (see utf8_locale.h).
base::Result<std::unique_ptr<TarReader>> TarReader::open(Source& source) {
  ScopedUtf8Locale utf8;
  std::unique_ptr<TarReader> reader(new TarReader());
  auto input = open_decompressed(source);
  if (!input) return std::move(input).error();
  reader->m_input = std::move(*input);
  reader->m_hashed = std::make_unique<HashingSource>(*reader->m_input);
  reader->m_buffer.resize(k_read_chunk);
  reader->m_archive = archive_read_new();
  // Tar only (ustar, PAX, GNU): a layer is never a zip or a cpio.
  archive_read_support_format_tar(reader->m_archive);
  if (archive_read_open(reader->m_archive, reader.get(), nullptr, Callbacks::read, nullptr) !=
      ARCHIVE_OK) {
    if (reader->m_read_error) return *reader->m_read_error;
    return base::make_error(base::ErrorCode::parse,
                            fmt::format("layer: {}", archive_error_string(reader->m_archive)));
  }
  return reader;
}

TarReader::~TarReader() {
  ScopedUtf8Locale utf8;
  if (m_archive) archive_read_free(m_archive);
}

base::Result<std::optional<LayerEntry>> TarReader::next() {
  ScopedUtf8Locale utf8;
  while (true) {
    archive_entry* header = nullptr;
    int result = archive_read_next_header(m_archive, &header);
    if (result == ARCHIVE_EOF) return std::optional<LayerEntry>();
    // ARCHIVE_WARN: a name that is not UTF-8, kept as raw bytes, as Linux file names may be.
    if (result < ARCHIVE_WARN) {
      if (m_read_error) return *m_read_error;
      return base::make_error(base::ErrorCode::parse,
                              fmt::format("layer: malformed tar after '{}': {}", m_raw_name,
                                          archive_error_string(m_archive)));
    }
    const char* name = archive_entry_pathname(header);
    m_raw_name = name ? name : "";
    auto entry = decode(header);
    if (!entry) return std::move(entry).error();
    if (entry->path.empty() && entry->type != EntryType::opaque) continue;  // the root
    return std::optional<LayerEntry>(std::move(*entry));
  }
}

base::Result<LayerEntry> TarReader::decode(archive_entry* header) {
  auto path = normalize_tar_name(m_raw_name);
  if (!path) return entry_error(m_raw_name, path.error().message);
  auto decoded = decode_tar_path(*path);
  if (!decoded) return entry_error(m_raw_name, decoded.error().message, decoded.error().code);

  LayerEntry entry;
  entry.path = std::move(decoded->path);
  entry.mode = static_cast<uint32_t>(archive_entry_perm(header)) & 07777;
  auto uid = to_id(archive_entry_uid(header), "uid", m_raw_name);
  if (!uid) return std::move(uid).error();
  auto gid = to_id(archive_entry_gid(header), "gid", m_raw_name);
  if (!gid) return std::move(gid).error();
  entry.uid = *uid;
  entry.gid = *gid;
  entry.mtime = archive_entry_mtime(header);
  const char* xattr_name = nullptr;
  const void* xattr_value = nullptr;
  size_t xattr_size = 0;
  archive_entry_xattr_reset(header);
  while (archive_entry_xattr_next(header, &xattr_name, &xattr_value, &xattr_size) == ARCHIVE_OK) {
    entry.xattrs.emplace(xattr_name,
                         std::string(static_cast<const char*>(xattr_value), xattr_size));
  }

  if (decoded->kind == DecodedName::Kind::whiteout) {
    entry.type = EntryType::whiteout;
    return entry;
  }
  if (decoded->kind == DecodedName::Kind::opaque) {
    entry.type = EntryType::opaque;
    return entry;
  }
  if (const char* target = archive_entry_hardlink(header)) {
    auto link = normalize_tar_name(target);
    if (!link)
      return entry_error(m_raw_name,
                         fmt::format("hardlink target '{}': {}", target, link.error().message));
    if (link->empty()) return entry_error(m_raw_name, "hardlink to the layer root");
    entry.type = EntryType::hardlink;
    entry.link_target = std::move(*link);
    return entry;
  }
  switch (archive_entry_filetype(header)) {
    case AE_IFREG:
      entry.type = EntryType::file;
      entry.size = static_cast<uint64_t>(std::max<la_int64_t>(archive_entry_size(header), 0));
      break;
    case AE_IFDIR:
      entry.type = EntryType::directory;
      break;
    case AE_IFLNK: {
      entry.type = EntryType::symlink;
      const char* target = archive_entry_symlink(header);
      entry.link_target = target ? target : "";
      if (entry.link_target.empty()) return entry_error(m_raw_name, "symlink has no target");
      break;
    }
    case AE_IFCHR:
    case AE_IFBLK:
      entry.type = archive_entry_filetype(header) == AE_IFCHR ? EntryType::char_device
                                                              : EntryType::block_device;
      entry.dev_major = static_cast<uint32_t>(archive_entry_rdevmajor(header));
      entry.dev_minor = static_cast<uint32_t>(archive_entry_rdevminor(header));
      break;
    case AE_IFIFO:
      entry.type = EntryType::fifo;
      break;
    default:
      return entry_error(m_raw_name, "unsupported entry type (socket or unknown)",
                         base::ErrorCode::unsupported);
  }
  return entry;
}

base::Status TarReader::read_data(const DataConsumer& consume) {
  ScopedUtf8Locale utf8;
  while (true) {
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int result = archive_read_data_block(m_archive, &block, &size, &offset);
    if (result == ARCHIVE_EOF) return {};
    if (result < ARCHIVE_WARN) {
      if (m_read_error) return *m_read_error;
      return entry_error(m_raw_name, archive_error_string(m_archive), base::ErrorCode::parse);
    }
    if (size == 0) continue;
    std::span bytes(static_cast<const uint8_t*>(block), size);
    if (base::Status status = consume(static_cast<uint64_t>(offset), bytes); !status) {
      return status;
    }
  }
}

base::Result<LayerDigests> TarReader::finish() {
  // Whatever follows the end-of-archive marker (block padding) is part of the diffID too.
  if (base::Status status = drain(*m_hashed); !status) return status.error();
  return LayerDigests{m_hashed->finish(), m_hashed->size()};
}

base::Result<std::vector<LayerEntry>> list_layer(Source& source) {
  auto reader = TarReader::open(source);
  if (!reader) return std::move(reader).error();
  std::vector<LayerEntry> entries;
  while (true) {
    auto entry = (*reader)->next();
    if (!entry) return std::move(entry).error();
    if (!*entry) return entries;
    entries.push_back(std::move(**entry));
  }
}

}  // namespace strata::layer
