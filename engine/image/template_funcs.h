#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/image/template_value.h"

namespace strata::image::tmpl {

// How a function parameter is typed in Go, which decides how text/template converts and
// checks the argument: Go's builtins take reflect.Value (anything, even "no value"); print
// functions take `any` (no value becomes nil); docker's helpers take string, int or []string.
enum class ParamType { value, any, string, integer, string_slice };

struct CallResult {
  TemplateValue value;
  std::string error;  // non-empty: "error calling NAME: <error>"
};

// Shared by the function tables: a result, an error, and reflect's indirectInterface (an
// interface holding nothing is no value at all).
inline CallResult ok(TemplateValue value) {
  return {std::move(value), {}};
}
inline CallResult fail(std::string error) {
  return {TemplateValue(), std::move(error)};
}
inline const TemplateValue& unwrap(const TemplateValue& v) {
  static const TemplateValue none;
  return v.kind() == TemplateValue::Kind::nil_interface ? none : v;
}

struct Function {
  std::string_view name;
  std::vector<ParamType> params;
  std::optional<ParamType> variadic;
  CallResult (*call)(std::span<const TemplateValue> args);
};

// Go's text/template builtins (and, or, not, len, index, slice, eq, ne, lt, le, gt, ge,
// print, printf, println, html, js, urlquery) and docker's (json, split, join, title, lower,
// upper, pad, truncate). `call` is not provided.
const Function* find_function(std::string_view name);

// text/template's isTrue: false, 0, "", nil and empty collections are false; structs true.
bool truth(const TemplateValue& value);

// Go's type name for a parameter type, as it appears in "expected string" messages.
std::string_view param_type_name(ParamType type);

}  // namespace strata::image::tmpl
