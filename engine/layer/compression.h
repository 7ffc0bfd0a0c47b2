#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "engine/base/result.h"
#include "engine/layer/digests.h"
#include "engine/layer/stream.h"

namespace strata::layer {

// How a layer blob is compressed. Layers are stored uncompressed and compressed on export:
// gzip by default, as `docker load` needs, zstd when asked.
enum class Compression { none, gzip, zstd };

std::string_view to_string(Compression compression);

// From the first bytes of a blob: gzip (1f 8b), zstd (28 b5 2f fd), otherwise none.
Compression detect_compression(std::span<const uint8_t> head);

// Compresses `input` into `output`, streaming. No level means the codec's default (gzip 6,
// zstd 3). gzip headers carry no name and mtime 0, and zstd runs single-threaded, so the same
// input and level give the same blob (with the same zlib/libzstd versions). Reports the blob's
// digest and the diffID of the input, which are different things.
base::Result<BlobDigests> compress(Source& input, Sink& output, Compression compression,
                                   std::optional<int> level = std::nullopt);

// A Source of the decompressed bytes of `input`, whose format is detected from its first bytes
// (plain data passes through). Concatenated gzip members and zstd frames are read in turn; a
// truncated stream is an error, not a short read.
base::Result<std::unique_ptr<Source>> open_decompressed(Source& input);

// Decompresses `input` (any of the formats above) into `output`.
base::Result<BlobDigests> decompress(Source& input, Sink& output);

}  // namespace strata::layer
