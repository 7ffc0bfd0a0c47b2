#pragma once

#include <string>
#include <vector>

#include "engine/base/error.h"

namespace strata::dockerfile {

struct Heredoc {
  std::string name;
  std::string content;  // raw body, line endings included; `<<-` tabs are NOT removed here
  bool expand = true;   // false when any part of the name was quoted
  bool chomp = false;   // `<<-`
  unsigned file_descriptor = 0;
  bool operator==(const Heredoc&) const = default;
};

// One instruction as the parser sees it, before typing: BuildKit's node, flattened.
struct Node {
  std::string keyword;             // as written (`from`, `FROM`); compare lower-cased
  std::vector<std::string> flags;  // `--name=value`, as written
  std::vector<std::string> args;   // argument strings, shaped per instruction (see parser.h)
  std::vector<Node> nested;        // ONBUILD's instruction (at most one)
  bool json_form = false;          // exec form: a JSON string array
  std::string original;            // the logical line, continuations joined
  std::vector<Heredoc> heredocs;
  base::SourceRange range;  // first and last physical line (columns 0 = whole lines)
  bool operator==(const Node&) const = default;
};

struct Directive {
  std::string name;  // lower-case: syntax, escape, check
  std::string value;
  int line = 0;
  bool operator==(const Directive&) const = default;
};

struct Warning {
  std::string short_text;
  std::string detail;
  base::SourceRange range;
  bool operator==(const Warning&) const = default;
};

struct Ast {
  std::string file;  // the name used in diagnostics, e.g. "Dockerfile"
  std::vector<Node> instructions;
  std::vector<Directive> directives;
  std::vector<Warning> warnings;
  char escape = '\\';
  int start_line = 0;  // of the first instruction
  int end_line = 0;    // of the last instruction
  bool operator==(const Ast&) const = default;
};

}  // namespace strata::dockerfile
