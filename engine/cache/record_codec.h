#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/cache/cache_index.h"

namespace strata::cache {

// The byte layout of one cache index record payload (little-endian, length-prefixed strings).
std::string encode_entry(const CacheEntry& entry);
std::optional<CacheEntry> decode_entry(std::string_view payload);

}  // namespace strata::cache
