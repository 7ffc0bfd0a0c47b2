#include "engine/image/archive_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <vector>

#include "engine/layer/utf8_locale.h"

namespace strata::image {

namespace {

constexpr size_t k_chunk = 256 * 1024;

struct EntryDeleter {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

}  // namespace

struct ArchiveWriter::Callbacks {
  static la_ssize_t write(struct archive* handle, void* context, const void* buffer, size_t size) {
    auto* writer = static_cast<ArchiveWriter*>(context);
    std::span bytes(static_cast<const uint8_t*>(buffer), size);
    if (base::Status status = writer->m_sink.write(bytes); !status) {
      writer->m_sink_error = std::move(status).error();
      archive_set_error(handle, EIO, "archive output failed");
      return -1;
    }
    return static_cast<la_ssize_t>(size);
  }
};

base::Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::open(layer::Sink& sink) {
  layer::ScopedUtf8Locale utf8;
  std::unique_ptr<ArchiveWriter> writer(new ArchiveWriter(sink));
  writer->m_archive = archive_write_new();
  archive_write_set_format_pax_restricted(writer->m_archive);
  archive_write_add_filter_none(writer->m_archive);
  // No padding of the last block to 10 KiB: the archive ends after its two zero blocks.
  archive_write_set_bytes_in_last_block(writer->m_archive, 1);
  if (archive_write_open(writer->m_archive, writer.get(), nullptr, Callbacks::write, nullptr) !=
      ARCHIVE_OK) {
    return writer->archive_error("open");
  }
  return writer;
}

ArchiveWriter::~ArchiveWriter() {
  layer::ScopedUtf8Locale utf8;
  // Without finish(), free writes the trailer itself; a failed archive is discarded anyway.
  if (m_archive) archive_write_free(m_archive);
}

base::Error ArchiveWriter::archive_error(std::string_view what) {
  if (m_sink_error) return *m_sink_error;
  return base::make_error(base::ErrorCode::io,
                          fmt::format("archive {}: {}", what, archive_error_string(m_archive)));
}

base::Status ArchiveWriter::header(std::string_view path, unsigned type, unsigned mode,
                                   uint64_t size, std::string_view link) {
  layer::ScopedUtf8Locale utf8;
  std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
  std::string name(path);
  archive_entry_set_pathname_utf8(entry.get(), name.c_str());
  archive_entry_set_filetype(entry.get(), type);
  archive_entry_set_perm(entry.get(), mode);
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
  archive_entry_set_mtime(entry.get(), 0, 0);
  archive_entry_set_uid(entry.get(), 0);
  archive_entry_set_gid(entry.get(), 0);
  std::string target(link);
  if (!target.empty()) archive_entry_set_symlink_utf8(entry.get(), target.c_str());
  if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK) {
    return archive_error(fmt::format("header for '{}'", path));
  }
  return {};
}

base::Status ArchiveWriter::data(std::span<const uint8_t> bytes) {
  layer::ScopedUtf8Locale utf8;
  while (!bytes.empty()) {
    la_ssize_t written = archive_write_data(m_archive, bytes.data(), bytes.size());
    if (written <= 0) return archive_error("write");
    bytes = bytes.subspan(static_cast<size_t>(written));
  }
  return {};
}

base::Status ArchiveWriter::add_directory(std::string_view path) {
  return header(std::string(path) + "/", AE_IFDIR, 0755, 0);
}

base::Status ArchiveWriter::add_file(std::string_view path, std::string_view bytes) {
  if (base::Status status = header(path, AE_IFREG, 0644, bytes.size()); !status) return status;
  return data(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

base::Status ArchiveWriter::add_blob(std::string_view path, store::BlobReader reader) {
  if (base::Status status = header(path, AE_IFREG, 0644, reader.size()); !status) return status;
  std::vector<uint8_t> buffer(k_chunk);
  uint64_t total = 0;
  while (true) {
    auto count = reader.read(buffer);
    if (!count) return std::move(count).error();
    if (*count == 0) break;
    total += *count;
    if (base::Status status = data(std::span(buffer).first(*count)); !status) return status;
  }
  if (total != reader.size()) {
    return base::make_error(
        base::ErrorCode::io,
        fmt::format("blob {} changed size while being archived", reader.digest().to_string()));
  }
  return {};
}

base::Status ArchiveWriter::add_symlink(std::string_view path, std::string_view target) {
  return header(path, AE_IFLNK, 0777, 0, target);
}

base::Status ArchiveWriter::finish() {
  layer::ScopedUtf8Locale utf8;
  if (archive_write_close(m_archive) != ARCHIVE_OK) return archive_error("close");
  return {};
}

}  // namespace strata::image
