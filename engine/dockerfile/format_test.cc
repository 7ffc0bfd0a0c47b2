#include "engine/dockerfile/format.h"

#include <gtest/gtest.h>

#include "engine/dockerfile/stages.h"
#include "engine/dockerfile/variable_scope.h"

namespace strata::dockerfile {
namespace {

std::vector<std::string> formatted(std::string_view text) {
  auto dockerfile = load_dockerfile(text);
  EXPECT_TRUE(dockerfile.ok()) << (dockerfile.ok() ? "" : dockerfile.error().to_string());
  std::vector<std::string> lines;
  if (!dockerfile.ok()) return lines;
  // Formatting is meant for expanded instructions: quotes are gone by then.
  auto global = VariableScope::global(dockerfile->global_args, {});
  for (const Stage& stage : dockerfile->stages) {
    lines.push_back(format_instruction(*expand_instruction(stage.from, *global)));
    VariableScope scope = global->enter_stage({});
    for (const Instruction& instruction : stage.commands) {
      lines.push_back(format_instruction(*expand_instruction(instruction, scope)));
    }
  }
  return lines;
}

TEST(Format, CanonicalSpellings) {
  EXPECT_EQ(formatted("from  Node:18   as Builder\n"
                      "copy --chown=1:1   a  b /c/\n"
                      "cmd [ \"node\",\"x.js\" ]\n"
                      "env A=1 B=\"two words\"\n"
                      "run   echo hi\n"
                      "volume /data\n"),
            (std::vector<std::string>{"FROM Node:18 AS builder", "COPY --chown=1:1 a b /c/",
                                      "CMD [\"node\", \"x.js\"]", "ENV A=1 B=\"two words\"",
                                      "RUN echo hi", "VOLUME [\"/data\"]"}));
}

TEST(Format, HeredocSourcesAndArgDefaults) {
  EXPECT_EQ(formatted("FROM a\nARG V=1 W\nCOPY <<EOF /x\nhi\nEOF\n"),
            (std::vector<std::string>{"FROM a", "ARG V=1 W", "COPY <<EOF /x"}));
}

}  // namespace
}  // namespace strata::dockerfile
