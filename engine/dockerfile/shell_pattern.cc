#include "engine/dockerfile/shell_pattern.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "engine/base/unicode.h"

namespace strata::dockerfile {

namespace {

using base::decode_rune;
using base::ErrorCode;
using base::make_error;
using base::Rune;

// Splits UTF-8 text into characters, keeping invalid bytes as one-byte characters.
std::vector<std::string> characters(std::string_view text) {
  std::vector<std::string> out;
  for (size_t pos = 0; pos < text.size();) {
    Rune rune = decode_rune(text, pos);
    out.emplace_back(text.substr(pos, rune.width));
    pos += rune.width;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += part;
  return out;
}

std::string reverse_text(std::string_view text) {
  std::vector<std::string> chars = characters(text);
  std::reverse(chars.begin(), chars.end());
  return join(chars);
}

std::string reverse_pattern(std::string_view pattern) {
  std::vector<std::string> chars = characters(pattern);
  std::vector<std::string> out(chars.size());
  size_t last = chars.size() - 1;
  for (size_t i = 0; i < chars.size();) {
    size_t out_index = last - i;
    if (chars[i] == "\\" && i != last) {
      out[out_index - 1] = chars[i];
      out[out_index] = chars[i + 1];
      i += 2;
    } else {
      out[out_index] = chars[i];
      ++i;
    }
  }
  return join(out);
}

}  // namespace

base::Result<ShellPattern> ShellPattern::compile(std::string_view pattern) {
  std::vector<Token> tokens;
  std::vector<std::string> chars = characters(pattern);
  for (size_t i = 0; i < chars.size(); ++i) {
    const std::string& c = chars[i];
    if (c == "*") {
      tokens.push_back({TokenKind::any_run, {}});
    } else if (c == "?") {
      tokens.push_back({TokenKind::any_char, {}});
    } else if (c == "\\") {
      if (i + 1 < chars.size() && (chars[i + 1] == "}" || chars[i + 1] == "/")) continue;
      if (i + 1 >= chars.size()) return make_error(ErrorCode::parse, "invalid escape '\\'");
      const std::string& escaped = chars[++i];
      if (escaped != "*" && escaped != "?" && escaped != "\\") {
        return make_error(ErrorCode::parse, fmt::format("invalid escape '\\{}'", escaped));
      }
      tokens.push_back({TokenKind::literal, escaped});
    } else {
      tokens.push_back({TokenKind::literal, c});
    }
  }
  return ShellPattern(std::move(tokens));
}

long ShellPattern::match_at(std::string_view value, size_t start, bool greedy) const {
  // Backtracking in RE2's leftmost-first order; a failed (token, offset) pair fails again on any
  // path, so remembering failures keeps this polynomial.
  const size_t columns = value.size() + 1;
  std::vector<bool> failed((m_tokens.size() + 1) * columns, false);
  auto char_width = [&](size_t pos) -> size_t {
    if (pos >= value.size() || value[pos] == '\n') return 0;
    return decode_rune(value, pos).width;
  };
  auto match = [&](auto& self, size_t token, size_t pos) -> long {
    if (token == m_tokens.size()) return static_cast<long>(pos);
    if (failed[token * columns + pos]) return -1;
    const Token& t = m_tokens[token];
    long result = -1;
    if (t.kind == TokenKind::literal) {
      if (value.substr(pos, t.literal.size()) == t.literal) {
        result = self(self, token + 1, pos + t.literal.size());
      }
    } else if (t.kind == TokenKind::any_char) {
      if (size_t width = char_width(pos)) result = self(self, token + 1, pos + width);
    } else {
      std::vector<size_t> stops{pos};
      for (size_t p = pos; size_t width = char_width(p);) {
        p += width;
        stops.push_back(p);
      }
      if (greedy) std::reverse(stops.begin(), stops.end());
      for (size_t stop : stops) {
        result = self(self, token + 1, stop);
        if (result >= 0) break;
      }
    }
    if (result < 0) failed[token * columns + pos] = true;
    return result;
  };
  return match(match, 0, start);
}

std::string ShellPattern::trim_prefix(std::string_view value, bool greedy) const {
  long end = match_at(value, 0, greedy);
  return std::string(end < 0 ? value : value.substr(static_cast<size_t>(end)));
}

std::string ShellPattern::replace(std::string_view value, std::string_view replacement,
                                  bool all) const {
  // Mirrors Go's regexp.ReplaceAllString: an empty match right after a match is not replaced,
  // and the search always advances by at least one character.
  std::string out;
  size_t last_match_end = 0;
  size_t search = 0;
  while (search <= value.size()) {
    long end = -1;
    size_t start = search;
    for (; start <= value.size(); ++start) {
      end = match_at(value, start, true);
      if (end >= 0) break;
    }
    if (end < 0) break;
    size_t match_end = static_cast<size_t>(end);
    out.append(value.substr(last_match_end, start - last_match_end));
    if (match_end > last_match_end || start == 0) out.append(replacement);
    last_match_end = match_end;
    if (!all) break;
    size_t width = search < value.size() ? decode_rune(value, search).width : 1;
    if (search + width > match_end) {
      search += width;
    } else {
      search = match_end;
    }
  }
  out.append(value.substr(std::min(last_match_end, value.size())));
  return out;
}

base::Result<std::string> trim_shell_prefix(std::string_view pattern, std::string_view value,
                                            bool greedy) {
  auto compiled = ShellPattern::compile(pattern);
  if (!compiled) {
    return make_error(ErrorCode::parse, fmt::format("invalid pattern ({}) in substitution: {}",
                                                    pattern, compiled.error().message));
  }
  return compiled->trim_prefix(value, greedy);
}

base::Result<std::string> trim_shell_suffix(std::string_view pattern, std::string_view value,
                                            bool greedy) {
  auto trimmed = trim_shell_prefix(reverse_pattern(pattern), reverse_text(value), greedy);
  if (!trimmed) return trimmed;
  return reverse_text(*trimmed);
}

}  // namespace strata::dockerfile
