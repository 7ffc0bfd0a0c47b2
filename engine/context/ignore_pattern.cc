#include "engine/context/ignore_pattern.h"

#include <fmt/format.h>

#include "engine/base/unicode.h"
#include "engine/context/lexical.h"

namespace strata::context {

namespace {

using base::ErrorCode;
using base::make_error;

base::Error syntax_error(std::string_view pattern, std::string_view reason) {
  return make_error(ErrorCode::invalid_argument,
                    fmt::format("syntax error in pattern \"{}\": {}", pattern, reason));
}

// Reads one end of a range the way filepath.Match does: `-`, `]` and the end of the pattern are
// malformed here, `\x` is x, invalid UTF-8 is malformed, and something must follow (the `]`).
bool read_class_char(std::string_view text, size_t& pos, char32_t& out) {
  if (pos >= text.size() || text[pos] == '-' || text[pos] == ']') return false;
  if (text[pos] == '\\' && ++pos >= text.size()) return false;
  base::Rune rune = base::decode_rune(text, pos);
  if (!rune.valid) return false;
  out = rune.value;
  pos += rune.width;
  return pos < text.size();
}

// Parses a bracket expression; `pos` is just past its '['. filepath.Match accepts a reversed
// range (it simply matches nothing); `reversed` reports it because upstream's regexp does not.
bool parse_class(std::string_view text, size_t& pos, CharClass& out, std::string& reversed) {
  if (pos < text.size() && text[pos] == '^') {
    out.negated = true;
    ++pos;
  }
  while (true) {
    if (pos < text.size() && text[pos] == ']' && !out.ranges.empty()) {
      ++pos;
      return true;
    }
    size_t start = pos;
    char32_t lo = 0;
    if (!read_class_char(text, pos, lo)) return false;
    char32_t hi = lo;
    if (text[pos] == '-' && !read_class_char(text, ++pos, hi)) return false;
    if (lo > hi && reversed.empty()) reversed = text.substr(start, pos - start);
    out.ranges.emplace_back(lo, hi);
  }
}

// starts_with/ends_with that look at one byte before calling memcmp: on the hot path nearly
// every comparison fails, and most fail on that byte.
bool has_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         (prefix.empty() || (text.front() == prefix.front() && text.starts_with(prefix)));
}

bool has_suffix(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         (suffix.empty() || (text.back() == suffix.back() && text.ends_with(suffix)));
}

// Whether `needle` occurs in `dir` ending where a '/' or `dir` ends, and (if `whole`) starting
// where `dir` starts or after a '/'.
bool contains_at_boundary(std::string_view dir, std::string_view needle, bool whole) {
  for (size_t at = dir.find(needle); at != std::string_view::npos; at = dir.find(needle, at + 1)) {
    size_t end = at + needle.size();
    if ((end == dir.size() || dir[end] == '/') && (!whole || at == 0 || dir[at - 1] == '/')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(PatternKind kind) {
  switch (kind) {
    case PatternKind::exact:
      return "exact";
    case PatternKind::prefix:
      return "prefix";
    case PatternKind::suffix:
      return "suffix";
    case PatternKind::glob:
      return "glob";
  }
  return "unknown";
}

base::Result<IgnorePattern> IgnorePattern::compile(std::string_view pattern) {
  std::string_view trimmed = trim_space(pattern);
  if (trimmed.empty()) return make_error(ErrorCode::invalid_argument, "empty pattern");
  IgnorePattern result;
  // Upstream cleans before looking at `!`, so "!a/../b" is the ordinary pattern "b".
  result.m_text = clean_path(trimmed);
  if (result.m_text.front() == '!') {
    if (result.m_text.size() == 1) {
      return make_error(ErrorCode::invalid_argument, "illegal exclusion pattern: \"!\"");
    }
    result.m_exclusion = true;
    result.m_text.erase(0, 1);
  }

  // One left-to-right pass that both checks the syntax and mirrors upstream's classification:
  // everything is `exact` until a wildcard appears; a `**` at the very end of an otherwise exact
  // pattern makes it `prefix`; a `**` at the very start makes it `suffix` unless a later
  // wildcard turns it into `glob`.
  std::string_view text = result.m_text;
  PatternKind kind = PatternKind::exact;
  Glob& glob = result.m_glob;
  std::string reversed;
  for (size_t pos = 0; pos < text.size();) {
    const bool first = pos == 0;
    char c = text[pos];
    if (c == '*' && pos + 1 < text.size() && text[pos + 1] == '*') {
      pos += 2;
      if (pos < text.size() && text[pos] == '/') ++pos;
      if (pos < text.size()) {
        glob.add_dir_star();
        kind = PatternKind::glob;
      } else if (kind == PatternKind::exact) {
        kind = PatternKind::prefix;
      } else {
        glob.add_any_rest();
        kind = PatternKind::glob;
      }
      if (first) kind = PatternKind::suffix;
    } else if (c == '*') {
      glob.add_star();
      kind = PatternKind::glob;
      ++pos;
    } else if (c == '?') {
      glob.add_any_char();
      kind = PatternKind::glob;
      ++pos;
    } else if (c == '\\') {
      if (++pos >= text.size()) return syntax_error(text, "trailing backslash");
      size_t width = base::decode_rune(text, pos).width;
      glob.add_literal(text.substr(pos, width));
      kind = PatternKind::glob;
      pos += width;
    } else if (c == '[') {
      CharClass char_class;
      if (!parse_class(text, ++pos, char_class, reversed)) {
        return syntax_error(text, "malformed bracket expression");
      }
      glob.add_class(std::move(char_class));
      kind = PatternKind::glob;
    } else {
      // A lone ']' is literal, but upstream still routes the pattern through its regexp.
      if (c == ']') kind = PatternKind::glob;
      size_t width = base::decode_rune(text, pos).width;
      glob.add_literal(text.substr(pos, width));
      pos += width;
    }
  }

  result.m_kind = kind;
  if (kind == PatternKind::prefix) result.m_fixed = text.substr(0, text.size() - 2);
  if (kind == PatternKind::suffix) result.m_fixed = text.substr(2);
  if (kind != PatternKind::glob) result.m_glob = Glob();
  if (kind == PatternKind::glob && !reversed.empty()) {
    result.m_match_error = syntax_error(text, fmt::format("reversed range {}", reversed));
  }
  return result;
}

base::Result<bool> IgnorePattern::matches(std::string_view path) const {
  if (m_match_error) return *m_match_error;
  return matches_text(path);
}

bool IgnorePattern::matches_text(std::string_view path) const {
  switch (m_kind) {
    case PatternKind::exact:
      return path == m_text;
    case PatternKind::prefix:
      return has_prefix(path, m_fixed);
    case PatternKind::suffix:
      // `**/foo` also matches "foo" at the top.
      return has_suffix(path, m_fixed) ||
             (!m_fixed.empty() && m_fixed.front() == '/' && path == m_fixed.substr(1));
    case PatternKind::glob:
      return m_glob.matches(path);
  }
  return false;
}

bool IgnorePattern::matches_ancestor(std::string_view dir) const {
  if (m_match_error) return false;
  // Every ancestor is a prefix of `dir` that ends where a '/' or `dir` ends, which lets the
  // literal kinds answer without visiting each one.
  switch (m_kind) {
    case PatternKind::exact:
      return has_prefix(dir, m_text) && (dir.size() == m_text.size() || dir[m_text.size()] == '/');
    case PatternKind::prefix:
      return has_prefix(dir, m_fixed);
    case PatternKind::suffix:
      // `**/node_modules`: some ancestor ends in "/node_modules" or is "node_modules".
      if (m_fixed.empty()) return true;
      if (m_fixed.front() == '/') return contains_at_boundary(dir, m_fixed.substr(1), true);
      return contains_at_boundary(dir, m_fixed, false);
    case PatternKind::glob:
      break;
  }
  if (std::optional<size_t> slashes = m_glob.slash_count()) {
    // Only the ancestor with exactly that many '/' can match.
    size_t from = 0;
    for (size_t seen = 0;; ++seen) {
      size_t slash = dir.find('/', from);
      if (seen == *slashes) return m_glob.matches(dir.substr(0, slash));
      if (slash == std::string_view::npos) return false;
      from = slash + 1;
    }
  }
  for (size_t end = dir.find('/');; end = dir.find('/', end + 1)) {
    if (m_glob.matches(dir.substr(0, end))) return true;
    if (end == std::string_view::npos) return false;
  }
}

}  // namespace strata::context
