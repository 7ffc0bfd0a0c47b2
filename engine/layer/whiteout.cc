#include "engine/layer/whiteout.h"

#include <fmt/format.h>

#include "engine/layer/layer_path.h"

namespace strata::layer {

std::string tar_path(const LayerEntry& entry) {
  if (entry.type == EntryType::opaque) return join_path(entry.path, k_opaque_marker);
  if (entry.type == EntryType::whiteout) {
    auto [parent, name] = split_parent(entry.path);
    return join_path(parent, fmt::format("{}{}", k_whiteout_prefix, name));
  }
  return entry.path;
}

base::Result<DecodedName> decode_tar_path(std::string_view tar_path) {
  auto [parent, name] = split_parent(tar_path);
  if (!name.starts_with(k_whiteout_prefix))
    return DecodedName{DecodedName::Kind::plain, std::string(tar_path)};
  if (name == k_opaque_marker) return DecodedName{DecodedName::Kind::opaque, std::string(parent)};
  if (name.starts_with(k_whiteout_meta_prefix)) {
    return base::make_error(base::ErrorCode::unsupported, "AUFS metadata is not supported");
  }
  std::string_view deleted = name.substr(k_whiteout_prefix.size());
  if (deleted.empty() || deleted == "." || deleted == "..") {
    return base::make_error(base::ErrorCode::invalid_argument,
                            fmt::format("whiteout names no entry: '{}'", name));
  }
  return DecodedName{DecodedName::Kind::whiteout, join_path(parent, deleted)};
}

}  // namespace strata::layer
