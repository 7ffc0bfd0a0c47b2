#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::image {

struct TemplateField;

// A value as Go's text/template sees it through reflection: a kind, a Go type name (for error
// messages and for assignability checks on function arguments), and the data. Copies are
// cheap (shared, immutable). Distinctions Go makes and templates expose are kept: a nil
// slice/map/pointer is not an empty one ([] vs [], map[] vs map[] print alike but differ in
// json), an interface holding nothing (JSON null in a map[string]interface{}) prints <nil>,
// and the invalid value (a missing map key) prints <no value>.
class TemplateValue {
 public:
  enum class Kind {
    invalid,        // no value at all: a missing map key
    nil_interface,  // an interface{} holding nothing
    boolean,
    integer,
    floating,
    string,
    slice,
    map,
    structure,
    pointer,
  };
  using Entry = std::pair<std::string, TemplateValue>;

  TemplateValue() = default;  // invalid

  static TemplateValue nil_interface();
  static TemplateValue boolean(bool value, std::string type = "bool");
  static TemplateValue integer(int64_t value, std::string type = "int");
  static TemplateValue floating(double value, std::string type = "float64");
  static TemplateValue string(std::string value, std::string type = "string");
  static TemplateValue slice(std::string type, std::string elem_type,
                             std::vector<TemplateValue> elements);
  static TemplateValue nil_slice(std::string type, std::string elem_type);
  // Maps have string keys (all that docker's data uses); entries are sorted by key, as Go's
  // fmt and encoding/json order them. `elem_zero` is what `index` returns for a missing key.
  static TemplateValue map(std::string type, std::string key_type, TemplateValue elem_zero,
                           std::vector<Entry> entries);
  static TemplateValue nil_map(std::string type, std::string key_type, TemplateValue elem_zero);
  static TemplateValue structure(std::string type, std::vector<TemplateField> fields);
  static TemplateValue pointer_to(TemplateValue target);
  // A nil pointer, its type as Go spells it ("*pkg.T"). `prototype`, the zero value of the
  // target type when known, lets field access tell "nil pointer evaluating *T.X" (a field T
  // has) from "can't evaluate field X in type *T".
  static TemplateValue nil_pointer(std::string type);
  static TemplateValue nil_pointer(std::string type, TemplateValue prototype);

  // For Go types with a String method (time.Time, time.Duration): fmt's %v/%s print `text`.
  TemplateValue with_string_method(std::string text) const;
  // For Go types with a MarshalJSON method (docker's list contexts): `json` prints `json`.
  TemplateValue with_json_method(std::string json) const;

  Kind kind() const { return m_kind; }
  const std::string& type_name() const;
  bool is_valid() const { return m_kind != Kind::invalid; }
  // nil slice, map, pointer or interface.
  bool is_nil() const;

  bool as_bool() const;
  int64_t as_int() const;
  double as_float() const;
  const std::string& as_string() const;
  const std::optional<std::string>& string_method() const;
  const std::optional<std::string>& json_method() const;
  const std::vector<TemplateValue>& elements() const;
  const std::vector<Entry>& entries() const;
  const std::vector<TemplateField>& fields() const;
  // The target of a pointer; for a nil pointer, its prototype (often invalid).
  const TemplateValue& pointee() const;
  const std::string& elem_type() const;  // slice element type
  const std::string& key_type() const;
  const TemplateValue& elem_zero() const;

  // Length of a string (bytes), slice or map; 0 otherwise.
  size_t length() const;
  const TemplateValue* find_entry(std::string_view key) const;
  // A field by name, looking into embedded structs the way Go promotes their fields.
  const TemplateValue* find_field(std::string_view name) const;
  // Whether two values are the same object (for eq on pointers and structs).
  bool same_object(const TemplateValue& other) const { return m_rep == other.m_rep; }

 private:
  struct Rep;
  TemplateValue(Kind kind, std::shared_ptr<const Rep> rep) : m_kind(kind), m_rep(std::move(rep)) {}

  Kind m_kind = Kind::invalid;
  std::shared_ptr<const Rep> m_rep;
};

// A struct field with the encoding/json tag that `json` honours.
struct TemplateField {
  TemplateField(std::string name, TemplateValue value, std::string json_name = "",
                bool omit_empty = false, bool embedded = false)
      : name(std::move(name)),
        value(std::move(value)),
        json_name(std::move(json_name)),
        omit_empty(omit_empty),
        embedded(embedded) {}

  std::string name;
  TemplateValue value;
  std::string json_name;    // empty: the field name
  bool omit_empty = false;  // `json:",omitempty"`
  bool embedded = false;    // anonymous field: promoted in lookups, inlined in json
};

// Compact JSON of a value as encoding/json writes it with SetEscapeHTML(false): what docker's
// `json` template function prints. Invalid and nil values are null; json.Number is written
// as a bare number.
std::string template_json(const TemplateValue& value);

}  // namespace strata::image
