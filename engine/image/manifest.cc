#include "engine/image/manifest.h"

#include <fmt/format.h>

#include "engine/image/go_json.h"
#include "engine/image/json_reader.h"
#include "engine/image/media_types.h"

namespace strata::image {
namespace {

void read_schema_version(ObjectReader& reader, int& out) {
  int64_t version = 0;
  reader.int64("schemaVersion", version);
  if (!reader.status()) return;
  if (version != 2) {
    reader.fail("schemaVersion", fmt::format("unsupported schema version {}", version));
    return;
  }
  out = 2;
}

void read_descriptor(ObjectReader& reader, const nlohmann::json& json, std::string path,
                     Descriptor& out) {
  auto parsed = descriptor_from_json(json, std::move(path), reader.what());
  if (parsed) {
    out = std::move(parsed).value();
  } else {
    reader.fail_with(std::move(parsed).error());
  }
}

void read_descriptors(ObjectReader& reader, std::string_view key, std::vector<Descriptor>& out) {
  const nlohmann::json* list = reader.member(key);
  if (!list) return;
  if (!list->is_array()) {
    reader.fail(key, fmt::format("expected array, got {}", json_type_name(*list)));
    return;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    Descriptor descriptor;
    read_descriptor(reader, (*list)[i], fmt::format("{}[{}]", reader.child_path(key), i),
                    descriptor);
    out.push_back(std::move(descriptor));
  }
}

void read_subject(ObjectReader& reader, std::optional<Descriptor>& out) {
  if (const nlohmann::json* subject = reader.member("subject")) {
    out.emplace();
    read_descriptor(reader, *subject, reader.child_path("subject"), *out);
  }
}

void write_common_tail(nlohmann::ordered_json& out, const std::optional<Descriptor>& subject,
                       const std::map<std::string, std::string>& annotations,
                       const nlohmann::json& extra) {
  if (subject) out["subject"] = to_json(*subject);
  if (!annotations.empty()) out["annotations"] = annotations;
  append_unknown(out, extra);
}

nlohmann::ordered_json descriptors_json(const std::vector<Descriptor>& descriptors) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Descriptor& descriptor : descriptors) out.push_back(to_json(descriptor));
  return out;
}

}  // namespace

base::Result<Manifest> parse_manifest(std::string_view text) {
  constexpr std::string_view k_what = "image manifest";
  auto json = parse_json_document(text, k_what);
  if (!json) return std::move(json).error();
  ObjectReader reader(*json, "", k_what);
  Manifest manifest;
  read_schema_version(reader, manifest.schema_version);
  reader.string("mediaType", manifest.media_type);
  if (!manifest.media_type.empty() && media_type::is_index(manifest.media_type)) {
    reader.fail("mediaType",
                fmt::format("\"{}\" is an index, not a manifest", manifest.media_type));
  }
  reader.string("artifactType", manifest.artifact_type);
  if (const nlohmann::json* config = reader.member("config")) {
    read_descriptor(reader, *config, "config", manifest.config);
  } else {
    reader.fail("config", "missing config descriptor");
  }
  read_descriptors(reader, "layers", manifest.layers);
  read_subject(reader, manifest.subject);
  reader.string_map("annotations", manifest.annotations);
  if (auto status = reader.status(); !status) return std::move(status).error();
  manifest.extra = reader.unknown();
  return manifest;
}

base::Result<Index> parse_index(std::string_view text) {
  constexpr std::string_view k_what = "image index";
  auto json = parse_json_document(text, k_what);
  if (!json) return std::move(json).error();
  ObjectReader reader(*json, "", k_what);
  Index index;
  read_schema_version(reader, index.schema_version);
  reader.string("mediaType", index.media_type);
  if (!index.media_type.empty() && media_type::is_manifest(index.media_type)) {
    reader.fail("mediaType", fmt::format("\"{}\" is a manifest, not an index", index.media_type));
  }
  reader.string("artifactType", index.artifact_type);
  read_descriptors(reader, "manifests", index.manifests);
  read_subject(reader, index.subject);
  reader.string_map("annotations", index.annotations);
  if (auto status = reader.status(); !status) return std::move(status).error();
  index.extra = reader.unknown();
  return index;
}

nlohmann::ordered_json to_json(const Manifest& manifest) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["schemaVersion"] = manifest.schema_version;
  if (!manifest.media_type.empty()) out["mediaType"] = manifest.media_type;
  if (!manifest.artifact_type.empty()) out["artifactType"] = manifest.artifact_type;
  out["config"] = to_json(manifest.config);
  out["layers"] = descriptors_json(manifest.layers);
  write_common_tail(out, manifest.subject, manifest.annotations, manifest.extra);
  return out;
}

nlohmann::ordered_json to_json(const Index& index) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["schemaVersion"] = index.schema_version;
  if (!index.media_type.empty()) out["mediaType"] = index.media_type;
  if (!index.artifact_type.empty()) out["artifactType"] = index.artifact_type;
  out["manifests"] = descriptors_json(index.manifests);
  write_common_tail(out, index.subject, index.annotations, index.extra);
  return out;
}

std::string to_canonical_json(const Manifest& manifest) {
  return go_json(to_json(manifest));
}
std::string to_canonical_json(const Index& index) {
  return go_json(to_json(index));
}

}  // namespace strata::image
