#include "engine/image/template_funcs.h"

#include <fmt/format.h>

#include <array>

#include "engine/base/unicode.h"
#include "engine/image/go_print.h"
#include "engine/image/template_compare.h"
#include "engine/image/template_docker_funcs.h"

namespace strata::image::tmpl {
namespace {

using Kind = TemplateValue::Kind;

CallResult builtin_not(std::span<const TemplateValue> args) {
  return ok(TemplateValue::boolean(!truth(args[0])));
}

CallResult builtin_and_or(std::span<const TemplateValue> args) {
  return ok(args.back());
}

CallResult builtin_len(std::span<const TemplateValue> args) {
  const TemplateValue& item = args[0];
  if (item.kind() == Kind::pointer && !item.is_nil()) {
    return builtin_len(std::span<const TemplateValue>(&item.pointee(), 1));
  }
  if (item.kind() == Kind::nil_interface || (item.kind() == Kind::pointer && item.is_nil())) {
    return fail("len of nil pointer");
  }
  switch (item.kind()) {
    case Kind::invalid:
      return fail("reflect: call of reflect.Value.Type on zero Value");
    case Kind::string:
    case Kind::slice:
    case Kind::map:
      return ok(TemplateValue::integer(static_cast<int64_t>(item.length())));
    default:
      return fail(fmt::format("len of type {}", item.type_name()));
  }
}

// indexArg: an integer in [0, cap].
std::optional<std::string> index_arg(const TemplateValue& index, size_t cap, int64_t& out) {
  const TemplateValue& v = unwrap(index);
  if (!v.is_valid()) return std::string("cannot index slice/array with nil");
  if (v.kind() != Kind::integer) {
    return fmt::format("cannot index slice/array with type {}", v.type_name());
  }
  out = v.as_int();
  if (out < 0 || static_cast<uint64_t>(out) > cap)
    return fmt::format("index out of range: {}", out);
  return std::nullopt;
}

CallResult builtin_index(std::span<const TemplateValue> args) {
  TemplateValue item = unwrap(args[0]);
  if (!item.is_valid()) return fail("index of untyped nil");
  for (const TemplateValue& index : args.subspan(1)) {
    while (item.kind() == Kind::pointer && !item.is_nil()) item = item.pointee();
    if (item.is_nil() && (item.kind() == Kind::pointer || item.kind() == Kind::nil_interface)) {
      return fail("index of nil pointer");
    }
    switch (item.kind()) {
      case Kind::slice:
      case Kind::string: {
        int64_t x = 0;
        if (auto error = index_arg(index, item.length(), x)) return fail(*error);
        if (static_cast<size_t>(x) == item.length()) {
          return fail(item.kind() == Kind::string ? "reflect: string index out of range"
                                                  : "reflect: slice index out of range");
        }
        if (item.kind() == Kind::string) {
          item = TemplateValue::integer(static_cast<unsigned char>(item.as_string()[x]), "uint8");
        } else {
          item = item.elements()[static_cast<size_t>(x)];
        }
        break;
      }
      case Kind::map: {
        const TemplateValue& key = unwrap(index);
        if (!key.is_valid())
          return fail(fmt::format("value is nil; should be of type {}", item.key_type()));
        if (key.type_name() != item.key_type()) {
          return fail(
              fmt::format("value has type {}; should be {}", key.type_name(), item.key_type()));
        }
        const TemplateValue* found = item.find_entry(key.as_string());
        item = found ? *found : item.elem_zero();
        break;
      }
      default:
        return fail(fmt::format("can't index item of type {}", item.type_name()));
    }
  }
  return ok(item);
}

CallResult builtin_slice(std::span<const TemplateValue> args) {
  const TemplateValue& item = unwrap(args[0]);
  if (!item.is_valid()) return fail("slice of untyped nil");
  std::span<const TemplateValue> indexes = args.subspan(1);
  if (indexes.size() > 3) return fail(fmt::format("too many slice indexes: {}", indexes.size()));
  if (item.kind() == Kind::string && indexes.size() == 3)
    return fail("cannot 3-index slice a string");
  if (item.kind() != Kind::string && item.kind() != Kind::slice) {
    return fail(fmt::format("can't slice item of type {}", item.type_name()));
  }
  std::array<int64_t, 3> idx = {0, static_cast<int64_t>(item.length()), 0};
  for (size_t i = 0; i < indexes.size(); ++i) {
    if (auto error = index_arg(indexes[i], item.length(), idx[i])) return fail(*error);
  }
  if (idx[0] > idx[1]) return fail(fmt::format("invalid slice index: {} > {}", idx[0], idx[1]));
  if (indexes.size() == 3 && idx[1] > idx[2]) {
    return fail(fmt::format("invalid slice index: {} > {}", idx[1], idx[2]));
  }
  auto begin = static_cast<size_t>(idx[0]);
  auto end = static_cast<size_t>(idx[1]);
  if (item.kind() == Kind::string) {
    return ok(TemplateValue::string(item.as_string().substr(begin, end - begin), item.type_name()));
  }
  std::vector<TemplateValue> elements(item.elements().begin() + static_cast<ptrdiff_t>(begin),
                                      item.elements().begin() + static_cast<ptrdiff_t>(end));
  return ok(TemplateValue::slice(item.type_name(), item.elem_type(), std::move(elements)));
}

CallResult builtin_print(std::span<const TemplateValue> args) {
  return ok(TemplateValue::string(go_sprint(args)));
}
CallResult builtin_println(std::span<const TemplateValue> args) {
  return ok(TemplateValue::string(go_sprintln(args)));
}
CallResult builtin_printf(std::span<const TemplateValue> args) {
  return ok(TemplateValue::string(go_sprintf(args[0].as_string(), args.subspan(1))));
}

// html, js and urlquery: the text of one string argument, else fmt.Sprint of all.
std::string eval_args(std::span<const TemplateValue> args) {
  if (args.size() == 1 && args[0].kind() == Kind::string) return args[0].as_string();
  return go_sprint(args);
}

CallResult builtin_html(std::span<const TemplateValue> args) {
  std::string out;
  for (char c : eval_args(args)) {
    switch (c) {
      case '"':
        out += "&#34;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\0':
        out += "\xEF\xBF\xBD";
        break;
      default:
        out += c;
    }
  }
  return ok(TemplateValue::string(std::move(out)));
}

CallResult builtin_js(std::span<const TemplateValue> args) {
  std::string text = eval_args(args);
  std::string out;
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  for (size_t pos = 0; pos < text.size();) {
    base::Rune rune = base::decode_rune(text, pos);
    char32_t r = rune.value;
    pos += rune.width;
    switch (r) {
      case '\\':
        out += "\\\\";
        continue;
      case '\'':
        out += "\\'";
        continue;
      case '"':
        out += "\\\"";
        continue;
      case '<':
        out += "\\u003C";
        continue;
      case '>':
        out += "\\u003E";
        continue;
      case '&':
        out += "\\u0026";
        continue;
      case '=':
        out += "\\u003D";
        continue;
      default:
        break;
    }
    if (r < 0x20 || r == 0x7F || (r >= 0x80 && !rune.valid)) {
      out += "\\u00";
      out += k_hex[(r >> 4) & 0xF];
      out += k_hex[r & 0xF];
    } else {
      base::append_rune(out, rune);
    }
  }
  return ok(TemplateValue::string(std::move(out)));
}

CallResult builtin_urlquery(std::span<const TemplateValue> args) {
  std::string out;
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  for (unsigned char c : eval_args(args)) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    }
  }
  return ok(TemplateValue::string(std::move(out)));
}

