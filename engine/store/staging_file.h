#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/store/posix_file.h"

namespace strata::store {

// A file written under <root>/tmp/ that becomes visible only through commit(): the bytes are
// written and fsynced under a unique temp name, then renamed into place (rename is atomic on
// one filesystem, and tmp/ shares the root's) and the destination directory is fsynced. A
// process killed at any point leaves either the old file or the new one, plus at most a
// temp file that no reader looks at.
//
// Staleness protocol, shared with gc and fsck (stale_temps.h): an entry of tmp/ is live exactly
// while some process holds a flock on it. A StagingFile holds an exclusive flock from before
// its name exists until commit/abort, and the kernel drops it when the writer dies, so gc can
// tell a crashed writer's leftovers from a slow writer's work in progress without guessing
// from timestamps.
class StagingFile {
 public:
  // Creates "<tmp_dir>/<prefix>-<random>" (mode 0600), locked: create_unnamed() where the
  // filesystem supports it, else create_named().
  static base::Result<StagingFile> create(const std::filesystem::path& tmp_dir,
                                          std::string_view prefix);
  // Makes an unnamed file (O_TMPFILE), locks it, then links it into tmp/: the name never
  // exists unlocked. std::nullopt when the filesystem or a missing /proc rules this out.
  static base::Result<std::optional<StagingFile>> create_unnamed(
      const std::filesystem::path& tmp_dir, std::string_view prefix);
  // Creates the name, then locks it. A gc probing in between removes it as stale; the writer
  // sees the link count drop to 0 and starts over under a new name.
  static base::Result<StagingFile> create_named(const std::filesystem::path& tmp_dir,
                                                std::string_view prefix);

  StagingFile(StagingFile&& other) noexcept;
  StagingFile& operator=(StagingFile&& other) noexcept;
  ~StagingFile() { abort(); }

  // Buffered: small writes are gathered so a caller streaming tiny chunks does not pay a system
  // call each.
  base::Status write(std::span<const uint8_t> data);
  // Flushes, fsyncs, sets `mode`, renames onto `destination` (replacing it) and fsyncs the
  // destination's directory. On failure the temp file is removed.
  base::Status commit(const std::filesystem::path& destination, mode_t mode);
  // Removes the temp file; a no-op after commit or abort.
  void abort();

  const std::filesystem::path& path() const { return m_path; }
  uint64_t size() const { return m_size; }

 private:
  StagingFile(UniqueFd fd, std::filesystem::path path)
      : m_fd(std::move(fd)), m_path(std::move(path)) {}
  base::Status flush();

  UniqueFd m_fd;
  std::filesystem::path m_path;
  std::vector<uint8_t> m_buffer;
  uint64_t m_size = 0;
};

// Writes `bytes` to `destination` atomically through a StagingFile in `tmp_dir`.
base::Status write_file_atomic(const std::filesystem::path& tmp_dir,
                               const std::filesystem::path& destination, std::string_view bytes,
                               mode_t mode);

}  // namespace strata::store
