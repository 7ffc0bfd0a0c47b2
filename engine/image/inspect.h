#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/digest.h"
#include "engine/image/image_config.h"

namespace strata::image {

// What the store knows about one local image: everything `docker image inspect` shows.
struct ImageRecord {
  base::Digest id;  // digest of the config blob
  ImageConfig config;
  std::vector<std::string> repo_tags;     // familiar form, "hello-app:1.0"
  std::vector<std::string> repo_digests;  // familiar form, "hello-app@sha256:..."
  int64_t size = 0;                       // bytes of all layers, unpacked
  std::string created;                    // RFC 3339; empty means "use config.created"
  std::string last_tag_time;              // RFC 3339; empty prints Go's zero time
  std::string parent;                     // "sha256:..." for classic-builder images; usually empty
  std::string graph_driver = "overlayfs";
  std::optional<std::map<std::string, std::string>> graph_driver_data;  // null when unset
};

// Which daemon's `docker image inspect` to reproduce. They differ only in "Config".
enum class InspectShape {
  // docker <= 28.1 (API <= 1.49): Config is docker's container.Config, in that struct's field
  // order, with Hostname, Domainname, AttachStdin/out/err, Tty, OpenStdin, StdinOnce, Image.
  container_config,
  // docker >= 28.2 (API 1.50, 1.51): Config is the OCI config plus null/"" for unset Cmd,
  // Entrypoint, Env, Labels, OnBuild, User, Volumes, WorkingDir; the daemon re-marshals it
  // through a Go map, so its keys are sorted and it is written last.
  oci_config,
};

// `docker image inspect` of one image: members in docker's order, RepoTags/RepoDigests []
// when none, Config lists and maps null when unset. Created is RFC 3339 with trailing
// fractional zeros dropped (Go's RFC3339Nano) and omitted when unknown; Comment falls back to
// the last history entry's comment and Metadata.LastTagTime to Go's zero time, as the daemon
// does.
nlohmann::ordered_json inspect_json(const ImageRecord& record,
                                    InspectShape shape = InspectShape::container_config);

// Go's time.Time text forms for an RFC 3339 timestamp, for the inspect JSON and templates.
// rfc3339_nano("2024-01-02T03:04:05.100Z") is "2024-01-02T03:04:05.1Z"; go_time_string(...) is
// "2024-01-02 03:04:05.1 +0000 UTC". Unparseable text is returned unchanged.
std::string rfc3339_nano(std::string_view timestamp);
std::string go_time_string(std::string_view timestamp);
inline constexpr std::string_view k_go_zero_time = "0001-01-01T00:00:00Z";

}  // namespace strata::image
