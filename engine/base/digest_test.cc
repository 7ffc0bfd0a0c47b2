#include "engine/base/digest.h"

#include <gtest/gtest.h>

namespace strata::base {
namespace {

TEST(Digest, KnownSha256Vectors) {
  EXPECT_EQ(Digest::of("").to_string(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Digest::of("abc").hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, IncrementalEqualsOneShot) {
  Sha256 hash;
  hash.update("a");
  hash.update("bc");
  EXPECT_EQ(hash.finish(), Digest::of("abc"));
  hash.update("abc");  // finish() resets the state
  EXPECT_EQ(hash.finish(), Digest::of("abc"));
}

TEST(Digest, ParseRoundTripsAndRejectsMalformed) {
  Digest digest = Digest::of("x");
  auto parsed = Digest::parse(digest.to_string());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, digest);
  EXPECT_FALSE(Digest::parse("sha256:abc").ok());
  EXPECT_FALSE(Digest::parse("md5:" + digest.hex()).ok());
  std::string upper = digest.to_string();
  upper[10] = 'G';
  EXPECT_FALSE(Digest::parse(upper).ok());
}

}  // namespace
}  // namespace strata::base
