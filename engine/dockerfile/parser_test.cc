#include "engine/dockerfile/parser.h"

#include <gtest/gtest.h>

#include "engine/base/diagnostic.h"
#include "engine/dockerfile/dump.h"

namespace strata::dockerfile {
namespace {

Ast parse_ok(std::string_view text) {
  auto ast = parse(text);
  EXPECT_TRUE(ast.ok()) << (ast.ok() ? "" : ast.error().to_string());
  return ast.ok() ? *ast : Ast{};
}

TEST(Parser, JoinsContinuationsAndKeepsLineRange) {
  Ast ast = parse_ok("FROM a\nRUN echo \\\n  hi\n");
  ASSERT_EQ(ast.instructions.size(), 2u);
  EXPECT_EQ(ast.instructions[1].args, std::vector<std::string>{"echo   hi"});
  EXPECT_EQ(ast.instructions[1].range.start.line, 2);
  EXPECT_EQ(ast.instructions[1].range.end.line, 3);
}

TEST(Parser, BacktickEscapeDirectiveChangesContinuation) {
  Ast ast = parse_ok("# escape=`\nFROM a\nRUN dir c:\\ `\n  /b\n");
  EXPECT_EQ(ast.escape, '`');
  ASSERT_EQ(ast.directives.size(), 1u);
  EXPECT_EQ(ast.instructions[1].args, std::vector<std::string>{"dir c:\\   /b"});
}

TEST(Parser, DirectiveAfterInstructionIsAComment) {
  Ast ast = parse_ok("FROM a\n# escape=`\nRUN x \\\n y\n");
  EXPECT_EQ(ast.escape, '\\');
  EXPECT_TRUE(ast.directives.empty());
}

TEST(Parser, RepeatedDirectiveIsAnErrorWithLine) {
  auto ast = parse("# escape=\\\n# escape=`\nFROM a\n", "df");
  ASSERT_FALSE(ast.ok());
  EXPECT_EQ(ast.error().to_string(), "df:2:1: only one escape parser directive can be used");
}

TEST(Parser, InvalidEscapeTokenIsAnError) {
  auto ast = parse("# escape=x\nFROM a\n");
  ASSERT_FALSE(ast.ok());
  EXPECT_EQ(ast.error().message, "invalid escape token 'x' does not match ` or \\");
}

TEST(Parser, ReadsHeredocBodiesForRunAndCopy) {
  Ast ast = parse_ok("FROM a\nRUN <<EOF\necho hi\nEOF\nCOPY <<-X /x\n\tbody\n\tX\n");
  ASSERT_EQ(ast.instructions.size(), 3u);
  ASSERT_EQ(ast.instructions[1].heredocs.size(), 1u);
  EXPECT_EQ(ast.instructions[1].heredocs[0].content, "echo hi\n");
  EXPECT_EQ(ast.instructions[2].heredocs[0].content, "\tbody\n");
  EXPECT_TRUE(ast.instructions[2].heredocs[0].chomp);
  EXPECT_EQ(ast.instructions[2].range.end.line, 7);
}

TEST(Parser, UnterminatedHeredocNamesItsLines) {
  auto ast = parse("FROM a\nRUN <<EOF\necho\n", "Dockerfile");
  ASSERT_FALSE(ast.ok());
  EXPECT_EQ(ast.error().message, "unterminated heredoc");
  EXPECT_EQ(ast.error().range->start.line, 2);
}

TEST(Parser, OnbuildNestsItsInstruction) {
  Ast ast = parse_ok("FROM a\nONBUILD RUN [\"echo\", \"x\"]\n");
  EXPECT_EQ(dump_tree(ast), "(from \"a\")\n(onbuild (run \"echo\" \"x\"))\n");
}

TEST(Parser, CrlfLineEndingsAreStripped) {
  Ast ast = parse_ok("FROM a\r\nRUN echo \\\r\n hi\r\n");
  EXPECT_EQ(ast.instructions[1].args, std::vector<std::string>{"echo  hi"});
}

TEST(Parser, ByteOrderMarkIsIgnored) {
  Ast ast = parse_ok("\xEF\xBB\xBF# escape=`\nFROM a\n");
  EXPECT_EQ(ast.escape, '`');
}

TEST(Parser, NestedJsonErrorRendersWithSnippet) {
  std::string source = "FROM a\nCMD [\"a\", [\"b\"]]\n";
  auto ast = parse(source);
  ASSERT_FALSE(ast.ok());
  EXPECT_EQ(base::render_diagnostic(ast.error(), source),
            "Dockerfile:2:1: when using JSON array syntax, arrays must be comprised of strings "
            "only\nCMD [\"a\", [\"b\"]]\n^ near here");
}

TEST(Parser, JsonDumpCarriesRanges) {
  Ast ast = parse_ok("FROM a\n");
  std::string json = dump_json(ast);
  EXPECT_NE(json.find("\"keyword\": \"from\""), std::string::npos);
  EXPECT_NE(json.find("\"line\": 1"), std::string::npos);
}

}  // namespace
}  // namespace strata::dockerfile
