#include "engine/dockerfile/directives.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

bool is_regex_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_alnum(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}

// Matches `^PREFIX\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
std::optional<std::pair<std::string, std::string>> match_directive(std::string_view line,
                                                                   std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  size_t pos = prefix.size();
  while (pos < line.size() && is_regex_space(line[pos])) ++pos;
  size_t name_begin = pos;
  if (pos >= line.size() || !is_alpha(line[pos])) return std::nullopt;
  while (pos < line.size() && is_alnum(line[pos])) ++pos;
  std::string name(line.substr(name_begin, pos - name_begin));
  while (pos < line.size() && is_regex_space(line[pos])) ++pos;
  if (pos >= line.size() || line[pos] != '=') return std::nullopt;
  std::string_view value = line.substr(pos + 1);
  if (value.empty()) return std::nullopt;
  // The lazy value keeps at least one character, even a blank one.
  while (value.size() > 1 && is_regex_space(value.front())) value.remove_prefix(1);
  while (value.size() > 1 && is_regex_space(value.back())) value.remove_suffix(1);
  return std::make_pair(to_lower(name), std::string(value));
}

bool is_known_directive(std::string_view name) {
  return name == "syntax" || name == "escape" || name == "check";
}

}  // namespace

base::Result<std::optional<Directive>> DirectiveParser::parse_line(std::string_view line) {
  ++m_line;
  if (m_done) return std::optional<Directive>();
  auto match = match_directive(line, m_prefix);
  if (!match || !is_known_directive(match->first)) {
    m_done = true;
    return std::optional<Directive>();
  }
  if (!m_seen.insert(match->first).second) {
    return base::make_error(base::ErrorCode::parse,
                            fmt::format("only one {} parser directive can be used", match->first));
  }
  return std::optional<Directive>(Directive{match->first, match->second, m_line});
}

std::optional<DetectedDirective> detect_directive(std::string_view key, std::string_view text) {
  text = strip_bom(text);
  int first_line = 0;
  if (text.starts_with("#!")) {
    size_t newline = text.find('\n');
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    first_line = 1;
  }
  auto from_block = [&](std::string_view prefix) -> std::optional<DetectedDirective> {
    DirectiveParser parser(prefix);
    parser.set_line(first_line);
    size_t begin = 0;
    while (begin <= text.size()) {
      size_t end = text.find('\n', begin);
      std::string_view line = text.substr(begin, end == std::string_view::npos ? end : end - begin);
      auto directive = parser.parse_line(line);
      if (!directive || !directive.value()) return std::nullopt;
      if (directive.value()->name == key) {
        const std::string& value = directive.value()->value;
        size_t blank = value.find_first_of(" \t");
        return DetectedDirective{value.substr(0, blank), value, directive.value()->line};
      }
      if (end == std::string_view::npos) break;
      begin = end + 1;
    }
    return std::nullopt;
  };
  if (auto found = from_block("#")) return found;
  if (key != "syntax") return std::nullopt;
  if (auto found = from_block("//")) return found;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_object() && json.contains(key) && json[std::string(key)].is_string()) {
    std::string value = json[std::string(key)].get<std::string>();
    return DetectedDirective{value, value, first_line};
  }
  return std::nullopt;
}

}  // namespace strata::dockerfile
