#include "engine/image/archive_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <memory>
#include <optional>
#include <vector>

#include "engine/layer/compression.h"
#include "engine/layer/layer_path.h"
#include "engine/layer/utf8_locale.h"

namespace strata::image {

namespace {

constexpr size_t k_chunk = 256 * 1024;
constexpr uint64_t k_max_text = 64ull << 20;
constexpr int k_max_link_hops = 16;

// libarchive reading from a Source (already decompressed by the layer module).
struct ReadContext {
  layer::Source* source = nullptr;
  std::vector<uint8_t> buffer = std::vector<uint8_t>(k_chunk);
  std::optional<base::Error> error;

  static la_ssize_t read(struct archive* handle, void* opaque, const void** out) {
    auto* context = static_cast<ReadContext*>(opaque);
    auto count = context->source->read(context->buffer);
    if (!count) {
      context->error = std::move(count).error();
      archive_set_error(handle, EIO, "archive read failed");
      return -1;
    }
    *out = context->buffer.data();
    return static_cast<la_ssize_t>(*count);
  }
};

struct ArchiveDeleter {
  void operator()(struct archive* handle) const { archive_read_free(handle); }
};

// A symlink's target as a member path, or nullopt when it leaves the archive.
std::optional<std::string> resolve_symlink(std::string_view member, std::string_view target) {
  if (target.empty() || target.front() == '/') return std::nullopt;
  std::vector<std::string> parts;
  auto push = [&](std::string_view path) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      std::string_view part = path.substr(start, end - start);
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.emplace_back(part);
      }
      start = end + 1;
    }
    return true;
  };
  if (!push(layer::split_parent(member).first) || !push(target)) return std::nullopt;
  std::string out;
  for (const std::string& part : parts) out = layer::join_path(out, part);
  return out;
}

// A file named by its digest ("blobs/sha256/<hex>", docker's top-level "<hex>.json").
std::optional<std::string> digest_in_name(std::string_view path) {
  std::string_view hex;
  if (path.starts_with("blobs/sha256/")) {
    hex = path.substr(13);
  } else if (path.size() == 69 && path.ends_with(".json")) {
    hex = path.substr(0, 64);
  } else {
    return std::nullopt;
  }
  return "sha256:" + std::string(hex);
}

}  // namespace

base::Error member_error(std::string_view name, std::string_view message, base::ErrorCode code) {
  return base::make_error(code, fmt::format("archive member '{}': {}", name, message));
}

base::Result<ArchiveContents> ArchiveContents::read(layer::Source& source,
                                                    store::BlobStore& blobs) {
  ArchiveContents contents(blobs);
  if (base::Status status = contents.scan(source); !status) {
    contents.remove_created_blobs({});
    return status.error();
  }
  return contents;
}

