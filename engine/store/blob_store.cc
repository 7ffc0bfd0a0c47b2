#include "engine/store/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "engine/store/store_error.h"

namespace strata::store {

namespace {

constexpr size_t k_copy_chunk = 1024 * 1024;

base::Error missing_blob(const base::Digest& digest, const std::filesystem::path& path) {
  return base::make_error(base::ErrorCode::not_found,
                          "blob " + digest.to_string() + " not found at " + path.string());
}

// Adds the digest to an error about a blob's file, keeping the errno detail as its cause.
base::Error blob_error(base::Error error, const base::Digest& digest,
                       const std::filesystem::path& path) {
  if (error.code == base::ErrorCode::not_found) return missing_blob(digest, path);
  return base::wrap_error(std::move(error), "blob " + digest.to_string());
}

}  // namespace

base::Result<base::Digest> BlobStore::put(std::string_view bytes) {
  BlobInfo info{base::Digest::of(bytes), bytes.size()};
  struct stat st {};
  std::filesystem::path destination = path(info.digest);
  if (::stat(destination.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) == info.size) {
    return info.digest;
  }
  auto file = StagingFile::create(m_layout.tmp_dir(), "blob");
  if (!file) return std::move(file).error();
  auto data = std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  if (auto status = file->write(data); !status) return std::move(status).error();
  auto published = publish_blob(std::move(file).value(), m_layout.blobs_dir(), info);
  if (!published) return std::move(published).error();
  return info.digest;
}

base::Result<BlobInfo> BlobStore::put_file(const std::filesystem::path& file) {
  auto fd = open_file(file, O_RDONLY);
  if (!fd) return std::move(fd).error();
  auto blob = writer();
  if (!blob) return std::move(blob).error();
  std::vector<uint8_t> buffer(k_copy_chunk);
  for (;;) {
    auto got = read_some(fd->get(), buffer, file);
    if (!got) return std::move(got).error();
    if (*got == 0) break;
    if (auto status = blob->write(std::span(buffer).first(*got)); !status) {
      return std::move(status).error();
    }
  }
  return blob->commit();
}

base::Result<BlobWriter> BlobStore::writer() {
  auto file = StagingFile::create(m_layout.tmp_dir(), "blob");
  if (!file) return std::move(file).error();
  return BlobWriter(m_layout.blobs_dir(), std::move(file).value());
}

bool BlobStore::contains(const base::Digest& digest) const {
  struct stat st {};
  return ::stat(path(digest).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

base::Result<uint64_t> BlobStore::size(const base::Digest& digest) const {
  struct stat st {};
  std::filesystem::path file = path(digest);
  if (::stat(file.c_str(), &st) != 0) return blob_error(errno_error("stat", file), digest, file);
  return static_cast<uint64_t>(st.st_size);
}

base::Result<BlobReader> BlobStore::open(const base::Digest& digest) const {
  std::filesystem::path file = path(digest);
  auto fd = open_file(file, O_RDONLY);
  if (!fd) return blob_error(std::move(fd).error(), digest, file);
  struct stat st {};
  if (::fstat(fd->get(), &st) != 0) return blob_error(errno_error("fstat", file), digest, file);
  return BlobReader(std::move(fd).value(), file, digest, static_cast<uint64_t>(st.st_size));
}

base::Result<std::string> BlobStore::read(const base::Digest& digest) const {
  auto reader = open(digest);
  if (!reader) return std::move(reader).error();
  std::string bytes;
  // One extra byte lets the final read see the end without a reallocation.
  bytes.resize(reader->size() + 1);
  size_t filled = 0;
  for (;;) {
    if (filled == bytes.size()) bytes.resize(bytes.size() * 2);  // the blob grew under us
    auto span = std::span(reinterpret_cast<uint8_t*>(bytes.data()) + filled, bytes.size() - filled);
    auto got = reader->read(span);
    if (!got) return std::move(got).error();
    if (*got == 0) break;
    filled += *got;
  }
  bytes.resize(filled);
  return bytes;
}

base::Status BlobStore::verify(const base::Digest& digest) const {
  auto reader = open(digest);
  if (!reader) return std::move(reader).error();
  std::vector<uint8_t> buffer(k_copy_chunk);
  for (;;) {
    auto got = reader->read(buffer);
    if (!got) return std::move(got).error();
    if (*got == 0) return {};
  }
}

base::Status BlobStore::remove(const base::Digest& digest) {
  std::filesystem::path file = path(digest);
  if (::unlink(file.c_str()) != 0) return blob_error(errno_error("unlink", file), digest, file);
  return fsync_dir(m_layout.blobs_dir());
}

base::Result<std::vector<base::Digest>> BlobStore::list() const {
  std::vector<base::Digest> digests;
  std::error_code error;
  std::filesystem::directory_iterator it(m_layout.blobs_dir(), error);
  for (std::filesystem::directory_iterator end; !error && it != end; it.increment(error)) {
    auto digest = base::Digest::parse("sha256:" + it->path().filename().string());
    if (digest) digests.push_back(*digest);
  }
  if (error) {
    return base::make_error(base::ErrorCode::io,
                            "list " + m_layout.blobs_dir().string() + ": " + error.message());
  }
  std::sort(digests.begin(), digests.end());
  return digests;
}

}  // namespace strata::store
