#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata::cli {

// The docker CLI's presentation helpers (github.com/docker/go-units, stringid, formatter).

// units.HumanSizeWithPrecision: decimal units ("B", "kB", "MB", ...) and Go's %.*g, so
// 155000000 -> "155MB", 7800 -> "7.8kB", 0 -> "0B". units.HumanSize is precision 4.
std::string human_size(double bytes, int precision = 4);

// units.HumanDuration: "Less than a second", "About a minute", "2 minutes", "About an hour",
// "3 hours", "2 days", "3 weeks", "4 months", "2 years".
std::string human_duration(int64_t nanoseconds);

// "<HumanDuration(now - created)> ago", as `docker images` and `docker history` print CREATED.
std::string created_since(int64_t created_unix, int64_t now_unix_nanos);

// Go's time.Unix(seconds, 0).String() in the local zone: "2024-01-02 03:04:05 +0000 UTC".
std::string go_local_time_string(int64_t unix_seconds);
// time.Unix(seconds, 0).Format(time.RFC3339) in the local zone: "2024-01-02T03:04:05Z".
std::string go_local_rfc3339(int64_t unix_seconds);

// stringid.TruncateID: drops an "algorithm:" prefix and keeps 12 characters.
std::string truncate_id(std::string_view id);

// formatter.Ellipsis: at most `width` characters (code points), the last one "…" when cut.
std::string ellipsis(std::string_view text, size_t width);

// The current time in Unix nanoseconds.
int64_t now_unix_nanos();

}  // namespace strata::cli
