#include "engine/cli/docker_units.h"

#include <gtest/gtest.h>

#include "engine/cli/path_match.h"

namespace strata::cli {
namespace {

TEST(DockerUnits, HumanSizeIsDecimalWithGoG) {
  EXPECT_EQ(human_size(0, 3), "0B");
  EXPECT_EQ(human_size(7800, 3), "7.8kB");
  EXPECT_EQ(human_size(155000000, 3), "155MB");
  EXPECT_EQ(human_size(1996800, 3), "2MB");
  EXPECT_EQ(human_size(1996800), "1.997MB");
  EXPECT_EQ(human_size(999, 3), "999B");
  EXPECT_EQ(human_size(1234567890, 3), "1.23GB");
}

TEST(DockerUnits, HumanDurationReadsLikeDocker) {
  constexpr int64_t s = 1000000000;
  EXPECT_EQ(human_duration(s / 2), "Less than a second");
  EXPECT_EQ(human_duration(1 * s), "1 second");
  EXPECT_EQ(human_duration(59 * s), "59 seconds");
  EXPECT_EQ(human_duration(90 * s), "About a minute");
  EXPECT_EQ(human_duration(2 * 60 * s), "2 minutes");
  EXPECT_EQ(human_duration(59 * 60 * s), "59 minutes");
  EXPECT_EQ(human_duration(89 * 60 * s), "About an hour");
  EXPECT_EQ(human_duration(91 * 60 * s), "2 hours");
  EXPECT_EQ(human_duration(47 * 3600 * s), "47 hours");
  EXPECT_EQ(human_duration(3 * 24 * 3600 * s), "3 days");
  EXPECT_EQ(human_duration(20 * 24 * 3600 * s), "2 weeks");
  EXPECT_EQ(human_duration(90 * 24 * 3600 * s), "3 months");
  EXPECT_EQ(human_duration(800 * 24 * 3600 * s), "2 years");
}

TEST(DockerUnits, TruncationAndEllipsis) {
  EXPECT_EQ(truncate_id("sha256:0123456789abcdef"), "0123456789ab");
  EXPECT_EQ(truncate_id("<missing>"), "<missing>");
  EXPECT_EQ(ellipsis("short", 45), "short");
  std::string long_text = "RUN /bin/sh -c apt-get update && apt-get install -y curl";
  EXPECT_EQ(ellipsis(long_text, 45), long_text.substr(0, 44) + "…");
  EXPECT_EQ(ellipsis("ééééé", 3), "éé…");
}

TEST(PathMatch, FollowsGoPathMatch) {
  EXPECT_TRUE(path_match("hello-app", "hello-app"));
  EXPECT_TRUE(path_match("hello-*", "hello-app"));
  EXPECT_TRUE(path_match("*:1.?", "app:1.0"));
  EXPECT_FALSE(path_match("*", "team/app"));
  EXPECT_TRUE(path_match("*/*", "team/app"));
  EXPECT_TRUE(path_match("app:[0-9]*", "app:1.0"));
  EXPECT_FALSE(path_match("app:[^0-9]*", "app:1.0"));
  EXPECT_TRUE(path_match("a\\*b", "a*b"));
  EXPECT_FALSE(path_match("[", "["));
}

}  // namespace
}  // namespace strata::cli
