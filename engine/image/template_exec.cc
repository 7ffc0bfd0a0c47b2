#include "engine/image/template_exec.h"

#include <fmt/format.h>

#include <span>
#include <vector>

#include "engine/image/go_print.h"
#include "engine/image/template_funcs.h"

namespace strata::image::tmpl {
namespace {

using Kind = TemplateValue::Kind;

enum class Flow { normal, break_loop, continue_loop };

class Executor {
 public:
  Executor(ExecuteOptions options, std::string& out) : m_options(options), m_out(out) {}

  void run(const ListNode& root, const TemplateValue& data) {
    m_vars.push_back({"$", data});
    walk(data, root);
  }

 private:
  using Args = std::span<const NodePtr>;

  void at(const Node& node) { m_node = &node; }
  [[noreturn]] void fail(std::string message) { throw ExecFailure{m_node, std::move(message)}; }

  Flow walk(const TemplateValue& dot, const Node& node) {
    switch (node.type) {
      case NodeType::action: {
        const auto& action = static_cast<const ActionNode&>(node);
        TemplateValue value = eval_pipeline(dot, *action.pipe);
        if (action.pipe->decl.empty()) {
          at(node);
          m_out += template_print(value);
        }
        return Flow::normal;
      }
      case NodeType::break_:
        return Flow::break_loop;
      case NodeType::continue_:
        return Flow::continue_loop;
      case NodeType::if_:
      case NodeType::with:
        return walk_if_or_with(dot, static_cast<const BranchNode&>(node));
      case NodeType::list:
        for (const NodePtr& child : static_cast<const ListNode&>(node).nodes) {
          if (Flow flow = walk(dot, *child); flow != Flow::normal) return flow;
        }
        return Flow::normal;
      case NodeType::range:
        walk_range(dot, static_cast<const BranchNode&>(node));
        return Flow::normal;
      case NodeType::text:
        m_out += static_cast<const TextNode&>(node).text;
        return Flow::normal;
      default:
        fail("unknown node: " + node.to_string());
    }
  }

  Flow walk_if_or_with(const TemplateValue& dot, const BranchNode& node) {
    size_t mark = m_vars.size();
    TemplateValue value = eval_pipeline(dot, *node.pipe);
    Flow flow = Flow::normal;
    if (truth(value)) {
      flow = walk(node.type == NodeType::with ? value : dot, *node.list);
    } else if (node.else_list) {
      flow = walk(dot, *node.else_list);
    }
    m_vars.resize(mark);
    return flow;
  }

  void walk_range(const TemplateValue& dot, const BranchNode& node) {
    at(node);
    size_t outer_mark = m_vars.size();
    TemplateValue value = eval_pipeline(dot, *node.pipe);
    if (value.kind() == Kind::pointer && !value.is_nil()) value = value.pointee();
    const PipeNode& pipe = *node.pipe;
    size_t mark = m_vars.size();
    // One iteration; returns false to stop ({{break}}).
    auto iterate = [&](const TemplateValue& index, const TemplateValue& element) {
      if (!pipe.decl.empty()) {
        if (pipe.is_assign) {
          set_var(pipe.decl[0]->ident[0], pipe.decl.size() > 1 ? index : element);
        } else {
          m_vars[m_vars.size() - 1].second = element;
        }
      }
      if (pipe.decl.size() > 1) {
        if (pipe.is_assign) {
          set_var(pipe.decl[1]->ident[0], element);
        } else {
          m_vars[m_vars.size() - 2].second = index;
        }
      }
      Flow flow = walk(element, *node.list);
      m_vars.resize(mark);
      return flow != Flow::break_loop;
    };
    bool ran = false;
    switch (value.kind()) {
      case Kind::slice:
        for (size_t i = 0; i < value.elements().size(); ++i) {
          ran = true;
          if (!iterate(TemplateValue::integer(static_cast<int64_t>(i)), value.elements()[i])) break;
        }
        break;
      case Kind::map:
        for (const auto& [key, element] : value.entries()) {
          ran = true;
          if (!iterate(TemplateValue::string(key, value.key_type()), element)) break;
        }
        break;
      case Kind::integer:
        // Go 1.22+ (docker 28 is built with 1.24) ranges over an integer.
        if (pipe.decl.size() > 1) {
          fail(fmt::format("can't use {} to iterate over more than one variable",
                           template_print(value)));
        }
        for (int64_t i = 0; i < value.as_int(); ++i) {
          ran = true;
          TemplateValue v = TemplateValue::integer(i, value.type_name());
          if (!iterate(v, v)) break;
        }
        break;
      case Kind::invalid:
        break;  // a nil map or the like: not an error
      default:
        fail("range can't iterate over " + template_print(value));
    }
    if (!ran && node.else_list) walk(dot, *node.else_list);
    m_vars.resize(outer_mark);
  }

