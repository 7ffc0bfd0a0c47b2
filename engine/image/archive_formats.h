#pragma once

// Internal to the image module: the two archive formats behind docker_archive.h.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/image/archive_reader.h"
#include "engine/image/archive_writer.h"
#include "engine/image/docker_archive.h"
#include "engine/image/layer_import.h"

namespace strata::image {

// An image found in an archive whose layers are already verified and stored.
struct PendingImage {
  std::string config_json;
  std::vector<std::string> tags;  // full references
};

// What loading one archive has verified so far: layers by member blob, and the blobs the
// loaded images keep.
struct LoadSession {
  const ArchiveContents& contents;
  store::BlobStore& blobs;
  std::map<base::Digest, ImportedLayer> layers;  // member blob -> layer
  std::set<base::Digest> keep;
};

// Checks the config and stores each layer member, comparing its diffID with the config's.
// `config_member` names the config in errors.
base::Result<PendingImage> verify_image(LoadSession& session, std::string_view config_member,
                                        std::string config_json,
                                        const std::vector<std::string>& layer_members);

base::Result<std::vector<PendingImage>> read_docker_archive(LoadSession& session);
base::Result<std::vector<PendingImage>> read_oci_layout(LoadSession& session);

base::Status write_docker_archive(const store::BlobStore& blobs,
                                  std::span<const ExportImage> images, ArchiveWriter& out);
base::Status write_oci_layout(const store::BlobStore& blobs, std::span<const ExportImage> images,
                              ArchiveWriter& out);

// manifest.json (docker's manifestItem list) with `layer_path` and `config_path` naming the
// members; ends with a newline, as Go's json.Encoder writes it.
std::string docker_manifest_json(std::span<const ExportImage> images,
                                 const std::vector<std::string>& config_paths,
                                 const std::vector<std::vector<std::string>>& layer_paths);
// `repositories`: {"familiar repository": {"tag": top}}; empty when no image has a tag.
std::string repositories_json(std::span<const ExportImage> images,
                              const std::vector<std::string>& tops);

}  // namespace strata::image