using P = ParamType;

const std::vector<Function>& functions() {
  static const std::vector<Function> table = {
      {"and", {P::value}, P::value, builtin_and_or},
      {"or", {P::value}, P::value, builtin_and_or},
      {"not", {P::value}, std::nullopt, builtin_not},
      {"len", {P::value}, std::nullopt, builtin_len},
      {"index", {P::value}, P::value, builtin_index},
      {"slice", {P::value}, P::value, builtin_slice},
      {"eq", {P::value}, P::value, builtin_eq},
      {"ne", {P::value, P::value}, std::nullopt, builtin_ne},
      {"lt", {P::value, P::value}, std::nullopt, builtin_lt},
      {"le", {P::value, P::value}, std::nullopt, builtin_le},
      {"gt", {P::value, P::value}, std::nullopt, builtin_gt},
      {"ge", {P::value, P::value}, std::nullopt, builtin_ge},
      {"print", {}, P::any, builtin_print},
      {"printf", {P::string}, P::any, builtin_printf},
      {"println", {}, P::any, builtin_println},
      {"html", {}, P::any, builtin_html},
      {"js", {}, P::any, builtin_js},
      {"urlquery", {}, P::any, builtin_urlquery},
      // docker/cli templates.basicFunctions
      {"json", {P::any}, std::nullopt, docker_json},
      {"split", {P::string, P::string}, std::nullopt, docker_split},
      {"join", {P::string_slice, P::string}, std::nullopt, docker_join},
      {"title", {P::string}, std::nullopt, docker_title},
      {"lower", {P::string}, std::nullopt, docker_lower},
      {"upper", {P::string}, std::nullopt, docker_upper},
      {"pad", {P::string, P::integer, P::integer}, std::nullopt, docker_pad},
      {"truncate", {P::string, P::integer}, std::nullopt, docker_truncate},
  };
  return table;
}

}  // namespace

const Function* find_function(std::string_view name) {
  for (const Function& function : functions()) {
    if (function.name == name) return &function;
  }
  return nullptr;
}

bool truth(const TemplateValue& value) {
  switch (value.kind()) {
    case Kind::invalid:
    case Kind::nil_interface:
      return false;
    case Kind::boolean:
      return value.as_bool();
    case Kind::integer:
      return value.as_int() != 0;
    case Kind::floating:
      return value.as_float() != 0;
    case Kind::string:
    case Kind::slice:
    case Kind::map:
      return value.length() > 0;
    case Kind::pointer:
      return !value.is_nil();
    case Kind::structure:
      return true;
  }
  return false;
}

std::string_view param_type_name(ParamType type) {
  switch (type) {
    case ParamType::value:
      return "reflect.Value";
    case ParamType::any:
      return "interface {}";
    case ParamType::string:
      return "string";
    case ParamType::integer:
      return "int";
    case ParamType::string_slice:
      return "[]string";
  }
  return "";
}

}  // namespace strata::image::tmpl
