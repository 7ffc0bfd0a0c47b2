// `strata load`: verify everything an archive holds, then add its images, tags last.
#include <fmt/format.h>

#include "engine/image/archive_formats.h"
#include "engine/image/json_reader.h"

namespace strata::image {

namespace {

base::Result<std::vector<std::string>> string_list(const nlohmann::json& item, const char* key,
                                                   size_t index) {
  std::vector<std::string> out;
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) return out;
  auto bad = [&] {
    return member_error("manifest.json",
                        fmt::format("entry {}: \"{}\" is not a list of strings", index, key));
  };
  if (!it->is_array()) return bad();
  for (const nlohmann::json& value : *it) {
    if (!value.is_string()) return bad();
    out.push_back(value.get<std::string>());
  }
  return out;
}

// Removes the blobs this load wrote that no loaded image keeps (all of them after a failure).
void discard_unkept(const LoadSession& session) {
  session.contents.remove_created_blobs(session.keep);
  for (const auto& [member, layer] : session.layers) {
    if (layer.created && !session.keep.contains(layer.diff_id)) {
      (void)session.blobs.remove(layer.diff_id);
    }
  }
}

}  // namespace

base::Result<PendingImage> verify_image(LoadSession& session, std::string_view config_member,
                                        std::string config_json,
                                        const std::vector<std::string>& layer_members) {
  auto config = parse_image_config(config_json);
  if (!config) return member_error(config_member, config.error().to_string());
  const std::vector<base::Digest>& diff_ids = config->rootfs.diff_ids;
  if (diff_ids.size() != layer_members.size()) {
    return member_error(config_member,
                        fmt::format("the config lists {} layers but the manifest has {}",
                                    diff_ids.size(), layer_members.size()));
  }
  for (size_t i = 0; i < layer_members.size(); ++i) {
    const std::string& path = layer_members[i];
    auto member = session.contents.file(path, config_member);
    if (!member) return std::move(member).error();
    auto known = session.layers.find(member->digest);
    if (known == session.layers.end()) {
      auto layer = import_layer_blob(session.blobs, member->digest);
      if (!layer) return member_error(path, layer.error().to_string());
      known = session.layers.emplace(member->digest, *layer).first;
    }
    if (known->second.diff_id != diff_ids[i]) {
      return member_error(
          path,
          fmt::format("diffID {} does not match layer {} of the config, {}",
                      known->second.diff_id.to_string(), i + 1, diff_ids[i].to_string()),
          base::ErrorCode::corrupt);
    }
    session.keep.insert(diff_ids[i]);
  }
  return PendingImage{std::move(config_json), {}};
}

base::Result<std::vector<PendingImage>> read_docker_archive(LoadSession& session) {
  auto text = session.contents.read_text("manifest.json", "the archive");
  if (!text) return std::move(text).error();
  auto manifest = parse_json_document(*text, "manifest.json");
  if (!manifest) return member_error("manifest.json", manifest.error().to_string());
  if (!manifest->is_array()) return member_error("manifest.json", "not a JSON list");
  std::vector<PendingImage> out;
  for (size_t i = 0; i < manifest->size(); ++i) {
    const nlohmann::json& item = (*manifest)[i];
    if (!item.is_object() || !item.contains("Config") || !item["Config"].is_string()) {
      return member_error("manifest.json", fmt::format("entry {} has no \"Config\"", i));
    }
    std::string config_path = item["Config"].get<std::string>();
    auto layers = string_list(item, "Layers", i);
    if (!layers) return std::move(layers).error();
    auto tags = string_list(item, "RepoTags", i);
    if (!tags) return std::move(tags).error();
    auto config = session.contents.read_text(config_path, "manifest.json");
    if (!config) return std::move(config).error();
    auto image = verify_image(session, config_path, std::move(*config), *layers);
    if (!image) return std::move(image).error();
    for (const std::string& tag : *tags) {
      auto ref = parse_image_name(tag);
      if (!ref || !ref->digest.empty()) {
        return member_error("manifest.json", fmt::format("invalid tag \"{}\"", tag));
      }
      image->tags.push_back(ref->to_string());
    }
    out.push_back(std::move(*image));
  }
  return out;
}

base::Result<LoadReport> load_images(ImageStore& images, store::BlobStore& blobs,
                                     layer::Source& input) {
  auto contents = ArchiveContents::read(input, blobs);
  if (!contents) return std::move(contents).error();
  LoadSession session{*contents, blobs, {}, {}};
  bool oci = contents->contains("index.json") && contents->contains("oci-layout");
  if (!oci && !contents->contains("manifest.json")) {
    contents->remove_created_blobs({});
    return base::make_error(base::ErrorCode::invalid_argument,
                            "not an image archive: it has neither manifest.json (docker save) "
                            "nor oci-layout and index.json (OCI image layout)");
  }
  auto pending = oci ? read_oci_layout(session) : read_docker_archive(session);
  std::vector<StoredImage> stored;
  if (pending) {
    for (const PendingImage& image : *pending) {
      auto written = images.write_blobs(image.config_json);
      if (!written) {
        pending = std::move(written).error();
        break;
      }
      session.keep.insert(written->id);
      session.keep.insert(written->manifest_digest);
      stored.push_back(std::move(*written));
    }
  }
  if (!pending) {
    session.keep.clear();
    discard_unkept(session);
    return std::move(pending).error();
  }
  discard_unkept(session);
  // Every blob is in place: now the images and their tags become visible.
  LoadReport report;
  for (size_t i = 0; i < stored.size(); ++i) {
    StoredImage& image = stored[i];
    if (base::Status status = images.register_image(image); !status) return status.error();
    for (const std::string& tag : (*pending)[i].tags) {
      std::string familiar = parse_reference(tag)->familiar_name();
      auto previous = images.resolve(tag);
      if (previous && previous->id != image.id) {
        report.lines.push_back(fmt::format(
            "The image {} already exists, renaming the old one with ID {} to empty string",
            familiar, previous->id.to_string()));
      }
      if (base::Status status = images.tag(image, tag); !status) return status.error();
      report.lines.push_back("Loaded image: " + familiar);
      image.tags.push_back(tag);
    }
    if ((*pending)[i].tags.empty()) {
      report.lines.push_back("Loaded image ID: " + image.id.to_string());
    }
    report.images.push_back(image);
  }
  return report;
}

}  // namespace strata::image
