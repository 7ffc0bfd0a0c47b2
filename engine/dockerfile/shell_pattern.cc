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

std::vector<long> ShellPattern::match_ends(std::string_view value, bool greedy) const {
  const size_t n = value.size();
  // Rune boundaries, and the width of the wildcard-matchable character at each (0 = none:
  // end of text, a newline, or not a boundary).
  std::vector<uint8_t> width(n + 1, 0);
  std::vector<bool> boundary(n + 1, false);
  for (size_t pos = 0; pos < n;) {
    boundary[pos] = true;
    size_t w = decode_rune(value, pos).width;
    if (value[pos] != '\n') width[pos] = static_cast<uint8_t>(w);
    pos += w;
  }
  boundary[n] = true;

  // next[p] = end of the first match of tokens[t+1..] from p; starts as the empty suffix.
  std::vector<long> next(n + 1, -1);
  for (size_t p = 0; p <= n; ++p) {
    if (boundary[p]) next[p] = static_cast<long>(p);
  }
  std::vector<long> current(n + 1, -1);
  for (size_t t = m_tokens.size(); t-- > 0;) {
    const Token& token = m_tokens[t];
    std::fill(current.begin(), current.end(), -1);
    if (token.kind == TokenKind::literal) {
      for (size_t p = 0; p <= n; ++p) {
        if (boundary[p] && value.substr(p, token.literal.size()) == token.literal) {
          current[p] = next[p + token.literal.size()];
        }
      }
    } else if (token.kind == TokenKind::any_char) {
      for (size_t p = 0; p < n; ++p) {
        if (width[p] > 0) current[p] = next[p + width[p]];
      }
    } else {
      // `*` from p may stop at p or after any run of non-newline characters: the stops form
      // a contiguous stretch of boundaries. Greedy takes the farthest stop that lets the rest
      // match, lazy the nearest; a right-to-left sweep carries the answer for each stretch.
      long carried = -1;
      for (size_t p = n + 1; p-- > 0;) {
        if (!boundary[p]) continue;
        bool stretch_ends_here = width[p] == 0;  // no character to absorb past p
        if (stretch_ends_here) carried = -1;
        if (next[p] >= 0 && (!greedy || carried < 0)) carried = next[p];
        current[p] = carried;
      }
    }
    std::swap(current, next);
  }
  return next;
}

std::string ShellPattern::trim_prefix(std::string_view value, bool greedy) const {
  long end = match_ends(value, greedy)[0];
  return std::string(end < 0 ? value : value.substr(static_cast<size_t>(end)));
}

std::optional<std::string> ShellPattern::replace(std::string_view value,
                                                 std::string_view replacement, bool all,
                                                 size_t max_size) const {
  // Mirrors Go's regexp.ReplaceAllString: an empty match right after a match is not replaced,
  // and the search always advances by at least one character.
  std::vector<long> ends = match_ends(value, true);
  std::string out;
  size_t last_match_end = 0;
  size_t search = 0;
  while (search <= value.size()) {
    size_t start = search;
    while (start <= value.size() && ends[start] < 0) ++start;
    if (start > value.size()) break;
    size_t match_end = static_cast<size_t>(ends[start]);
    out.append(value.substr(last_match_end, start - last_match_end));
    if (match_end > last_match_end || start == 0) out.append(replacement);
    if (out.size() > max_size) return std::nullopt;
    last_match_end = match_end;
    if (!all) break;
    size_t width = search < value.size() ? decode_rune(value, search).width : 1;
    search = search + width > match_end ? search + width : match_end;
  }
  out.append(value.substr(std::min(last_match_end, value.size())));
  if (out.size() > max_size) return std::nullopt;
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
