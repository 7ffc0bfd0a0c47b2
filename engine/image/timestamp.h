#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata::image {

// A point in time as Unix seconds plus nanoseconds, what an RFC 3339 "created" denotes.
struct UnixTime {
  int64_t seconds = 0;
  int32_t nanos = 0;
  bool operator==(const UnixTime&) const = default;
  auto operator<=>(const UnixTime&) const = default;
};

// Reads "2024-01-02T03:04:05[.fraction](Z|+hh:mm|-hh:mm)" as Go's time.Parse(RFC3339Nano)
// does (a lower-case 't' or 'z' is accepted too); nullopt for anything else.
std::optional<UnixTime> parse_rfc3339(std::string_view text);

// "2024-01-02T03:04:05.123456789Z": UTC, trailing fractional zeros dropped (Go's RFC3339Nano),
// which is how docker and BuildKit write "created".
std::string format_rfc3339_nano_utc(UnixTime time);

// The current time, for images created now (import, commit).
UnixTime now_utc();

}  // namespace strata::image
