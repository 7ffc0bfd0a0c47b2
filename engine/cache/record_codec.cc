#include "engine/cache/record_codec.h"

#include <cstring>

namespace strata::cache {

namespace {

void put_u64(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>(value >> (8 * i));
}

void put_string(std::string& out, std::string_view text) {
  put_u64(out, text.size());
  out += text;
}

class Reader {
 public:
  explicit Reader(std::string_view data) : m_data(data) {}
  std::optional<uint64_t> u64() {
    if (m_data.size() < 8) return std::nullopt;
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = value << 8 | static_cast<uint8_t>(m_data[i]);
    m_data.remove_prefix(8);
    return value;
  }
  std::optional<std::string> string() {
    auto size = u64();
    if (!size || *size > m_data.size()) return std::nullopt;
    std::string text(m_data.substr(0, *size));
    m_data.remove_prefix(*size);
    return text;
  }
  std::optional<std::string_view> bytes(size_t size) {
    if (m_data.size() < size) return std::nullopt;
    std::string_view out = m_data.substr(0, size);
    m_data.remove_prefix(size);
    return out;
  }
  bool done() const { return m_data.empty(); }

 private:
  std::string_view m_data;
};

}  // namespace

std::string encode_entry(const CacheEntry& entry) {
  std::string out;
  out.append(reinterpret_cast<const char*>(entry.key.bytes().data()), base::Digest::k_size);
  put_u64(out, static_cast<uint64_t>(entry.created_unix));
  put_u64(out, entry.preimage.size());
  for (const KeyComponent& component : entry.preimage) {
    put_string(out, component.name);
    put_string(out, component.value);
  }
  put_string(out, entry.result);
  return out;
}

std::optional<CacheEntry> decode_entry(std::string_view payload) {
  Reader reader(payload);
  CacheEntry entry;
  auto key = reader.bytes(base::Digest::k_size);
  if (!key) return std::nullopt;
  base::Digest::Bytes bytes{};
  std::memcpy(bytes.data(), key->data(), bytes.size());
  entry.key = base::Digest(bytes);
  auto created = reader.u64();
  auto count = reader.u64();
  if (!created || !count || *count > payload.size()) return std::nullopt;
  entry.created_unix = static_cast<int64_t>(*created);
  for (uint64_t i = 0; i < *count; ++i) {
    auto name = reader.string();
    auto value = reader.string();
    if (!name || !value) return std::nullopt;
    entry.preimage.push_back({std::move(*name), std::move(*value)});
  }
  auto result = reader.string();
  if (!result || !reader.done()) return std::nullopt;
  entry.result = std::move(*result);
  return entry;
}

}  // namespace strata::cache
