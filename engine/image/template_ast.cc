#include "engine/image/template_ast.h"

namespace strata::image::tmpl {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string arg_string(const Node& node) {
  return node.type == NodeType::pipe ? "(" + node.to_string() + ")" : node.to_string();
}

}  // namespace

std::string ListNode::to_string() const {
  std::string out;
  for (const NodePtr& node : nodes) out += node->to_string();
  return out;
}

std::string VariableNode::to_string() const {
  return join(ident, ".");
}

std::string FieldNode::to_string() const {
  return "." + join(ident, ".");
}

std::string CommandNode::to_string() const {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ' ';
    out += arg_string(*args[i]);
  }
  return out;
}

std::string PipeNode::to_string() const {
  std::string out;
  if (!decl.empty()) {
    for (size_t i = 0; i < decl.size(); ++i) {
      if (i > 0) out += ", ";
      out += decl[i]->to_string();
    }
    out += is_assign ? " = " : " := ";
  }
  for (size_t i = 0; i < cmds.size(); ++i) {
    if (i > 0) out += " | ";
    out += cmds[i]->to_string();
  }
  return out;
}

std::string BranchNode::to_string() const {
  std::string name = type == NodeType::if_ ? "if" : type == NodeType::range ? "range" : "with";
  std::string out = "{{" + name + " " + pipe->to_string() + "}}" + list->to_string();
  if (else_list) out += "{{else}}" + else_list->to_string();
  return out + "{{end}}";
}

std::string ChainNode::to_string() const {
  std::string out = arg_string(*node);
  for (const std::string& field : fields) out += "." + field;
  return out;
}

}  // namespace strata::image::tmpl
