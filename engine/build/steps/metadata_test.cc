#include "engine/build/steps/metadata.h"

#include <gtest/gtest.h>

#include "engine/dockerfile/stages.h"
#include "engine/dockerfile/variable_scope.h"

namespace strata::build {
namespace {

// Applies every instruction of a one-stage Dockerfile's metadata to `config`.
image::ImageConfig apply_all(std::string_view text, image::ImageConfig config = {}) {
  auto dockerfile = dockerfile::load_dockerfile(text);
  EXPECT_TRUE(dockerfile.ok()) << (dockerfile.ok() ? "" : dockerfile.error().to_string());
  auto global = dockerfile::VariableScope::global(dockerfile->global_args, {});
  dockerfile::VariableScope scope = global->enter_stage({});
  MetadataState state;
  for (const auto& instruction : dockerfile->stages[0].commands) {
    auto expanded = dockerfile::expand_instruction(instruction, scope);
    EXPECT_TRUE(expanded.ok());
    if (auto* env = std::get_if<dockerfile::EnvInstruction>(&expanded->body)) scope.set_env(*env);
    if (auto* arg = std::get_if<dockerfile::ArgInstruction>(&expanded->body)) scope.declare(*arg);
    EXPECT_TRUE(apply_metadata(*expanded, config, state).ok());
  }
  return config;
}

TEST(Metadata, EnvLabelExposeWorkdirUser) {
  image::ImageConfig config = apply_all(
      "FROM a\nENV A=1 B=2\nENV A=3\nLABEL version=\"1.0.0\"\nEXPOSE 8080 53/udp 9000-9001\n"
      "WORKDIR /app\nWORKDIR src\nUSER appuser\n");
  EXPECT_EQ(config.config.env, (std::vector<std::string>{"A=3", "B=2"}));
  EXPECT_EQ(config.config.labels->at("version"), "1.0.0");
  EXPECT_EQ(config.config.exposed_ports,
            (std::set<std::string>{"53/udp", "8080/tcp", "9000/tcp", "9001/tcp"}));
  EXPECT_EQ(config.config.working_dir, "/app/src");
  EXPECT_EQ(config.config.user, "appuser");
}

TEST(Metadata, ShellFormWrapsInTheCurrentShell) {
  image::ImageConfig config = apply_all("FROM a\nCMD python app.py\n");
  EXPECT_EQ(config.config.cmd, (std::vector<std::string>{"/bin/sh", "-c", "python app.py"}));
  config = apply_all("FROM a\nSHELL [\"/bin/bash\", \"-lc\"]\nCMD echo hi\n");
  EXPECT_EQ(config.config.cmd, (std::vector<std::string>{"/bin/bash", "-lc", "echo hi"}));
}

TEST(Metadata, EntrypointResetsAnInheritedCmdOnly) {
  image::ImageConfig base;
  base.config.cmd = std::vector<std::string>{"python3"};
  image::ImageConfig inherited = apply_all("FROM a\nENTRYPOINT [\"/init\"]\n", base);
  EXPECT_FALSE(inherited.config.cmd.has_value());
  image::ImageConfig own = apply_all("FROM a\nCMD [\"x\"]\nENTRYPOINT [\"/init\"]\n", base);
  EXPECT_EQ(own.config.cmd, std::vector<std::string>{"x"});
}

TEST(Metadata, HealthcheckAndVolumes) {
  image::ImageConfig config = apply_all(
      "FROM a\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/\nVOLUME /data /logs\n");
  ASSERT_TRUE(config.config.healthcheck.has_value());
  EXPECT_EQ(config.config.healthcheck->test,
            (std::vector<std::string>{"CMD-SHELL", "curl -f http://localhost/"}));
  EXPECT_EQ(config.config.healthcheck->interval, 30'000'000'000LL);
  EXPECT_EQ(config.config.volumes, (std::set<std::string>{"/data", "/logs"}));
}

TEST(Metadata, BadPortIsAnErrorAtTheInstruction) {
  auto dockerfile = dockerfile::load_dockerfile("FROM a\nEXPOSE 99999\n");
  image::ImageConfig config;
  auto applied = apply_metadata(dockerfile->stages[0].commands[0], config);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().to_string(), "Dockerfile:2: invalid containerPort: 99999");
}

TEST(Metadata, HistoryCreatedByAsBuildKitWritesIt) {
  auto dockerfile = dockerfile::load_dockerfile(
      "FROM a\nWORKDIR /app\nCOPY app.py .\nEXPOSE 8080\nCMD [\"python\", \"app.py\"]\n"
      "RUN apt-get update\n");
  image::ImageConfig config;
  std::vector<std::string> created_by;
  for (const auto& instruction : dockerfile->stages[0].commands) {
    ASSERT_TRUE(apply_metadata(instruction, config).ok());
    created_by.push_back(history_entry(instruction, config, false, "").created_by);
  }
  EXPECT_EQ(created_by,
            (std::vector<std::string>{"WORKDIR /app", "COPY app.py . # buildkit",
                                      "EXPOSE map[8080/tcp:{}]", "CMD [\"python\" \"app.py\"]",
                                      "RUN /bin/sh -c apt-get update # buildkit"}));
}

}  // namespace
}  // namespace strata::build
