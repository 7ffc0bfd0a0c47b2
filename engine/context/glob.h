#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::context {

// One bracket expression such as `[a-z]` or `[^/]`; ranges are inclusive code points.
struct CharClass {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;

  bool contains(char32_t c) const;
  bool operator==(const CharClass&) const = default;
};

// A compiled .dockerignore glob, matched against a whole slash-separated path. It gives each
// piece the meaning moby/patternmatcher's regexp translation gives it, without a regexp engine:
// `*` and `?` never match '/', and `**` is "(.*/)?" inside a pattern or ".*" at its end, where
// RE2's '.' does not match '\n'. Paths are read as UTF-8 code points; an invalid byte counts as
// one code point, U+FFFD, as in RE2.
class Glob {
 public:
  void add_literal(std::string_view bytes);
  void add_any_char();  // `?`
  void add_star();      // `*`
  void add_class(CharClass char_class);
  void add_dir_star();  // `**` or `**/` followed by more pattern: nothing, or anything up to a '/'
  void add_any_rest();  // `**` ending the pattern

  bool matches(std::string_view path) const;

  // The number of '/' in every path this glob matches, when that is fixed (no `**`, no class
  // that can match '/'). Lets the parent-directory check try one ancestor instead of all.
  std::optional<size_t> slash_count() const;

 private:
  enum class Op : uint8_t { literal, any_char, star, char_class, dir_star, any_rest };
  struct Token {
    Op op;
    uint32_t index = 0;  // literal: offset in m_literals; class: index; star kinds: branch id
    uint32_t size = 0;   // literal: byte length
  };
  struct MatchState;

  bool match_from(size_t token, size_t pos, MatchState& state) const;
  bool match_branch(const Token& token, size_t index, size_t pos, MatchState& state) const;

  std::vector<Token> m_tokens;
  std::string m_literals;
  std::vector<CharClass> m_classes;
  uint32_t m_branches = 0;  // `*` and `**` tokens, the only places a match can backtrack to
  size_t m_slashes = 0;
  bool m_slashes_fixed = true;
};

}  // namespace strata::context
