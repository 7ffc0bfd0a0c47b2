#pragma once

#include <cstdint>

#include "engine/base/digest.h"
#include "engine/base/result.h"
#include "engine/layer/stream.h"
#include "engine/store/blob_store.h"

namespace strata::image {

struct ImportedLayer {
  base::Digest diff_id;  // == the blob's digest: layers are stored uncompressed
  uint64_t size = 0;
  bool created = false;  // the blob was not in the store before
};

// Stores a layer from a tar stream (plain, gzip or zstd) uncompressed, reading every entry on
// the way so that a layer with absolute or ".." names, or links out of itself, is rejected
// (errors name the entry) before anything is published.
base::Result<ImportedLayer> import_layer(store::BlobStore& blobs, layer::Source& input);

// A layer that is already a blob: uncompressed, it is checked in place and is its own layer
// blob; compressed, it is decompressed into a new blob.
base::Result<ImportedLayer> import_layer_blob(store::BlobStore& blobs, const base::Digest& blob);

}  // namespace strata::image
