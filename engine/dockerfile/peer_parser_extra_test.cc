// Parser cases BuildKit keeps inside its Go tests (../shared/peer/dockerfile-parser-extra).
#include <gtest/gtest.h>

#include <toml++/toml.h>

#include "engine/dockerfile/directives.h"
#include "engine/dockerfile/heredoc.h"
#include "engine/dockerfile/line_parsers.h"
#include "engine/dockerfile/parser.h"
#include "engine/dockerfile/text.h"
#include "engine/testing/peer_data.h"

namespace strata::dockerfile {
namespace {

namespace fs = std::filesystem;
using testing::peer_dir;
using testing::read_file;

template <typename View>
std::vector<std::string> strings_of(View node) {
  std::vector<std::string> out;
  if (const toml::array* array = node.as_array()) {
    for (const auto& element : *array) out.push_back(element.value_or(std::string()));
  }
  return out;
}

class PeerParserExtra : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = peer_dir("dockerfile-parser-extra");
    ASSERT_TRUE(dir) << "peer corpus dockerfile-parser-extra is missing";
    m_root = *dir;
  }
  toml::table load(const std::string& relative) {
    return toml::parse_file((m_root / relative).string());
  }
  fs::path m_root;
};

TEST_F(PeerParserExtra, HeredocExtract) {
  auto ast = parse(read_file(m_root / "heredoc-extract" / "Dockerfile"));
  ASSERT_TRUE(ast.ok()) << ast.error().to_string();
  toml::table expected = load("heredoc-extract/expected.toml");
  int passed = 0, total = 0;
  for (const auto& entry : *expected["instruction"].as_array()) {
    const toml::table& instruction = *entry.as_table();
    size_t child = static_cast<size_t>(instruction["child"].value_or(0));
    ++total;
    ASSERT_LT(child, ast->instructions.size());
    const Node& node = ast->instructions[child];
    std::string prefix = instruction["line_starts_with"].value_or(std::string());
    EXPECT_TRUE(node.original.starts_with(prefix)) << node.original << " vs " << prefix;
    std::vector<Heredoc> want;
    for (const auto& doc : *instruction["heredocs"].as_array()) {
      const toml::table& d = *doc.as_table();
      want.push_back(Heredoc{d["name"].value_or(std::string()),
                             d["content"].value_or(std::string()), d["expand"].value_or(false),
                             d["chomp"].value_or(false),
                             static_cast<unsigned>(d["fd"].value_or(0))});
    }
    EXPECT_EQ(node.heredocs, want) << "child " << child << ": " << prefix;
    if (node.heredocs == want && node.original.starts_with(prefix)) ++passed;
  }
  testing::report_peer_count("dockerfile-parser-extra/heredoc-extract", passed, total);
  EXPECT_EQ(total, 27);
}

TEST_F(PeerParserExtra, ExecFormRunNeverOpensHeredocs) {
  auto ast = parse(read_file(m_root / "heredoc-json" / "Dockerfile"));
  ASSERT_TRUE(ast.ok()) << ast.error().to_string();
  toml::table expected = load("heredoc-json/expected.toml");
  int checked = 0;
  for (const auto& child : *expected["children_without_heredocs"].as_array()) {
    size_t index = static_cast<size_t>(child.value_or(0));
    ASSERT_LT(index, ast->instructions.size());
    EXPECT_TRUE(ast->instructions[index].heredocs.empty()) << "child " << index;
    EXPECT_TRUE(ast->instructions[index].json_form) << "child " << index;
    ++checked;
  }
  testing::report_peer_count("dockerfile-parser-extra/heredoc-json", checked, 3);
}

