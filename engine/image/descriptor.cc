#include "engine/image/descriptor.h"

#include "engine/image/go_json.h"
#include "engine/image/json_reader.h"

namespace strata::image {

Descriptor describe(std::string_view media_type, std::string_view content) {
  Descriptor descriptor;
  descriptor.media_type = std::string(media_type);
  descriptor.digest = base::Digest::of(content);
  descriptor.size = static_cast<int64_t>(content.size());
  return descriptor;
}

nlohmann::ordered_json to_json(const Platform& platform) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["architecture"] = platform.architecture;
  out["os"] = platform.os;
  if (!platform.os_version.empty()) out["os.version"] = platform.os_version;
  if (!platform.os_features.empty()) out["os.features"] = platform.os_features;
  if (!platform.variant.empty()) out["variant"] = platform.variant;
  append_unknown(out, platform.extra);
  return out;
}

nlohmann::ordered_json to_json(const Descriptor& descriptor) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["mediaType"] = descriptor.media_type;
  out["digest"] = descriptor.digest.to_string();
  out["size"] = descriptor.size;
  if (!descriptor.urls.empty()) out["urls"] = descriptor.urls;
  if (!descriptor.annotations.empty()) out["annotations"] = descriptor.annotations;
  if (!descriptor.data.empty()) out["data"] = descriptor.data;
  if (descriptor.platform) out["platform"] = to_json(*descriptor.platform);
  if (!descriptor.artifact_type.empty()) out["artifactType"] = descriptor.artifact_type;
  append_unknown(out, descriptor.extra);
  return out;
}

base::Result<Platform> platform_from_json(const nlohmann::json& json, std::string path,
                                          std::string_view what) {
  ObjectReader reader(json, std::move(path), what);
  Platform platform;
  reader.string("architecture", platform.architecture);
  reader.string("os", platform.os);
  reader.string("os.version", platform.os_version);
  reader.strings("os.features", platform.os_features);
  reader.string("variant", platform.variant);
  if (auto status = reader.status(); !status) return std::move(status).error();
  platform.extra = reader.unknown();
  return platform;
}

base::Result<Descriptor> descriptor_from_json(const nlohmann::json& json, std::string path,
                                              std::string_view what) {
  ObjectReader reader(json, path, what);
  Descriptor descriptor;
  reader.string("mediaType", descriptor.media_type);
  reader.digest("digest", descriptor.digest);
  reader.int64("size", descriptor.size);
  reader.strings("urls", descriptor.urls);
  reader.string_map("annotations", descriptor.annotations);
  reader.string("data", descriptor.data);
  if (const nlohmann::json* platform = reader.member("platform")) {
    auto parsed = platform_from_json(*platform, reader.child_path("platform"), what);
    if (parsed) {
      descriptor.platform = std::move(parsed).value();
    } else {
      reader.fail_with(std::move(parsed).error());
    }
  }
  reader.string("artifactType", descriptor.artifact_type);
  if (auto status = reader.status(); !status) return std::move(status).error();
  descriptor.extra = reader.unknown();
  return descriptor;
}

base::Result<Descriptor> parse_descriptor(std::string_view text) {
  auto json = parse_json_document(text, "descriptor");
  if (!json) return std::move(json).error();
  return descriptor_from_json(*json, "", "descriptor");
}

std::string to_canonical_json(const Descriptor& descriptor) {
  return go_json(to_json(descriptor));
}

}  // namespace strata::image
