#include "engine/build/plan.h"

#include <gtest/gtest.h>

namespace strata::build {
namespace {

dockerfile::Dockerfile load(std::string_view text) {
  auto dockerfile = dockerfile::load_dockerfile(text);
  EXPECT_TRUE(dockerfile.ok()) << (dockerfile.ok() ? "" : dockerfile.error().to_string());
  return dockerfile.ok() ? *dockerfile : dockerfile::Dockerfile{};
}

std::vector<std::string> labels(const Plan& plan) {
  std::vector<std::string> out;
  for (const PlannedStage& stage : plan.stages) {
    for (const PlannedStep& step : stage.steps) {
      if (step.number > 0) out.push_back(plan.step_label(step) + " " + step.instruction->original);
    }
  }
  return out;
}

TEST(Plan, SingleStageNumbersOnlyFilesystemSteps) {
  auto dockerfile = load(
      "FROM python:3.11-slim\nWORKDIR /app\nCOPY app.py .\nEXPOSE 8080\nCMD [\"python\", "
      "\"app.py\"]\n");
  auto plan = make_plan(dockerfile, "");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(labels(*plan), (std::vector<std::string>{"[1/3] FROM python:3.11-slim",
                                                     "[2/3] WORKDIR /app", "[3/3] COPY app.py ."}));
  EXPECT_EQ(plan->stages[0].steps.size(), 5u);
}

TEST(Plan, MultiStageLabelsAndOrder) {
  auto dockerfile = load(
      "FROM golang:1.21 AS builder\nWORKDIR /src\nRUN go build\n"
      "FROM alpine:latest\nCOPY --from=builder /src/app /app\nCMD [\"/app\"]\n");
  auto plan = make_plan(dockerfile, "");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(labels(*plan),
            (std::vector<std::string>{"[builder 1/3] FROM golang:1.21 AS builder",
                                      "[builder 2/3] WORKDIR /src", "[builder 3/3] RUN go build",
                                      "[stage-1 1/2] FROM alpine:latest",
                                      "[stage-1 2/2] COPY --from=builder /src/app /app"}));
}

TEST(Plan, UnusedStagesAreNotBuilt) {
  auto dockerfile = load(
      "FROM a AS unused\nRUN x\nFROM b AS base\nRUN y\nFROM base AS app\nCOPY --from=0 /x /x\n"
      "FROM c AS other\n");
  auto app = make_plan(dockerfile, "app");
  ASSERT_TRUE(app.ok());
  ASSERT_EQ(app->stages.size(), 3u);
  EXPECT_EQ(app->stages[0].index, 1u);  // base, the FROM dependency, first
  EXPECT_EQ(app->stages[1].index, 0u);  // then stage 0, copied from by index
  EXPECT_EQ(app->stages[2].index, 2u);
  EXPECT_EQ(app->stages[2].depends_on, (std::vector<size_t>{1, 0}));
  auto other = make_plan(dockerfile, "");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->stages.size(), 1u);
  EXPECT_FALSE(make_plan(dockerfile, "missing").ok());
}

TEST(Plan, LaterStagesAndImagesAreNotStageReferences) {
  auto dockerfile = load("FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\n");
  EXPECT_EQ(stage_reference(dockerfile, "two", 0), std::nullopt);
  EXPECT_EQ(stage_reference(dockerfile, "ONE", 1), std::optional<size_t>(0));
  EXPECT_EQ(stage_reference(dockerfile, "5", 1), std::nullopt);
  EXPECT_EQ(stage_reference(dockerfile, "busybox", 1), std::nullopt);
}

}  // namespace
}  // namespace strata::build
