#include "engine/context/ignore_matcher.h"

#include "engine/context/lexical.h"

namespace strata::context {

namespace {

// The directory whose ancestors upstream checks: Clean(Dir(path)). For the clean paths a walker
// produces that is the text before the last '/', so nothing is allocated.
class ParentDir {
 public:
  explicit ParentDir(std::string_view path) {
    size_t last = path.rfind('/');
    if (last == std::string_view::npos) return;
    if (last == 0) {
      m_dir = "/";
    } else if (is_clean_path(path.substr(0, last))) {
      m_dir = path.substr(0, last);
    } else {
      m_storage = clean_path(path.substr(0, last + 1));
      m_dir = m_storage;
    }
    if (m_dir == ".") m_dir = {};
  }

  bool exists() const { return !m_dir.empty(); }
  std::string_view dir() const { return m_dir; }

 private:
  std::string m_storage;
  std::string_view m_dir;
};

}  // namespace

base::Result<IgnoreMatcher> IgnoreMatcher::create(std::vector<std::string> patterns) {
  IgnoreMatcher matcher;
  matcher.m_patterns.reserve(patterns.size());
  for (const std::string& text : patterns) {
    if (trim_space(text).empty()) continue;
    base::Result<IgnorePattern> pattern = IgnorePattern::compile(text);
    if (!pattern) return std::move(pattern).error();
    matcher.m_has_exclusions = matcher.m_has_exclusions || pattern->is_exclusion();
    matcher.m_patterns.push_back(std::move(pattern).value());
  }
  return matcher;
}

base::Result<bool> IgnoreMatcher::matches(std::string_view path) const {
  ParentDir parent(path);
  bool excluded = false;
  for (const IgnorePattern& pattern : m_patterns) {
    if (pattern.is_exclusion() != excluded) continue;
    base::Result<bool> hit = pattern.matches(path);
    if (!hit) return std::move(hit).error();
    if (*hit || (parent.exists() && pattern.matches_ancestor(parent.dir()))) {
      excluded = !pattern.is_exclusion();
    }
  }
  return excluded;
}

}  // namespace strata::context
