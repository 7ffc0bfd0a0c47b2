// The OCI image layout (image-spec layout.md) in a tar, as docker 25's `docker save` and
// BuildKit's oci exporter write it.
#include <fmt/format.h>

#include "engine/image/archive_formats.h"
#include "engine/image/go_json.h"
#include "engine/image/image_import.h"
#include "engine/image/json_reader.h"
#include "engine/image/manifest.h"
#include "engine/image/media_types.h"

namespace strata::image {

namespace {

constexpr std::string_view k_name_annotation = "io.containerd.image.name";
constexpr std::string_view k_ref_name_annotation = "org.opencontainers.image.ref.name";

std::string blob_path(const base::Digest& digest) {
  return "blobs/sha256/" + digest.hex();
}

// The member a descriptor points at, of the size it states.
base::Result<std::string> read_described(const LoadSession& session, const Descriptor& descriptor,
                                         std::string_view named_by) {
  std::string path = blob_path(descriptor.digest);
  auto member = session.contents.file(path, named_by);
  if (!member) return std::move(member).error();
  if (member->size != static_cast<uint64_t>(descriptor.size)) {
    return member_error(
        path, fmt::format("{} bytes, but {} says {}", member->size, named_by, descriptor.size));
  }
  return session.contents.read_text(path, named_by);
}

// The reference an index entry names: containerd's full name, else a ref.name that is a whole
// reference ("hello-app:1.0"); a bare tag ("1.0") names no repository.
std::optional<std::string> entry_name(const Descriptor& descriptor) {
  for (std::string_view key : {k_name_annotation, k_ref_name_annotation}) {
    auto it = descriptor.annotations.find(std::string(key));
    if (it == descriptor.annotations.end()) continue;
    if (key == k_ref_name_annotation && it->second.find_first_of(":/") == std::string::npos) {
      continue;
    }
    auto ref = parse_image_name(it->second);
    if (ref && ref->digest.empty()) return ref->to_string();
  }
  return std::nullopt;
}

// A multi-platform index: the host's linux manifest, else the first real platform.
base::Result<Descriptor> pick_platform(const LoadSession& session, const Descriptor& index_entry) {
  auto text = read_described(session, index_entry, "index.json");
  if (!text) return std::move(text).error();
  auto index = parse_index(*text);
  if (!index) return member_error(blob_path(index_entry.digest), index.error().to_string());
  const Descriptor* chosen = nullptr;
  std::string arch = host_architecture();
  for (const Descriptor& entry : index->manifests) {
    if (!media_type::is_manifest(entry.media_type)) continue;
    bool real = !entry.platform || entry.platform->os != "unknown";
    bool host =
        entry.platform && entry.platform->os == "linux" && entry.platform->architecture == arch;
    if (host) return entry;
    if (real && !chosen) chosen = &entry;
  }
  if (!chosen) {
    return member_error(blob_path(index_entry.digest), "lists no image manifest");
  }
  return *chosen;
}

}  // namespace

base::Result<std::vector<PendingImage>> read_oci_layout(LoadSession& session) {
  auto layout_text = session.contents.read_text("oci-layout", "the OCI layout");
  if (!layout_text) return std::move(layout_text).error();
  auto layout = parse_json_document(*layout_text, "oci-layout");
  if (!layout || !layout->is_object() || !layout->contains("imageLayoutVersion")) {
    return member_error("oci-layout", "not an OCI layout marker (no imageLayoutVersion)");
  }
  auto index_text = session.contents.read_text("index.json", "the OCI layout");
  if (!index_text) return std::move(index_text).error();
  auto index = parse_index(*index_text);
  if (!index) return member_error("index.json", index.error().to_string());
  std::vector<PendingImage> out;
  std::vector<base::Digest> seen;  // manifests, in index order; one image each
  for (const Descriptor& listed : index->manifests) {
    Descriptor entry = listed;
    if (media_type::is_index(listed.media_type)) {
      auto picked = pick_platform(session, listed);
      if (!picked) return std::move(picked).error();
      entry = std::move(*picked);
    } else if (!media_type::is_manifest(listed.media_type)) {
      continue;  // attestations, artifacts
    }
    std::optional<std::string> name = entry_name(listed);
    auto known = std::find(seen.begin(), seen.end(), entry.digest);
    if (known != seen.end()) {
      auto& tags = out[static_cast<size_t>(known - seen.begin())].tags;
      if (name && std::find(tags.begin(), tags.end(), *name) == tags.end()) tags.push_back(*name);
      continue;
    }
    std::string manifest_path = blob_path(entry.digest);
    auto manifest_text = read_described(session, entry, "index.json");
    if (!manifest_text) return std::move(manifest_text).error();
    auto manifest = parse_manifest(*manifest_text);
    if (!manifest) return member_error(manifest_path, manifest.error().to_string());
    auto config = read_described(session, manifest->config, manifest_path);
    if (!config) return std::move(config).error();
    std::vector<std::string> layers;
    for (const Descriptor& layer : manifest->layers) {
      auto member = session.contents.file(blob_path(layer.digest), manifest_path);
      if (!member) return std::move(member).error();
      if (member->size != static_cast<uint64_t>(layer.size)) {
        return member_error(
            blob_path(layer.digest),
            fmt::format("{} bytes, but {} says {}", member->size, manifest_path, layer.size));
      }
      layers.push_back(blob_path(layer.digest));
    }
    auto image =
        verify_image(session, blob_path(manifest->config.digest), std::move(*config), layers);
    if (!image) return std::move(image).error();
    if (name) image->tags.push_back(*name);
    seen.push_back(entry.digest);
    out.push_back(std::move(*image));
  }
  if (out.empty()) return member_error("index.json", "lists no image manifest");
  return out;
}

base::Status write_oci_layout(const store::BlobStore& blobs, std::span<const ExportImage> images,
                              ArchiveWriter& out) {
  if (base::Status s = out.add_directory("blobs"); !s) return s;
  if (base::Status s = out.add_directory("blobs/sha256"); !s) return s;
  std::set<base::Digest> written;
  Index index;
  index.media_type = std::string(media_type::k_oci_index);
  std::vector<std::string> config_paths;
  std::vector<std::vector<std::string>> layer_paths;
  std::vector<std::string> tops;
  for (const ExportImage& entry : images) {
    const StoredImage& image = entry.image;
    std::vector<base::Digest> contents = image.layers;
    contents.push_back(image.id);
    contents.push_back(image.manifest_digest);
    for (const base::Digest& digest : contents) {
      if (!written.insert(digest).second) continue;
      auto reader = blobs.open(digest);
      if (!reader) return std::move(reader).error();
      if (base::Status s = out.add_blob(blob_path(digest), std::move(*reader)); !s) return s;
    }
    auto manifest_size = blobs.size(image.manifest_digest);
    if (!manifest_size) return std::move(manifest_size).error();
    Descriptor descriptor;
    descriptor.media_type = std::string(media_type::k_oci_manifest);
    descriptor.digest = image.manifest_digest;
    descriptor.size = static_cast<int64_t>(*manifest_size);
    if (!image.config.os.empty() && !image.config.architecture.empty()) {
      Platform platform;
      platform.architecture = image.config.architecture;
      platform.os = image.config.os;
      platform.variant = image.config.variant;
      descriptor.platform = std::move(platform);
    }
    if (entry.tags.empty()) index.manifests.push_back(descriptor);
    for (const Reference& tag : entry.tags) {
      Descriptor named = descriptor;
      named.annotations[std::string(k_name_annotation)] = tag.to_string();
      named.annotations[std::string(k_ref_name_annotation)] = tag.tag;
      index.manifests.push_back(std::move(named));
    }
    config_paths.push_back(blob_path(image.id));
    std::vector<std::string> paths;
    for (const base::Digest& layer : image.layers) paths.push_back(blob_path(layer));
    layer_paths.push_back(std::move(paths));
    tops.push_back(image.layers.empty() ? "" : image.layers.back().hex());
  }
  if (base::Status s = out.add_file("index.json", to_canonical_json(index)); !s) return s;
  std::string manifest = docker_manifest_json(images, config_paths, layer_paths);
  if (base::Status s = out.add_file("manifest.json", manifest); !s) return s;
  if (base::Status s = out.add_file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"); !s) {
    return s;
  }
  std::string repositories = repositories_json(images, tops);
  if (repositories.empty()) return {};
  return out.add_file("repositories", repositories);
}

}  // namespace strata::image
