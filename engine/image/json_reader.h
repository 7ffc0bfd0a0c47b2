#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/result.h"

namespace strata::image {

// Parses document text, turning nlohmann's exception into a parse Error that names the
// document (`what`, e.g. "image config") and the byte offset.
base::Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view what);

// Reads the members of one JSON object into typed fields. Every reader method records the
// first type error with the member's full path ("config.Env[1]"), so parse code reads as a
// flat list of fields and checks status() once. JSON null reads as "absent", as Go's
// encoding/json leaves the zero value for it. Members never read are kept by unknown(), so
// values written by newer tools round-trip.
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& value, std::string path, std::string_view what);

  void string(std::string_view key, std::string& out);
  void int64(std::string_view key, int64_t& out);
  void boolean(std::string_view key, bool& out);
  void digest(std::string_view key, base::Digest& out);
  void strings(std::string_view key, std::vector<std::string>& out);
  void strings(std::string_view key, std::optional<std::vector<std::string>>& out);
  void string_map(std::string_view key, std::map<std::string, std::string>& out);
  void string_map(std::string_view key, std::optional<std::map<std::string, std::string>>& out);
  // A Go map[string]struct{}: only the keys carry meaning.
  void key_set(std::string_view key, std::optional<std::set<std::string>>& out);

  // The member if present and not null; marks it as read. Nested objects use this and a
  // child reader built with child_path().
  const nlohmann::json* member(std::string_view key);
  std::string child_path(std::string_view key) const;
  std::string_view what() const { return m_what; }

  // Records an error about `key` unless one is already recorded.
  void fail(std::string_view key, std::string_view message);
  void fail_with(base::Error error);

  nlohmann::json unknown() const;
  base::Status status() const;

 private:
  bool expect(std::string_view key, const nlohmann::json& value, bool ok, std::string_view type);

  const nlohmann::json& m_value;
  std::string m_path;
  std::string m_what;
  std::vector<std::string_view> m_read;  // keys asked for (callers pass literals)
  std::optional<base::Error> m_error;
};

// The name Go's error messages use for a JSON value's type.
std::string_view json_type_name(const nlohmann::json& value);

// Appends members of `extra` (unknown fields kept from parsing) that are not already in `out`,
// in key order, after the known ones.
void append_unknown(nlohmann::ordered_json& out, const nlohmann::json& extra);

}  // namespace strata::image
