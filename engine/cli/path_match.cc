#include "engine/cli/path_match.h"

namespace strata::cli {

namespace {

// Matches one character against the class at the start of `pattern` (just after '[');
// advances `pattern` past the ']'. False with `ok` cleared for a malformed class.
bool match_class(std::string_view& pattern, char c, bool& ok) {
  bool negated = !pattern.empty() && pattern.front() == '^';
  if (negated) pattern.remove_prefix(1);
  bool matched = false;
  bool first = true;
  while (true) {
    if (pattern.empty()) return ok = false;
    if (pattern.front() == ']' && !first) {
      pattern.remove_prefix(1);
      break;
    }
    first = false;
    auto take = [&](char& out) {
      if (pattern.empty() || pattern.front() == '-' || pattern.front() == ']') return false;
      if (pattern.front() == '\\') pattern.remove_prefix(1);
      if (pattern.empty()) return false;
      out = pattern.front();
      pattern.remove_prefix(1);
      return true;
    };
    char lo = 0;
    if (!take(lo)) return ok = false;
    char hi = lo;
    if (!pattern.empty() && pattern.front() == '-') {
      pattern.remove_prefix(1);
      if (!take(hi)) return ok = false;
    }
    if (lo <= c && c <= hi) matched = true;
  }
  return matched != negated;
}

bool match_here(std::string_view pattern, std::string_view name, bool& ok) {
  while (!pattern.empty()) {
    char p = pattern.front();
    if (p == '*') {
      while (!pattern.empty() && pattern.front() == '*') pattern.remove_prefix(1);
      for (size_t i = 0;; ++i) {
        if (match_here(pattern, name.substr(i), ok)) return true;
        if (!ok || i >= name.size() || name[i] == '/') return false;
      }
    }
    if (name.empty()) return false;
    char c = name.front();
    if (p == '?') {
      if (c == '/') return false;
      pattern.remove_prefix(1);
    } else if (p == '[') {
      pattern.remove_prefix(1);
      if (c == '/' || !match_class(pattern, c, ok)) return false;
    } else {
      if (p == '\\') {
        pattern.remove_prefix(1);
        if (pattern.empty()) return ok = false;
        p = pattern.front();
      }
      if (p != c) return false;
      pattern.remove_prefix(1);
    }
    name.remove_prefix(1);
  }
  return name.empty();
}

}  // namespace

bool path_match(std::string_view pattern, std::string_view name) {
  bool ok = true;
  bool matched = match_here(pattern, name, ok);
  return ok && matched;
}

}  // namespace strata::cli
