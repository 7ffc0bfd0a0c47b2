#include "engine/image/timestamp.h"

#include <gtest/gtest.h>

namespace strata::image {
namespace {

TEST(Timestamp, ParsesRfc3339WithFractionAndOffsets) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), (UnixTime{0, 0}));
  EXPECT_EQ(parse_rfc3339("2024-02-29T12:30:45.5Z"), (UnixTime{1709209845, 500000000}));
  EXPECT_EQ(parse_rfc3339("2024-02-29T13:30:45+01:00"), (UnixTime{1709209845, 0}));
  EXPECT_EQ(parse_rfc3339("2024-02-29T12:30:45.123456789Z"), (UnixTime{1709209845, 123456789}));
}

TEST(Timestamp, RejectsWhatGoRejects) {
  for (const char* text :
       {"", "2024-02-30T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00",
        "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00Zjunk", "2023-02-29T00:00:00Z"}) {
    EXPECT_FALSE(parse_rfc3339(text)) << text;
  }
}

TEST(Timestamp, FormatsAsGoRfc3339NanoInUtc) {
  EXPECT_EQ(format_rfc3339_nano_utc({1709209845, 500000000}), "2024-02-29T12:30:45.5Z");
  EXPECT_EQ(format_rfc3339_nano_utc({0, 0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339_nano_utc({-1, 0}), "1969-12-31T23:59:59Z");
  UnixTime now = now_utc();
  EXPECT_EQ(parse_rfc3339(format_rfc3339_nano_utc(now)), now);
}

}  // namespace
}  // namespace strata::image