TEST_F(PeerParserExtra, HeredocHelpers) {
  toml::table cases = load("heredoc-helpers.toml");
  int passed = 0, total = 0;
  std::string valid_name = cases["valid_word_name"].value_or(std::string());
  for (const std::string& word : strings_of(cases["valid_words"])) {
    ++total;
    auto heredoc = parse_heredoc(word);
    ASSERT_TRUE(heredoc.ok()) << word;
    ASSERT_TRUE(heredoc->has_value()) << word;
    EXPECT_EQ((*heredoc)->name, valid_name) << word;
    if ((*heredoc)->name == valid_name) ++passed;
  }
  for (const std::string& word : strings_of(cases["invalid_words"])) {
    ++total;
    EXPECT_FALSE(parse_heredoc(word).ok()) << word;
    if (!parse_heredoc(word).ok()) ++passed;
  }
  for (const std::string& word : strings_of(cases["not_heredoc_words"])) {
    ++total;
    auto heredoc = parse_heredoc(word);
    ASSERT_TRUE(heredoc.ok()) << word;
    EXPECT_FALSE(heredoc->has_value()) << word;
    if (!heredoc->has_value()) ++passed;
  }
  for (const auto& entry : *cases["line"].as_array()) {
    const toml::table& line = *entry.as_table();
    std::string text = line["text"].value_or(std::string());
    // Where upstream's expectation is not enforced, strata follows what upstream (and so real
    // BuildKit) does: `RUN <<- EOF` opens no heredoc.
    std::vector<std::string> want = line["enforced_upstream"].value_or(true)
                                        ? strings_of(line["names"])
                                        : strings_of(line["upstream_actual_names"]);
    auto heredocs = heredocs_from_line(text);
    ASSERT_TRUE(heredocs.ok()) << text;
    std::vector<std::string> names;
    for (const Heredoc& heredoc : *heredocs) names.push_back(heredoc.name);
    ++total;
    EXPECT_EQ(names, want) << text;
    if (names == want) ++passed;
  }
  ++total;
  std::string chomped = chomp_heredoc(cases["chomp"]["input"].value_or(std::string()));
  EXPECT_EQ(chomped, cases["chomp"]["output"].value_or(std::string()));
  if (chomped == cases["chomp"]["output"].value_or(std::string())) ++passed;
  testing::report_peer_count("dockerfile-parser-extra/heredoc-helpers", passed, total);
}

TEST_F(PeerParserExtra, LineNumbers) {
  auto ast = parse(read_file(m_root / "line-numbers" / "Dockerfile"));
  ASSERT_TRUE(ast.ok()) << ast.error().to_string();
  toml::table expected = load("line-numbers/expected.toml");
  EXPECT_EQ(ast->start_line, expected["root_start_line"].value_or(0));
  EXPECT_EQ(ast->end_line, expected["root_end_line"].value_or(0));
  const toml::array& children = *expected["children"].as_array();
  ASSERT_EQ(ast->instructions.size(), children.size());
  int passed = 0;
  for (size_t i = 0; i < children.size(); ++i) {
    const toml::array& pair = *children[i].as_array();
    int start = pair[0].value_or(0), end = pair[1].value_or(0);
    EXPECT_EQ(ast->instructions[i].range.start.line, start) << i;
    EXPECT_EQ(ast->instructions[i].range.end.line, end) << i;
    if (ast->instructions[i].range.start.line == start &&
        ast->instructions[i].range.end.line == end)
      ++passed;
  }
  testing::report_peer_count("dockerfile-parser-extra/line-numbers", passed,
                             static_cast<int>(children.size()));
}

TEST_F(PeerParserExtra, EmptyContinuationWarnings) {
  auto ast = parse(read_file(m_root / "empty-continuation" / "Dockerfile"));
  ASSERT_TRUE(ast.ok()) << ast.error().to_string();
  toml::table expected = load("empty-continuation/expected.toml");
  ASSERT_EQ(ast->warnings.size(), static_cast<size_t>(expected["warning_count"].value_or(0)));
  const toml::array& warnings = *expected["warning"].as_array();
  for (size_t i = 0; i < warnings.size(); ++i) {
    const toml::table& warning = *warnings[i].as_table();
    for (const std::string& text : strings_of(warning["short_contains"])) {
      EXPECT_NE(ast->warnings[i].short_text.find(text), std::string::npos)
          << ast->warnings[i].short_text << " lacks " << text;
    }
    for (const std::string& text : strings_of(warning["detail0_contains"])) {
      EXPECT_NE(ast->warnings[i].detail.find(text), std::string::npos);
    }
  }
}

TEST_F(PeerParserExtra, JsonArrays) {
  toml::table cases = load("json-arrays.toml");
  int passed = 0, total = 0;
  for (const auto& entry : *cases["valid"].as_array()) {
    const toml::table& c = *entry.as_table();
    std::string text = c["text"].value_or(std::string());
    auto parsed = parse_json_string_array(text);
    ++total;
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_TRUE(parsed->is_json) << text;
    EXPECT_EQ(parsed->strings, strings_of(c["words"])) << text;
    if (parsed->is_json && parsed->strings == strings_of(c["words"])) ++passed;
  }
  for (const std::string& text : strings_of(cases["invalid"]["not_string_array"])) {
    auto parsed = parse_json_string_array(text);
    ++total;
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.error().message.find("strings only"), std::string::npos);
    ++passed;
  }
  testing::report_peer_count("dockerfile-parser-extra/json-arrays", passed, total);
}

