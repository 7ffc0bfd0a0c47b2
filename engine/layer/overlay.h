#pragma once

#include <filesystem>
#include <vector>

#include "engine/base/result.h"
#include "engine/layer/layer_entry.h"

namespace strata::layer {

// Turns an overlayfs upper directory (what a RUN step changed) into layer entries: files,
// directories and links as entries_from_tree() lists them, a character device 0/0 (how overlayfs
// records a deletion) as a whiteout, and a directory marked opaque (xattr trusted.overlay.opaque,
// or user.overlay.opaque for "userxattr" mounts, equal to "y") as the directory plus an opaque
// marker. Only the whiteout and opaque features are understood: mount without redirect_dir and
// metacopy, whose upper dirs this cannot express as a layer.
base::Result<std::vector<LayerEntry>> overlay_upper_to_entries(const std::filesystem::path& upper);

}  // namespace strata::layer
