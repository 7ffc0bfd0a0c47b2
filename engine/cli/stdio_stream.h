#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "engine/base/result.h"
#include "engine/layer/stream.h"

namespace strata::cli {

// Standard input and output (and files) as the layer module's streams, for `save`, `load` and
// `import`. An owning FdSource closes its descriptor.
class FdSource final : public layer::Source {
 public:
  FdSource(int fd, std::string name, bool owned = false)
      : m_fd(fd), m_name(std::move(name)), m_owned(owned) {}
  ~FdSource() override;
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;
  base::Result<size_t> read(std::span<uint8_t> buffer) override;

 private:
  int m_fd;
  std::string m_name;
  bool m_owned;
};

class FdSink final : public layer::Sink {
 public:
  FdSink(int fd, std::string name) : m_fd(fd), m_name(std::move(name)) {}
  base::Status write(std::span<const uint8_t> data) override;

 private:
  int m_fd;
  std::string m_name;
};

// A file written under a temporary name beside it and renamed over it by commit(), as docker's
// atomicwriter does for `save -o`: a failed save leaves any earlier file untouched.
class AtomicFileSink final : public layer::Sink {
 public:
  static base::Result<std::unique_ptr<AtomicFileSink>> create(const std::filesystem::path& path);
  ~AtomicFileSink();
  base::Status write(std::span<const uint8_t> data) override;
  base::Status commit();

 private:
  AtomicFileSink(int fd, std::filesystem::path temp, std::filesystem::path path)
      : m_fd(fd), m_temp(std::move(temp)), m_path(std::move(path)) {}
  int m_fd;
  std::filesystem::path m_temp;
  std::filesystem::path m_path;
};

// A file named on the command line, or standard input for "-" (and for an empty name).
base::Result<std::unique_ptr<layer::Source>> open_input(const std::string& path);

}  // namespace strata::cli
