#include "engine/context/lexical.h"

#include <gtest/gtest.h>

namespace strata::context {
namespace {

TEST(CleanPath, CollapsesSlashesAndDots) {
  EXPECT_EQ(clean_path("a//b/./c/"), "a/b/c");
  EXPECT_EQ(clean_path("./a"), "a");
  EXPECT_EQ(clean_path(""), ".");
  EXPECT_EQ(clean_path("./"), ".");
  EXPECT_EQ(clean_path("//"), "/");
}

TEST(CleanPath, ResolvesDotDotLexically) {
  EXPECT_EQ(clean_path("a/b/../c"), "a/c");
  EXPECT_EQ(clean_path("a/../.."), "..");
  EXPECT_EQ(clean_path("../../a/.."), "../..");
  EXPECT_EQ(clean_path("/../a"), "/a");
  EXPECT_EQ(clean_path("/a/.."), "/");
  // "!a" is just a name to the cleaner, which is why "!a/../b" loses its '!' upstream.
  EXPECT_EQ(clean_path("!a/../b"), "b");
}

TEST(IsCleanPath, AgreesWithCleanPath) {
  for (std::string_view path : {"a", "a/b", "/", ".", "..", "../a", "/a", "a/", "a//b", "./a",
                                "a/.", "a/..", "/..", "", "a/../b", "../..", ".a/..b"}) {
    EXPECT_EQ(is_clean_path(path), clean_path(path) == path) << path;
  }
}

TEST(TrimSpace, TrimsUnicodeWhiteSpaceOnly) {
  EXPECT_EQ(trim_space(" \t docs \r\n"), "docs");
  EXPECT_EQ(trim_space("\xC2\xA0"
                       "a b\xE3\x80\x80"),
            "a b");  // U+00A0 and U+3000
  EXPECT_EQ(trim_space("   "), "");
  EXPECT_EQ(trim_space("\xFF "), "\xFF");  // an invalid byte is not space
}

}  // namespace
}  // namespace strata::context
