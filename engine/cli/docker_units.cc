#include "engine/cli/docker_units.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace strata::cli {

namespace {

size_t code_points(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

struct LocalTime {
  std::tm tm{};
  std::string offset;  // "+0000"
};

LocalTime local_time(int64_t unix_seconds) {
  LocalTime out;
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  localtime_r(&t, &out.tm);
  long gmtoff = out.tm.tm_gmtoff;
  char sign = gmtoff < 0 ? '-' : '+';
  long minutes = (gmtoff < 0 ? -gmtoff : gmtoff) / 60;
  out.offset = fmt::format("{}{:02}{:02}", sign, minutes / 60, minutes % 60);
  return out;
}

}  // namespace

std::string human_size(double bytes, int precision) {
  static constexpr std::array<const char*, 9> k_units = {"B",  "kB", "MB", "GB", "TB",
                                                         "PB", "EB", "ZB", "YB"};
  size_t unit = 0;
  while (bytes >= 1000.0 && unit + 1 < k_units.size()) {
    bytes /= 1000.0;
    ++unit;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g%s", precision, bytes, k_units[unit]);
  return buffer;
}

std::string human_duration(int64_t nanoseconds) {
  constexpr int64_t k_second = 1000000000;
  constexpr int64_t k_hour = 3600 * k_second;
  int64_t seconds = nanoseconds / k_second;
  if (seconds < 1) return "Less than a second";
  if (seconds == 1) return "1 second";
  if (seconds < 60) return fmt::format("{} seconds", seconds);
  int64_t minutes = nanoseconds / (60 * k_second);
  if (minutes == 1) return "About a minute";
  if (minutes < 60) return fmt::format("{} minutes", minutes);
  // d.Round(time.Hour): halfway rounds away from zero.
  int64_t hours = (nanoseconds + k_hour / 2) / k_hour;
  if (hours == 1) return "About an hour";
  if (hours < 48) return fmt::format("{} hours", hours);
  if (hours < 24 * 7 * 2) return fmt::format("{} days", hours / 24);
  if (hours < 24 * 30 * 2) return fmt::format("{} weeks", hours / 24 / 7);
  if (hours < 24 * 365 * 2) return fmt::format("{} months", hours / 24 / 30);
  return fmt::format("{} years", nanoseconds / k_hour / 24 / 365);
}

std::string created_since(int64_t created_unix, int64_t now_nanos) {
  return human_duration(now_nanos - created_unix * 1000000000) + " ago";
}

std::string go_local_time_string(int64_t unix_seconds) {
  LocalTime t = local_time(unix_seconds);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} {} {}", t.tm.tm_year + 1900,
                     t.tm.tm_mon + 1, t.tm.tm_mday, t.tm.tm_hour, t.tm.tm_min, t.tm.tm_sec,
                     t.offset, t.tm.tm_zone ? t.tm.tm_zone : t.offset.c_str());
}

std::string go_local_rfc3339(int64_t unix_seconds) {
  LocalTime t = local_time(unix_seconds);
  std::string zone = t.tm.tm_gmtoff == 0 ? "Z" : t.offset.substr(0, 3) + ":" + t.offset.substr(3);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", t.tm.tm_year + 1900, t.tm.tm_mon + 1,
                     t.tm.tm_mday, t.tm.tm_hour, t.tm.tm_min, t.tm.tm_sec, zone);
}

std::string truncate_id(std::string_view id) {
  if (size_t colon = id.find(':'); colon != std::string_view::npos) id = id.substr(colon + 1);
  return std::string(id.substr(0, 12));
}

std::string ellipsis(std::string_view text, size_t width) {
  if (width == 0) return "";
  if (code_points(text) <= width) return std::string(text);
  std::string out;
  size_t kept = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts && ++kept > width - 1) break;
    out += text[i];
  }
  return out + "…";
}

int64_t now_unix_nanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace strata::cli
