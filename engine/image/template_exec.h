#pragma once

#include <optional>
#include <string>

#include "engine/image/template.h"
#include "engine/image/template_ast.h"
#include "engine/image/template_value.h"

namespace strata::image::tmpl {

// Where and why execution stopped: the node Go would name in "executing ... at <node>".
struct ExecFailure {
  const Node* node;  // null when no node was being evaluated
  std::string message;
};

// Executes `root` on `data` as text/template's exec.go does (evaluation order, conversions of
// values to function parameters, error messages and positions), appending to `out`.
std::optional<ExecFailure> execute_tree(const ListNode& root, const TemplateValue& data,
                                        ExecuteOptions options, std::string& out);

}  // namespace strata::image::tmpl
