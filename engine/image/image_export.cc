// `strata save`: which images and tags the names select, and the archive they go into.
#include <algorithm>

#include "engine/image/archive_formats.h"
#include "engine/image/go_json.h"

namespace strata::image {

namespace {

bool is_id_form(std::string_view name) {
  if (name.starts_with("sha256:")) return true;
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

void add_export(std::vector<ExportImage>& out, StoredImage image, std::vector<Reference> tags) {
  auto it = std::find_if(out.begin(), out.end(),
                         [&](const ExportImage& e) { return e.image.id == image.id; });
  if (it == out.end()) {
    out.push_back({std::move(image), {}});
    it = std::prev(out.end());
  }
  for (Reference& tag : tags) {
    if (std::find(it->tags.begin(), it->tags.end(), tag) == it->tags.end()) {
      it->tags.push_back(std::move(tag));
    }
  }
}

}  // namespace

base::Result<std::vector<ExportImage>> plan_export(const ImageStore& images,
                                                   std::span<const std::string> names) {
  std::vector<ExportImage> out;
  for (const std::string& name : names) {
    if (!is_id_form(name)) {
      auto ref = parse_reference(name);
      if (ref && ref->tag.empty() && ref->digest.empty()) {
        auto repository = images.find_repository(name);
        if (!repository) return std::move(repository).error();
        for (StoredImage& image : *repository) {
          std::vector<Reference> tags;
          for (const std::string& tag : image.tags) {
            if (auto parsed = parse_reference(tag)) tags.push_back(std::move(*parsed));
          }
          add_export(out, std::move(image), std::move(tags));
        }
        if (!repository->empty()) continue;
      } else if (ref && !ref->tag.empty()) {
        auto image = images.resolve(name);
        if (!image) return std::move(image).error();
        Reference tagged = *ref;
        tagged.digest.clear();
        add_export(out, std::move(*image), {tagged});
        continue;
      }
    }
    auto image = images.resolve(name);
    if (!image) return std::move(image).error();
    add_export(out, std::move(*image), {});
  }
  return out;
}

base::Status save_images(const store::BlobStore& blobs, std::span<const ExportImage> images,
                         ArchiveFormat format, layer::Sink& output) {
  auto writer = ArchiveWriter::open(output);
  if (!writer) return std::move(writer).error();
  base::Status written = format == ArchiveFormat::docker
                             ? write_docker_archive(blobs, images, **writer)
                             : write_oci_layout(blobs, images, **writer);
  if (!written) return written;
  return (*writer)->finish();
}

std::string docker_manifest_json(std::span<const ExportImage> images,
                                 const std::vector<std::string>& config_paths,
                                 const std::vector<std::vector<std::string>>& layer_paths) {
  nlohmann::ordered_json manifest = nlohmann::ordered_json::array();
  for (size_t i = 0; i < images.size(); ++i) {
    nlohmann::ordered_json item = nlohmann::ordered_json::object();
    item["Config"] = config_paths[i];
    // Go marshals an empty []string as null; docker load accepts both.
    item["RepoTags"] = nullptr;
    for (const Reference& tag : images[i].tags) item["RepoTags"].push_back(tag.familiar_name());
    item["Layers"] = layer_paths[i];
    manifest.push_back(std::move(item));
  }
  return go_json(manifest) + "\n";
}

std::string repositories_json(std::span<const ExportImage> images,
                              const std::vector<std::string>& tops) {
  // Go's encoder writes map keys sorted, which std::map gives.
  std::map<std::string, std::map<std::string, std::string>> repositories;
  for (size_t i = 0; i < images.size(); ++i) {
    if (tops[i].empty()) continue;
    for (const Reference& tag : images[i].tags) {
      repositories[tag.familiar_repository()][tag.tag] = tops[i];
    }
  }
  if (repositories.empty()) return "";
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, tags] : repositories) {
    nlohmann::ordered_json entry = nlohmann::ordered_json::object();
    for (const auto& [tag, top] : tags) entry[tag] = top;
    out[name] = std::move(entry);
  }
  return go_json(out) + "\n";
}

}  // namespace strata::image
