// The decompressing Sources behind open_decompressed(): plain, gzip and zstd.
#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "engine/layer/compression.h"

namespace strata::layer {

namespace {

constexpr size_t k_chunk = 256 * 1024;

base::Error corrupt(std::string_view codec, std::string_view message) {
  return base::make_error(base::ErrorCode::parse, fmt::format("{} stream: {}", codec, message));
}

// Compressed input, refilled from the underlying Source in chunks. It starts out holding the
// bytes read to detect the format, so nothing is read twice.
class InputBuffer {
 public:
  explicit InputBuffer(Source& source) : m_source(source), m_bytes(k_chunk) {}

  // Reads until at least `count` bytes are buffered or the input ends.
  base::Status peek(size_t count) {
    while (available() < count && !m_eof) {
      auto read = m_source.read(std::span(m_bytes).subspan(m_end));
      if (!read) return std::move(read).error();
      if (*read == 0) m_eof = true;
      m_end += *read;
    }
    return {};
  }
  // Refills an empty buffer; false at the end of the input.
  base::Result<bool> fill() {
    if (available() > 0) return true;
    m_begin = m_end = 0;
    if (m_eof) return false;
    if (base::Status status = peek(1); !status) return status.error();
    return available() > 0;
  }
  std::span<const uint8_t> data() const { return std::span(m_bytes).subspan(m_begin, available()); }
  void consume(size_t count) { m_begin += count; }
  size_t available() const { return m_end - m_begin; }

 private:
  Source& m_source;
  std::vector<uint8_t> m_bytes;
  size_t m_begin = 0;
  size_t m_end = 0;
  bool m_eof = false;
};

class PlainSource final : public Source {
 public:
  explicit PlainSource(InputBuffer input, Source& source)
      : m_input(std::move(input)), m_source(source) {}
  base::Result<size_t> read(std::span<uint8_t> buffer) override {
    if (m_input.available() == 0) return m_source.read(buffer);
    size_t count = std::min(buffer.size(), m_input.available());
    std::memcpy(buffer.data(), m_input.data().data(), count);
    m_input.consume(count);
    return count;
  }

 private:
  InputBuffer m_input;
  Source& m_source;
};

class GzipSource final : public Source {
 public:
  explicit GzipSource(InputBuffer input) : m_input(std::move(input)) {}
  ~GzipSource() override {
    if (m_initialized) inflateEnd(&m_stream);
  }
  base::Status init() {
    // 15 + 16: expect a gzip wrapper (not zlib, not raw deflate).
    if (inflateInit2(&m_stream, 15 + 16) != Z_OK) return corrupt("gzip", "cannot initialize");
    m_initialized = true;
    return {};
  }

  base::Result<size_t> read(std::span<uint8_t> buffer) override {
    if (buffer.empty()) return size_t{0};
    while (!m_done) {
      auto more = m_input.fill();
      if (!more) return std::move(more).error();
      if (!*more) {
        if (m_member_ended) {
          m_done = true;
          break;
        }
        return corrupt("gzip", "truncated");
      }
      if (m_member_ended) {
        // Another member follows: gzip files may be concatenations, and they decompress to
        // the concatenation of their contents.
        inflateReset(&m_stream);
        m_member_ended = false;
      }
      auto in = m_input.data();
      m_stream.next_in = const_cast<Bytef*>(in.data());
      m_stream.avail_in = static_cast<uInt>(in.size());
      m_stream.next_out = buffer.data();
      m_stream.avail_out = static_cast<uInt>(buffer.size());
      int result = inflate(&m_stream, Z_NO_FLUSH);
      m_input.consume(in.size() - m_stream.avail_in);
      if (result == Z_STREAM_END) {
        m_member_ended = true;
      } else if (result != Z_OK && result != Z_BUF_ERROR) {
        return corrupt("gzip", m_stream.msg ? m_stream.msg : "inflate failed");
      }
      size_t produced = buffer.size() - m_stream.avail_out;
      if (produced > 0) return produced;
    }
    return size_t{0};
  }

 private:
  InputBuffer m_input;
  z_stream m_stream{};
  bool m_initialized = false;
  bool m_member_ended = false;
  bool m_done = false;
};

class ZstdSource final : public Source {
 public:
  explicit ZstdSource(InputBuffer input) : m_input(std::move(input)) {}
  ~ZstdSource() override { ZSTD_freeDCtx(m_context); }
  base::Status init() {
    m_context = ZSTD_createDCtx();
    if (!m_context) return corrupt("zstd", "cannot create a context");
    return {};
  }

  base::Result<size_t> read(std::span<uint8_t> buffer) override {
    if (buffer.empty()) return size_t{0};
    while (true) {
      auto more = m_input.fill();
      if (!more) return std::move(more).error();
      // ZSTD_decompressStream returns 0 exactly when a frame is complete; frames may follow
      // each other, so only running out of input inside a frame is truncation.
      if (!*more && m_frame_complete) return size_t{0};
      auto in = m_input.data();
      ZSTD_inBuffer source{in.data(), in.size(), 0};
      ZSTD_outBuffer target{buffer.data(), buffer.size(), 0};
      size_t hint = ZSTD_decompressStream(m_context, &target, &source);
      if (ZSTD_isError(hint)) return corrupt("zstd", ZSTD_getErrorName(hint));
      m_input.consume(source.pos);
      m_frame_complete = hint == 0;
      if (target.pos > 0) return target.pos;
      if (!*more) return corrupt("zstd", "truncated");
    }
  }

 private:
  InputBuffer m_input;
  ZSTD_DCtx* m_context = nullptr;
  bool m_frame_complete = true;
};

}  // namespace

base::Result<std::unique_ptr<Source>> open_decompressed(Source& input) {
  InputBuffer buffer(input);
  if (base::Status status = buffer.peek(4); !status) return status.error();
  switch (detect_compression(buffer.data())) {
    case Compression::none:
      return std::unique_ptr<Source>(std::make_unique<PlainSource>(std::move(buffer), input));
    case Compression::gzip: {
      auto source = std::make_unique<GzipSource>(std::move(buffer));
      if (base::Status status = source->init(); !status) return status.error();
      return std::unique_ptr<Source>(std::move(source));
    }
    case Compression::zstd: {
      auto source = std::make_unique<ZstdSource>(std::move(buffer));
      if (base::Status status = source->init(); !status) return status.error();
      return std::unique_ptr<Source>(std::move(source));
    }
  }
  return base::make_error(base::ErrorCode::internal, "unknown compression");
}

}  // namespace strata::layer
