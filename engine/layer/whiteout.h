#pragma once

#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/layer/layer_entry.h"

// OCI image spec whiteouts: a file ".wh.<name>" deletes <name> from the layers below; a file
// ".wh..wh..opq" in a directory hides everything the layers below had in it.
namespace strata::layer {

inline constexpr std::string_view k_whiteout_prefix = ".wh.";
inline constexpr std::string_view k_opaque_marker = ".wh..wh..opq";
// AUFS kept its own bookkeeping under this prefix; such names are neither data nor OCI markers.
inline constexpr std::string_view k_whiteout_meta_prefix = ".wh..wh.";

// The name an entry is stored under in the tar: the marker name for whiteout and opaque
// entries, the path itself otherwise.
std::string tar_path(const LayerEntry& entry);

// What a normalized tar path stands for: a plain entry at `path`, or a whiteout / opaque
// marker applying to `path`.
struct DecodedName {
  enum class Kind { plain, whiteout, opaque };
  Kind kind = Kind::plain;
  std::string path;
};

// Fails for marker names that name nothing safe: ".wh." alone, ".wh.." (".") and ".wh..."
// (".."), and AUFS metadata.
base::Result<DecodedName> decode_tar_path(std::string_view tar_path);

}  // namespace strata::layer
