#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::dockerfile {

// Variables visible to an expansion. Names are case-sensitive, as on Linux.
using Environment = std::map<std::string, std::string, std::less<>>;

// BuildKit's word processing modes. The defaults are what instruction arguments get: quotes
// removed, escapes processed, unset variables empty.
struct LexOptions {
  char escape = '\\';
  bool raw_quotes = false;           // keep quote characters in the result
  bool raw_escapes = false;          // keep escape characters in the result
  bool skip_process_quotes = false;  // quotes are ordinary characters (heredoc bodies)
  bool skip_unset_env = false;       // leave references to unset variables as written
};

struct Expansion {
  std::string word;                 // the input expanded as one word
  std::vector<std::string> words;   // the same, split at unquoted whitespace
  std::set<std::string> matched;    // variables looked up and found (even if empty)
  std::set<std::string> unmatched;  // variables looked up and not found
};

// Limits that keep hostile input from exhausting the stack or memory (BuildKit, in Go, has a
// growable stack; strata reports an error instead).
inline constexpr int k_max_expansion_depth = 256;
inline constexpr size_t k_max_expansion_size = 16 * 1024 * 1024;

// Expands `$v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m} ${v#p} ${v##p} ${v%p} ${v%%p}
// ${v/p/r} ${v//p/r}` with shell quoting, as BuildKit's shell lexer does.
base::Result<Expansion> expand(std::string_view input, const Environment& env,
                               const LexOptions& options = {});

}  // namespace strata::dockerfile
