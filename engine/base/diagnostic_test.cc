#include "engine/base/diagnostic.h"

#include <gtest/gtest.h>

namespace strata::base {
namespace {

TEST(Diagnostic, ShowsSourceLineAndMarker) {
  std::string source = "FROM scratch\nCOPY --foo a b\n";
  Error error =
      make_error(ErrorCode::parse, "unknown flag: --foo", {"Dockerfile", {2, 6}, {2, 11}});
  EXPECT_EQ(render_diagnostic(error, source),
            "Dockerfile:2:6: unknown flag: --foo\n"
            "COPY --foo a b\n"
            "     ^ near here");
}

TEST(Diagnostic, MarkerFollowsTabs) {
  std::string source = "\tRUN ${\n";
  Error error = make_error(ErrorCode::parse, "missing '}'", {"Dockerfile", {1, 6}, {}});
  EXPECT_EQ(render_diagnostic(error, source),
            "Dockerfile:1:6: missing '}'\n"
            "\tRUN ${\n"
            "\t    ^ near here");
}

TEST(Diagnostic, ControlBytesAreEscaped) {
  std::string source = "FROM a\n\x1b[2JRUN x\n";
  Error error =
      make_error(ErrorCode::parse, "unknown instruction: \x1b[2JRUN", {"Dockerfile", {2, 1}, {}});
  EXPECT_EQ(render_diagnostic(error, source),
            "Dockerfile:2:1: unknown instruction: \\x1b[2JRUN\n"
            "\\x1b[2JRUN x\n"
            "^ near here");
}

TEST(Diagnostic, LongLinesShowAWindowAroundTheMarker) {
  std::string source = "LABEL a=" + std::string(70000, 'x') + " --bad\n";
  Error error = make_error(ErrorCode::parse, "bad", {"Dockerfile", {1, 70010}, {}});
  std::string rendered = render_diagnostic(error, source);
  EXPECT_LT(rendered.size(), 500u);
  EXPECT_NE(rendered.find("--bad"), std::string::npos);
  size_t marker = rendered.find('^');
  size_t line_start = rendered.rfind('\n', marker) + 1;
  size_t bad = rendered.find("--bad");
  size_t bad_line_start = rendered.rfind('\n', bad - 1) + 1;
  EXPECT_EQ(marker - line_start, bad - bad_line_start);
  EXPECT_LT(printable(std::string(1000, 'm'), 400).size(), 410u);
}

TEST(Diagnostic, NoSnippetWithoutLine) {
  Error error = make_error(ErrorCode::parse, "empty");
  EXPECT_EQ(render_diagnostic(error, "FROM a\n"), "empty");
}

TEST(Diagnostic, SourceLineHandlesCrlfAndRange) {
  EXPECT_EQ(source_line("a\r\nb\r\n", 1), "a");
  EXPECT_EQ(source_line("a\nb", 2), "b");
  EXPECT_EQ(source_line("a\nb", 3), "");
}

}  // namespace
}  // namespace strata::base
