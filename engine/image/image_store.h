#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/image/image_config.h"
#include "engine/image/inspect.h"
#include "engine/store/blob_store.h"
#include "engine/store/ref_store.h"

namespace strata::image {

// An image in the store: its config blob (whose digest is the image ID), a manifest blob, and
// its layers, which are stored uncompressed, so a layer's blob digest is its diffID.
struct StoredImage {
  base::Digest id;               // config digest
  base::Digest manifest_digest;  // the OCI manifest blob
  ImageConfig config;
  std::vector<base::Digest> layers;  // blob digests, bottom first (== config.rootfs.diff_ids)
  std::vector<std::string> tags;     // full references pointing at it ("docker.io/library/x:1")
  uint64_t size = 0;                 // sum of the layer blobs' sizes (docker's Size)
};

// One line of what `docker rmi` and `docker image prune` report.
struct Removal {
  enum class Kind { untagged, deleted };
  Kind kind = Kind::untagged;
  std::string text;  // the familiar reference ("hello-app:1.0") or the image ID ("sha256:...")
  bool operator==(const Removal&) const = default;
};

// `docker rmi`'s lines: "Untagged: hello-app:1.0", "Deleted: sha256:...".
std::string rmi_line(const Removal& removal);

struct PruneReport {
  std::vector<Removal> removals;
  // Bytes of the layers no remaining image uses, as docker counts "Total reclaimed space".
  // The layer blobs themselves stay until gc: the build cache may still point at them.
  uint64_t reclaimed = 0;
};

// Images on top of the content-addressed store: references (tags) point at manifest digests.
//
// In the RefStore, every image has a record "#image/sha256:<id>" -> manifest digest ('#' never
// starts a docker reference), so an image whose last tag moved away stays listed as dangling
// (<none>:<none>), as docker shows it. Tags are normalized full references
// ("docker.io/library/hello-app:1.0") -> manifest digest.
class ImageStore {
 public:
  ImageStore(store::BlobStore& blobs, store::RefStore& refs) : m_blobs(blobs), m_refs(refs) {}

  // Writes the config and a manifest for it; every layer (diffID) must already be a blob.
  base::Result<StoredImage> commit(const ImageConfig& config);
  // Points `reference` (any form docker accepts: "hello-app:1.0") at `image`; the reference
  // it had before, if any, is moved (its old image may become dangling).
  base::Status tag(const StoredImage& image, std::string_view reference);
  // By reference, by full ID ("sha256:..." or 64 hex digits), or by unique ID prefix ("3f2a",
  // "sha256:3f2a"), as docker resolves names. not_found: "No such image: app:latest" (the name
  // as the daemon shows it); a prefix that matches several images is an invalid_argument error.
  base::Result<StoredImage> resolve(std::string_view name) const;
  // Every image with at least one tag, plus dangling ones (no tag), newest first.
  base::Result<std::vector<StoredImage>> list() const;
  // docker rmi: removes the reference; with the last reference gone, the image's manifest and
  // config are deleted (layers stay for gc). An ID with several tags needs `force`.
  // Returns rmi_line() of each removal.
  base::Result<std::vector<std::string>> remove(std::string_view name, bool force);
  // docker image prune [-a]: dangling images (or every unused one with `all`).
  base::Result<std::vector<base::Digest>> prune(bool all);
  // The inspect record (ImageRecord, inspect.h) for docker-compatible output.
  ImageRecord record(const StoredImage& image) const;

  // The image whose config is exactly `config_json`, kept byte for byte so that an image loaded
  // from an archive keeps the ID it had (its digest). commit() is this with canonical JSON.
  base::Result<StoredImage> commit_config(std::string_view config_json);
  // commit_config in two steps, so an importer writes every blob of every image before it
  // makes any of them visible: write_blobs stores the config and the manifest (not yet listed),
  // register_image adds the image's record.
  base::Result<StoredImage> write_blobs(std::string_view config_json);
  base::Status register_image(const StoredImage& image);
  // The image with this ID; not_found when there is none.
  base::Result<StoredImage> find(const base::Digest& id) const;
  // The images tagged in the repository `name` ("hello-app", any tag), with those tags only:
  // what `docker save hello-app` exports.
  base::Result<std::vector<StoredImage>> find_repository(std::string_view name) const;
  // rmi and prune with structured results.
  base::Result<std::vector<Removal>> remove_image(std::string_view name, bool force);
  base::Result<PruneReport> prune_images(bool all);

 private:
  base::Result<StoredImage> load(const base::Digest& manifest_digest,
                                 const std::vector<store::Ref>& refs) const;
  base::Status delete_image(const StoredImage& image, std::vector<Removal>& removals);

  store::BlobStore& m_blobs;
  store::RefStore& m_refs;
};

// The short image ID docker prints: the first 12 hex digits.
std::string short_id(const base::Digest& id);

}  // namespace strata::image
