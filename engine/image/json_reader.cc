#include "engine/image/json_reader.h"

#include <fmt/format.h>

#include <algorithm>

namespace strata::image {

base::Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return base::make_error(base::ErrorCode::parse,
                            fmt::format("{}: invalid JSON at byte {}", what, e.byte));
  }
}

std::string_view json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "bool";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "number";
    case nlohmann::json::value_t::string:
      return "string";
    case nlohmann::json::value_t::array:
      return "array";
    case nlohmann::json::value_t::object:
      return "object";
    default:
      return "value";
  }
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path, std::string_view what)
    : m_value(value), m_path(std::move(path)), m_what(what) {
  if (!m_value.is_object()) {
    std::string where = m_path.empty() ? "document" : fmt::format("field \"{}\"", m_path);
    m_error = base::make_error(
        base::ErrorCode::parse,
        fmt::format("{}: {}: expected object, got {}", m_what, where, json_type_name(m_value)));
  }
}

std::string ObjectReader::child_path(std::string_view key) const {
  return m_path.empty() ? std::string(key) : fmt::format("{}.{}", m_path, key);
}

const nlohmann::json* ObjectReader::member(std::string_view key) {
  m_read.push_back(key);
  if (!m_value.is_object()) return nullptr;
  auto it = m_value.find(key);
  if (it == m_value.end() || it->is_null()) return nullptr;
  return &*it;
}

void ObjectReader::fail(std::string_view key, std::string_view message) {
  if (m_error) return;
  m_error = base::make_error(base::ErrorCode::parse,
                             fmt::format("{}: field \"{}\": {}", m_what, child_path(key), message));
}

void ObjectReader::fail_with(base::Error error) {
  if (!m_error) m_error = std::move(error);
}

bool ObjectReader::expect(std::string_view key, const nlohmann::json& value, bool ok,
                          std::string_view type) {
  if (!ok) fail(key, fmt::format("expected {}, got {}", type, json_type_name(value)));
  return ok;
}

void ObjectReader::string(std::string_view key, std::string& out) {
  const nlohmann::json* value = member(key);
  if (value && expect(key, *value, value->is_string(), "string")) out = value->get<std::string>();
}

void ObjectReader::int64(std::string_view key, int64_t& out) {
  const nlohmann::json* value = member(key);
  if (!value) return;
  if (value->is_number_integer() &&
      !(value->is_number_unsigned() && value->get<uint64_t>() > uint64_t{INT64_MAX})) {
    out = value->get<int64_t>();
    return;
  }
  expect(key, *value, false, "integer");
}

void ObjectReader::boolean(std::string_view key, bool& out) {
  const nlohmann::json* value = member(key);
  if (value && expect(key, *value, value->is_boolean(), "bool")) out = value->get<bool>();
}

void ObjectReader::digest(std::string_view key, base::Digest& out) {
  const nlohmann::json* value = member(key);
  if (!value) {
    fail(key, "missing digest");
    return;
  }
  if (!expect(key, *value, value->is_string(), "string")) return;
  auto parsed = base::Digest::parse(value->get_ref<const std::string&>());
  if (!parsed) {
    fail(key, fmt::format("invalid digest \"{}\"", value->get_ref<const std::string&>()));
    return;
  }
  out = *parsed;
}

void ObjectReader::strings(std::string_view key, std::vector<std::string>& out) {
  std::optional<std::vector<std::string>> values;
  strings(key, values);
  out = values ? std::move(*values) : std::vector<std::string>{};
}

void ObjectReader::strings(std::string_view key, std::optional<std::vector<std::string>>& out) {
  const nlohmann::json* value = member(key);
  if (!value || !expect(key, *value, value->is_array(), "array of strings")) return;
  std::vector<std::string> values;
  for (size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& element = (*value)[i];
    if (!element.is_string()) {
      fail(fmt::format("{}[{}]", key, i),
           fmt::format("expected string, got {}", json_type_name(element)));
      return;
    }
    values.push_back(element.get<std::string>());
  }
  out = std::move(values);
}

void ObjectReader::string_map(std::string_view key, std::map<std::string, std::string>& out) {
  std::optional<std::map<std::string, std::string>> values;
  string_map(key, values);
  out = values ? std::move(*values) : std::map<std::string, std::string>{};
}

void ObjectReader::string_map(std::string_view key,
                              std::optional<std::map<std::string, std::string>>& out) {
  const nlohmann::json* value = member(key);
  if (!value || !expect(key, *value, value->is_object(), "object")) return;
  std::map<std::string, std::string> values;
  for (const auto& [name, element] : value->items()) {
    if (element.is_null()) {
      values[name] = "";  // Go decodes null into a map[string]string as ""
      continue;
    }
    if (!element.is_string()) {
      fail(fmt::format("{}.{}", key, name),
           fmt::format("expected string, got {}", json_type_name(element)));
      return;
    }
    values[name] = element.get<std::string>();
  }
  out = std::move(values);
}

void ObjectReader::key_set(std::string_view key, std::optional<std::set<std::string>>& out) {
  const nlohmann::json* value = member(key);
  if (!value || !expect(key, *value, value->is_object(), "object")) return;
  std::set<std::string> keys;
  for (const auto& [name, element] : value->items()) keys.insert(name);
  out = std::move(keys);
}

nlohmann::json ObjectReader::unknown() const {
  nlohmann::json extra = nlohmann::json::object();
  if (!m_value.is_object()) return extra;
  for (const auto& [key, value] : m_value.items()) {
    if (std::find(m_read.begin(), m_read.end(), key) == m_read.end()) extra[key] = value;
  }
  return extra;
}

base::Status ObjectReader::status() const {
  if (m_error) return *m_error;
  return {};
}

void append_unknown(nlohmann::ordered_json& out, const nlohmann::json& extra) {
  if (!extra.is_object()) return;
  // nlohmann::json keeps its members sorted, so this appends in key order.
  for (const auto& [key, value] : extra.items()) {
    if (!out.contains(key)) out[key] = nlohmann::ordered_json(value);
  }
}

}  // namespace strata::image
