// docker rmi and docker image prune over the ImageStore, following the daemon's
// ImageDelete / ImagePrune (daemon/images/image_delete.go, image_prune.go). strata has no
// containers using images and no parent chains yet, so only the reference conflicts apply.
#include <fmt/format.h>

#include <set>

#include "engine/image/image_store.h"
#include "engine/image/reference.h"

namespace strata::image {

namespace {

std::string familiar(std::string_view full) {
  auto ref = parse_reference(full);
  return ref ? ref->familiar_name() : std::string(full);
}

// docker's isImageIDPrefix: `name` was meant as (a prefix of) the image ID.
bool is_id_prefix(const base::Digest& id, std::string_view name) {
  std::string full = id.to_string();
  return full.starts_with(name) || id.hex().starts_with(name);
}

}  // namespace

base::Status ImageStore::delete_image(const StoredImage& image, std::vector<Removal>& removals) {
  for (const std::string& tag : image.tags) {
    if (base::Status status = m_refs.remove(tag); !status) return status;
    removals.push_back({Removal::Kind::untagged, familiar(tag)});
  }
  if (base::Status status = m_refs.remove("#image/" + image.id.to_string()); !status) {
    return status;
  }
  // Listings no longer see the image; its two small blobs go now, its layers with gc.
  for (const base::Digest& blob : {image.manifest_digest, image.id}) {
    base::Status status = m_blobs.remove(blob);
    if (!status && status.error().code != base::ErrorCode::not_found) return status;
  }
  removals.push_back({Removal::Kind::deleted, image.id.to_string()});
  return {};
}

base::Result<std::vector<Removal>> ImageStore::remove_image(std::string_view name, bool force) {
  auto image = resolve(name);
  if (!image) return std::move(image).error();
  std::vector<Removal> removals;
  if (!is_id_prefix(image->id, name)) {
    // A reference: untag it; the image goes only with its last reference.
    auto ref = parse_image_name(name);
    if (!ref) return std::move(ref).error();
    std::string full = ref->to_string();
    if (base::Status status = m_refs.remove(full); !status) return status.error();
    removals.push_back({Removal::Kind::untagged, familiar(full)});
    std::erase(image->tags, full);
    if (!image->tags.empty()) return removals;
  } else if (image->tags.size() == 1) {
    // An ID with a single tag: docker removes the tag and the image without -f.
    if (base::Status status = m_refs.remove(image->tags.front()); !status) return status.error();
    removals.push_back({Removal::Kind::untagged, familiar(image->tags.front())});
    image->tags.clear();
  }
  if (!image->tags.empty() && !force) {
    return base::make_error(
        base::ErrorCode::invalid_argument,
        fmt::format("conflict: unable to delete {} (must be forced) - image is referenced in "
                    "multiple repositories",
                    short_id(image->id)));
  }
  if (base::Status status = delete_image(*image, removals); !status) return status.error();
  return removals;
}

base::Result<std::vector<std::string>> ImageStore::remove(std::string_view name, bool force) {
  auto removals = remove_image(name, force);
  if (!removals) return std::move(removals).error();
  std::vector<std::string> lines;
  for (const Removal& removal : *removals) lines.push_back(rmi_line(removal));
  return lines;
}

base::Result<PruneReport> ImageStore::prune_images(bool all) {
  auto images = list();
  if (!images) return std::move(images).error();
  PruneReport report;
  std::set<base::Digest> deleted;
  for (const StoredImage& image : *images) {
    std::vector<std::string> names;
    if (image.tags.empty()) {
      names.push_back(image.id.to_string());
    } else if (all) {
      names = image.tags;
    }
    for (const std::string& name : names) {
      auto removals = remove_image(name, false);
      if (!removals) continue;  // as the daemon does: a conflict skips the image
      for (const Removal& removal : *removals) {
        if (removal.kind == Removal::Kind::deleted) deleted.insert(image.id);
        report.removals.push_back(removal);
      }
    }
  }
  auto remaining = list();
  if (!remaining) return std::move(remaining).error();
  std::set<base::Digest> in_use;
  for (const StoredImage& image : *remaining)
    in_use.insert(image.layers.begin(), image.layers.end());
  std::set<base::Digest> released;
  for (const StoredImage& image : *images) {
    if (!deleted.contains(image.id)) continue;
    for (const base::Digest& layer : image.layers) {
      if (in_use.contains(layer) || !released.insert(layer).second) continue;
      if (auto size = m_blobs.size(layer)) report.reclaimed += *size;
    }
  }
  return report;
}

base::Result<std::vector<base::Digest>> ImageStore::prune(bool all) {
  auto report = prune_images(all);
  if (!report) return std::move(report).error();
  std::vector<base::Digest> deleted;
  for (const Removal& removal : report->removals) {
    if (removal.kind != Removal::Kind::deleted) continue;
    if (auto digest = base::Digest::parse(removal.text)) deleted.push_back(*digest);
  }
  return deleted;
}

}  // namespace strata::image
