#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"

namespace strata::cache {

// One named input of a cache key, kept so that a miss can be explained later.
struct KeyComponent {
  std::string name;
  std::string value;
  bool operator==(const KeyComponent&) const = default;
};

struct CacheKey {
  base::Digest digest;
  std::vector<KeyComponent> preimage;
  bool operator==(const CacheKey&) const = default;
};

// Builds a key as sha256 over a domain tag and tagged, length-prefixed components, so two
// different component lists can never hash the same bytes by concatenation (ccache's rule).
// Component order is part of the key.
class KeyBuilder {
 public:
  explicit KeyBuilder(std::string_view domain);

  KeyBuilder& add(std::string_view name, std::string_view value);
  KeyBuilder& add(std::string_view name, const base::Digest& value);
  CacheKey build() const;

 private:
  std::string m_domain;
  std::vector<KeyComponent> m_components;
};

// Why `wanted` missed, compared with `previous` (the closest earlier key): one line per
// component that differs, e.g. "source app.py changed", "build arg VERSION changed (1.0 -> 2.0)".
std::vector<std::string> explain_difference(const std::vector<KeyComponent>& wanted,
                                            const std::vector<KeyComponent>& previous);

}  // namespace strata::cache
