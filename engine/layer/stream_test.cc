#include "engine/layer/stream.h"

#include <gtest/gtest.h>

#include "engine/layer/hashing.h"
#include "engine/layer/test_support.h"

namespace strata::layer {
namespace {

TEST(FileSink, WritesWhatFileSourceReadsBack) {
  test::TempDir dir;
  auto sink = FileSink::create(dir / "blob");
  ASSERT_TRUE(sink);
  std::vector<uint8_t> data(300000, 7);
  ASSERT_TRUE(sink->write(data));
  ASSERT_TRUE(sink->close());
  auto source = FileSource::open(dir / "blob");
  ASSERT_TRUE(source);
  MemorySink copy;
  HashingSink hashed(copy);
  std::vector<uint8_t> buffer(4096);
  while (true) {
    auto count = source->read(buffer);
    ASSERT_TRUE(count);
    if (*count == 0) break;
    ASSERT_TRUE(hashed.write(std::span(buffer.data(), *count)));
  }
  EXPECT_EQ(copy.bytes(), data);
  EXPECT_EQ(hashed.size(), data.size());
  EXPECT_EQ(hashed.finish(), base::Digest::of(data));
}

TEST(FileSource, MissingFileIsNotFound) {
  auto source = FileSource::open("/nonexistent/strata-blob");
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().code, base::ErrorCode::not_found);
}

TEST(MemorySource, ReadsInPiecesToTheEnd) {
  MemorySource source(std::string_view("hello"));
  std::vector<uint8_t> buffer(3);
  EXPECT_EQ(*source.read(buffer), 3u);
  EXPECT_EQ(*source.read(buffer), 2u);
  EXPECT_EQ(*source.read(buffer), 0u);
}

}  // namespace
}  // namespace strata::layer
