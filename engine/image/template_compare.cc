#include "engine/image/template_compare.h"

#include <fmt/format.h>

#include "engine/image/go_print.h"

namespace strata::image::tmpl {
namespace {

using Kind = TemplateValue::Kind;

enum class BasicKind { invalid, boolean, integer, floating, string };

BasicKind basic_kind(const TemplateValue& v) {
  switch (v.kind()) {
    case Kind::boolean:
      return BasicKind::boolean;
    case Kind::integer:
      return BasicKind::integer;
    case Kind::floating:
      return BasicKind::floating;
    case Kind::string:
      return BasicKind::string;
    default:
      return BasicKind::invalid;
  }
}

constexpr std::string_view k_bad_comparison = "incompatible types for comparison";
constexpr std::string_view k_bad_comparison_type = "invalid type for comparison";

bool is_nil_like(const TemplateValue& v) {
  return !v.is_valid() || v.is_nil();
}

// eq(a, b): basic kinds compare by value (ints with ints, strings with strings of any string
// type); other values by identity (pointers, structs), nil with nil.
std::optional<std::string> equal(const TemplateValue& a, const TemplateValue& b, bool& result) {
  BasicKind ka = basic_kind(a);
  BasicKind kb = basic_kind(b);
  if (ka != kb) {
    if (a.is_valid() && b.is_valid()) return std::string(k_bad_comparison);
    result = false;
    return std::nullopt;
  }
  switch (ka) {
    case BasicKind::boolean:
      result = a.as_bool() == b.as_bool();
      return std::nullopt;
    case BasicKind::integer:
      result = a.as_int() == b.as_int();
      return std::nullopt;
    case BasicKind::floating:
      result = a.as_float() == b.as_float();
      return std::nullopt;
    case BasicKind::string:
      result = a.as_string() == b.as_string();
      return std::nullopt;
    case BasicKind::invalid:
      break;
  }
  for (const TemplateValue* v : {&a, &b}) {
    if ((v->kind() == Kind::slice || v->kind() == Kind::map) && !is_nil_like(*v)) {
      return fmt::format("non-comparable type {}: {}", template_print(*v), v->type_name());
    }
  }
  if (is_nil_like(a) || is_nil_like(b)) {
    result = is_nil_like(a) == is_nil_like(b);
  } else {
    result = a.type_name() == b.type_name() && a.same_object(b);
  }
  return std::nullopt;
}

}  // namespace

CallResult builtin_eq(std::span<const TemplateValue> args) {
  const TemplateValue& first = unwrap(args[0]);
  if (args.size() < 2) return fail("missing argument for comparison");
  for (size_t i = 1; i < args.size(); ++i) {
    bool result = false;
    if (auto error = equal(first, unwrap(args[i]), result)) return fail(*error);
    if (result) return ok(TemplateValue::boolean(true));
  }
  return ok(TemplateValue::boolean(false));
}

CallResult builtin_ne(std::span<const TemplateValue> args) {
  bool result = false;
  if (auto error = equal(unwrap(args[0]), unwrap(args[1]), result)) return fail(*error);
  return ok(TemplateValue::boolean(!result));
}

namespace {

std::optional<std::string> less(const TemplateValue& a, const TemplateValue& b, bool& result) {
  BasicKind ka = basic_kind(a);
  BasicKind kb = basic_kind(b);
  if (ka == BasicKind::invalid || kb == BasicKind::invalid)
    return std::string(k_bad_comparison_type);
  if (ka != kb) return std::string(k_bad_comparison);
  switch (ka) {
    case BasicKind::integer:
      result = a.as_int() < b.as_int();
      return std::nullopt;
    case BasicKind::floating:
      result = a.as_float() < b.as_float();
      return std::nullopt;
    case BasicKind::string:
      result = a.as_string() < b.as_string();
      return std::nullopt;
    default:
      return std::string(k_bad_comparison_type);
  }
}

// lt, le, gt, ge as Go derives them: le = lt || eq, gt = !le, ge = !lt.
template <bool Less, bool OrEqual>
CallResult builtin_order(std::span<const TemplateValue> args) {
  const TemplateValue& a = unwrap(args[0]);
  const TemplateValue& b = unwrap(args[1]);
  bool lt = false;
  if (auto error = less(a, b, lt)) return fail(*error);
  bool le = lt;
  if (!lt) {
    bool eq = false;
    if (auto error = equal(a, b, eq)) return fail(*error);
    le = eq;
  }
  bool result = Less ? (OrEqual ? le : lt) : (OrEqual ? !lt : !le);
  return ok(TemplateValue::boolean(result));
}

}  // namespace

CallResult builtin_lt(std::span<const TemplateValue> args) {
  return builtin_order<true, false>(args);
}
CallResult builtin_le(std::span<const TemplateValue> args) {
  return builtin_order<true, true>(args);
}
CallResult builtin_gt(std::span<const TemplateValue> args) {
  return builtin_order<false, false>(args);
}
CallResult builtin_ge(std::span<const TemplateValue> args) {
  return builtin_order<false, true>(args);
}

}  // namespace strata::image::tmpl
