#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/dockerfile/ast.h"

namespace strata::dockerfile {

// Parser directives (`# escape=\``, `# syntax=...`, `# check=...`) are read only from the
// leading block of comment lines; the first line that is not a known directive ends the block.
class DirectiveParser {
 public:
  explicit DirectiveParser(std::string_view comment_prefix = "#") : m_prefix(comment_prefix) {}

  // Feeds the next physical line (line ending removed). Returns the directive it holds, or
  // nullopt. A repeated directive is an error.
  base::Result<std::optional<Directive>> parse_line(std::string_view line);
  void set_line(int line) { m_line = line; }

 private:
  std::string m_prefix;
  std::set<std::string> m_seen;
  int m_line = 0;
  bool m_done = false;
};

struct DetectedDirective {
  std::string value;    // up to the first whitespace (the frontend reference for `syntax`)
  std::string cmdline;  // the whole value
  int line = 0;         // 1-based
};

// BuildKit's directive detection over a whole file: a BOM and a `#!` line are skipped, then
// the `#` block is searched; `syntax` is also found in a `//` block or a leading JSON object.
std::optional<DetectedDirective> detect_directive(std::string_view key, std::string_view text);

}  // namespace strata::dockerfile
