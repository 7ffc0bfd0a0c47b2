#include "engine/layer/compression.h"

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <vector>

#include "engine/layer/hashing.h"

namespace strata::layer {

namespace {

constexpr size_t k_chunk = 256 * 1024;
constexpr int k_gzip_default_level = 6;
constexpr int k_zstd_default_level = 3;
// The gzip header's OS byte: 255 "unknown", as Go's compress/gzip writes it, so the header is the
// same whichever platform compressed the layer.
constexpr int k_gzip_os_unknown = 255;

base::Error codec_error(std::string_view codec, std::string_view message) {
  return base::make_error(base::ErrorCode::io, fmt::format("{} compression: {}", codec, message));
}

base::Status compress_gzip(Source& input, Sink& output, int level) {
  z_stream stream{};
  // windowBits 15 + 16 asks zlib for a gzip wrapper instead of a zlib one.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return codec_error("gzip", "cannot initialize deflate");
  }
  struct End {
    z_stream* stream;
    ~End() { deflateEnd(stream); }
  } end{&stream};
  gz_header header{};  // no name, no comment, mtime 0
  header.os = k_gzip_os_unknown;
  deflateSetHeader(&stream, &header);

  std::vector<uint8_t> in(k_chunk);
  std::vector<uint8_t> out(k_chunk);
  while (true) {
    auto count = input.read(in);
    if (!count) return std::move(count).error();
    int flush = *count == 0 ? Z_FINISH : Z_NO_FLUSH;
    stream.next_in = in.data();
    stream.avail_in = static_cast<uInt>(*count);
    int result = Z_OK;
    do {
      stream.next_out = out.data();
      stream.avail_out = static_cast<uInt>(out.size());
      result = deflate(&stream, flush);
      if (result == Z_STREAM_ERROR) return codec_error("gzip", "deflate failed");
      size_t produced = out.size() - stream.avail_out;
      if (produced > 0) {
        if (base::Status status = output.write(std::span(out.data(), produced)); !status) {
          return status;
        }
      }
    } while (stream.avail_out == 0 || (flush == Z_FINISH && result != Z_STREAM_END));
    if (flush == Z_FINISH) return {};
  }
}

base::Status compress_zstd(Source& input, Sink& output, int level) {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> context(ZSTD_createCCtx(), ZSTD_freeCCtx);
  if (!context) return codec_error("zstd", "cannot create a context");
  ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, level);
  // A content checksum, as the zstd command line writes by default.
  ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1);

  std::vector<uint8_t> in(k_chunk);
  std::vector<uint8_t> out(ZSTD_CStreamOutSize());
  while (true) {
    auto count = input.read(in);
    if (!count) return std::move(count).error();
    ZSTD_EndDirective mode = *count == 0 ? ZSTD_e_end : ZSTD_e_continue;
    ZSTD_inBuffer source{in.data(), *count, 0};
    bool finished = false;
    while (!finished) {
      ZSTD_outBuffer target{out.data(), out.size(), 0};
      size_t remaining = ZSTD_compressStream2(context.get(), &target, &source, mode);
      if (ZSTD_isError(remaining)) return codec_error("zstd", ZSTD_getErrorName(remaining));
      if (target.pos > 0) {
        if (base::Status status = output.write(std::span(out.data(), target.pos)); !status) {
          return status;
        }
      }
      finished = mode == ZSTD_e_end ? remaining == 0 : source.pos == source.size;
    }
    if (mode == ZSTD_e_end) return {};
  }
}

base::Status copy(Source& input, Sink& output) {
  std::vector<uint8_t> buffer(k_chunk);
  while (true) {
    auto count = input.read(buffer);
    if (!count) return std::move(count).error();
    if (*count == 0) return {};
    if (base::Status status = output.write(std::span(buffer.data(), *count)); !status) {
      return status;
    }
  }
}

}  // namespace

std::string_view to_string(Compression compression) {
  switch (compression) {
    case Compression::none:
      return "none";
    case Compression::gzip:
      return "gzip";
    case Compression::zstd:
      return "zstd";
  }
  return "unknown";
}

Compression detect_compression(std::span<const uint8_t> head) {
  if (head.size() >= 2 && head[0] == 0x1f && head[1] == 0x8b) return Compression::gzip;
  if (head.size() >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f &&
      head[3] == 0xfd) {
    return Compression::zstd;
  }
  return Compression::none;
}

base::Result<BlobDigests> compress(Source& input, Sink& output, Compression compression,
                                   std::optional<int> level) {
  HashingSource hashed_input(input);
  HashingSink hashed_output(output);
  base::Status status;
  switch (compression) {
    case Compression::none:
      status = copy(hashed_input, hashed_output);
      break;
    case Compression::gzip: {
      int chosen = level.value_or(k_gzip_default_level);
      if (chosen < 0 || chosen > 9) {
        return base::make_error(base::ErrorCode::invalid_argument,
                                fmt::format("gzip level {} is not in 0..9", chosen));
      }
      status = compress_gzip(hashed_input, hashed_output, chosen);
      break;
    }
    case Compression::zstd: {
      int chosen = level.value_or(k_zstd_default_level);
      if (chosen < ZSTD_minCLevel() || chosen > ZSTD_maxCLevel()) {
        return base::make_error(base::ErrorCode::invalid_argument,
                                fmt::format("zstd level {} is not in {}..{}", chosen,
                                            ZSTD_minCLevel(), ZSTD_maxCLevel()));
      }
      status = compress_zstd(hashed_input, hashed_output, chosen);
      break;
    }
  }
  if (!status) return std::move(status).error();
  return BlobDigests{hashed_output.finish(), hashed_output.size(), hashed_input.finish(),
                     hashed_input.size()};
}

base::Result<BlobDigests> decompress(Source& input, Sink& output) {
  HashingSource hashed_input(input);
  HashingSink hashed_output(output);
  auto decompressed = open_decompressed(hashed_input);
  if (!decompressed) return std::move(decompressed).error();
  if (base::Status status = copy(**decompressed, hashed_output); !status) return status.error();
  // Bytes after the last frame were either consumed by the decoder or are an error it reported.
  if (base::Status status = drain(hashed_input); !status) return status.error();
  return BlobDigests{hashed_input.finish(), hashed_input.size(), hashed_output.finish(),
                     hashed_output.size()};
}

}  // namespace strata::layer
