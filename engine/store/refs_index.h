#pragma once

#include <map>
#include <string>
#include <string_view>

#include "engine/base/digest.h"
#include "engine/base/result.h"

namespace strata::store {

// Reference name -> digest, sorted by name.
using RefMap = std::map<std::string, base::Digest, std::less<>>;

// The on-disk form of the refs index (<root>/refs/index), a small text file:
//
//   strata-refs 1
//   sha256:<hex> <name>        one line per reference, sorted by name
//   checksum sha256:<hex>      sha256 of every byte above this line
//
// The first line is the magic and format version; the checksum line catches bit rot and hand
// edits, and its absence a truncated file. Text rather than binary so that `cat` explains a
// broken store.
inline constexpr std::string_view k_refs_magic = "strata-refs";
inline constexpr int k_refs_version = 1;

std::string encode_refs_index(const RefMap& refs);
// `source` names the file in errors. A malformed index is a corrupt error (store_error.h); a
// newer version is unsupported.
base::Result<RefMap> decode_refs_index(std::string_view text, std::string_view source);

// Reference names are opaque ("docker.io/library/hello-app:1.0", "sha256:..." digests,
// anything a later module picks), but one must fit on one line of the index: non-empty, at most
// 4096 bytes, no ASCII control characters.
base::Status validate_ref_name(std::string_view name);

}  // namespace strata::store
