#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace strata::image::tmpl {

// The parse tree of a Go text/template, shaped like text/template/parse's nodes. `pos` is the
// byte offset in the template text (execution errors report it as line:column); to_string()
// gives the node's text as Go prints it in "executing ... at <...>".

enum class NodeType {
  list,
  text,
  action,
  if_,
  range,
  with,
  break_,
  continue_,
  pipe,
  command,
  field,
  variable,
  identifier,
  dot,
  nil,
  boolean,
  number,
  string,
  chain,
};

struct Node {
  Node(NodeType type, size_t pos) : type(type), pos(pos) {}
  virtual ~Node() = default;
  virtual std::string to_string() const = 0;

  NodeType type;
  size_t pos;
};

using NodePtr = std::unique_ptr<Node>;

struct ListNode : Node {
  explicit ListNode(size_t pos) : Node(NodeType::list, pos) {}
  std::string to_string() const override;
  std::vector<NodePtr> nodes;
};

struct TextNode : Node {
  TextNode(size_t pos, std::string text) : Node(NodeType::text, pos), text(std::move(text)) {}
  std::string to_string() const override { return text; }
  std::string text;
};

struct VariableNode : Node {
  VariableNode(size_t pos, std::vector<std::string> ident)
      : Node(NodeType::variable, pos), ident(std::move(ident)) {}
  std::string to_string() const override;
  std::vector<std::string> ident;  // "$x", then field names
};

struct CommandNode : Node {
  explicit CommandNode(size_t pos) : Node(NodeType::command, pos) {}
  std::string to_string() const override;
  std::vector<NodePtr> args;
};

struct PipeNode : Node {
  explicit PipeNode(size_t pos) : Node(NodeType::pipe, pos) {}
  std::string to_string() const override;
  bool is_assign = false;  // `=` rather than `:=`
  std::vector<std::unique_ptr<VariableNode>> decl;
  std::vector<std::unique_ptr<CommandNode>> cmds;
};

struct ActionNode : Node {
  ActionNode(size_t pos, std::unique_ptr<PipeNode> pipe)
      : Node(NodeType::action, pos), pipe(std::move(pipe)) {}
  std::string to_string() const override { return "{{" + pipe->to_string() + "}}"; }
  std::unique_ptr<PipeNode> pipe;
};

// if, range and with.
struct BranchNode : Node {
  BranchNode(NodeType type, size_t pos) : Node(type, pos) {}
  std::string to_string() const override;
  std::unique_ptr<PipeNode> pipe;
  std::unique_ptr<ListNode> list;
  std::unique_ptr<ListNode> else_list;  // may be null
};

struct LoopControlNode : Node {
  LoopControlNode(NodeType type, size_t pos) : Node(type, pos) {}
  std::string to_string() const override {
    return type == NodeType::break_ ? "{{break}}" : "{{continue}}";
  }
};

struct FieldNode : Node {
  FieldNode(size_t pos, std::vector<std::string> ident)
      : Node(NodeType::field, pos), ident(std::move(ident)) {}
  std::string to_string() const override;
  std::vector<std::string> ident;
};

struct IdentifierNode : Node {
  IdentifierNode(size_t pos, std::string name)
      : Node(NodeType::identifier, pos), name(std::move(name)) {}
  std::string to_string() const override { return name; }
  std::string name;
};

struct DotNode : Node {
  explicit DotNode(size_t pos) : Node(NodeType::dot, pos) {}
  std::string to_string() const override { return "."; }
};

struct NilNode : Node {
  explicit NilNode(size_t pos) : Node(NodeType::nil, pos) {}
  std::string to_string() const override { return "nil"; }
};

struct BoolNode : Node {
  BoolNode(size_t pos, bool value) : Node(NodeType::boolean, pos), value(value) {}
  std::string to_string() const override { return value ? "true" : "false"; }
  bool value;
};

struct NumberNode : Node {
  NumberNode(size_t pos, std::string text) : Node(NodeType::number, pos), text(std::move(text)) {}
  std::string to_string() const override { return text; }
  bool is_int = false;
  bool is_float = false;
  bool is_char = false;  // 'a'
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;
};

struct StringNode : Node {
  StringNode(size_t pos, std::string quoted, std::string text)
      : Node(NodeType::string, pos), quoted(std::move(quoted)), text(std::move(text)) {}
  std::string to_string() const override { return quoted; }
  std::string quoted;
  std::string text;
};

struct ChainNode : Node {
  ChainNode(size_t pos, NodePtr node) : Node(NodeType::chain, pos), node(std::move(node)) {}
  std::string to_string() const override;
  NodePtr node;
  std::vector<std::string> fields;
};

}  // namespace strata::image::tmpl
