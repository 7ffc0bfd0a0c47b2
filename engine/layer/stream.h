#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/layer/posix.h"

namespace strata::layer {

// Where layer and blob bytes go. The layer module never knows about the store: the store (or a
// test) hands in a Sink, and gets digests back from the function that wrote to it.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual base::Status write(std::span<const uint8_t> data) = 0;
};

// Where layer and blob bytes come from: a tar, a compressed blob, a file being compressed.
class Source {
 public:
  virtual ~Source() = default;
  // Fills up to `buffer.size()` bytes and returns the count; 0 means the end of the stream.
  virtual base::Result<size_t> read(std::span<uint8_t> buffer) = 0;
};

// Collects everything written, for tests and small layers.
class MemorySink final : public Sink {
 public:
  base::Status write(std::span<const uint8_t> data) override;
  const std::vector<uint8_t>& bytes() const { return m_bytes; }
  std::vector<uint8_t> take() { return std::move(m_bytes); }

 private:
  std::vector<uint8_t> m_bytes;
};

// Reads from bytes the caller keeps alive.
class MemorySource final : public Source {
 public:
  explicit MemorySource(std::span<const uint8_t> bytes) : m_bytes(bytes) {}
  explicit MemorySource(std::string_view bytes)
      : m_bytes(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()) {}
  base::Result<size_t> read(std::span<uint8_t> buffer) override;

 private:
  std::span<const uint8_t> m_bytes;
};

// Writes to a file it created (truncating). Unbuffered: the writers above it already hand over
// large blocks. close() reports what a failed close(2) would otherwise hide.
class FileSink final : public Sink {
 public:
  static base::Result<FileSink> create(const std::filesystem::path& path);
  base::Status write(std::span<const uint8_t> data) override;
  base::Status close();

 private:
  FileSink(posix::UniqueFd fd, std::string path) : m_fd(std::move(fd)), m_path(std::move(path)) {}
  posix::UniqueFd m_fd;
  std::string m_path;
};

class FileSource final : public Source {
 public:
  static base::Result<FileSource> open(const std::filesystem::path& path);
  base::Result<size_t> read(std::span<uint8_t> buffer) override;

 private:
  FileSource(posix::UniqueFd fd, std::string path) : m_fd(std::move(fd)), m_path(std::move(path)) {}
  posix::UniqueFd m_fd;
  std::string m_path;
};

}  // namespace strata::layer
