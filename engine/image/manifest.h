#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/image/descriptor.h"

namespace strata::image {

// An image manifest: OCI (application/vnd.oci.image.manifest.v1+json) or Docker v2 schema 2
// (application/vnd.docker.distribution.manifest.v2+json); both have this shape.
struct Manifest {
  int schema_version = 2;
  std::string media_type;  // may be empty in OCI manifests
  std::string artifact_type;
  Descriptor config;
  std::vector<Descriptor> layers;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const Manifest&) const = default;
};

// An image index (OCI) or manifest list (Docker): one manifest per platform.
struct Index {
  int schema_version = 2;
  std::string media_type;
  std::string artifact_type;
  std::vector<Descriptor> manifests;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const Index&) const = default;
};

// Canonical form: image-spec's Go field order (schemaVersion, mediaType, artifactType,
// config, layers, subject, annotations; an index has manifests in place of config/layers),
// `layers` and `manifests` always present, other empty members omitted, unknown members after
// in key order. A manifest read from elsewhere keeps the digest of its original bytes: do not
// re-serialize it to verify a digest (docker's schema 2 writes size before digest, for one).
//
// Parsing rejects schemaVersion other than 2 and a mediaType of the other kind (an index
// handed to parse_manifest and vice versa).
base::Result<Manifest> parse_manifest(std::string_view text);
base::Result<Index> parse_index(std::string_view text);
nlohmann::ordered_json to_json(const Manifest& manifest);
nlohmann::ordered_json to_json(const Index& index);
std::string to_canonical_json(const Manifest& manifest);
std::string to_canonical_json(const Index& index);

}  // namespace strata::image
