#include "engine/layer/layer_path.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/layer/whiteout.h"

namespace strata::layer {
namespace {

TEST(CheckLayerPath, AcceptsCleanRelativePaths) {
  EXPECT_TRUE(check_layer_path("a"));
  EXPECT_TRUE(check_layer_path("usr/local/bin/tool"));
  EXPECT_TRUE(check_layer_path("..a/b..c/.hidden"));
}

TEST(CheckLayerPath, RejectsEachBrokenRule) {
  EXPECT_EQ(check_layer_path("").error().message, "empty path");
  EXPECT_EQ(check_layer_path("/etc/passwd").error().message, "absolute path");
  EXPECT_EQ(check_layer_path("etc/").error().message, "path ends with '/'");
  EXPECT_EQ(check_layer_path("a//b").error().message, "path has an empty component");
  EXPECT_EQ(check_layer_path("./a").error().message, "path has a '.' component");
  EXPECT_EQ(check_layer_path("a/../b").error().message, "path has a '..' component");
  EXPECT_EQ(check_layer_path("..").error().message, "path has a '..' component");
}

TEST(NormalizeTarName, DropsDotSlashAndTrailingSlashes) {
  EXPECT_EQ(*normalize_tar_name("./etc/passwd"), "etc/passwd");
  EXPECT_EQ(*normalize_tar_name("usr//lib/./x/"), "usr/lib/x");
  EXPECT_EQ(*normalize_tar_name("./"), "");
  EXPECT_EQ(*normalize_tar_name("."), "");
}

TEST(NormalizeTarName, RejectsAbsoluteAndDotDotInsteadOfCleaningThem) {
  EXPECT_EQ(normalize_tar_name("/etc/passwd").error().message, "absolute path");
  EXPECT_EQ(normalize_tar_name("../x").error().message, "path has a '..' component");
  // Lexically this stays inside, but only an archive made to probe extractors contains it.
  EXPECT_EQ(normalize_tar_name("a/../b").error().message, "path has a '..' component");
  EXPECT_FALSE(normalize_tar_name(""));
}

TEST(LayerSortKey, PutsParentsFirstAndKeepsDirectoriesTogether) {
  std::vector<std::string> paths = {"b", "a.txt", "a/b/c", "a b", "a/.wh.z", "a/.wh..wh..opq",
                                    "a", "a/b",   "a/-x",  "A"};
  std::sort(paths.begin(), paths.end(), [](const std::string& x, const std::string& y) {
    return layer_sort_key(x) < layer_sort_key(y);
  });
  std::vector<std::string> expected = {"A",     "a",   "a/.wh..wh..opq", "a/.wh.z", "a/-x", "a/b",
                                       "a/b/c", "a b", "a.txt",          "b"};
  EXPECT_EQ(paths, expected);
}

TEST(SplitParent, SplitsAtTheLastSlash) {
  EXPECT_EQ(split_parent("a/b/c"), std::pair(std::string_view("a/b"), std::string_view("c")));
  EXPECT_EQ(split_parent("c"), std::pair(std::string_view(), std::string_view("c")));
  EXPECT_EQ(join_path("", "c"), "c");
  EXPECT_EQ(join_path("a/b", "c"), "a/b/c");
}

TEST(Whiteout, EncodesMarkersAsOciNames) {
  EXPECT_EQ(tar_path(LayerEntry::whiteout("etc/foo")), "etc/.wh.foo");
  EXPECT_EQ(tar_path(LayerEntry::whiteout("foo")), ".wh.foo");
  EXPECT_EQ(tar_path(LayerEntry::opaque("var/cache")), "var/cache/.wh..wh..opq");
  EXPECT_EQ(tar_path(LayerEntry::opaque("")), ".wh..wh..opq");
  EXPECT_EQ(tar_path(LayerEntry::directory("etc")), "etc");
}

TEST(Whiteout, DecodesMarkerNames) {
  auto whiteout = decode_tar_path("etc/.wh.foo");
  ASSERT_TRUE(whiteout);
  EXPECT_EQ(whiteout->kind, DecodedName::Kind::whiteout);
  EXPECT_EQ(whiteout->path, "etc/foo");
  auto opaque = decode_tar_path("var/cache/.wh..wh..opq");
  ASSERT_TRUE(opaque);
  EXPECT_EQ(opaque->kind, DecodedName::Kind::opaque);
  EXPECT_EQ(opaque->path, "var/cache");
  auto plain = decode_tar_path("etc/.whatever");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->kind, DecodedName::Kind::plain);
}

TEST(Whiteout, RejectsMarkersThatNameNothingSafe) {
  EXPECT_FALSE(decode_tar_path("etc/.wh."));
  EXPECT_FALSE(decode_tar_path("etc/.wh.."));
  EXPECT_EQ(decode_tar_path("etc/.wh...").error().message, "whiteout names no entry: '.wh...'");
  EXPECT_EQ(decode_tar_path(".wh..wh.plnk").error().code, base::ErrorCode::unsupported);
}

}  // namespace
}  // namespace strata::layer