  TemplateValue eval_pipeline(const TemplateValue& dot, const PipeNode& pipe) {
    at(pipe);
    TemplateValue value;
    bool have_final = false;
    for (const auto& cmd : pipe.cmds) {
      TemplateValue final_value = value;
      value = eval_command(dot, *cmd, have_final ? &final_value : nullptr);
      have_final = true;
      // An interface{} holding nothing is no value (reflect.ValueOf(nil)).
      if (value.kind() == Kind::nil_interface) value = TemplateValue();
    }
    for (const auto& variable : pipe.decl) {
      if (pipe.is_assign) {
        set_var(variable->ident[0], value);
      } else {
        m_vars.push_back({variable->ident[0], value});
      }
    }
    return value;
  }

  void set_var(const std::string& name, const TemplateValue& value) {
    for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it) {
      if (it->first == name) {
        it->second = value;
        return;
      }
    }
    fail("undefined variable: " + name);
  }

  TemplateValue var_value(const std::string& name) {
    for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it) {
      if (it->first == name) return it->second;
    }
    fail("undefined variable: " + name);
  }

  void not_a_function(Args args, const TemplateValue* final_value) {
    if (args.size() > 1 || final_value) {
      fail("can't give argument to non-function " + args[0]->to_string());
    }
  }

  TemplateValue eval_command(const TemplateValue& dot, const CommandNode& cmd,
                             const TemplateValue* final_value) {
    const Node& first = *cmd.args[0];
    switch (first.type) {
      case NodeType::field:
        return eval_field_node(dot, static_cast<const FieldNode&>(first), cmd.args, final_value);
      case NodeType::chain:
        return eval_chain_node(dot, static_cast<const ChainNode&>(first), cmd.args, final_value);
      case NodeType::identifier:
        return eval_function(dot, static_cast<const IdentifierNode&>(first), cmd, cmd.args,
                             final_value);
      case NodeType::pipe:
        not_a_function(cmd.args, final_value);
        return eval_pipeline(dot, static_cast<const PipeNode&>(first));
      case NodeType::variable:
        return eval_variable_node(dot, static_cast<const VariableNode&>(first), cmd.args,
                                  final_value);
      default:
        break;
    }
    at(first);
    not_a_function(cmd.args, final_value);
    switch (first.type) {
      case NodeType::boolean:
        return TemplateValue::boolean(static_cast<const BoolNode&>(first).value);
      case NodeType::dot:
        return dot;
      case NodeType::nil:
        fail("nil is not a command");
      case NodeType::number:
        return ideal_constant(static_cast<const NumberNode&>(first));
      case NodeType::string:
        return TemplateValue::string(static_cast<const StringNode&>(first).text);
      default:
        fail(fmt::format("can't evaluate command {}", go_quote(first.to_string())));
    }
  }

  TemplateValue ideal_constant(const NumberNode& number) {
    at(number);
    const std::string& text = number.text;
    bool hex_int = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                   text.find_first_of("pP") == std::string::npos;
    if (number.is_float && !hex_int && !number.is_char &&
        text.find_first_of(".eEpP") != std::string::npos) {
      return TemplateValue::floating(number.float_value);
    }
    if (number.is_int) return TemplateValue::integer(number.int_value);
    fail(text + " overflows int");
  }

  TemplateValue eval_field_node(const TemplateValue& dot, const FieldNode& field, Args args,
                                const TemplateValue* final_value) {
    at(field);
    return eval_field_chain(dot, dot, field, field.ident, args, final_value);
  }

  TemplateValue eval_chain_node(const TemplateValue& dot, const ChainNode& chain, Args args,
                                const TemplateValue* final_value) {
    at(chain);
    if (chain.node->type == NodeType::nil) {
      fail("indirection through explicit nil in " + chain.to_string());
    }
    TemplateValue receiver = eval_untyped_arg(dot, *chain.node);
    return eval_field_chain(dot, receiver, chain, chain.fields, args, final_value);
  }

  TemplateValue eval_variable_node(const TemplateValue& dot, const VariableNode& variable,
                                   Args args, const TemplateValue* final_value) {
    at(variable);
    TemplateValue value = var_value(variable.ident[0]);
    if (variable.ident.size() == 1) {
      not_a_function(args, final_value);
      return value;
    }
    std::span<const std::string> fields(variable.ident);
    return eval_field_chain(dot, value, variable, fields.subspan(1), args, final_value);
  }

