#include "engine/dockerfile/run_mount.h"

#include <gtest/gtest.h>

#include "engine/dockerfile/stages.h"

namespace strata::dockerfile {
namespace {

TEST(RunMount, ParsesCacheMountWithDefaults) {
  auto mount = parse_run_mount("type=cache,target=/root/.cache/pip,sharing=locked");
  ASSERT_TRUE(mount.ok()) << mount.error().message;
  EXPECT_EQ(mount->type, RunMount::Type::cache);
  EXPECT_EQ(mount->target, "/root/.cache/pip");
  EXPECT_EQ(mount->sharing, "locked");
  EXPECT_FALSE(mount->read_only);
}

TEST(RunMount, BindIsDefaultAndReadOnly) {
  auto mount = parse_run_mount("target=/src,source=.,from=build,rw");
  ASSERT_TRUE(mount.ok());
  EXPECT_EQ(mount->type, RunMount::Type::bind);
  EXPECT_EQ(mount->from, "build");
  EXPECT_FALSE(mount->read_only);
  EXPECT_TRUE(parse_run_mount("target=/src")->read_only);
}

TEST(RunMount, RejectsUnknownTypesKeysAndMissingTargets) {
  EXPECT_EQ(parse_run_mount("type=bogus,target=/x").error().message,
            "unsupported mount type \"bogus\"");
  EXPECT_EQ(parse_run_mount("type=cache,target=/x,colour=red").error().message,
            "unexpected key 'colour' in 'colour=red'");
  EXPECT_EQ(parse_run_mount("type=tmpfs").error().message, "mount type tmpfs requires a target");
  EXPECT_TRUE(parse_run_mount("type=secret,id=token").ok());
  EXPECT_FALSE(parse_run_mount("type=cache,target=/x,sharing=sometimes").ok());
}

TEST(RunMount, QuotedCsvFields) {
  auto mount = parse_run_mount("type=bind,\"target=/a,b\"");
  ASSERT_TRUE(mount.ok());
  EXPECT_EQ(mount->target, "/a,b");
}

TEST(RunMount, BadMountFailsTheDockerfileAtItsLine) {
  auto dockerfile = load_dockerfile("FROM a\nRUN --mount=type=bogus,target=/x true\n");
  ASSERT_FALSE(dockerfile.ok());
  EXPECT_EQ(dockerfile.error().to_string(),
            "Dockerfile:2:13: --mount=type=bogus,target=/x: unsupported mount type \"bogus\"");
}

}  // namespace
}  // namespace strata::dockerfile
