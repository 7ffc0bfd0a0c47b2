#include "engine/cache/cache_key.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace strata::cache {

namespace {

void add_framed(base::Sha256& hash, std::string_view text) {
  // An 8-byte little-endian length before every field frames it unambiguously.
  uint64_t size = text.size();
  uint8_t length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(size >> (8 * i));
  hash.update(std::span<const uint8_t>(length, 8));
  hash.update(text);
}

// Values that are digests or long texts are shortened in explanations.
std::string short_value(std::string_view value) {
  if (value.starts_with("sha256:") && value.size() > 19) return std::string(value.substr(7, 12));
  if (value.size() > 40) return std::string(value.substr(0, 37)) + "...";
  return std::string(value);
}

// Component names are "kind" or "kind:detail" ("source:app.py", "arg:VERSION").
std::string describe(std::string_view name) {
  size_t colon = name.find(':');
  std::string_view kind = name.substr(0, colon);
  std::string detail = colon == std::string_view::npos ? "" : std::string(name.substr(colon + 1));
  if (kind == "source") return detail.empty() ? "sources" : "source " + detail;
  if (kind == "arg") return "build arg " + detail;
  if (kind == "env") return "environment variable " + detail;
  if (kind == "parent") return "parent step";
  return std::string(name);
}

}  // namespace

KeyBuilder::KeyBuilder(std::string_view domain) : m_domain(domain) {}

KeyBuilder& KeyBuilder::add(std::string_view name, std::string_view value) {
  m_components.push_back({std::string(name), std::string(value)});
  return *this;
}

KeyBuilder& KeyBuilder::add(std::string_view name, const base::Digest& value) {
  return add(name, value.to_string());
}

CacheKey KeyBuilder::build() const {
  base::Sha256 hash;
  add_framed(hash, "strata.cache.key.v1");
  add_framed(hash, m_domain);
  for (const KeyComponent& component : m_components) {
    add_framed(hash, component.name);
    add_framed(hash, component.value);
  }
  return CacheKey{hash.finish(), m_components};
}

std::vector<std::string> explain_difference(const std::vector<KeyComponent>& wanted,
                                            const std::vector<KeyComponent>& previous) {
  std::map<std::string, std::string> before;
  for (const KeyComponent& component : previous) before[component.name] = component.value;
  std::vector<std::string> reasons;
  std::map<std::string, bool> seen;
  for (const KeyComponent& component : wanted) {
    seen[component.name] = true;
    auto old = before.find(component.name);
    if (old == before.end()) {
      reasons.push_back(describe(component.name) + " added");
    } else if (old->second != component.value) {
      std::string reason = describe(component.name) + " changed";
      if (component.name != "parent" && !component.name.starts_with("source")) {
        reason +=
            fmt::format(" ({} -> {})", short_value(old->second), short_value(component.value));
      }
      reasons.push_back(std::move(reason));
    }
  }
  for (const auto& [name, value] : before) {
    if (!seen.contains(name)) reasons.push_back(describe(name) + " removed");
  }
  return reasons;
}

}  // namespace strata::cache
