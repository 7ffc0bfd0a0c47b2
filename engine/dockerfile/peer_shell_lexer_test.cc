// BuildKit's shell-lexer data (../shared/peer/shell-lexer): envVarTest, wordsTest and the
// transcribed expansion tables.
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include "engine/dockerfile/shell_lexer.h"
#include "engine/dockerfile/text.h"
#include "engine/testing/peer_data.h"

namespace strata::dockerfile {
namespace {

using testing::peer_dir;
using testing::read_file;
using testing::split;
using testing::split_lines;

std::string trim_blanks(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

TEST(PeerShellLexer, EnvVarTestLinuxLines) {
  auto root = peer_dir("shell-lexer");
  ASSERT_TRUE(root) << "peer corpus shell-lexer is missing";
  const Environment env = {{"PWD", "/home"}, {"SHELL", "bash"}, {"KOREAN", "한국어"}, {"NULL", ""}};
  int passed = 0, total = 0, windows_only = 0;
  int line_number = 0;
  for (const std::string& raw : split_lines(read_file(*root / "envVarTest"))) {
    ++line_number;
    if (raw.starts_with("#")) continue;
    if (trim_blanks(raw).empty()) continue;
    std::vector<std::string> fields = split(trim_blanks(raw), '|');
    ASSERT_EQ(fields.size(), 3u) << "envVarTest:" << line_number;
    std::string platform = trim_blanks(fields[0]);
    if (platform == "W") {
      ++windows_only;
      continue;
    }
    std::string input = trim_blanks(fields[1]);
    std::string expected = trim_blanks(fields[2]);
    ++total;
    auto result = expand(input, env);
    if (expected == "error") {
      EXPECT_FALSE(result.ok()) << "envVarTest:" << line_number << ": " << input;
      if (!result.ok()) ++passed;
    } else if (!result.ok()) {
      ADD_FAILURE() << "envVarTest:" << line_number << ": " << input << ": "
                    << result.error().message;
    } else {
      EXPECT_EQ(result->word, expected) << "envVarTest:" << line_number << ": " << input;
      if (result->word == expected) ++passed;
    }
  }
  testing::report_peer_count("shell-lexer/envVarTest (linux)", passed, total);
  EXPECT_EQ(total, 228);
  EXPECT_EQ(windows_only, 2);
}

TEST(PeerShellLexer, WordsTest) {
  auto root = peer_dir("shell-lexer");
  ASSERT_TRUE(root) << "peer corpus shell-lexer is missing";
  Environment env;
  int passed = 0, total = 0, line_number = 0;
  for (const std::string& raw : split_lines(read_file(*root / "wordsTest"))) {
    ++line_number;
    if (raw.starts_with("#")) continue;
    if (raw.starts_with("ENV ")) {
      std::string assignment(raw.substr(raw.find_first_not_of(' ', 4)));
      size_t equals = assignment.find('=');
      env[assignment.substr(0, equals)] = assignment.substr(equals + 1);
      continue;
    }
    std::vector<std::string> fields = split(raw, '|');
    ASSERT_EQ(fields.size(), 2u) << "wordsTest:" << line_number;
    std::string input = trim_blanks(fields[0]);
    std::string expected_text = fields[1].substr(fields[1].find_first_not_of(' '));
    std::vector<std::string> expected = split(expected_text, ',');
    ++total;
    auto result = expand(input, env);
    std::vector<std::string> actual = result ? result->words : std::vector<std::string>{"error"};
    EXPECT_EQ(actual, expected) << "wordsTest:" << line_number << ": " << input;
    if (actual == expected) ++passed;
  }
  testing::report_peer_count("shell-lexer/wordsTest", passed, total);
  EXPECT_EQ(total, 24);
}

std::set<std::string> string_set(const toml::array* array) {
  std::set<std::string> out;
  if (array) {
    for (const auto& element : *array) out.insert(element.value_or(std::string()));
  }
  return out;
}

TEST(PeerShellLexer, ExpandCasesTable) {
  auto root = peer_dir("shell-lexer");
  ASSERT_TRUE(root) << "peer corpus shell-lexer is missing";
  toml::table table = toml::parse_file((*root / "expand-cases.toml").string());
  int passed = 0, total = 0;
  for (const auto& entry : *table["case"].as_array()) {
    const toml::table& c = *entry.as_table();
    std::string id = c["id"].value_or(std::string());
    std::string input = c["input"].value_or(std::string());
    Environment env;
    if (const toml::table* vars = c["env"].as_table()) {
      for (const auto& [name, value] : *vars) {
        env[std::string(name.str())] = value.value_or(std::string());
      }
    }
    ++total;
    auto result = expand(input, env);
    bool ok = true;
    if (c["error"].value_or(false)) {
      ok = !result.ok();
      EXPECT_FALSE(result.ok()) << id << ": " << input;
      if (!result.ok()) {
        if (auto contains = c["error_contains"].value<std::string>()) {
          EXPECT_NE(result.error().message.find(*contains), std::string::npos)
              << id << ": " << result.error().message;
          ok = ok && result.error().message.find(*contains) != std::string::npos;
        }
      }
    } else if (!result.ok()) {
      ok = false;
      ADD_FAILURE() << id << ": " << input << ": " << result.error().message;
    } else {
      std::string expected = c["expect"].value_or(std::string());
      EXPECT_EQ(result->word, expected) << id;
      ok = result->word == expected;
      if (const toml::array* matched = c["matched"].as_array()) {
        EXPECT_EQ(result->matched, string_set(matched)) << id;
        ok = ok && result->matched == string_set(matched);
      }
      if (const toml::array* unmatched = c["unmatched"].as_array()) {
        EXPECT_EQ(result->unmatched, string_set(unmatched)) << id;
        ok = ok && result->unmatched == string_set(unmatched);
      }
    }
    if (ok) ++passed;
  }
  testing::report_peer_count("shell-lexer/expand-cases", passed, total);
  EXPECT_EQ(total, 56);
}

}  // namespace
}  // namespace strata::dockerfile
