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
