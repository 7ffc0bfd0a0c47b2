#include "engine/cache/cache_index.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "engine/cache/record_codec.h"

namespace strata::cache {

namespace {

using base::ErrorCode;
using base::make_error;
using base::Status;

constexpr std::string_view k_magic = "STRATACI";
constexpr uint32_t k_version = 1;
constexpr size_t k_header_size = 12;
// A length above this is garbage, not a record: keys, preimages and results are small.
constexpr uint32_t k_max_payload = 64 * 1024 * 1024;

base::Error io_error(const std::filesystem::path& file, std::string_view what) {
  return make_error(ErrorCode::io, fmt::format("cache index {}: {}: {}", file.string(), what,
                                               std::strerror(errno)));
}

uint32_t read_u32(const unsigned char* bytes) {
  return uint32_t(bytes[0]) | uint32_t(bytes[1]) << 8 | uint32_t(bytes[2]) << 16 |
         uint32_t(bytes[3]) << 24;
}

void append_u32(std::string& out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(value >> (8 * i));
}

uint32_t checksum(std::string_view payload) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size())));
}

std::string header() {
  std::string out(k_magic);
  append_u32(out, k_version);
  return out;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(written));
  }
  return true;
}

// Holds an open descriptor with an flock for the duration of one operation.
class LockedFile {
 public:
  LockedFile(const std::filesystem::path& file, int lock)
      : m_fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (m_fd >= 0 && ::flock(m_fd, lock) != 0) {
      ::close(m_fd);
      m_fd = -1;
    }
  }
  ~LockedFile() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
  }
  LockedFile(const LockedFile&) = delete;
  LockedFile& operator=(const LockedFile&) = delete;
  int fd() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

base::Result<CacheIndex> CacheIndex::open(std::filesystem::path file) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  CacheIndex index(std::move(file));
  if (auto loaded = index.reload(); !loaded) return std::move(loaded).error();
  return index;
}

Status CacheIndex::reload() {
  LockedFile locked(m_file, LOCK_SH);
  if (locked.fd() < 0) return io_error(m_file, "open");
  return read_new_records(locked.fd());
}

Status CacheIndex::read_new_records(int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return io_error(m_file, "stat");
  uint64_t size = static_cast<uint64_t>(info.st_size);
  if (size == 0) return {};
  if (size < m_valid_end) {
    // Another process compacted the file: start over.
    m_entries.clear();
    m_by_key.clear();
    m_valid_end = 0;
  }
  std::string data(size - m_valid_end, '\0');
  ssize_t got = ::pread(fd, data.data(), data.size(), static_cast<off_t>(m_valid_end));
  if (got < 0) return io_error(m_file, "read");
  data.resize(static_cast<size_t>(got));
  size_t pos = 0;
  if (m_valid_end == 0) {
    if (data.size() < k_header_size || std::string_view(data).substr(0, 8) != k_magic) {
      return make_error(ErrorCode::invalid_argument,
                        fmt::format("{} is not a strata cache index", m_file.string()));
    }
    uint32_t version = read_u32(reinterpret_cast<const unsigned char*>(data.data() + 8));
    if (version != k_version) {
      return make_error(ErrorCode::unsupported,
                        fmt::format("{}: cache index version {} (this strata reads {})",
                                    m_file.string(), version, k_version));
    }
    pos = k_header_size;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  while (pos + 4 <= data.size()) {
    uint32_t length = read_u32(bytes + pos);
    if (length > k_max_payload || pos + 8 + length > data.size()) break;
    std::string_view payload(data.data() + pos + 4, length);
    if (read_u32(bytes + pos + 4 + length) != checksum(payload)) break;
    auto entry = decode_entry(payload);
    if (!entry) break;
    remember(std::move(*entry));
    pos += 8 + length;
  }
  m_valid_end += pos;
  m_dropped_bytes = size - m_valid_end;
  return {};
}

void CacheIndex::remember(CacheEntry entry) {
  auto found = m_by_key.find(entry.key);
  if (found != m_by_key.end()) {
    m_entries[found->second] = std::move(entry);
    return;
  }
  m_by_key.emplace(entry.key, m_entries.size());
  m_entries.push_back(std::move(entry));
}

const CacheEntry* CacheIndex::lookup(const base::Digest& key) const {
  auto found = m_by_key.find(key);
  return found == m_by_key.end() ? nullptr : &m_entries[found->second];
}

std::vector<const CacheEntry*> CacheIndex::with_component(std::string_view name,
                                                          std::string_view value) const {
  std::vector<const CacheEntry*> matches;
  for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
    for (const KeyComponent& component : it->preimage) {
      if (component.name == name && component.value == value) {
        matches.push_back(&*it);
        break;
      }
    }
  }
  return matches;
}

