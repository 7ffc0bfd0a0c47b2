#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "engine/base/result.h"
#include "engine/layer/digests.h"
#include "engine/layer/layer_entry.h"
#include "engine/layer/stream.h"

namespace strata::layer {

struct WriteOptions {
  // SOURCE_DATE_EPOCH: mtimes later than this become this, as BuildKit's rewrite-timestamp
  // does, so rebuilding unchanged inputs at another time gives the same diffID.
  std::optional<int64_t> source_date_epoch;
};

// Writes `entries` as a deterministic tar to `sink`: the same entries and options give the same
// bytes. Entries are sorted (layer_sort_key), headers are ustar with PAX records only where ustar
// cannot hold a value (long or non-ASCII names, big sizes or ids), ids are numeric with empty
// user and group names, and no atime/ctime is recorded. The whole input is validated before the
// first byte goes out: paths, duplicates, names that would read as whiteouts, hardlinks whose
// target is not an earlier file of the layer. A host file that changed since it was listed fails
// the write (the caller discards what the sink got).
base::Result<LayerDigests> write_layer(std::span<const LayerEntry> entries, Sink& sink,
                                       const WriteOptions& options = {});

}  // namespace strata::layer
