#include "engine/dockerfile/instructions.h"

#include <gtest/gtest.h>

#include "engine/base/diagnostic.h"
#include "engine/dockerfile/stages.h"

namespace strata::dockerfile {
namespace {

base::Error load_error(std::string_view text) {
  auto dockerfile = load_dockerfile(text);
  EXPECT_FALSE(dockerfile.ok());
  return dockerfile.ok() ? base::Error{} : dockerfile.error();
}

TEST(Instructions, UnknownFlagNamesLineAndColumnWithSuggestion) {
  std::string source = "FROM scratch\nCOPY --form=build a b\n";
  base::Error error = load_error(source);
  EXPECT_EQ(base::render_diagnostic(error, source),
            "Dockerfile:2:6: unknown flag: form (did you mean from?)\n"
            "COPY --form=build a b\n"
            "     ^ near here");
}

TEST(Instructions, FlagsAreCheckedOnInstructionsWithoutFlags) {
  base::Error error = load_error("FROM a\nWORKDIR --x=1 /a\n");
  EXPECT_EQ(error.to_string(), "Dockerfile:2:9: unknown flag: x");
}

TEST(Instructions, BooleanAndValueFlagsAreValidated) {
  EXPECT_EQ(load_error("FROM a\nCOPY --link=maybe a b\n").message,
            "expecting boolean value for flag link, not: maybe");
  EXPECT_EQ(load_error("FROM a\nCOPY --chown a b\n").message, "missing a value on flag: chown");
  EXPECT_EQ(load_error("FROM a\nCOPY --chown=1 --chown=2 a b\n").message,
            "duplicate flag specified: chown");
}

TEST(Instructions, UnknownInstructionSuggestsTheNearestOne) {
  base::Error error = load_error("FROM a\nCOPPY a b\n");
  EXPECT_EQ(error.to_string(), "Dockerfile:2:1: unknown instruction: COPPY (did you mean COPY?)");
}

TEST(Instructions, FromArityAndStageNames) {
  EXPECT_EQ(load_error("FROM a b\n").message, "FROM requires either one or three arguments");
  EXPECT_EQ(load_error("FROM a AS 1x\n").message,
            "invalid name for build stage: \"1x\", name can't start with a number or contain "
            "symbols");
  EXPECT_EQ(load_error("FROM a AS x\nFROM b AS X\n").message, "duplicate stage name \"x\"");
}

TEST(Instructions, CommentAfterInstructionIsNotAComment) {
  // The lesson's annotated Dockerfile: `# Base image` is part of FROM's arguments.
  EXPECT_EQ(load_error("FROM ubuntu:22.04   # Base image\n").message,
            "FROM requires either one or three arguments");
}

TEST(Instructions, OnlyArgMayPrecedeFrom) {
  auto ok = load_dockerfile("# syntax=docker/dockerfile:1\nARG V=1\nFROM a:$V\n");
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok->global_args.size(), 1u);
  base::Error error = load_error("RUN echo hi\nFROM a\n");
  EXPECT_EQ(error.to_string(),
            "Dockerfile:1:1: no build stage in current context: RUN comes before the first FROM "
            "(only ARG may precede FROM)");
}

TEST(Instructions, ArgsAloneAreNoBuild) {
  EXPECT_EQ(load_error("ARG a\nARG b=1\n").to_string(),
            "Dockerfile: dockerfile contains no stages to build");
}

TEST(Instructions, CopySplitsHeredocSourcesAndFlags) {
  auto dockerfile = load_dockerfile(
      "FROM a AS build\nFROM b\nCOPY --from=build --chmod=755 <<EOF x /dest/\nhi\nEOF\n");
  ASSERT_TRUE(dockerfile.ok()) << dockerfile.error().to_string();
  const auto& copy = std::get<CopyInstruction>(dockerfile->stages[1].commands[0].body);
  EXPECT_EQ(copy.sources, std::vector<std::string>{"x"});
  ASSERT_EQ(copy.inline_sources.size(), 1u);
  EXPECT_EQ(copy.inline_sources[0].content, "hi\n");
  EXPECT_EQ(copy.destination, "/dest/");
  EXPECT_EQ(copy.from, "build");
  EXPECT_EQ(copy.chmod, "755");
}

TEST(Instructions, CopyNeedsADestination) {
  EXPECT_EQ(load_error("FROM a\nCOPY a\n").message,
            "COPY requires at least two arguments, but only one was provided. Destination could "
            "not be determined.");
}

TEST(Instructions, HealthcheckParsesDurations) {
  auto dockerfile =
      load_dockerfile("FROM a\nHEALTHCHECK --interval=1m30s --retries=3 CMD curl -f localhost\n");
  ASSERT_TRUE(dockerfile.ok()) << dockerfile.error().to_string();
  const auto& health = std::get<HealthcheckInstruction>(dockerfile->stages[0].commands[0].body);
  EXPECT_EQ(health.interval_ns, 90'000'000'000LL);
  EXPECT_EQ(health.retries, 3);
  EXPECT_EQ(health.test, (Command{{"curl -f localhost"}, true}));
  EXPECT_EQ(load_error("FROM a\nHEALTHCHECK --timeout=10 CMD x\n").message,
            "--timeout: time: missing unit in duration \"10\"");
  EXPECT_EQ(load_error("FROM a\nHEALTHCHECK NONE x\n").message,
            "HEALTHCHECK NONE takes no arguments");
}

TEST(Instructions, ShellNeedsJsonAndOnbuildRejectsFrom) {
  EXPECT_EQ(load_error("FROM a\nSHELL bash -c\n").message,
            "SHELL requires the arguments to be in JSON form");
  EXPECT_EQ(load_error("FROM a\nONBUILD FROM b\n").message,
            "FROM isn't allowed as an ONBUILD trigger");
  EXPECT_EQ(load_error("FROM a\nONBUILD COPY --bad=1 a b\n").message, "unknown flag: bad");
}

TEST(Instructions, TargetStageByName) {
  auto dockerfile = load_dockerfile("FROM a AS Build\nFROM b\n");
  ASSERT_TRUE(dockerfile.ok());
  EXPECT_EQ(*dockerfile->target_stage("build"), 0u);
  EXPECT_EQ(*dockerfile->target_stage(""), 1u);
  EXPECT_FALSE(dockerfile->target_stage("nope").ok());
}

}  // namespace
}  // namespace strata::dockerfile
