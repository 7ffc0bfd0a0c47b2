#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"

namespace strata::image {

// HEALTHCHECK (a docker extension of the OCI config). Durations are nanoseconds, as in JSON.
struct HealthConfig {
  std::vector<std::string> test;
  int64_t interval = 0;
  int64_t timeout = 0;
  int64_t start_period = 0;
  int64_t start_interval = 0;
  int64_t retries = 0;
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const HealthConfig&) const = default;
};

// The "config" member: defaults for a container run from the image. Lists and maps are
// optional because docker's inspect tells "never set" (null) from "set to empty" ([] / {});
// a builder leaves them unset unless an instruction set them.
struct ContainerConfig {
  std::string user;
  std::optional<std::set<std::string>> exposed_ports;  // "8080/tcp"
  std::optional<std::vector<std::string>> env;
  std::optional<std::vector<std::string>> entrypoint;
  std::optional<std::vector<std::string>> cmd;
  std::optional<std::set<std::string>> volumes;
  std::string working_dir;
  std::optional<std::map<std::string, std::string>> labels;
  std::string stop_signal;
  bool args_escaped = false;
  std::optional<HealthConfig> healthcheck;  // docker extension
  std::optional<std::vector<std::string>> on_build;
  std::optional<std::vector<std::string>> shell;  // docker extension
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const ContainerConfig&) const = default;
};

struct RootFs {
  std::string type = "layers";
  std::vector<base::Digest> diff_ids;
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const RootFs&) const = default;
};

struct HistoryEntry {
  std::string created;  // RFC 3339, kept as written
  std::string created_by;
  std::string author;
  std::string comment;
  bool empty_layer = false;
  nlohmann::json extra = nlohmann::json::object();

  bool operator==(const HistoryEntry&) const = default;
};

// The OCI image configuration (application/vnd.oci.image.config.v1+json, identical in shape
// to docker's application/vnd.docker.container.image.v1+json). Its digest is the image ID.
struct ImageConfig {
  std::string created;  // RFC 3339, kept as written so digests survive a round trip
  std::string author;
  std::string architecture;
  std::string os;
  std::string os_version;
  std::vector<std::string> os_features;
  std::string variant;
  ContainerConfig config;
  RootFs rootfs;
  std::vector<HistoryEntry> history;
  nlohmann::json extra = nlohmann::json::object();  // e.g. docker's "comment", "docker_version"

  bool operator==(const ImageConfig&) const = default;
};

// Canonical form (the bytes the image ID is computed from):
//  - top-level members in key order, which is what BuildKit's exporter writes (it re-marshals
//    the config through a Go map), unknown members sorted in among them;
//  - inside "config", "rootfs", "history" entries and "Healthcheck": the field order of the Go
//    types (image-spec ImageConfig then docker-image-spec's Healthcheck, OnBuild, Shell), then
//    unknown members in key order;
//  - strings omitted when empty, as Go's omitempty does; an optional list or map is written
//    when it has a value, even an empty one, so an input's [] or {} survives; "config" and
//    "rootfs" (with "diff_ids", [] when none) are always written;
//  - compact, escaped as Go's json.Marshal escapes (see go_json.h).
base::Result<ImageConfig> parse_image_config(std::string_view text);
nlohmann::ordered_json to_json(const ImageConfig& config);
std::string to_canonical_json(const ImageConfig& config);

// The image ID: sha256 of the canonical bytes.
base::Digest image_id(const ImageConfig& config);

}  // namespace strata::image
