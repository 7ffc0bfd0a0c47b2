#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/cache/cache_key.h"

namespace strata::cache {

struct CacheEntry {
  base::Digest key;
  std::vector<KeyComponent> preimage;
  std::string result;  // what the step produced; opaque here (the builder stores JSON)
  int64_t created_unix = 0;
  bool operator==(const CacheEntry&) const = default;
};

struct DigestHash {
  size_t operator()(const base::Digest& digest) const {
    size_t value = 0;
    for (size_t i = 0; i < sizeof(size_t); ++i) value = value << 8 | digest.bytes()[i];
    return value;
  }
};

// The build cache's lookup table: an append-only file of checksummed records, loaded into a
// hash map. Appends happen under an exclusive flock, so several strata processes can share it;
// a record torn by a crash (or any corrupt tail) is dropped, never trusted, and cut off by the
// next append. Later records for the same key win.
//
// File: "STRATACI" magic, u32 version; then records: u32 length, payload, u32 crc32(payload).
class CacheIndex {
 public:
  static base::Result<CacheIndex> open(std::filesystem::path file);

  const CacheEntry* lookup(const base::Digest& key) const;
  // Entries whose preimage has component `name` == `value` (e.g. the same parent), newest first.
  std::vector<const CacheEntry*> with_component(std::string_view name,
                                                std::string_view value) const;

  base::Status insert(CacheEntry entry);
  base::Status reload();   // picks up records other processes appended
  base::Status compact();  // rewrites the file with one record per key (temp + rename)

  size_t size() const { return m_by_key.size(); }
  uint64_t dropped_bytes() const { return m_dropped_bytes; }
  const std::filesystem::path& file() const { return m_file; }

 private:
  explicit CacheIndex(std::filesystem::path file) : m_file(std::move(file)) {}
  // Reads records from m_valid_end to the end of `fd`; stops at the first bad one.
  base::Status read_new_records(int fd);
  void remember(CacheEntry entry);

  std::filesystem::path m_file;
  std::vector<CacheEntry> m_entries;
  std::unordered_map<base::Digest, size_t, DigestHash> m_by_key;
  uint64_t m_valid_end = 0;
  uint64_t m_dropped_bytes = 0;
};

// Why `wanted` is not in the index: the differences from the newest entry with the same parent
// (and, among those, the same instruction when there is one), or "parent step changed"-style
// reasons when nothing shares the parent.
std::vector<std::string> explain_miss(const CacheIndex& index, const CacheKey& wanted);

}  // namespace strata::cache
