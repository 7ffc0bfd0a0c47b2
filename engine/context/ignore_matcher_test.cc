#include "engine/context/ignore_matcher.h"

#include <gtest/gtest.h>

namespace strata::context {
namespace {

IgnoreMatcher matcher_of(std::vector<std::string> patterns) {
  auto matcher = IgnoreMatcher::create(std::move(patterns));
  EXPECT_TRUE(matcher.ok()) << matcher.error().to_string();
  return matcher.ok() ? std::move(matcher).value() : IgnoreMatcher();
}

bool excluded(const IgnoreMatcher& matcher, std::string_view path) {
  auto result = matcher.matches(path);
  EXPECT_TRUE(result.ok()) << path << ": " << result.error().to_string();
  return result.ok() && *result;
}

TEST(IgnoreMatcher, DirectoryPatternExcludesEverythingBelow) {
  IgnoreMatcher matcher = matcher_of({"docs", "build/"});
  EXPECT_TRUE(excluded(matcher, "docs"));
  EXPECT_TRUE(excluded(matcher, "docs/api/index.md"));
  EXPECT_TRUE(excluded(matcher, "build/out/app"));
  EXPECT_FALSE(excluded(matcher, "docsite/index.md"));
  EXPECT_FALSE(excluded(matcher, "src/docs"));
}

TEST(IgnoreMatcher, LaterExceptionReincludes) {
  IgnoreMatcher matcher = matcher_of({"*.log", "!important.log"});
  EXPECT_TRUE(excluded(matcher, "debug.log"));
  EXPECT_FALSE(excluded(matcher, "important.log"));
  EXPECT_TRUE(matcher.has_exclusions());
}

TEST(IgnoreMatcher, LaterPatternWinsOverEarlierException) {
  IgnoreMatcher matcher = matcher_of({"*.log", "!important.log", "imp*"});
  EXPECT_TRUE(excluded(matcher, "important.log"));
}

TEST(IgnoreMatcher, ExceptionBeforeAnyMatchHasNoEffect) {
  IgnoreMatcher matcher = matcher_of({"!keep.go", "*.go"});
  EXPECT_TRUE(excluded(matcher, "keep.go"));
}

TEST(IgnoreMatcher, ExceptionOfAFileInsideExcludedDirectory) {
  IgnoreMatcher matcher = matcher_of({"docs", "!docs/README.md"});
  EXPECT_FALSE(excluded(matcher, "docs/README.md"));
  EXPECT_TRUE(excluded(matcher, "docs/other.md"));
}

TEST(IgnoreMatcher, DropsBlankPatternsAndCountsTheRest) {
  IgnoreMatcher matcher = matcher_of({"", "  ", "a", "\t!b "});
  EXPECT_EQ(matcher.size(), 2u);
  EXPECT_TRUE(matcher.has_exclusions());
  EXPECT_FALSE(matcher_of({"a"}).has_exclusions());
  EXPECT_FALSE(excluded(IgnoreMatcher(), "anything"));
}

TEST(IgnoreMatcher, BadPatternFailsTheWholeList) {
  auto matcher = IgnoreMatcher::create({"ok", "a["});
  ASSERT_FALSE(matcher.ok());
  EXPECT_EQ(matcher.error().message,
            "syntax error in pattern \"a[\": malformed bracket expression");
}

TEST(IgnoreMatcher, UncompilablePatternFailsOnlyWhenReached) {
  IgnoreMatcher matcher = matcher_of({"a", "[z-a]"});
  EXPECT_TRUE(excluded(matcher, "a"));  // already excluded: the broken pattern is not tried
  EXPECT_FALSE(matcher.matches("b").ok());
  EXPECT_FALSE(matcher.matches("b").ok());
}

TEST(IgnoreMatcher, ParentDirectoriesAreCleaned) {
  IgnoreMatcher matcher = matcher_of({"a/b"});
  EXPECT_TRUE(excluded(matcher, "a//b/c"));
  EXPECT_TRUE(excluded(matcher, "x/../a/b/c"));
  EXPECT_FALSE(excluded(matcher, "a//b"));  // the path itself is compared as given
}

}  // namespace
}  // namespace strata::context
