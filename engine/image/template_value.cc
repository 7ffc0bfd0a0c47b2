#include "engine/image/template_value.h"

#include <algorithm>

#include "engine/image/go_json.h"

namespace strata::image {

struct TemplateValue::Rep {
  std::string type;
  bool boolean = false;
  int64_t integer = 0;
  double floating = 0;
  std::string text;
  std::optional<std::string> string_method;
  std::optional<std::string> json_method;
  bool nil = false;
  std::vector<TemplateValue> elements;
  std::vector<Entry> entries;
  std::vector<TemplateField> fields;
  std::string elem_type;
  std::string key_type;
  TemplateValue elem_zero;  // also a pointer's target
};

namespace {

const std::string& empty_string() {
  static const std::string empty;
  return empty;
}

}  // namespace

TemplateValue TemplateValue::nil_interface() {
  auto rep = std::make_shared<Rep>();
  rep->type = "interface {}";
  rep->nil = true;
  return TemplateValue(Kind::nil_interface, std::move(rep));
}

TemplateValue TemplateValue::boolean(bool value, std::string type) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->boolean = value;
  return TemplateValue(Kind::boolean, std::move(rep));
}

TemplateValue TemplateValue::integer(int64_t value, std::string type) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->integer = value;
  return TemplateValue(Kind::integer, std::move(rep));
}

TemplateValue TemplateValue::floating(double value, std::string type) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->floating = value;
  return TemplateValue(Kind::floating, std::move(rep));
}

TemplateValue TemplateValue::string(std::string value, std::string type) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->text = std::move(value);
  return TemplateValue(Kind::string, std::move(rep));
}

TemplateValue TemplateValue::slice(std::string type, std::string elem_type,
                                   std::vector<TemplateValue> elements) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->elem_type = std::move(elem_type);
  rep->elements = std::move(elements);
  return TemplateValue(Kind::slice, std::move(rep));
}

TemplateValue TemplateValue::nil_slice(std::string type, std::string elem_type) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->elem_type = std::move(elem_type);
  rep->nil = true;
  return TemplateValue(Kind::slice, std::move(rep));
}

TemplateValue TemplateValue::map(std::string type, std::string key_type, TemplateValue elem_zero,
                                 std::vector<Entry> entries) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->key_type = std::move(key_type);
  rep->elem_zero = std::move(elem_zero);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.first < b.first; });
  rep->entries = std::move(entries);
  return TemplateValue(Kind::map, std::move(rep));
}

TemplateValue TemplateValue::nil_map(std::string type, std::string key_type,
                                     TemplateValue elem_zero) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->key_type = std::move(key_type);
  rep->elem_zero = std::move(elem_zero);
  rep->nil = true;
  return TemplateValue(Kind::map, std::move(rep));
}

TemplateValue TemplateValue::structure(std::string type, std::vector<TemplateField> fields) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->fields = std::move(fields);
  return TemplateValue(Kind::structure, std::move(rep));
}

TemplateValue TemplateValue::pointer_to(TemplateValue target) {
  auto rep = std::make_shared<Rep>();
  rep->type = "*" + target.type_name();
  rep->elem_zero = std::move(target);
  return TemplateValue(Kind::pointer, std::move(rep));
}

TemplateValue TemplateValue::nil_pointer(std::string type) {
  return nil_pointer(std::move(type), TemplateValue());
}

TemplateValue TemplateValue::nil_pointer(std::string type, TemplateValue prototype) {
  auto rep = std::make_shared<Rep>();
  rep->type = std::move(type);
  rep->elem_zero = std::move(prototype);
  rep->nil = true;
  return TemplateValue(Kind::pointer, std::move(rep));
}

TemplateValue TemplateValue::with_string_method(std::string text) const {
  auto rep = m_rep ? std::make_shared<Rep>(*m_rep) : std::make_shared<Rep>();
  rep->string_method = std::move(text);
  return TemplateValue(m_kind, std::move(rep));
}

const std::string& TemplateValue::type_name() const {
  return m_rep ? m_rep->type : empty_string();
}

bool TemplateValue::is_nil() const {
  return m_rep && m_rep->nil;
}

bool TemplateValue::as_bool() const {
  return m_rep && m_rep->boolean;
}
int64_t TemplateValue::as_int() const {
  return m_rep ? m_rep->integer : 0;
}
double TemplateValue::as_float() const {
  return m_rep ? m_rep->floating : 0;
}
const std::string& TemplateValue::as_string() const {
  return m_rep ? m_rep->text : empty_string();
}

TemplateValue TemplateValue::with_json_method(std::string json) const {
  auto rep = m_rep ? std::make_shared<Rep>(*m_rep) : std::make_shared<Rep>();
  rep->json_method = std::move(json);
  return TemplateValue(m_kind, std::move(rep));
}

const std::optional<std::string>& TemplateValue::json_method() const {
  static const std::optional<std::string> none;
  return m_rep ? m_rep->json_method : none;
}

const std::optional<std::string>& TemplateValue::string_method() const {
  static const std::optional<std::string> none;
  return m_rep ? m_rep->string_method : none;
}

const std::vector<TemplateValue>& TemplateValue::elements() const {
  static const std::vector<TemplateValue> none;
  return m_rep ? m_rep->elements : none;
}

const std::vector<TemplateValue::Entry>& TemplateValue::entries() const {
  static const std::vector<Entry> none;
  return m_rep ? m_rep->entries : none;
}

const std::vector<TemplateField>& TemplateValue::fields() const {
  static const std::vector<TemplateField> none;
  return m_rep ? m_rep->fields : none;
}

const TemplateValue& TemplateValue::pointee() const {
  static const TemplateValue none;
  return m_rep ? m_rep->elem_zero : none;
}

const std::string& TemplateValue::elem_type() const {
  return m_rep ? m_rep->elem_type : empty_string();
}
const std::string& TemplateValue::key_type() const {
  return m_rep ? m_rep->key_type : empty_string();
}
const TemplateValue& TemplateValue::elem_zero() const {
  return pointee();
}

size_t TemplateValue::length() const {
  switch (m_kind) {
    case Kind::string:
      return as_string().size();
    case Kind::slice:
      return elements().size();
    case Kind::map:
      return entries().size();
    default:
      return 0;
  }
}

const TemplateValue* TemplateValue::find_entry(std::string_view key) const {
  const std::vector<Entry>& all = entries();
  auto it =
      std::lower_bound(all.begin(), all.end(), key,
                       [](const Entry& entry, std::string_view k) { return entry.first < k; });
  return it != all.end() && it->first == key ? &it->second : nullptr;
}

const TemplateValue* TemplateValue::find_field(std::string_view name) const {
  // Go's FieldByName: a direct field wins over promoted ones (breadth first by depth).
  for (const TemplateField& field : fields()) {
    if (field.name == name) return &field.value;
  }
  for (const TemplateField& field : fields()) {
    if (!field.embedded) continue;
    if (field.value.kind() == Kind::pointer && field.value.is_nil()) continue;
    const TemplateValue& inner =
        field.value.kind() == Kind::pointer ? field.value.pointee() : field.value;
    if (const TemplateValue* found = inner.find_field(name)) return found;
  }
  return nullptr;
}

}  // namespace strata::image