TEST_F(PeerParserExtra, WordsAndNameValues) {
  toml::table cases = load("words-and-namevals.toml");
  int passed = 0, total = 0;
  for (const auto& entry : *cases["parse_words"].as_array()) {
    const toml::table& c = *entry.as_table();
    std::string text = c["text"].value_or(std::string());
    ++total;
    EXPECT_EQ(parse_words(text, '\\'), strings_of(c["words"])) << text;
    if (parse_words(text, '\\') == strings_of(c["words"])) ++passed;
  }
  for (const auto& entry : *cases["name_val"].as_array()) {
    const toml::table& c = *entry.as_table();
    std::string text = c["text"].value_or(std::string());
    std::string keyword = to_lower(c["instruction"].value_or(std::string()));
    auto parsed = parse_arguments(keyword, text, '\\');
    ++total;
    if (c["error"].value_or(false)) {
      EXPECT_FALSE(parsed.ok()) << text;
      if (!parsed.ok()) ++passed;
    } else {
      ASSERT_TRUE(parsed.ok()) << text;
      EXPECT_EQ(parsed->args, strings_of(c["nodes"])) << text;
      if (parsed->args == strings_of(c["nodes"])) ++passed;
    }
  }
  testing::report_peer_count("dockerfile-parser-extra/words-and-namevals", passed, total);
}

TEST_F(PeerParserExtra, Directives) {
  toml::table cases = load("directives.toml");
  int passed = 0, total = 0;
  for (const auto& entry : *cases["escape"].as_array()) {
    const toml::table& c = *entry.as_table();
    DirectiveParser parser;
    std::vector<Directive> found;
    for (const std::string& line : testing::split(c["text"].value_or(std::string()), '\n')) {
      auto directive = parser.parse_line(line);
      ASSERT_TRUE(directive.ok());
      if (*directive) found.push_back(**directive);
    }
    ++total;
    ASSERT_EQ(found.size(), static_cast<size_t>(c["directive_count"].value_or(0)));
    EXPECT_EQ(found[0].name, c["name"].value_or(std::string()));
    EXPECT_EQ(found[0].value, c["value"].value_or(std::string()));
    if (found[0].name == c["name"].value_or(std::string()) &&
        found[0].value == c["value"].value_or(std::string()))
      ++passed;
  }
  for (const char* key : {"syntax", "check"}) {
    for (const auto& entry : *cases[key].as_array()) {
      const toml::table& c = *entry.as_table();
      std::string text = c["text"].value_or(std::string());
      auto detected = detect_directive(key, text);
      bool ok = detected.has_value() == c["found"].value_or(false);
      EXPECT_EQ(detected.has_value(), c["found"].value_or(false)) << key << ": " << text;
      std::string value = detected ? detected->value : "";
      std::string cmdline = detected ? detected->cmdline : "";
      auto check = [&](const char* field, const std::string& actual) {
        if (auto want = c[field].value<std::string>()) {
          EXPECT_EQ(actual, *want) << key << "." << field << ": " << text;
          ok = ok && actual == *want;
        }
      };
      check(std::string_view(key) == "syntax" ? "ref" : "value", value);
      check("cmdline", cmdline);
      if (auto line = c["line"].value<int>()) {
        EXPECT_EQ(detected ? detected->line : 0, *line) << text;
        ok = ok && detected && detected->line == *line;
      }
      ++total;
      if (ok) ++passed;
    }
  }
  testing::report_peer_count("dockerfile-parser-extra/directives", passed, total);
  EXPECT_EQ(total, 17);
}

TEST_F(PeerParserExtra, LongLineIsRejected) {
  toml::table c = load("long-line.toml");
  std::string text = c["prefix"].value_or(std::string()) +
                     std::string(static_cast<size_t>(c["repeat"].value_or(0)),
                                 c["repeat_char"].value_or(std::string("a"))[0]) +
                     c["suffix"].value_or(std::string());
  auto ast = parse(text);
  ASSERT_FALSE(ast.ok());
  EXPECT_EQ(ast.error().message, c["error"].value_or(std::string()));
  std::string shorter = c["prefix"].value_or(std::string()) +
                        std::string(static_cast<size_t>(c["repeat"].value_or(0)) - 20, 'a') +
                        c["suffix"].value_or(std::string());
  EXPECT_TRUE(parse(shorter).ok());
  testing::report_peer_count("dockerfile-parser-extra/long-line", 1, 1);
}

}  // namespace
}  // namespace strata::dockerfile
