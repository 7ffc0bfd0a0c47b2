#include "engine/image/image_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/image/manifest.h"
#include "engine/image/media_types.h"
#include "engine/image/reference.h"
#include "engine/image/timestamp.h"

namespace strata::image {

namespace {

constexpr std::string_view k_image_record_prefix = "#image/";

std::string record_name(const base::Digest& id) {
  return std::string(k_image_record_prefix) + id.to_string();
}

bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

const store::Ref* find_ref(const std::vector<store::Ref>& refs, std::string_view name) {
  auto it =
      std::lower_bound(refs.begin(), refs.end(), name,
                       [](const store::Ref& ref, std::string_view n) { return ref.name < n; });
  return it != refs.end() && it->name == name ? &*it : nullptr;
}

// The daemon's ErrImageDoesNotExist: a name reads with its default tag ("app:latest").
base::Error no_such_image(std::string_view name) {
  std::string shown(name);
  if (!name.starts_with("sha256:")) {
    if (auto ref = parse_image_name(name)) shown = ref->familiar_name();
  }
  return base::make_error(base::ErrorCode::not_found, fmt::format("No such image: {}", shown));
}

Descriptor descriptor(std::string_view media_type, const base::Digest& digest, uint64_t size) {
  Descriptor out;
  out.media_type = std::string(media_type);
  out.digest = digest;
  out.size = static_cast<int64_t>(size);
  return out;
}

}  // namespace

std::string short_id(const base::Digest& id) {
  return id.hex().substr(0, 12);
}

std::string rmi_line(const Removal& removal) {
  return (removal.kind == Removal::Kind::untagged ? "Untagged: " : "Deleted: ") + removal.text;
}

base::Result<StoredImage> ImageStore::commit(const ImageConfig& config) {
  return commit_config(to_canonical_json(config));
}

base::Result<StoredImage> ImageStore::commit_config(std::string_view config_json) {
  auto image = write_blobs(config_json);
  if (!image) return image;
  if (base::Status status = register_image(*image); !status) return status.error();
  return image;
}

base::Result<StoredImage> ImageStore::write_blobs(std::string_view config_json) {
  auto config = parse_image_config(config_json);
  if (!config) return base::wrap_error(std::move(config).error(), "image config");
  StoredImage image;
  Manifest manifest;
  manifest.media_type = std::string(media_type::k_oci_manifest);
  for (const base::Digest& diff_id : config->rootfs.diff_ids) {
    auto size = m_blobs.size(diff_id);
    if (!size) {
      return base::make_error(base::ErrorCode::not_found,
                              fmt::format("layer {} is not in the store", diff_id.to_string()));
    }
    manifest.layers.push_back(descriptor(media_type::k_oci_layer, diff_id, *size));
    image.size += *size;
  }
  auto config_digest = m_blobs.put(config_json);
  if (!config_digest) return std::move(config_digest).error();
  manifest.config = descriptor(media_type::k_oci_config, *config_digest, config_json.size());
  auto manifest_digest = m_blobs.put(to_canonical_json(manifest));
  if (!manifest_digest) return std::move(manifest_digest).error();
  image.id = *config_digest;
  image.manifest_digest = *manifest_digest;
  image.layers = config->rootfs.diff_ids;
  image.config = std::move(*config);
  return image;
}

base::Status ImageStore::register_image(const StoredImage& image) {
  return m_refs.set(record_name(image.id), image.manifest_digest);
}

base::Status ImageStore::tag(const StoredImage& image, std::string_view reference) {
  auto ref = parse_image_name(reference);
  if (!ref) return std::move(ref).error();
  if (!ref->digest.empty()) {
    return base::make_error(base::ErrorCode::invalid_argument,
                            "refusing to create a tag with a digest reference");
  }
  if (ref->familiar_repository() == "sha256") {
    return base::make_error(base::ErrorCode::invalid_argument,
                            "refusing to create an ambiguous tag using digest algorithm as name");
  }
  // An image handed in from elsewhere (write_blobs only) becomes listed when tagged.
  if (!m_refs.get(record_name(image.id))) {
    if (base::Status status = register_image(image); !status) return status;
  }
  return m_refs.set(ref->to_string(), image.manifest_digest);
}

base::Result<StoredImage> ImageStore::load(const base::Digest& manifest_digest,
                                           const std::vector<store::Ref>& refs) const {
  auto manifest_text = m_blobs.read(manifest_digest);
  if (!manifest_text) return std::move(manifest_text).error();
  auto manifest = parse_manifest(*manifest_text);
  if (!manifest) return std::move(manifest).error();
  auto config_text = m_blobs.read(manifest->config.digest);
  if (!config_text) return std::move(config_text).error();
  auto config = parse_image_config(*config_text);
  if (!config) return base::wrap_error(std::move(config).error(), "image config");
  StoredImage image;
  image.id = manifest->config.digest;
  image.manifest_digest = manifest_digest;
  for (const Descriptor& layer : manifest->layers) {
    image.layers.push_back(layer.digest);
    // A layer blob gone missing shows as a smaller image; using it reports the loss.
    if (auto size = m_blobs.size(layer.digest)) image.size += *size;
  }
  image.config = std::move(*config);
  for (const store::Ref& ref : refs) {
    if (ref.digest == manifest_digest && !ref.name.starts_with(k_image_record_prefix)) {
      image.tags.push_back(ref.name);
    }
  }
  return image;
}

base::Result<StoredImage> ImageStore::find(const base::Digest& id) const {
  auto refs = m_refs.list();
  if (!refs) return std::move(refs).error();
  const store::Ref* record = find_ref(*refs, record_name(id));
  if (!record) return no_such_image(id.to_string());
  return load(record->digest, *refs);
}

base::Result<StoredImage> ImageStore::resolve(std::string_view name) const {
  if (name.empty()) return no_such_image(name);
  auto refs = m_refs.list();
  if (!refs) return std::move(refs).error();
  bool digest_form = name.starts_with("sha256:");
  std::string_view hex = digest_form ? name.substr(7) : name;
  if (hex.size() == 64 && is_lower_hex(hex)) {
    const store::Ref* record =
        find_ref(*refs, std::string(k_image_record_prefix) + "sha256:" + std::string(hex));
    if (!record) return no_such_image(name);
    return load(record->digest, *refs);
  }
  if (!digest_form) {
    auto ref = parse_image_name(name);
    if (ref) {
      if (const store::Ref* tagged = find_ref(*refs, ref->to_string())) {
        return load(tagged->digest, *refs);
      }
    } else if (!is_lower_hex(hex)) {
      return std::move(ref).error();
    }
  }
  if (hex.empty() || !is_lower_hex(hex)) return no_such_image(name);
  std::vector<const store::Ref*> matches;
  std::string prefix = std::string(k_image_record_prefix) + "sha256:" + std::string(hex);
  for (const store::Ref& ref : *refs) {
    if (ref.name.starts_with(prefix)) matches.push_back(&ref);
  }
  if (matches.empty()) return no_such_image(name);
  if (matches.size() > 1) {
    return base::make_error(
        base::ErrorCode::invalid_argument,
        fmt::format("ambiguous image ID prefix '{}': it matches {} images", name, matches.size()));
  }
  return load(matches.front()->digest, *refs);
}

base::Result<std::vector<StoredImage>> ImageStore::list() const {
  auto refs = m_refs.list();
  if (!refs) return std::move(refs).error();
  std::vector<StoredImage> images;
  for (const store::Ref& ref : *refs) {
    if (!ref.name.starts_with(k_image_record_prefix)) continue;
    auto image = load(ref.digest, *refs);
    if (!image) return base::wrap_error(std::move(image).error(), "image " + ref.name.substr(7));
    images.push_back(std::move(*image));
  }
  auto created = [](const StoredImage& image) {
    return parse_rfc3339(image.config.created).value_or(UnixTime{});
  };
  std::stable_sort(images.begin(), images.end(), [&](const StoredImage& a, const StoredImage& b) {
    return created(a) > created(b);
  });
  return images;
}

base::Result<std::vector<StoredImage>> ImageStore::find_repository(std::string_view name) const {
  auto ref = parse_reference(name);
  if (!ref) return std::move(ref).error();
  auto images = list();
  if (!images) return images;
  std::vector<StoredImage> out;
  for (StoredImage& image : *images) {
    std::erase_if(image.tags, [&](const std::string& tag) {
      auto parsed = parse_reference(tag);
      return !parsed || parsed->name() != ref->name();
    });
    if (!image.tags.empty()) out.push_back(std::move(image));
  }
  return out;
}

ImageRecord ImageStore::record(const StoredImage& image) const {
  ImageRecord record;
  record.id = image.id;
  record.config = image.config;
  for (const std::string& tag : image.tags) {
    auto ref = parse_reference(tag);
    record.repo_tags.push_back(ref ? ref->familiar_name() : tag);
  }
  record.size = static_cast<int64_t>(image.size);
  return record;
}

}  // namespace strata::image
