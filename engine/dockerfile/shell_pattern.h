#pragma once

#include <optional>
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
  // Replaces the first (or every) leftmost-longest match of the pattern in `value`; nullopt
  // when the result would exceed `max_size` bytes.
  std::optional<std::string> replace(std::string_view value, std::string_view replacement, bool all,
                                     size_t max_size) const;

  enum class TokenKind { literal, any_char, any_run };
  struct Token {
    TokenKind kind;
    std::string literal;  // one UTF-8 character when kind == literal
  };

 private:
  explicit ShellPattern(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}
  // For every byte offset p of `value`: the end of the match that starts at p in RE2's
  // leftmost-first order (wildcards all greedy or all lazy), or -1. Computed token by token
  // from the back in O(tokens x length), so hostile values and patterns stay linear.
  std::vector<long> match_ends(std::string_view value, bool greedy) const;

  std::vector<Token> m_tokens;
};

// `${v%p}` is a prefix trim over the reversed value with the reversed pattern; escapes stay
// attached to the character they escape.
base::Result<std::string> trim_shell_suffix(std::string_view pattern, std::string_view value,
                                            bool greedy);
base::Result<std::string> trim_shell_prefix(std::string_view pattern, std::string_view value,
                                            bool greedy);

}  // namespace strata::dockerfile
