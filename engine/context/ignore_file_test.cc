#include "engine/context/ignore_file.h"

#include <gtest/gtest.h>

namespace strata::context {
namespace {

using Patterns = std::vector<std::string>;

Patterns read(std::string_view text) {
  auto patterns = read_ignore_file(text);
  EXPECT_TRUE(patterns.ok()) << patterns.error().to_string();
  return patterns.ok() ? std::move(patterns).value() : Patterns();
}

TEST(ReadIgnoreFile, CommentsOnlyWhenHashIsTheFirstCharacter) {
  EXPECT_EQ(read("# comment\n  # not a comment\nfoo#bar\n"),
            (Patterns{"# not a comment", "foo#bar"}));
}

TEST(ReadIgnoreFile, TrimsAndSkipsBlankLines) {
  EXPECT_EQ(read("\n  \t\n a \r\nb\r\n\nc"), (Patterns{"a", "b", "c"}));
  EXPECT_EQ(read(""), Patterns{});
}

TEST(ReadIgnoreFile, ExclamationIsSplitRetrimmedAndRejoined) {
  EXPECT_EQ(read("! /inverted/abs/path\n!\n! \n!./x/../y/"),
            (Patterns{"!inverted/abs/path", "!", "!", "!y"}));
}

TEST(ReadIgnoreFile, CleansAndRemovesOneLeadingSlash) {
  EXPECT_EQ(read("/a/b\n//a\n./c/\n/\nd/../../e"), (Patterns{"a/b", "a", "c", "/", "../e"}));
}

TEST(ReadIgnoreFile, DropsLeadingByteOrderMark) {
  EXPECT_EQ(read("\xEF\xBB\xBF# comment\nx"), (Patterns{"x"}));
  EXPECT_EQ(read("x\n\xEF\xBB\xBFy"), (Patterns{"x", "\xEF\xBB\xBFy"}));
}

TEST(ReadIgnoreFile, RefusesLinesDockerCannotScan) {
  std::string longest(64 * 1024 - 1, 'a');
  EXPECT_EQ(read(longest).size(), 1u);
  auto too_long = read_ignore_file("ok\n" + longest + "a\n");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().to_string(), ".dockerignore:2:1: line longer than 65535 bytes");
}

TEST(LoadIgnoreFile, BadPatternNamesFileAndLine) {
  auto matcher = load_ignore_file("node_modules\n# comment\n\n[a-\n", ".dockerignore");
  ASSERT_FALSE(matcher.ok());
  EXPECT_EQ(matcher.error().to_string(),
            ".dockerignore:4:1: syntax error in pattern \"[a-\": malformed bracket expression");
  auto bare = load_ignore_file("a\n!\n", "ctx/.dockerignore");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().range->start.line, 2);
}

TEST(LoadIgnoreFile, CompilesEveryPatternInOrder) {
  auto matcher = load_ignore_file("*.log\n!keep.log\n", ".dockerignore");
  ASSERT_TRUE(matcher.ok());
  EXPECT_TRUE(*matcher->matches("a.log"));
  EXPECT_FALSE(*matcher->matches("keep.log"));
}

TEST(IsAlwaysIncluded, DockerfileAndDockerignoreAreAlwaysSent) {
  EXPECT_TRUE(is_always_included(".dockerignore", "Dockerfile"));
  EXPECT_TRUE(is_always_included("Dockerfile", "Dockerfile"));
  EXPECT_TRUE(is_always_included("./build/Dockerfile.prod", "/build//Dockerfile.prod"));
  EXPECT_FALSE(is_always_included("Dockerfile", "build/Dockerfile"));
  EXPECT_FALSE(is_always_included("sub/.dockerignore", "Dockerfile"));
  EXPECT_FALSE(is_always_included("Dockerfile", ""));
}

}  // namespace
}  // namespace strata::context
