#pragma once

#include <optional>
#include <string>

#include "engine/base/result.h"
#include "engine/image/image_config.h"
#include "engine/image/image_store.h"
#include "engine/image/timestamp.h"
#include "engine/layer/stream.h"

namespace strata::image {

struct ImportOptions {
  // The container config, with `--change` instructions already applied.
  ContainerConfig config;
  // The history comment and the config's "comment": docker writes "Imported from -" for a
  // file or standard input (the CLI streams both).
  std::string message = "Imported from -";
  std::optional<UnixTime> created;  // default: now
  std::string architecture;         // default: the host's, as Go names it ("amd64")
  std::string os = "linux";
};

// `docker import`: a rootfs tarball (plain, gzip or zstd) becomes a one-layer image. The tar is
// stored uncompressed, byte for byte, so its diffID is the sha256 of the decompressed input;
// entries with absolute or ".." names are rejected. The image is committed but not tagged.
base::Result<StoredImage> import_rootfs(ImageStore& images, store::BlobStore& blobs,
                                        layer::Source& rootfs, const ImportOptions& options);

// The host's CPU architecture as GOARCH spells it ("amd64", "arm64", ...).
std::string host_architecture();

}  // namespace strata::image
