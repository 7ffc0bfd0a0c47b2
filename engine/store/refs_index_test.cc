#include "engine/store/refs_index.h"

#include <gtest/gtest.h>

#include "engine/store/store_error.h"

namespace strata::store {
namespace {

using base::Digest;

TEST(RefsIndex, EncodesSortedLinesBetweenMagicAndChecksum) {
  RefMap refs{{"docker.io/library/hello-app:1.0", Digest::of("a")},
              {"alpine:latest", Digest::of("b")}};
  std::string body = "strata-refs 1\n" + Digest::of("b").to_string() + " alpine:latest\n" +
                     Digest::of("a").to_string() + " docker.io/library/hello-app:1.0\n";
  std::string text = encode_refs_index(refs);
  EXPECT_EQ(text, body + "checksum " + Digest::of(body).to_string() + "\n");
  auto decoded = decode_refs_index(text, "index");
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(*decoded, refs);
}

TEST(RefsIndex, EmptyIndexRoundTrips) {
  auto decoded = decode_refs_index(encode_refs_index({}), "index");
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->empty());
}

TEST(RefsIndex, NamesWithSpacesAndUnicodeRoundTrip) {
  RefMap refs{{"name with spaces", Digest::of("1")}, {"caf\xC3\xA9:1", Digest::of("2")}};
  auto decoded = decode_refs_index(encode_refs_index(refs), "index");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, refs);
}

TEST(RefsIndex, EveryTruncationIsDetected) {
  std::string text = encode_refs_index({{"a:1", Digest::of("a")}, {"b:2", Digest::of("b")}});
  for (size_t size = 0; size < text.size(); ++size) {
    auto decoded = decode_refs_index(text.substr(0, size), "index");
    ASSERT_FALSE(decoded.ok()) << "prefix of " << size << " bytes decoded";
    EXPECT_TRUE(is_corrupt(decoded.error())) << decoded.error().to_string();
  }
}

TEST(RefsIndex, AnyFlippedByteIsDetected) {
  std::string text = encode_refs_index({{"a:1", Digest::of("a")}});
  for (size_t at = 0; at < text.size(); ++at) {
    std::string damaged = text;
    damaged[at] ^= 0x20;
    EXPECT_FALSE(decode_refs_index(damaged, "index").ok()) << "byte " << at;
  }
}

TEST(RefsIndex, ErrorsNameTheFileAndLine) {
  std::string body = "strata-refs 1\nsha256:nothex a:1\n";
  auto decoded = decode_refs_index(body + "checksum " + Digest::of(body).to_string() + "\n",
                                   "/store/refs/index");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().message, "corrupt refs index /store/refs/index:2: malformed digest");
}

TEST(RefsIndex, DuplicateNamesAreCorrupt) {
  std::string line = Digest::of("a").to_string() + " a:1\n";
  std::string body = "strata-refs 1\n" + line + line;
  auto decoded = decode_refs_index(body + "checksum " + Digest::of(body).to_string() + "\n", "i");
  ASSERT_FALSE(decoded.ok());
  EXPECT_TRUE(is_corrupt(decoded.error()));
}

TEST(RefsIndex, NewerFormatIsUnsupportedAndForeignFilesCorrupt) {
  auto newer = decode_refs_index("strata-refs 2\nwhatever\n", "index");
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.error().code, base::ErrorCode::unsupported);
  EXPECT_FALSE(is_corrupt(newer.error()));
  auto foreign = decode_refs_index("{\"refs\": {}}\n", "index");
  ASSERT_FALSE(foreign.ok());
  EXPECT_TRUE(is_corrupt(foreign.error()));
}

TEST(ValidateRefName, AcceptsOpaqueNamesThatFitOnALine) {
  EXPECT_TRUE(validate_ref_name("docker.io/library/hello-app:1.0").ok());
  EXPECT_TRUE(validate_ref_name("localhost:5000/a/b@sha256:abc").ok());
  EXPECT_TRUE(validate_ref_name(std::string(4096, 'a')).ok());
  EXPECT_FALSE(validate_ref_name("").ok());
  EXPECT_FALSE(validate_ref_name(std::string(4097, 'a')).ok());
  EXPECT_FALSE(validate_ref_name("two\nlines").ok());
  EXPECT_FALSE(validate_ref_name("tab\there").ok());
  EXPECT_FALSE(validate_ref_name("del\x7f").ok());
  EXPECT_EQ(validate_ref_name("").error().code, base::ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace strata::store
