#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/context/ignore_pattern.h"

namespace strata::context {

// An ordered .dockerignore pattern list, with moby/patternmatcher's MatchesOrParentMatches
// semantics. Immutable once built, so one matcher can serve concurrent walkers.
class IgnoreMatcher {
 public:
  // An empty matcher: excludes nothing.
  IgnoreMatcher() = default;

  // Blank patterns (after trimming) are dropped; anything else that does not compile fails the
  // whole list, as a .dockerignore with a bad line fails the build.
  static base::Result<IgnoreMatcher> create(std::vector<std::string> patterns);

  // Whether `path` (slash-separated, relative to the context root) is excluded. Patterns are
  // tried in order from "not excluded": an ordinary pattern only while not excluded, an
  // exception (`!`) only while excluded, so a later line wins. A pattern matches a path when it
  // matches the path itself or one of its parent directories. The path is used as given (the
  // walker passes clean paths); its parent directories are cleaned, as upstream does.
  base::Result<bool> matches(std::string_view path) const;

  bool has_exclusions() const { return m_has_exclusions; }
  size_t size() const { return m_patterns.size(); }
  const std::vector<IgnorePattern>& patterns() const { return m_patterns; }

 private:
  std::vector<IgnorePattern> m_patterns;
  bool m_has_exclusions = false;
};

}  // namespace strata::context
