// The docker-archive layout of docker 20.10's `docker save` (image/tarexport/save.go).
#include <fmt/format.h>

#include <map>
#include <set>

#include "engine/image/archive_formats.h"
#include "engine/image/go_json.h"

namespace strata::image {

namespace {

// The chain ID of the layers up to `diff_ids[index]` (OCI image spec).
base::Digest chain_id(const std::vector<base::Digest>& diff_ids, size_t index) {
  base::Digest chain = diff_ids[0];
  for (size_t i = 1; i <= index; ++i) {
    chain = base::Digest::of(chain.to_string() + " " + diff_ids[i].to_string());
  }
  return chain;
}

// A legacy v1 layer ID: docker derives it from the chain, the parent and (for the top layer)
// the image; any stable, distinct value serves, as docker load reads manifest.json only.
std::string v1_id(const base::Digest& chain, const std::string& parent, const base::Digest* top) {
  return base::Digest::of(fmt::format("strata-v1 {} {} {}", chain.to_string(), parent,
                                      top ? top->to_string() : ""))
      .hex();
}

std::string v1_json(const std::string& id, const std::string& parent, const ImageConfig& config) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["id"] = id;
  if (!parent.empty()) out["parent"] = parent;
  out["created"] = "1970-01-01T00:00:00Z";
  out["container_config"] = nlohmann::ordered_json::object();
  if (!config.os.empty()) out["os"] = config.os;
  return go_json(out);
}

}  // namespace

base::Status write_docker_archive(const store::BlobStore& blobs,
                                  std::span<const ExportImage> images, ArchiveWriter& out) {
  std::set<std::string> written_dirs;
  std::map<base::Digest, std::string> layer_tar_of;  // diffID -> first "<v1>/layer.tar"
  std::vector<std::string> config_paths;
  std::vector<std::vector<std::string>> layer_paths;
  std::vector<std::string> tops;
  for (const ExportImage& entry : images) {
    const StoredImage& image = entry.image;
    std::vector<std::string> paths;
    std::string parent;
    for (size_t i = 0; i < image.layers.size(); ++i) {
      bool top = i + 1 == image.layers.size();
      std::string id = v1_id(chain_id(image.layers, i), parent, top ? &image.id : nullptr);
      std::string tar = id + "/layer.tar";
      if (written_dirs.insert(id).second) {
        if (base::Status s = out.add_directory(id); !s) return s;
        if (base::Status s = out.add_file(id + "/VERSION", "1.0"); !s) return s;
        if (base::Status s = out.add_file(id + "/json", v1_json(id, parent, image.config)); !s) {
          return s;
        }
        if (auto first = layer_tar_of.find(image.layers[i]); first != layer_tar_of.end()) {
          if (base::Status s = out.add_symlink(tar, "../" + first->second); !s) return s;
        } else {
          auto reader = blobs.open(image.layers[i]);
          if (!reader) return std::move(reader).error();
          if (base::Status s = out.add_blob(tar, std::move(*reader)); !s) return s;
          layer_tar_of.emplace(image.layers[i], tar);
        }
      }
      paths.push_back(tar);
      parent = id;
    }
    std::string config_path = image.id.hex() + ".json";
    if (written_dirs.insert(config_path).second) {
      auto reader = blobs.open(image.id);
      if (!reader) return std::move(reader).error();
      if (base::Status s = out.add_blob(config_path, std::move(*reader)); !s) return s;
    }
    config_paths.push_back(config_path);
    layer_paths.push_back(std::move(paths));
    tops.push_back(parent);
  }
  std::string manifest = docker_manifest_json(images, config_paths, layer_paths);
  if (base::Status s = out.add_file("manifest.json", manifest); !s) return s;
  std::string repositories = repositories_json(images, tops);
  if (repositories.empty()) return {};
  return out.add_file("repositories", repositories);
}

}  // namespace strata::image
