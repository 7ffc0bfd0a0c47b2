#include "engine/context/ignore_pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::context {
namespace {

IgnorePattern compiled(std::string_view text) {
  auto pattern = IgnorePattern::compile(text);
  EXPECT_TRUE(pattern.ok()) << text << ": " << pattern.error().to_string();
  return pattern.ok() ? std::move(pattern).value() : IgnorePattern();
}

bool matches(std::string_view pattern, std::string_view path) {
  auto result = compiled(pattern).matches(path);
  EXPECT_TRUE(result.ok()) << pattern << ": " << result.error().to_string();
  return result.ok() && *result;
}

TEST(IgnorePattern, StarAndQuestionMarkStopAtSlash) {
  EXPECT_TRUE(matches("*.log", "debug.log"));
  EXPECT_FALSE(matches("*.log", "logs/debug.log"));
  EXPECT_TRUE(matches("a?c", "abc"));
  EXPECT_FALSE(matches("a?c", "a/c"));
}

TEST(IgnorePattern, QuestionMarkIsOneCodePoint) {
  EXPECT_TRUE(matches("a?b",
                      "a\xE2\x98\xBA"
                      "b"));
  EXPECT_FALSE(matches("a??b",
                       "a\xE2\x98\xBA"
                       "b"));
}

TEST(IgnorePattern, DoubleStarSpansAnyNumberOfDirectories) {
  EXPECT_TRUE(matches("**/*.pyc", "x.pyc"));
  EXPECT_TRUE(matches("**/*.pyc", "a/b/x.pyc"));
  EXPECT_TRUE(matches("a/**/b", "a/b"));
  EXPECT_TRUE(matches("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(matches("a/**/b", "a/xb"));
  EXPECT_FALSE(matches("build/**", "build"));
  EXPECT_TRUE(matches("build/**", "build/out/app"));
}

TEST(IgnorePattern, DoubleStarFollowsRegexpDotAndStopsAtNewline) {
  EXPECT_FALSE(matches("**/*.txt", "a\nb/c.txt"));
  EXPECT_TRUE(matches("*/*.txt", "a\nb/c.txt"));  // `*` is a negated class, which does match it
}

TEST(IgnorePattern, ClassifiesLikeUpstreamFastPaths) {
  EXPECT_EQ(compiled("docs/a.md").kind(), PatternKind::exact);
  EXPECT_EQ(compiled("docs/**").kind(), PatternKind::prefix);
  EXPECT_EQ(compiled("**/node_modules").kind(), PatternKind::suffix);
  EXPECT_EQ(compiled("**").kind(), PatternKind::suffix);
  EXPECT_EQ(compiled("**/*.o").kind(), PatternKind::glob);
  EXPECT_EQ(compiled("a]b").kind(), PatternKind::glob);
}

TEST(IgnorePattern, LeadingDoubleStarWithoutSlashIsAPlainSuffix) {
  // Upstream's suffix fast path: `**.log` is "ends with .log", so it crosses directories.
  EXPECT_TRUE(matches("**.log", "a/b/debug.log"));
  EXPECT_TRUE(matches("**file", "dir/xfile"));
  EXPECT_FALSE(matches("**/file", "dir/xfile"));
}

TEST(IgnorePattern, BracketsSupportRangesNegationAndEscapes) {
  EXPECT_TRUE(matches("[Tt]emp*", "Temp1"));
  EXPECT_FALSE(matches("[Tt]emp*", "xemp"));
  EXPECT_TRUE(matches("file[^0-9]", "filex"));
  EXPECT_FALSE(matches("file[^0-9]", "file7"));
  EXPECT_TRUE(matches("[\\]]", "]"));
  EXPECT_TRUE(matches("a\\*b", "a*b"));
  EXPECT_FALSE(matches("a\\*b", "axb"));
}

TEST(IgnorePattern, RejectsWhatFilepathMatchRejects) {
  for (std::string_view bad : {"[", "a[", "[^", "[x-]", "[-x]", "[]a]", "[a-b-c]", "a\\", "[a\\"}) {
    auto pattern = IgnorePattern::compile(bad);
    ASSERT_FALSE(pattern.ok()) << bad;
    EXPECT_NE(pattern.error().message.find("syntax error in pattern"), std::string::npos);
  }
  EXPECT_EQ(IgnorePattern::compile("!").error().message, "illegal exclusion pattern: \"!\"");
  EXPECT_FALSE(IgnorePattern::compile("!/").ok());
}

TEST(IgnorePattern, ReversedRangeFailsWhenMatchingEveryTime) {
  auto pattern = IgnorePattern::compile("[z-a]x");
  ASSERT_TRUE(pattern.ok());
  auto first = pattern->matches("bx");
  auto second = pattern->matches("bx");
  ASSERT_FALSE(first.ok());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(first.error(), second.error());
  EXPECT_NE(first.error().message.find("reversed range z-a"), std::string::npos);
}

TEST(IgnorePattern, SplitsExclamationAfterCleaningAndTrimming) {
  IgnorePattern pattern = compiled("  !docs//README.md/ ");
  EXPECT_TRUE(pattern.is_exclusion());
  EXPECT_EQ(pattern.text(), "docs/README.md");
  EXPECT_FALSE(compiled("!a/../b").is_exclusion());
}

TEST(IgnorePattern, AncestorCheckVisitsEachParentDirectory) {
  EXPECT_TRUE(compiled("docs").matches_ancestor("docs/api"));
  EXPECT_FALSE(compiled("docs").matches_ancestor("docsite/api"));
  EXPECT_TRUE(compiled("*.d").matches_ancestor("conf.d/x"));
  EXPECT_FALSE(compiled("*.d").matches_ancestor("a/conf.d"));
  EXPECT_TRUE(compiled("*/conf.d").matches_ancestor("a/conf.d/x"));
  EXPECT_TRUE(compiled("**/cache").matches_ancestor("a/cache/b"));
  EXPECT_TRUE(compiled("a/**/c*").matches_ancestor("a/b/cx/d"));
  EXPECT_TRUE(compiled("*").matches_ancestor("/abs"));  // upstream's "" ancestor of a rooted path
}

TEST(IgnorePattern, ManyStarsDoNotBacktrackExponentially) {
  std::string path(300, 'a');
  EXPECT_FALSE(matches("*a*a*a*a*a*a*a*a*a*a*a*b", path));
  EXPECT_FALSE(matches("**/**/**/**/**/**/x", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/y"));
}

}  // namespace
}  // namespace strata::context
