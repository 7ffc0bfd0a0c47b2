#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/layer/layer_entry.h"

namespace strata::layer {

// Lists the tree under `root` as layer entries under `prefix` ("" for the layer root; the root
// directory itself is not an entry). Nothing is followed: symlinks are entries (lstat), and the
// walk never leaves `root`. Modes, ids, whole-second mtimes and symlink targets are kept; files
// reference their host path (content is read when the layer is written); files sharing an inode
// become one file plus hardlinks to it, in layer order. Like Docker, only the security.capability
// xattr is carried, and sockets are skipped (a tar cannot hold them). The result is in layer
// order (layer_sort_key), whatever order the file system lists directories in.
base::Result<std::vector<LayerEntry>> entries_from_tree(const std::filesystem::path& root,
                                                        std::string_view prefix = "");

}  // namespace strata::layer