  TemplateValue eval_field_chain(const TemplateValue& dot, TemplateValue receiver, const Node& node,
                                 std::span<const std::string> ident, Args args,
                                 const TemplateValue* final_value) {
    for (size_t i = 0; i + 1 < ident.size(); ++i) {
      receiver = eval_field(dot, ident[i], node, {}, nullptr, receiver);
    }
    return eval_field(dot, ident.back(), node, args, final_value, receiver);
  }

  TemplateValue eval_field(const TemplateValue&, const std::string& name, const Node&, Args args,
                           const TemplateValue* final_value, const TemplateValue& receiver) {
    if (!receiver.is_valid()) {
      if (m_options.missing_key == MissingKey::error) {
        fail("nil data; no entry for key " + go_quote(name));
      }
      return TemplateValue();
    }
    const std::string& type = receiver.type_name();
    const TemplateValue* target = &receiver;
    while (target->kind() == Kind::pointer && !target->is_nil()) target = &target->pointee();
    if (target->kind() == Kind::nil_interface) {
      fail(fmt::format("nil pointer evaluating {}.{}", type, name));
    }
    bool has_args = args.size() > 1 || final_value;
    switch (target->kind()) {
      case Kind::structure:
        if (const TemplateValue* field = target->find_field(name)) {
          if (has_args) fail(name + " has arguments but cannot be invoked as function");
          return *field;
        }
        break;
      case Kind::map:
        if (target->key_type() == "string") {
          if (has_args) fail(name + " is not a method but has arguments");
          if (const TemplateValue* entry = target->find_entry(name)) return *entry;
          switch (m_options.missing_key) {
            case MissingKey::invalid:
              return TemplateValue();
            case MissingKey::zero:
              return target->elem_zero();
            case MissingKey::error:
              fail("map has no entry for key " + go_quote(name));
          }
        }
        break;
      case Kind::pointer: {  // nil
        const TemplateValue& prototype = target->pointee();
        if (prototype.kind() == Kind::structure && !prototype.find_field(name)) break;
        fail(fmt::format("nil pointer evaluating {}.{}", type, name));
      }
      default:
        break;
    }
    fail(fmt::format("can't evaluate field {} in type {}", name, type));
  }

  TemplateValue eval_function(const TemplateValue& dot, const IdentifierNode& identifier,
                              const Node& cmd, Args args, const TemplateValue* final_value) {
    at(identifier);
    const Function* function = find_function(identifier.name);
    if (!function) fail(fmt::format("{} is not a defined function", go_quote(identifier.name)));
    return eval_call(dot, *function, cmd, args, final_value);
  }

  TemplateValue eval_call(const TemplateValue& dot, const Function& function, const Node& node,
                          Args all_args, const TemplateValue* final_value) {
    Args args = all_args.empty() ? all_args : all_args.subspan(1);
    std::string_view name = function.name;
    size_t num_in = args.size() + (final_value ? 1 : 0);
    size_t num_fixed = args.size();
    if (function.variadic) {
      num_fixed = function.params.size();
      if (num_in < num_fixed) {
        fail(fmt::format("wrong number of args for {}: want at least {} got {}", name,
                         function.params.size(), args.size()));
      }
    } else if (num_in != function.params.size()) {
      fail(fmt::format("wrong number of args for {}: want {} got {}", name, function.params.size(),
                       num_in));
    }
    if (name == "and" || name == "or") {
      // Short-circuit: the first argument that decides, else the last.
      TemplateValue value;
      for (const NodePtr& arg : args) {
        value = eval_arg(dot, ParamType::value, *arg);
        if (truth(value) == (name == "or")) return value;
      }
      if (final_value) value = *final_value;
      return value;
    }
    std::vector<TemplateValue> argv;
    argv.reserve(num_in);
    size_t i = 0;
    for (; i < num_fixed && i < args.size(); ++i) {
      argv.push_back(eval_arg(dot, function.params[i], *args[i]));
    }
    if (function.variadic) {
      for (; i < args.size(); ++i) argv.push_back(eval_arg(dot, *function.variadic, *args[i]));
    }
    if (final_value) {
      ParamType type = function.params.empty() ? *function.variadic : function.params.back();
      if (function.variadic) {
        type = num_in - 1 < num_fixed ? function.params[num_in - 1] : *function.variadic;
      }
      argv.push_back(validate(*final_value, type));
    }
    CallResult result = function.call(argv);
    if (!result.error.empty()) {
      at(node);
      fail(fmt::format("error calling {}: {}", name, result.error));
    }
    return result.value;
  }

