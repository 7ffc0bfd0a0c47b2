#include "engine/layer/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>
#include <vector>

#include "engine/base/digest.h"

namespace strata::layer {
namespace {

// Half text (compressible), half random bytes (not), like a layer of sources and binaries.
std::vector<uint8_t> sample_data(size_t size) {
  std::mt19937 random(42);
  std::vector<uint8_t> data;
  data.reserve(size);
  const std::string text = "def handler(event, context):\n    return {'status': 200}\n";
  while (data.size() < size) {
    if (data.size() % 8192 < 4096) {
      data.push_back(static_cast<uint8_t>(text[data.size() % text.size()]));
    } else {
      data.push_back(static_cast<uint8_t>(random()));
    }
  }
  return data;
}

std::vector<uint8_t> compress_bytes(const std::vector<uint8_t>& data, Compression compression,
                                    std::optional<int> level = std::nullopt) {
  MemorySource source(data);
  MemorySink sink;
  auto digests = compress(source, sink, compression, level);
  EXPECT_TRUE(digests) << digests.error().to_string();
  return sink.take();
}

base::Result<std::vector<uint8_t>> decompress_bytes(const std::vector<uint8_t>& blob) {
  MemorySource source(blob);
  MemorySink sink;
  auto digests = decompress(source, sink);
  if (!digests) return std::move(digests).error();
  return sink.take();
}

class RoundTrip : public ::testing::TestWithParam<Compression> {};

TEST_P(RoundTrip, DecompressesToTheInputAndReportsBothDigests) {
  std::vector<uint8_t> data = sample_data(3 * 1024 * 1024 + 17);
  MemorySource source(data);
  MemorySink sink;
  auto digests = compress(source, sink, GetParam());
  ASSERT_TRUE(digests) << digests.error().to_string();
  EXPECT_EQ(digests->diff_id, base::Digest::of(data));
  EXPECT_EQ(digests->uncompressed_size, data.size());
  EXPECT_EQ(digests->digest, base::Digest::of(sink.bytes()));
  EXPECT_EQ(digests->size, sink.bytes().size());
  EXPECT_NE(digests->digest, digests->diff_id);
  EXPECT_LT(sink.bytes().size(), data.size());
  EXPECT_EQ(detect_compression(sink.bytes()), GetParam());

  MemorySource blob(sink.bytes());
  MemorySink plain;
  auto back = decompress(blob, plain);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(plain.bytes(), data);
  EXPECT_EQ(back->digest, digests->digest);
  EXPECT_EQ(back->diff_id, digests->diff_id);
}

TEST_P(RoundTrip, SameInputAndLevelGiveTheSameBlob) {
  std::vector<uint8_t> data = sample_data(1024 * 1024);
  EXPECT_EQ(compress_bytes(data, GetParam()), compress_bytes(data, GetParam()));
}

TEST_P(RoundTrip, TruncatedBlobIsAnError) {
  std::vector<uint8_t> blob = compress_bytes(sample_data(256 * 1024), GetParam());
  blob.resize(blob.size() / 2);
  auto result = decompress_bytes(blob);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, base::ErrorCode::parse);
  EXPECT_NE(result.error().message.find("truncated"), std::string::npos) << result.error().message;
}

TEST_P(RoundTrip, EmptyInputRoundTrips) {
  std::vector<uint8_t> blob = compress_bytes({}, GetParam());
  auto back = decompress_bytes(blob);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_TRUE(back->empty());
}

INSTANTIATE_TEST_SUITE_P(Codecs, RoundTrip, ::testing::Values(Compression::gzip, Compression::zstd),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(Gzip, HeaderHasNoNameNoMtimeAndUnknownOs) {
  std::vector<uint8_t> blob = compress_bytes(sample_data(1000), Compression::gzip);
  ASSERT_GE(blob.size(), 10u);
  std::vector<uint8_t> header(blob.begin(), blob.begin() + 10);
  // magic, deflate, no flags (no FNAME), mtime 0, xfl 0 at level 6, OS 255.
  std::vector<uint8_t> expected = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
  EXPECT_EQ(header, expected);
}

TEST(Gzip, LevelsChangeTheBlobNotTheContent) {
  std::vector<uint8_t> data = sample_data(512 * 1024);
  std::vector<uint8_t> fast = compress_bytes(data, Compression::gzip, 1);
  std::vector<uint8_t> best = compress_bytes(data, Compression::gzip, 9);
  EXPECT_NE(fast, best);
  EXPECT_EQ(*decompress_bytes(fast), data);
  EXPECT_EQ(*decompress_bytes(best), data);
}

TEST(Gzip, ConcatenatedMembersDecompressToTheConcatenation) {
  std::vector<uint8_t> first = compress_bytes({'a', 'b'}, Compression::gzip);
  std::vector<uint8_t> second = compress_bytes({'c'}, Compression::gzip);
  first.insert(first.end(), second.begin(), second.end());
  EXPECT_EQ(*decompress_bytes(first), (std::vector<uint8_t>{'a', 'b', 'c'}));
}

TEST(Gzip, CorruptDataIsAnError) {
  std::vector<uint8_t> blob = compress_bytes(sample_data(64 * 1024), Compression::gzip);
  for (size_t i = 20; i < 60; ++i) blob[i] ^= 0x5a;
  auto result = decompress_bytes(blob);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, base::ErrorCode::parse);
}

TEST(Compress, RejectsLevelsTheCodecDoesNotHave) {
  std::vector<uint8_t> data = {1, 2, 3};
  MemorySource source(data);
  MemorySink sink;
  auto result = compress(source, sink, Compression::gzip, 10);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "gzip level 10 is not in 0..9");
  EXPECT_FALSE(compress(source, sink, Compression::zstd, 23));
}

TEST(Compress, NoneCopiesAndBothDigestsAgree) {
  std::vector<uint8_t> data = sample_data(100000);
  MemorySource source(data);
  MemorySink sink;
  auto digests = compress(source, sink, Compression::none);
  ASSERT_TRUE(digests);
  EXPECT_EQ(sink.bytes(), data);
  EXPECT_EQ(digests->digest, digests->diff_id);
}

TEST(DetectCompression, ReadsMagicBytes) {
  EXPECT_EQ(detect_compression(std::vector<uint8_t>{0x1f, 0x8b, 8}), Compression::gzip);
  EXPECT_EQ(detect_compression(std::vector<uint8_t>{0x28, 0xb5, 0x2f, 0xfd}), Compression::zstd);
  EXPECT_EQ(detect_compression(std::vector<uint8_t>{0x28, 0xb5, 0x2f}), Compression::none);
  EXPECT_EQ(detect_compression(std::vector<uint8_t>{'.', '/', 0}), Compression::none);
  EXPECT_EQ(detect_compression({}), Compression::none);
}

TEST(OpenDecompressed, PassesPlainDataThrough) {
  std::vector<uint8_t> data = {'a', 'b', 'c', 'd', 'e', 'f'};
  auto back = decompress_bytes(data);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, data);
  EXPECT_TRUE(decompress_bytes({})->empty());
}

}  // namespace
}  // namespace strata::layer
