#include "engine/image/template_parser.h"

#include <fmt/format.h>

#include <vector>

#include "engine/image/go_print.h"
#include "engine/image/template_lexer.h"
#include "engine/image/template_literals.h"

namespace strata::image::tmpl {
namespace {

struct ParseFailure {
  size_t pos;
  std::string message;
};

// What text_or_action found: a node, or the {{end}} / {{else}} that closes a list.
struct Item {
  enum class Marker { none, end, else_ };
  NodePtr node;
  Marker marker = Marker::none;
  size_t pos = 0;
};

std::vector<std::string> split_fields(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    out.emplace_back(text.substr(start, dot == std::string_view::npos ? text.npos : dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

constexpr int k_max_depth = 200;

class Parser {
 public:
  Parser(std::string_view text, const std::function<bool(std::string_view)>& is_function)
      : m_text(text), m_tokens(lex_template(text)), m_is_function(is_function) {}

  std::unique_ptr<ListNode> parse() {
    auto root = std::make_unique<ListNode>(0);
    while (peek().type != TokenType::eof) {
      Item item = text_or_action();
      if (item.marker != Item::Marker::none) {
        fail(item.marker == Item::Marker::end ? "unexpected {{end}}" : "unexpected {{else}}");
      }
      root->nodes.push_back(std::move(item.node));
    }
    return root;
  }

 private:
  // Token access, as Go's parser: next() remembers the last token read (errors point there).
  // The list ends with eof or an error token, which reads as repeating forever.
  const Token& token_at(size_t index) const {
    return m_tokens[std::min(index, m_tokens.size() - 1)];
  }
  const Token& next() {
    const Token& token = token_at(m_index++);
    m_last = token.pos;
    return token;
  }
  const Token& peek() const { return token_at(m_index); }
  const Token& next_non_space() {
    while (peek().type == TokenType::space) next();
    return next();
  }
  const Token& peek_non_space() {
    while (peek().type == TokenType::space) next();
    return peek();
  }
  void backup() {
    if (m_index > 0) --m_index;
  }

  // Go has no nesting limit (its stacks grow); ours do not, so hostile nesting of parentheses
  // or control structures stops here.
  struct DepthGuard {
    int& depth;
    ~DepthGuard() { --depth; }
  };
  DepthGuard enter() {
    if (++m_depth > k_max_depth) {
      --m_depth;
      fail("template nesting too deep");
    }
    return DepthGuard{m_depth};
  }

  [[noreturn]] void fail(std::string message) { throw ParseFailure{m_last, std::move(message)}; }

  [[noreturn]] void unexpected(const Token& token, std::string_view context) {
    if (token.type == TokenType::error) {
      std::string extra;
      int token_line = line_and_column(m_text, token.pos).first;
      if (m_action_line != 0 && m_action_line != token_line) {
        extra = fmt::format(" in action started at :{}", m_action_line);
        if (token.val.ends_with(" action")) extra = extra.substr(std::string(" in action").size());
      }
      fail(token.val + extra);
    }
    fail(fmt::format("unexpected {} in {}", describe_token(token), context));
  }

  const Token& expect(TokenType type, std::string_view context) {
    const Token& token = next_non_space();
    if (token.type != type) unexpected(token, context);
    return token;
  }

  Item text_or_action() {
    const Token& token = next_non_space();
    switch (token.type) {
      case TokenType::text:
        return {std::make_unique<TextNode>(token.pos, token.val)};
      case TokenType::left_delim: {
        m_action_line = line_and_column(m_text, token.pos).first;
        Item item = action();
        m_action_line = 0;
        return item;
      }
      default:
        unexpected(token, "input");
    }
  }

  Item action() {
    const Token& token = next_non_space();
    switch (token.type) {
      case TokenType::kw_block:
      case TokenType::kw_define:
      case TokenType::kw_template:
        fail(fmt::format("{{{{{}}}}} is not supported", token.val));
      case TokenType::kw_break:
      case TokenType::kw_continue:
        return {loop_control(token)};
      case TokenType::kw_else: {
        // "{{else if ...}}" and "{{else with ...}}" leave the keyword for the caller.
        TokenType following = peek_non_space().type;
        if (following != TokenType::kw_if && following != TokenType::kw_with) {
          expect(TokenType::right_delim, "else");
        }
        return {nullptr, Item::Marker::else_, token.pos};
      }
      case TokenType::kw_end:
        expect(TokenType::right_delim, "end");
        return {nullptr, Item::Marker::end, token.pos};
      case TokenType::kw_if:
        return {control(NodeType::if_, "if", token.pos)};
      case TokenType::kw_range:
        return {control(NodeType::range, "range", token.pos)};
      case TokenType::kw_with:
        return {control(NodeType::with, "with", token.pos)};
      default:
        break;
    }
    backup();
    size_t pos = peek().pos;
    return {std::make_unique<ActionNode>(pos, pipeline("command", TokenType::right_delim))};
  }

  NodePtr loop_control(const Token& keyword) {
    std::string name = keyword.type == TokenType::kw_break ? "break" : "continue";
    const Token& token = next_non_space();
    if (token.type != TokenType::right_delim) unexpected(token, "{{" + name + "}}");
    if (m_range_depth == 0) fail("{{" + name + "}} outside {{range}}");
    return std::make_unique<LoopControlNode>(
        keyword.type == TokenType::kw_break ? NodeType::break_ : NodeType::continue_, keyword.pos);
  }

  std::pair<std::unique_ptr<ListNode>, Item> item_list() {
    auto list = std::make_unique<ListNode>(peek_non_space().pos);
    while (peek_non_space().type != TokenType::eof) {
      Item item = text_or_action();
      if (item.marker != Item::Marker::none) return {std::move(list), std::move(item)};
      list->nodes.push_back(std::move(item.node));
    }
    fail("unexpected EOF");
  }

  std::unique_ptr<BranchNode> control(NodeType type, std::string_view context, size_t pos) {
    DepthGuard guard = enter();
    size_t vars_mark = m_vars.size();
    auto node = std::make_unique<BranchNode>(type, pos);
    node->pipe = pipeline(context, TokenType::right_delim);
    if (type == NodeType::range) ++m_range_depth;
    auto [list, next_item] = item_list();
    if (type == NodeType::range) --m_range_depth;
    node->list = std::move(list);
    if (next_item.marker == Item::Marker::else_) {
      TokenType chained = type == NodeType::if_    ? TokenType::kw_if
                          : type == NodeType::with ? TokenType::kw_with
                                                   : TokenType::eof;
      if (chained != TokenType::eof && peek().type == chained) {
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}.
        const Token& keyword = next();
        node->else_list = std::make_unique<ListNode>(next_item.pos);
        node->else_list->nodes.push_back(control(type, context, keyword.pos));
      } else {
        auto [else_list, end] = item_list();
        if (end.marker != Item::Marker::end) fail("expected end; found {{else}}");
        node->else_list = std::move(else_list);
      }
    }
    m_vars.resize(vars_mark);
    return node;
  }

  std::unique_ptr<PipeNode> pipeline(std::string_view context, TokenType end) {
    DepthGuard guard = enter();
    auto pipe = std::make_unique<PipeNode>(peek_non_space().pos);
    while (peek_non_space().type == TokenType::variable) {
      size_t variable_index = m_index;
      const Token variable = next();
      const Token following = peek_non_space();
      if (following.type == TokenType::assign || following.type == TokenType::declare) {
        pipe->is_assign = following.type == TokenType::assign;
        next_non_space();
        declare(*pipe, variable);
        break;
      }
      if (following.type == TokenType::character && following.val == ",") {
        next_non_space();
        declare(*pipe, variable);
        if (context == "range" && pipe->decl.size() < 2) {
          TokenType t = peek_non_space().type;
          if (t == TokenType::variable || t == TokenType::right_delim ||
              t == TokenType::right_paren) {
            continue;  // the second variable of "range $i, $v :="
          }
          fail("range can only initialize variables");
        }
        fail(fmt::format("too many declarations in {}", context));
      }
      m_index = variable_index;  // an operand, not a declaration
      break;
    }
    while (true) {
      const Token& token = next_non_space();
      if (token.type == end) {
        check_pipeline(*pipe, context);
        return pipe;
      }
      switch (token.type) {
        case TokenType::boolean:
        case TokenType::char_constant:
        case TokenType::dot:
        case TokenType::field:
        case TokenType::identifier:
        case TokenType::number:
        case TokenType::nil:
        case TokenType::raw_string:
        case TokenType::string:
        case TokenType::variable:
        case TokenType::left_paren:
          backup();
          pipe->cmds.push_back(command());
          break;
        default:
          unexpected(token, context);
      }
    }
  }

  void declare(PipeNode& pipe, const Token& variable) {
    pipe.decl.push_back(std::make_unique<VariableNode>(variable.pos, split_fields(variable.val)));
    m_vars.push_back(variable.val);
  }

  void check_pipeline(const PipeNode& pipe, std::string_view context) {
    if (pipe.cmds.empty()) fail(fmt::format("missing value for {}", context));
    for (size_t i = 1; i < pipe.cmds.size(); ++i) {
      NodeType first = pipe.cmds[i]->args[0]->type;
      if (first == NodeType::boolean || first == NodeType::dot || first == NodeType::nil ||
          first == NodeType::number || first == NodeType::string) {
        fail(fmt::format("non executable command in pipeline stage {}", i + 1));
      }
    }
  }

  std::unique_ptr<CommandNode> command() {
    auto cmd = std::make_unique<CommandNode>(peek_non_space().pos);
    while (true) {
      peek_non_space();
      if (NodePtr operand_node = operand()) cmd->args.push_back(std::move(operand_node));
      const Token& token = next();
      if (token.type == TokenType::space) continue;
      if (token.type == TokenType::right_delim || token.type == TokenType::right_paren) {
        backup();
      } else if (token.type != TokenType::pipe) {
        unexpected(token, "operand");
      }
      break;
    }
    if (cmd->args.empty()) fail("empty command");
    return cmd;
  }

  NodePtr operand() {
    NodePtr node = term();
    if (!node || peek().type != TokenType::field) return node;
    size_t chain_pos = peek().pos;
    std::vector<std::string> fields;
    while (peek().type == TokenType::field) fields.push_back(next().val.substr(1));
    switch (node->type) {
      case NodeType::field: {
        auto& ident = static_cast<FieldNode&>(*node).ident;
        ident.insert(ident.end(), fields.begin(), fields.end());
        node->pos = chain_pos;
        return node;
      }
      case NodeType::variable: {
        auto& ident = static_cast<VariableNode&>(*node).ident;
        ident.insert(ident.end(), fields.begin(), fields.end());
        node->pos = chain_pos;
        return node;
      }
      case NodeType::boolean:
      case NodeType::string:
      case NodeType::number:
      case NodeType::nil:
      case NodeType::dot:
        fail(fmt::format("unexpected . after term {}", go_quote(node->to_string())));
      default: {
        auto chain = std::make_unique<ChainNode>(chain_pos, std::move(node));
        chain->fields = std::move(fields);
        return chain;
      }
    }
  }

  NodePtr term() {
    const Token& token = next_non_space();
    switch (token.type) {
      case TokenType::identifier:
        if (!m_is_function(token.val))
          fail(fmt::format("function {} not defined", go_quote(token.val)));
        return std::make_unique<IdentifierNode>(token.pos, token.val);
      case TokenType::dot:
        return std::make_unique<DotNode>(token.pos);
      case TokenType::nil:
        return std::make_unique<NilNode>(token.pos);
      case TokenType::variable: {
        auto variable = std::make_unique<VariableNode>(token.pos, split_fields(token.val));
        bool known = false;
        for (const std::string& name : m_vars) known = known || name == variable->ident[0];
        if (!known) fail(fmt::format("undefined variable {}", go_quote(variable->ident[0])));
        return variable;
      }
      case TokenType::field:
        return std::make_unique<FieldNode>(token.pos, split_fields(token.val.substr(1)));
      case TokenType::boolean:
        return std::make_unique<BoolNode>(token.pos, token.val == "true");
      case TokenType::char_constant:
      case TokenType::number:
        return number(token);
      case TokenType::left_paren:
        return pipeline("parenthesized pipeline", TokenType::right_paren);
      case TokenType::string:
      case TokenType::raw_string: {
        std::string text;
        if (!go_unquote(token.val, text)) fail("invalid syntax");
        return std::make_unique<StringNode>(token.pos, token.val, std::move(text));
      }
      default:
        backup();
        return nullptr;
    }
  }

  NodePtr number(const Token& token) {
    auto node = std::make_unique<NumberNode>(token.pos, token.val);
    if (std::optional<std::string> error =
            parse_number(token.val, token.type == TokenType::char_constant, *node)) {
      fail(*error);
    }
    return node;
  }

  std::string_view m_text;
  std::vector<Token> m_tokens;
  const std::function<bool(std::string_view)>& m_is_function;
  size_t m_index = 0;
  size_t m_last = 0;
  int m_action_line = 0;
  int m_range_depth = 0;
  int m_depth = 0;
  std::vector<std::string> m_vars = {"$"};
};

}  // namespace

std::pair<int, int> line_and_column(std::string_view text, size_t pos) {
  std::string_view before = text.substr(0, std::min(pos, text.size()));
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(before.size() - line_start)};
}

base::Result<std::unique_ptr<ListNode>> parse_template(
    std::string_view text, const std::function<bool(std::string_view)>& is_function) {
  try {
    return Parser(text, is_function).parse();
  } catch (const ParseFailure& failure) {
    auto [line, column] = line_and_column(text, failure.pos);
    return base::make_error(base::ErrorCode::parse, failure.message,
                            base::SourceRange{"", {line, column + 1}, {line, column + 1}});
  }
}

}  // namespace strata::image::tmpl