  // evalArg with no declared type: chains evaluate their receiver this way.
  TemplateValue eval_untyped_arg(const TemplateValue& dot, const Node& node) {
    at(node);
    switch (node.type) {
      case NodeType::dot:
        return dot;
      case NodeType::field:
        return eval_field_node(dot, static_cast<const FieldNode&>(node), {}, nullptr);
      case NodeType::variable:
        return eval_variable_node(dot, static_cast<const VariableNode&>(node), {}, nullptr);
      case NodeType::pipe:
        return eval_pipeline(dot, static_cast<const PipeNode&>(node));
      case NodeType::identifier: {
        const auto& identifier = static_cast<const IdentifierNode&>(node);
        return eval_function(dot, identifier, identifier, {}, nullptr);
      }
      case NodeType::chain:
        return eval_chain_node(dot, static_cast<const ChainNode&>(node), {}, nullptr);
      default:
        return eval_arg(dot, ParamType::value, node);
    }
  }

  TemplateValue eval_arg(const TemplateValue& dot, ParamType type, const Node& node) {
    at(node);
    switch (node.type) {
      case NodeType::dot:
        return validate(dot, type);
      case NodeType::nil:
        switch (type) {
          case ParamType::value:
            return TemplateValue();
          case ParamType::any:
            return TemplateValue::nil_interface();
          case ParamType::string_slice:
            return TemplateValue::nil_slice("[]string", "string");
          default:
            fail(fmt::format("cannot assign nil to {}", param_type_name(type)));
        }
      case NodeType::field:
      case NodeType::variable:
      case NodeType::pipe:
      case NodeType::identifier:
      case NodeType::chain:
        return validate(eval_untyped_arg(dot, node), type);
      default:
        break;
    }
    switch (type) {
      case ParamType::value:
      case ParamType::any:
        if (node.type == NodeType::boolean) {
          return TemplateValue::boolean(static_cast<const BoolNode&>(node).value);
        }
        if (node.type == NodeType::number) {
          return ideal_constant(static_cast<const NumberNode&>(node));
        }
        if (node.type == NodeType::string) {
          return TemplateValue::string(static_cast<const StringNode&>(node).text);
        }
        break;
      case ParamType::string:
        if (node.type == NodeType::string) {
          return TemplateValue::string(static_cast<const StringNode&>(node).text);
        }
        fail("expected string; found " + node.to_string());
      case ParamType::integer:
        if (node.type == NodeType::number && static_cast<const NumberNode&>(node).is_int) {
          return TemplateValue::integer(static_cast<const NumberNode&>(node).int_value);
        }
        fail("expected integer; found " + node.to_string());
      case ParamType::string_slice:
        break;
    }
    fail(
        fmt::format("can't handle {} for arg of type {}", node.to_string(), param_type_name(type)));
  }

  static bool assignable(const TemplateValue& value, ParamType type) {
    switch (type) {
      case ParamType::value:
      case ParamType::any:
        return true;
      case ParamType::string:
        return value.kind() == Kind::string && value.type_name() == "string";
      case ParamType::integer:
        return value.kind() == Kind::integer && value.type_name() == "int";
      case ParamType::string_slice:
        // []string, or a named type whose underlying type it is (strslice.StrSlice).
        return value.kind() == Kind::slice && value.elem_type() == "string";
    }
    return false;
  }

  // validateType: what a value must be to be passed as a parameter of `type`.
  TemplateValue validate(const TemplateValue& value, ParamType type) {
    if (type == ParamType::value) return value;
    if (!value.is_valid()) {
      if (type == ParamType::any) return TemplateValue::nil_interface();
      if (type == ParamType::string_slice) return TemplateValue::nil_slice("[]string", "string");
      fail(fmt::format("invalid value; expected {}", param_type_name(type)));
    }
    if (assignable(value, type)) return value;
    if (value.kind() == Kind::pointer) {
      if (!value.is_nil() && assignable(value.pointee(), type)) return value.pointee();
      if (value.is_nil() && assignable(value.pointee(), type)) {
        fail(fmt::format("dereference of nil pointer of type {}", param_type_name(type)));
      }
    }
    fail(fmt::format("wrong type for value; expected {}; got {}", param_type_name(type),
                     value.type_name()));
  }

  ExecuteOptions m_options;
  std::string& m_out;
  std::vector<std::pair<std::string, TemplateValue>> m_vars;
  const Node* m_node = nullptr;
};

}  // namespace

std::optional<ExecFailure> execute_tree(const ListNode& root, const TemplateValue& data,
                                        ExecuteOptions options, std::string& out) {
  try {
    Executor(options, out).run(root, data);
  } catch (const ExecFailure& failure) {
    return failure;
  }
  return std::nullopt;
}

}  // namespace strata::image::tmpl
