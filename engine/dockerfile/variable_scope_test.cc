#include "engine/dockerfile/variable_scope.h"

#include <gtest/gtest.h>

#include "engine/dockerfile/stages.h"

namespace strata::dockerfile {
namespace {

// Walks a stage the way the builder will: expand each instruction, then let ARG/ENV update
// the scope. Returns the expanded instructions.
std::vector<Instruction> walk(const Dockerfile& dockerfile, size_t stage_index,
                              VariableScope& scope) {
  std::vector<Instruction> out;
  for (const Instruction& instruction : dockerfile.stages[stage_index].commands) {
    auto expanded = expand_instruction(instruction, scope);
    EXPECT_TRUE(expanded.ok()) << (expanded.ok() ? "" : expanded.error().to_string());
    if (!expanded.ok()) break;
    if (auto* arg = std::get_if<ArgInstruction>(&expanded->body)) scope.declare(*arg);
    if (auto* env = std::get_if<EnvInstruction>(&expanded->body)) scope.set_env(*env);
    out.push_back(*expanded);
  }
  return out;
}

Dockerfile load(std::string_view text) {
  auto dockerfile = load_dockerfile(text);
  EXPECT_TRUE(dockerfile.ok()) << (dockerfile.ok() ? "" : dockerfile.error().to_string());
  return dockerfile.ok() ? *dockerfile : Dockerfile{};
}

TEST(VariableScope, GlobalArgsReachFromButNotTheStageUntilRedeclared) {
  Dockerfile dockerfile =
      load("ARG TAG=3.11\nFROM python:${TAG}-slim\nWORKDIR /v$TAG\nARG TAG\nWORKDIR /v$TAG\n");
  auto global = VariableScope::global(dockerfile.global_args, {});
  ASSERT_TRUE(global.ok());
  auto from = expand_instruction(dockerfile.stages[0].from, *global);
  ASSERT_TRUE(from.ok());
  EXPECT_EQ(std::get<FromInstruction>(from->body).image, "python:3.11-slim");
  VariableScope stage = global->enter_stage({});
  auto expanded = walk(dockerfile, 0, stage);
  EXPECT_EQ(std::get<WorkdirInstruction>(expanded[0].body).path, "/v");
  EXPECT_EQ(std::get<WorkdirInstruction>(expanded[2].body).path, "/v3.11");
}

TEST(VariableScope, BuildArgOverridesDefaultAndEnvOverridesArg) {
  Dockerfile dockerfile = load(
      "FROM a\nARG VERSION=1.0.0\nLABEL version=$VERSION\nENV VERSION=env\n"
      "LABEL v2=$VERSION\n");
  auto global = VariableScope::global({}, {{"VERSION", "2.0.0"}, {"UNUSED", "x"}});
  ASSERT_TRUE(global.ok());
  VariableScope stage = global->enter_stage({});
  auto expanded = walk(dockerfile, 0, stage);
  EXPECT_EQ(std::get<LabelInstruction>(expanded[1].body).labels[0].value, "2.0.0");
  EXPECT_EQ(std::get<LabelInstruction>(expanded[3].body).labels[0].value, "env");
  EXPECT_EQ(stage.unconsumed_build_args(), std::set<std::string>{"UNUSED"});
}

TEST(VariableScope, ImageEnvIsVisibleAndEnvExpandsAgainstTheOldValues) {
  Dockerfile dockerfile = load("FROM a\nENV A=2 B=$A\nWORKDIR $B/$PATH\n");
  auto global = VariableScope::global({}, {});
  ASSERT_TRUE(global.ok());
  VariableScope stage = global->enter_stage({{"A", "1"}, {"PATH", "/bin"}});
  auto expanded = walk(dockerfile, 0, stage);
  EXPECT_EQ(std::get<EnvInstruction>(expanded[0].body).variables[1].value, "1");
  EXPECT_EQ(std::get<WorkdirInstruction>(expanded[1].body).path, "1//bin");
}

TEST(VariableScope, AutomaticPlatformArgsAreGlobalOnly) {
  Dockerfile dockerfile =
      load("FROM a:$TARGETARCH\nWORKDIR /$TARGETOS\nARG TARGETOS\nWORKDIR /$TARGETOS\n");
  auto global = VariableScope::global({}, {}, Platform{"linux", "arm64", ""});
  ASSERT_TRUE(global.ok());
  auto from = expand_instruction(dockerfile.stages[0].from, *global);
  EXPECT_EQ(std::get<FromInstruction>(from->body).image, "a:arm64");
  VariableScope stage = global->enter_stage({});
  auto expanded = walk(dockerfile, 0, stage);
  EXPECT_EQ(std::get<WorkdirInstruction>(expanded[0].body).path, "/");
  EXPECT_EQ(std::get<WorkdirInstruction>(expanded[2].body).path, "/linux");
}

TEST(VariableScope, RunLeavesItsCommandToTheShellButSeesProxyArgs) {
  Dockerfile dockerfile = load("FROM a\nARG X=1\nRUN echo $X\n");
  auto global = VariableScope::global({}, {{"https_proxy", "http://127.0.0.1:3128"}});
  ASSERT_TRUE(global.ok());
  VariableScope stage = global->enter_stage({});
  auto expanded = walk(dockerfile, 0, stage);
  EXPECT_EQ(std::get<RunInstruction>(expanded[1].body).command.args[0], "echo $X");
  Environment env = stage.run_environment();
  EXPECT_EQ(env["X"], "1");
  EXPECT_EQ(env["https_proxy"], "http://127.0.0.1:3128");
  EXPECT_TRUE(stage.unconsumed_build_args().empty());
}

TEST(VariableScope, ExpansionErrorsPointAtTheInstruction) {
  Dockerfile dockerfile = load("FROM a\nWORKDIR ${X:?is required}\n");
  auto global = VariableScope::global({}, {});
  ASSERT_TRUE(global.ok());
  auto expanded = expand_instruction(dockerfile.stages[0].commands[0], global->enter_stage({}));
  ASSERT_FALSE(expanded.ok());
  EXPECT_EQ(expanded.error().range->start.line, 2);
  EXPECT_NE(expanded.error().message.find("X: is required"), std::string::npos);
}

TEST(VariableScope, HeredocBodiesExpandOnlyWhenUnquoted) {
  Dockerfile dockerfile = load("FROM a\nARG N=me\nCOPY <<A <<'B' /d/\nhi $N \"q\"\nA\nhi $N\nB\n");
  auto global = VariableScope::global({}, {});
  ASSERT_TRUE(global.ok());
  VariableScope stage = global->enter_stage({});
  auto expanded = walk(dockerfile, 0, stage);
  const auto& copy = std::get<CopyInstruction>(expanded[1].body);
  EXPECT_EQ(copy.inline_sources[0].content, "hi me \"q\"\n");
  EXPECT_EQ(copy.inline_sources[1].content, "hi $N\n");
}

}  // namespace
}  // namespace strata::dockerfile
