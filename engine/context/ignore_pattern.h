#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/context/glob.h"

namespace strata::context {

// How a pattern is tested. The first three are moby/patternmatcher's fast paths and they are
// observable, so we keep exactly its classification: a pattern starting with `**` whose rest has
// no wildcard is a plain suffix test, which makes `**.log` match `a/b.log` (a regexp reading
// would not).
enum class PatternKind { exact, prefix, suffix, glob };

std::string_view to_string(PatternKind kind);

// One line of a .dockerignore as the matcher sees it.
//
// Where upstream's regexp translation gives a pattern a meaning that Go's filepath.Match syntax
// does not have (`\d`-style escapes, `*` or `?` or `[:alpha:]` inside brackets, a bare `^` acting
// as an anchor), we keep the filepath.Match meaning. The one regexp compile failure reproduced is
// a reversed range such as `[l-O]`: accepted when building, an error when matching (di-138).
class IgnorePattern {
 public:
  // Trims, cleans lexically, then splits off a leading `!`, in that order, as upstream does.
  // Fails on an empty pattern, on `!` alone and on what filepath.Match calls a bad pattern.
  static base::Result<IgnorePattern> compile(std::string_view pattern);

  bool is_exclusion() const { return m_exclusion; }
  // The cleaned pattern without its `!`.
  const std::string& text() const { return m_text; }
  PatternKind kind() const { return m_kind; }

  // Whether the pattern matches `path` itself. Fails only for a pattern that cannot be compiled
  // to a matcher (see the class comment), and then on every call.
  base::Result<bool> matches(std::string_view path) const;

  // Whether the pattern matches one of the directories that make up `dir` ("a", "a/b", ... for
  // "a/b/c"; "" and then "/x" for a rooted "/x"). `dir` is a clean path other than ".". This is
  // upstream's parent check: what makes `docs` exclude `docs/README.md`.
  bool matches_ancestor(std::string_view dir) const;

 private:
  bool matches_text(std::string_view path) const;

  std::string m_text;
  PatternKind m_kind = PatternKind::exact;
  bool m_exclusion = false;
  // exact: m_text; prefix: m_text without the trailing `**`; suffix: without the leading `**`.
  std::string m_fixed;
  Glob m_glob;
  std::optional<base::Error> m_match_error;
};

}  // namespace strata::context
