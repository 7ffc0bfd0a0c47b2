#pragma once

#include <string>

#include "engine/dockerfile/ast.h"

namespace strata::dockerfile {

// BuildKit's tree dump: one `(keyword ["--flags"] "arg" ...)` line per instruction, each line
// ending in '\n' (the format of BuildKit's parser `result` test files).
std::string dump_tree(const Ast& ast);
std::string dump_node(const Node& node);

// The AST as pretty JSON with source ranges, for tools.
std::string dump_json(const Ast& ast);

}  // namespace strata::dockerfile
