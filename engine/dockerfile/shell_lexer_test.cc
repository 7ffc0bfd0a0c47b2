#include "engine/dockerfile/shell_lexer.h"

#include <gtest/gtest.h>

#include "engine/dockerfile/shell_pattern.h"

namespace strata::dockerfile {
namespace {

std::string word(std::string_view input, const Environment& env = {}, LexOptions options = {}) {
  auto result = expand(input, env, options);
  EXPECT_TRUE(result.ok()) << input << ": " << (result.ok() ? "" : result.error().message);
  return result.ok() ? result->word : "";
}

TEST(ShellLexer, ExpandsDefaultsAndAlternatives) {
  Environment env{{"SET", "v"}, {"EMPTY", ""}};
  EXPECT_EQ(word("${SET:-d}/${EMPTY:-d}/${NONE-d}/${EMPTY-d}", env), "v/d/d/");
  EXPECT_EQ(word("${SET:+a}/${EMPTY:+a}/${EMPTY+a}", env), "a//a");
}

TEST(ShellLexer, MandatoryVariableErrorCarriesMessage) {
  auto result = expand("${NAME:?must be set}", {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("NAME: must be set"), std::string::npos);
}

TEST(ShellLexer, TrimsPrefixAndSuffixPatterns) {
  Environment env{{"F", "archive.tar.gz"}};
  EXPECT_EQ(word("${F%.*}", env), "archive.tar");
  EXPECT_EQ(word("${F%%.*}", env), "archive");
  EXPECT_EQ(word("${F#*.}", env), "tar.gz");
  EXPECT_EQ(word("${F##*.}", env), "gz");
  EXPECT_EQ(word("${F/a/A}", env), "Archive.tar.gz");
  EXPECT_EQ(word("${F//a/A}", env), "Archive.tAr.gz");
}

TEST(ShellLexer, SplitsWordsOnlyOutsideQuotes) {
  Environment env{{"V", "a b"}};
  auto result = expand("x $V \"$V\" 'q r'", env);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->words, (std::vector<std::string>{"x", "a", "b", "a b", "q r"}));
}

TEST(ShellLexer, RawModesKeepQuotesEscapesAndUnsetReferences) {
  LexOptions options;
  options.raw_quotes = true;
  options.raw_escapes = true;
  options.skip_unset_env = true;
  EXPECT_EQ(word("'a' \\$X ${Y:-z}", {}, options), "'a' \\$X ${Y:-z}");
}

TEST(ShellLexer, BacktickEscape) {
  LexOptions options;
  options.escape = '`';
  EXPECT_EQ(word("a`$b c\\d", {}, options), "a$b c\\d");
}

TEST(ShellLexer, RecordsMatchedAndUnmatchedNames) {
  auto result = expand("$A ${B:-x}", {{"A", "1"}});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->matched, std::set<std::string>{"A"});
  EXPECT_EQ(result->unmatched, std::set<std::string>{"B"});
}

TEST(ShellPattern, ManyWildcardsStayFast) {
  // Failure memoization keeps a pathological pattern polynomial.
  std::string value(2000, 'a');
  auto pattern = ShellPattern::compile("*a*a*a*a*a*a*a*a*a*a*b");
  ASSERT_TRUE(pattern.ok());
  EXPECT_EQ(pattern->trim_prefix(value, false), value);
}

}  // namespace
}  // namespace strata::dockerfile
