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

TEST(ShellPattern, HostilePatternsAnswerCorrectly) {
  // Many wildcards over a long value with no match: the table is linear in the value's size.
  std::string value(200000, 'a');
  auto pattern = ShellPattern::compile("*a*a*a*a*a*a*a*a*a*a*b");
  ASSERT_TRUE(pattern.ok());
  EXPECT_EQ(pattern->trim_prefix(value, false), value);
  EXPECT_EQ(*pattern->replace(value, "x", true, k_max_expansion_size), value);
  auto star = ShellPattern::compile("a*b");
  EXPECT_EQ(*star->replace(value + "b" + value, "c", true, k_max_expansion_size), "c" + value);
}

TEST(ShellPattern, WildcardsStopAtNewlinesLikeGoRegexp) {
  auto pattern = ShellPattern::compile("*");
  EXPECT_EQ(pattern->trim_prefix("ab\ncd", true), "\ncd");
  auto any = ShellPattern::compile("?b");
  EXPECT_EQ(any->trim_prefix("\nb", true), "\nb");
}

TEST(ShellPattern, GreedyAndLazyPickTheLongestAndShortest) {
  auto pattern = ShellPattern::compile("*.");
  EXPECT_EQ(pattern->trim_prefix("a.b.c", false), "b.c");
  EXPECT_EQ(pattern->trim_prefix("a.b.c", true), "c");
  EXPECT_EQ(*ShellPattern::compile("b")->replace("abcb", "X", false, 100), "aXcb");
  EXPECT_EQ(ShellPattern::compile("b")->replace("abcb", "XXXX", true, 5), std::nullopt);
}

TEST(ShellLexer, DeepNestingIsAnErrorNotACrash) {
  std::string word;
  for (int i = 0; i < 5000; ++i) word += "${a:-";
  word += "z";
  word += std::string(5000, '}');
  auto result = expand(word, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("nested deeper than"), std::string::npos);
  std::string shallow = "${a:-${b:-${c:-z}}}";
  EXPECT_EQ(expand(shallow, {})->word, "z");
}

TEST(ShellLexer, HugeExpansionIsAnError) {
  Environment env{{"A", std::string(1 << 20, 'a')}};
  std::string word;
  for (int i = 0; i < 20; ++i) word += "$A";
  auto result = expand(word, env);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("larger than 16 MiB"), std::string::npos);
  EXPECT_FALSE(expand("${A//a/$A}", env).ok());
}

}  // namespace
}  // namespace strata::dockerfile
