#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::dockerfile {

// The shell patterns of `${v#p}`, `${v%p}` and `${v/p/r}`: `*` (any run), `?` (one character)
// and `\*`, `\?`, `\\` for the literal characters; `\}` and `\/` stand for `}` and `/`. Like
// BuildKit, neither wildcard crosses a newline and there are no bracket expressions.
class ShellPattern {
 public:
  static base::Result<ShellPattern> compile(std::string_view pattern);

  // `value` without the prefix that matches: the shortest match, or the longest when `greedy`.
  std::string trim_prefix(std::string_view value, bool greedy) const;
  // Replaces the first (or every) leftmost-longest match of the pattern in `value`.
  std::string replace(std::string_view value, std::string_view replacement, bool all) const;

  enum class TokenKind { literal, any_char, any_run };
  struct Token {
    TokenKind kind;
    std::string literal;  // one UTF-8 character when kind == literal
  };

 private:
  explicit ShellPattern(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}
  // End offset of the first match starting at `start` (Perl/RE2 leftmost-first order), or -1.
  long match_at(std::string_view value, size_t start, bool greedy) const;

  std::vector<Token> m_tokens;
};

// `${v%p}` is a prefix trim over the reversed value with the reversed pattern; escapes stay
// attached to the character they escape.
base::Result<std::string> trim_shell_suffix(std::string_view pattern, std::string_view value,
                                            bool greedy);
base::Result<std::string> trim_shell_prefix(std::string_view pattern, std::string_view value,
                                            bool greedy);

}  // namespace strata::dockerfile
