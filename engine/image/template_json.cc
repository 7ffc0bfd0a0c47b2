#include <cmath>

#include "engine/image/go_json.h"
#include "engine/image/template_value.h"

namespace strata::image {
namespace {

using Kind = TemplateValue::Kind;

bool is_empty_value(const TemplateValue& value) {
  switch (value.kind()) {
    case Kind::invalid:
    case Kind::nil_interface:
      return true;
    case Kind::boolean:
      return !value.as_bool();
    case Kind::integer:
      return value.as_int() == 0;
    case Kind::floating:
      return value.as_float() == 0;
    case Kind::string:
    case Kind::slice:
    case Kind::map:
      return value.length() == 0;
    case Kind::pointer:
      return value.is_nil();
    case Kind::structure:
      return false;
  }
  return false;
}

// Returns false when encoding/json would fail (NaN, infinities).
bool append_json(std::string& out, const TemplateValue& value);

bool append_fields(std::string& out, const TemplateValue& structure, bool& first) {
  for (const TemplateField& field : structure.fields()) {
    if (field.json_name == "-") continue;
    if (field.embedded && field.json_name.empty()) {
      if (field.value.kind() == Kind::pointer && field.value.is_nil()) continue;
      const TemplateValue& inner =
          field.value.kind() == Kind::pointer ? field.value.pointee() : field.value;
      if (inner.kind() == Kind::structure) {
        if (!append_fields(out, inner, first)) return false;
        continue;
      }
    }
    if (field.omit_empty && is_empty_value(field.value)) continue;
    if (!first) out += ',';
    first = false;
    append_go_json_string(out, field.json_name.empty() ? field.name : field.json_name, false);
    out += ':';
    if (!append_json(out, field.value)) return false;
  }
  return true;
}

bool append_json(std::string& out, const TemplateValue& value) {
  if (const std::optional<std::string>& marshaled = value.json_method()) {
    out += *marshaled;
    return true;
  }
  switch (value.kind()) {
    case Kind::invalid:
    case Kind::nil_interface:
      out += "null";
      return true;
    case Kind::boolean:
      out += value.as_bool() ? "true" : "false";
      return true;
    case Kind::integer:
      out += std::to_string(value.as_int());
      return true;
    case Kind::floating:
      if (!std::isfinite(value.as_float())) return false;
      append_go_json_float(out, value.as_float());
      return true;
    case Kind::string:
      if (value.type_name() == "json.Number") {
        out += value.as_string().empty() ? "0" : value.as_string();
      } else {
        append_go_json_string(out, value.as_string(), false);
      }
      return true;
    case Kind::slice: {
      if (value.is_nil()) {
        out += "null";
        return true;
      }
      out += '[';
      bool first = true;
      for (const TemplateValue& element : value.elements()) {
        if (!first) out += ',';
        first = false;
        if (!append_json(out, element)) return false;
      }
      out += ']';
      return true;
    }
    case Kind::map: {
      if (value.is_nil()) {
        out += "null";
        return true;
      }
      out += '{';
      bool first = true;
      for (const auto& [key, element] : value.entries()) {
        if (!first) out += ',';
        first = false;
        append_go_json_string(out, key, false);
        out += ':';
        if (!append_json(out, element)) return false;
      }
      out += '}';
      return true;
    }
    case Kind::structure: {
      out += '{';
      bool first = true;
      if (!append_fields(out, value, first)) return false;
      out += '}';
      return true;
    }
    case Kind::pointer:
      if (value.is_nil()) {
        out += "null";
        return true;
      }
      return append_json(out, value.pointee());
  }
  return true;
}

}  // namespace

std::string template_json(const TemplateValue& value) {
  std::string out;
  // docker ignores the encoder's error and prints what is in its buffer: nothing.
  if (!append_json(out, value)) return "";
  return out;
}

}  // namespace strata::image
