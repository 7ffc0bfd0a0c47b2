#include "engine/context/ignore_file.h"

#include <fmt/format.h>

#include "engine/context/lexical.h"

namespace strata::context {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
// Go's bufio.Scanner gives up on a line that does not fit its 64 KiB buffer.
constexpr size_t k_max_line_bytes = 64 * 1024 - 1;

// Cleans a pattern (without its '!') and makes it relative to the context root.
std::string normalize(std::string_view pattern) {
  if (pattern.empty()) return {};
  std::string cleaned = clean_path(pattern);
  if (cleaned.size() > 1 && cleaned.front() == '/') cleaned.erase(0, 1);
  return cleaned;
}

// "/Dockerfile", "./Dockerfile" and "Dockerfile" all name the same file in the context.
std::string context_relative(std::string_view path) {
  std::string cleaned = clean_path(path);
  while (cleaned.size() > 1 && cleaned.front() == '/') cleaned.erase(0, 1);
  return cleaned;
}

}  // namespace

base::Result<std::vector<IgnoreLine>> read_ignore_lines(std::string_view text) {
  if (text.starts_with(k_utf8_bom)) text.remove_prefix(k_utf8_bom.size());
  std::vector<IgnoreLine> patterns;
  int line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.size() > k_max_line_bytes) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              fmt::format("line longer than {} bytes", k_max_line_bytes),
                              {".dockerignore", {line_number, 1}, {line_number, 1}});
    }
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with('#')) continue;
    std::string_view pattern = trim_space(line);
    if (pattern.empty()) continue;
    if (pattern.front() == '!') {
      std::string exception(1, '!');
      exception += normalize(trim_space(pattern.substr(1)));
      patterns.push_back({std::move(exception), line_number});
    } else {
      patterns.push_back({normalize(pattern), line_number});
    }
  }
  return patterns;
}

base::Result<std::vector<std::string>> read_ignore_file(std::string_view text) {
  auto lines = read_ignore_lines(text);
  if (!lines) return std::move(lines).error();
  std::vector<std::string> patterns;
  patterns.reserve(lines->size());
  for (IgnoreLine& line : *lines) patterns.push_back(std::move(line.pattern));
  return patterns;
}

base::Result<IgnoreMatcher> load_ignore_file(std::string_view text, std::string_view file_name) {
  auto lines = read_ignore_lines(text);
  if (!lines) {
    base::Error error = std::move(lines).error();
    if (error.range) error.range->file = std::string(file_name);
    return error;
  }
  std::vector<std::string> patterns;
  for (const IgnoreLine& line : *lines) {
    // Compiling one pattern at a time pins an error to its line.
    if (auto single = IgnoreMatcher::create({line.pattern}); !single) {
      return base::make_error(single.error().code, single.error().message,
                              {std::string(file_name), {line.line, 1}, {line.line, 1}});
    }
    patterns.push_back(line.pattern);
  }
  return IgnoreMatcher::create(std::move(patterns));
}

bool is_always_included(std::string_view path, std::string_view dockerfile_path) {
  std::string relative = context_relative(path);
  if (relative == ".dockerignore") return true;
  return !dockerfile_path.empty() && relative == context_relative(dockerfile_path);
}

}  // namespace strata::context