base::Status ArchiveContents::scan(layer::Source& source) {
  ArchiveContents& contents = *this;
  store::BlobStore& blobs = *m_blobs;
  auto plain = layer::open_decompressed(source);
  if (!plain) return std::move(plain).error();
  layer::ScopedUtf8Locale utf8;
  ReadContext context;
  context.source = plain->get();
  std::unique_ptr<struct archive, ArchiveDeleter> handle(archive_read_new());
  archive_read_support_format_tar(handle.get());
  auto fail = [&](std::string_view what) {
    if (context.error) return *context.error;
    return base::make_error(
        base::ErrorCode::parse,
        fmt::format("image archive: {}: {}", what, archive_error_string(handle.get())));
  };
  if (archive_read_open(handle.get(), &context, nullptr, ReadContext::read, nullptr) !=
      ARCHIVE_OK) {
    return fail("not a tar archive");
  }
  std::string last = "(start)";
  while (true) {
    archive_entry* entry = nullptr;
    int result = archive_read_next_header(handle.get(), &entry);
    if (result == ARCHIVE_EOF) break;
    if (result < ARCHIVE_WARN) return fail(fmt::format("malformed tar after '{}'", last));
    const char* raw = archive_entry_pathname(entry);
    std::string name = raw ? raw : "";
    last = name;
    auto path = layer::normalize_tar_name(name);
    if (!path) return member_error(name, path.error().message);
    if (path->empty()) continue;
    if (contents.m_files.contains(*path) || contents.m_links.contains(*path)) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              fmt::format("archive member '{}' appears twice", name));
    }
    if (const char* target = archive_entry_hardlink(entry)) {
      auto link = layer::normalize_tar_name(target);
      if (!link || link->empty()) {
        return member_error(name, fmt::format("hardlink target '{}' leaves the archive", target));
      }
      contents.m_links.emplace(*path, *link);
      continue;
    }
    switch (archive_entry_filetype(entry)) {
      case AE_IFDIR:
        continue;
      case AE_IFLNK: {
        const char* target = archive_entry_symlink(entry);
        auto resolved = resolve_symlink(*path, target ? target : "");
        if (!resolved) {
          return member_error(
              name, fmt::format("symlink target '{}' leaves the archive", target ? target : ""));
        }
        contents.m_links.emplace(*path, *resolved);
        continue;
      }
      case AE_IFCHR:
      case AE_IFBLK:
        return member_error(name, "device nodes have no place in an image archive");
      case AE_IFREG:
        break;
      default:
        return member_error(name, "unsupported member type (fifo, socket or unknown)",
                            base::ErrorCode::unsupported);
    }
    auto writer = blobs.writer();
    if (!writer) return std::move(writer).error();
    base::Sha256 hash;
    while (true) {
      const void* block = nullptr;
      size_t size = 0;
      la_int64_t offset = 0;
      int status = archive_read_data_block(handle.get(), &block, &size, &offset);
      if (status == ARCHIVE_EOF) break;
      if (status < ARCHIVE_WARN) return fail(fmt::format("reading '{}'", name));
      if (static_cast<uint64_t>(offset) != writer->size()) {
        return member_error(name, "sparse members are not supported", base::ErrorCode::unsupported);
      }
      std::span bytes(static_cast<const uint8_t*>(block), size);
      hash.update(bytes);
      if (base::Status written = writer->write(bytes); !written) return written.error();
    }
    base::Digest digest = hash.finish();
    if (auto named = digest_in_name(*path); named && *named != digest.to_string()) {
      return member_error(
          name, fmt::format("digest mismatch: the content hashes to {}", digest.to_string()),
          base::ErrorCode::corrupt);
    }
    bool existed = blobs.contains(digest);
    auto info = writer->commit(digest);
    if (!info) return std::move(info).error();
    if (!existed) contents.m_created.insert(digest);
    contents.m_files.emplace(*path, ArchiveFile{info->digest, info->size});
  }
  return {};
}

bool ArchiveContents::contains(std::string_view path) const {
  return m_files.contains(path) || m_links.contains(path);
}

base::Result<ArchiveFile> ArchiveContents::file(std::string_view path,
                                                std::string_view named_by) const {
  std::string current(path);
  for (int hop = 0; hop <= k_max_link_hops; ++hop) {
    if (auto it = m_files.find(current); it != m_files.end()) return it->second;
    auto link = m_links.find(current);
    if (link == m_links.end()) {
      if (current == path) {
        return base::make_error(
            base::ErrorCode::not_found,
            fmt::format("archive member '{}' is missing (named by {})", path, named_by));
      }
      return member_error(path, fmt::format("links to '{}', which is missing", current),
                          base::ErrorCode::not_found);
    }
    current = link->second;
  }
  return member_error(path, "too many levels of links");
}

base::Result<std::string> ArchiveContents::read_text(std::string_view path,
                                                     std::string_view named_by) const {
  auto member = file(path, named_by);
  if (!member) return std::move(member).error();
  if (member->size > k_max_text) {
    return member_error(path,
                        fmt::format("{} bytes is too large for image metadata", member->size));
  }
  return m_blobs->read(member->digest);
}

void ArchiveContents::remove_created_blobs(const std::set<base::Digest>& keep) const {
  for (const base::Digest& digest : m_created) {
    if (!keep.contains(digest)) (void)m_blobs->remove(digest);
  }
}

}  // namespace strata::image