Status CacheIndex::insert(CacheEntry entry) {
  LockedFile locked(m_file, LOCK_EX);
  if (locked.fd() < 0) return io_error(m_file, "open");
  struct stat info {};
  if (::fstat(locked.fd(), &info) != 0) return io_error(m_file, "stat");
  if (info.st_size == 0) {
    if (!write_all(locked.fd(), header())) return io_error(m_file, "write header");
    m_valid_end = 0;
  }
  if (auto caught_up = read_new_records(locked.fd()); !caught_up) return caught_up;
  // Cut off a torn tail so the new record follows the last good one.
  if (m_dropped_bytes > 0) {
    if (::ftruncate(locked.fd(), static_cast<off_t>(m_valid_end)) != 0) {
      return io_error(m_file, "truncate torn tail");
    }
    m_dropped_bytes = 0;
  }
  std::string payload = encode_entry(entry);
  std::string record;
  append_u32(record, static_cast<uint32_t>(payload.size()));
  record += payload;
  append_u32(record, checksum(payload));
  if (::lseek(locked.fd(), static_cast<off_t>(m_valid_end), SEEK_SET) < 0 ||
      !write_all(locked.fd(), record) || ::fdatasync(locked.fd()) != 0) {
    return io_error(m_file, "append");
  }
  m_valid_end += record.size();
  remember(std::move(entry));
  return {};
}

Status CacheIndex::compact() {
  LockedFile locked(m_file, LOCK_EX);
  if (locked.fd() < 0) return io_error(m_file, "open");
  if (auto caught_up = read_new_records(locked.fd()); !caught_up) return caught_up;
  std::string data = header();
  for (const CacheEntry& entry : m_entries) {
    std::string payload = encode_entry(entry);
    append_u32(data, static_cast<uint32_t>(payload.size()));
    data += payload;
    append_u32(data, checksum(payload));
  }
  std::filesystem::path temp = m_file;
  temp += fmt::format(".tmp.{}", ::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(temp, "create");
  bool ok = write_all(fd, data) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), m_file.c_str()) != 0) {
    ::unlink(temp.c_str());
    return io_error(m_file, "compact");
  }
  m_valid_end = data.size();
  m_dropped_bytes = 0;
  return {};
}

std::vector<std::string> explain_miss(const CacheIndex& index, const CacheKey& wanted) {
  std::string parent, instruction;
  for (const KeyComponent& component : wanted.preimage) {
    if (component.name == "parent") parent = component.value;
    if (component.name == "instruction") instruction = component.value;
  }
  std::vector<const CacheEntry*> siblings = index.with_component("parent", parent);
  if (siblings.empty()) return {"no earlier build of this step on the same parent"};
  const CacheEntry* closest = siblings.front();
  for (const CacheEntry* sibling : siblings) {
    bool same_instruction = std::any_of(
        sibling->preimage.begin(), sibling->preimage.end(),
        [&](const KeyComponent& c) { return c.name == "instruction" && c.value == instruction; });
    if (same_instruction) {
      closest = sibling;
      break;
    }
  }
  return explain_difference(wanted.preimage, closest->preimage);
}

}  // namespace strata::cache
