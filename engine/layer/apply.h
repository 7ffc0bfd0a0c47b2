#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "engine/base/result.h"
#include "engine/layer/digests.h"
#include "engine/layer/stream.h"

namespace strata::layer {

struct ApplyOptions {
  // Character and block devices are refused unless set: no build step needs to create one, and
  // a device node in an unpacked snapshot is a way into the host.
  bool allow_devices = false;
  // chown entries to the tar's uid/gid. Needs root; without it files belong to the caller.
  bool preserve_ownership = true;
};

struct ApplyReport {
  LayerDigests layer;  // diffID and size of the uncompressed tar, computed while extracting
  size_t files = 0;
  size_t directories = 0;
  size_t symlinks = 0;
  size_t hardlinks = 0;
  size_t special_files = 0;  // devices and fifos
  size_t whiteouts = 0;
  size_t opaque_dirs = 0;
  uint64_t bytes = 0;  // file content written
  bool operator==(const ApplyReport&) const = default;
};

// Extracts a layer (plain tar, gzip or zstd) into `target`, an existing directory holding the
// layers below, with OCI whiteout semantics: ".wh.<name>" deletes <name> from below, an opaque
// marker empties its directory of everything this layer did not bring. Refused, with an error
// naming the entry: absolute names, ".." components, paths that would leave the target through
// a symlink (symlinks inside the target are followed as a chroot would), hardlinks to anything but
// a file this layer wrote, device nodes unless allowed. Nothing is ever written outside the
// target, but a failed apply leaves the target half-changed: extract into a fresh snapshot and
// discard it on error. Only the xattrs security.capability and user.* are applied; others (e.g.
// trusted.overlay.*, which would steer an overlay mount) are dropped.
base::Result<ApplyReport> apply_layer(Source& layer, const std::filesystem::path& target,
                                      const ApplyOptions& options = {});

}  // namespace strata::layer
