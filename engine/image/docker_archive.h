#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/image/image_store.h"
#include "engine/image/reference.h"
#include "engine/layer/stream.h"

namespace strata::image {

// `strata save` / `strata load`: image archives that docker and OCI tools exchange.
//
//  - docker: what `docker save` of docker 20.10 writes, which every `docker load` reads:
//      <v1 id>/VERSION, <v1 id>/json, <v1 id>/layer.tar   one directory per layer (a layer
//                                                         repeated under another id is a
//                                                         symlink to its first copy)
//      <image id hex>.json                                the config, byte for byte
//      manifest.json   [{"Config": ..., "RepoTags": [...] | null, "Layers": [...]}]
//      repositories    {"name": {"tag": "<top v1 id>"}}   (legacy; only with tags)
//  - oci: an OCI image layout (oci-layout, index.json naming each tag with the
//    io.containerd.image.name and org.opencontainers.image.ref.name annotations,
//    blobs/sha256/...), plus the docker-archive manifest.json pointing into blobs/, as docker
//    25 writes it, so that `docker load` of any version reads it too.
// Layers go out uncompressed, as stored.
enum class ArchiveFormat { docker, oci };

// An image to save with the tags to record for it.
struct ExportImage {
  StoredImage image;
  std::vector<Reference> tags;
};

// Resolves `strata save` arguments as docker does: a repository name ("hello-app") exports
// every tag of it, a tagged name that tag, an ID (or prefix) the image without tags. An image
// named twice is exported once, with all the tags asked for.
base::Result<std::vector<ExportImage>> plan_export(const ImageStore& images,
                                                   std::span<const std::string> names);

base::Status save_images(const store::BlobStore& blobs, std::span<const ExportImage> images,
                         ArchiveFormat format, layer::Sink& output);

struct LoadReport {
  std::vector<StoredImage> images;
  // What `docker load` prints: "Loaded image: hello-app:1.0" per tag, "Loaded image ID:
  // sha256:..." for an image without one, and "The image x:1 already exists, renaming the old
  // one with ID sha256:... to empty string" when a tag moves.
  std::vector<std::string> lines;
};

// Reads either format (detected from its members; the tar itself may be gzip or zstd
// compressed, and so may each layer in it), verifies every digest and diffID, and only then
// adds the images and their tags. A failing load leaves no image, no tag and none of the blobs
// it wrote behind.
base::Result<LoadReport> load_images(ImageStore& images, store::BlobStore& blobs,
                                     layer::Source& input);

}  // namespace strata::image
