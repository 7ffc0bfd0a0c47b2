#include "engine/build/progress.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace strata::build {
namespace {

BuildEvent event(BuildEvent::Kind kind, int vertex, std::string name = {}, std::string text = {}) {
  BuildEvent e;
  e.kind = kind;
  e.vertex = vertex;
  e.name = std::move(name);
  e.text = std::move(text);
  return e;
}

TEST(PlainProgress, RendersBuildKitShape) {
  std::string out;
  out += PlainProgress::render(event(BuildEvent::Kind::started, 6, "[2/3] WORKDIR /app"));
  out += PlainProgress::render(event(BuildEvent::Kind::cached, 6));
  out += PlainProgress::render(event(BuildEvent::Kind::started, 7, "[3/3] COPY app.py ."));
  BuildEvent done = event(BuildEvent::Kind::done, 7);
  done.seconds = 0.126;
  out += PlainProgress::render(done);
  EXPECT_EQ(out,
            "#6 [2/3] WORKDIR /app\n#6 CACHED\n\n"
            "#7 [3/3] COPY app.py .\n#7 DONE 0.1s\n\n");
}

TEST(PlainProgress, LogLinesCarryElapsedTime) {
  BuildEvent log = event(BuildEvent::Kind::log, 4, "", "hello");
  log.seconds = 0.5;
  EXPECT_EQ(PlainProgress::render(log), "#4 0.500 hello\n");
  EXPECT_EQ(PlainProgress::render(event(BuildEvent::Kind::failed, 4, "", "exit code: 1")),
            "#4 ERROR: exit code: 1\n\n");
}

TEST(JsonProgress, OneObjectPerLineWithStepDetails) {
  BuildEvent done = event(BuildEvent::Kind::done, 7, "[3/3] COPY app.py .");
  done.seconds = 0.25;
  done.source = base::SourceRange{"Dockerfile", {3, 1}, {3, 0}};
  done.instruction = "COPY app.py .";
  done.cache_key = "sha256:abc";
  done.miss_reasons = {"source app.py changed"};
  done.layer_diff_id = base::Digest::of("layer");
  done.layer_size = 1536;
  std::string line = JsonProgress::render(done);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["event"], "done");
  EXPECT_EQ(json["cached"], false);
  EXPECT_EQ(json["source"]["line"], 3);
  EXPECT_EQ(json["miss_reasons"][0], "source app.py changed");
  EXPECT_EQ(json["layer"]["size"], 1536);
  EXPECT_EQ(json["layer"]["diff_id"], base::Digest::of("layer").to_string());
  auto cached = nlohmann::json::parse(JsonProgress::render(event(BuildEvent::Kind::cached, 6)));
  EXPECT_EQ(cached["cached"], true);
}

}  // namespace
}  // namespace strata::build
