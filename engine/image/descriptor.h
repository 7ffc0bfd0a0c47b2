#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"

namespace strata::image {

// OCI platform (architecture/os[/variant]) of an index entry.
struct Platform {
  std::string architecture;
  std::string os;
  std::string os_version;                // "os.version"
  std::vector<std::string> os_features;  // "os.features"
  std::string variant;
  nlohmann::json extra = nlohmann::json::object();  // members this type does not know

  bool operator==(const Platform&) const = default;
};

// A content descriptor: what a manifest or index points at.
// Only sha256 digests are accepted (the engine's Digest); other algorithms fail to parse.
struct Descriptor {
  std::string media_type;
  base::Digest digest;
  int64_t size = 0;
  std::vector<std::string> urls;
  std::map<std::string, std::string> annotations;
  std::string data;  // base64 text, kept as written
  std::optional<Platform> platform;
  std::string artifact_type;
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const Descriptor&) const = default;
};

// A descriptor of `content` (digest and size computed here).
Descriptor describe(std::string_view media_type, std::string_view content);

// Canonical form: members in the field order of image-spec's Go types (what containerd and
// BuildKit write), empty optional members omitted, unknown members after in key order.
nlohmann::ordered_json to_json(const Descriptor& descriptor);
nlohmann::ordered_json to_json(const Platform& platform);
base::Result<Descriptor> descriptor_from_json(const nlohmann::json& json, std::string path,
                                              std::string_view what);
base::Result<Platform> platform_from_json(const nlohmann::json& json, std::string path,
                                          std::string_view what);

base::Result<Descriptor> parse_descriptor(std::string_view text);
std::string to_canonical_json(const Descriptor& descriptor);

}  // namespace strata::image
