#include "engine/base/error.h"

#include <gtest/gtest.h>

#include "engine/base/result.h"

namespace strata::base {
namespace {

TEST(Error, ToStringNamesFileLineAndColumn) {
  Error error =
      make_error(ErrorCode::parse, "unknown flag: --foo", {"Dockerfile", {3, 6}, {3, 11}});
  EXPECT_EQ(error.to_string(), "Dockerfile:3:6: unknown flag: --foo");
}

TEST(Error, ToStringOmitsUnknownColumn) {
  Error error =
      make_error(ErrorCode::parse, "file with no instructions", {"Dockerfile", {2, 0}, {}});
  EXPECT_EQ(error.to_string(), "Dockerfile:2: file with no instructions");
}

TEST(Error, WrapKeepsCauseAndLocation) {
  Error cause = make_error(ErrorCode::parse, "bad substitution", {"Dockerfile", {4, 1}, {}});
  Error wrapped = wrap_error(cause, "expanding ENV");
  EXPECT_EQ(wrapped.to_string(), "Dockerfile:4:1: expanding ENV: Dockerfile:4:1: bad substitution");
  ASSERT_NE(wrapped.cause, nullptr);
  EXPECT_EQ(*wrapped.cause, cause);
}

TEST(Result, HoldsValueOrError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  Result<int> bad = make_error(ErrorCode::not_found, "no such image");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "no such image");
  Status status = make_error(ErrorCode::io, "disk full");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(Status{}.ok());
}

}  // namespace
}  // namespace strata::base
