#pragma once

#include <cstdint>

#include "engine/base/digest.h"

namespace strata::layer {

// The uncompressed tar's identity: its sha256 is the OCI diffID, the name a layer has in an
// image config and in the store.
struct LayerDigests {
  base::Digest diff_id;
  uint64_t size = 0;
  bool operator==(const LayerDigests&) const = default;
};

// A (possibly) compressed blob's identity, as a manifest's layer descriptor names it, together
// with the diffID of what it decompresses to. The two differ unless the blob is uncompressed.
struct BlobDigests {
  base::Digest digest;  // sha256 of the blob bytes
  uint64_t size = 0;
  base::Digest diff_id;  // sha256 of the uncompressed bytes
  uint64_t uncompressed_size = 0;
  bool operator==(const BlobDigests&) const = default;
};

}  // namespace strata::layer
