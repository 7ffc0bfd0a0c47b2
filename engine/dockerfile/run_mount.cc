#include "engine/dockerfile/run_mount.h"

#include <fmt/format.h>

#include <vector>

#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

using base::ErrorCode;
using base::make_error;

// CSV fields: commas separate, double quotes group (a doubled quote is a literal quote).
base::Result<std::vector<std::string>> csv_fields(std::string_view spec) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < spec.size(); ++i) {
    char c = spec[i];
    if (quoted) {
      if (c == '"' && i + 1 < spec.size() && spec[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) {
    return make_error(ErrorCode::parse, fmt::format("unterminated quote in mount {}", spec));
  }
  return fields;
}

base::Result<bool> parse_bool(std::string_view key, std::string_view value, bool has_value) {
  if (!has_value) return true;
  std::string lowered = to_lower(value);
  if (lowered == "true" || lowered == "1") return true;
  if (lowered == "false" || lowered == "0") return false;
  return make_error(ErrorCode::parse, fmt::format("invalid value for {}: {}", key, value));
}

}  // namespace

std::string_view to_string(RunMount::Type type) {
  switch (type) {
    case RunMount::Type::bind:
      return "bind";
    case RunMount::Type::cache:
      return "cache";
    case RunMount::Type::tmpfs:
      return "tmpfs";
    case RunMount::Type::secret:
      return "secret";
    case RunMount::Type::ssh:
      return "ssh";
  }
  return "bind";
}

base::Result<RunMount> parse_run_mount(std::string_view spec) {
  auto fields = csv_fields(spec);
  if (!fields) return std::move(fields).error();
  RunMount mount;
  bool read_only_set = false;
  // The type decides defaults, so find it first.
  for (const std::string& field : *fields) {
    if (to_lower(field.substr(0, field.find('='))) != "type") continue;
    std::string type = to_lower(field.substr(field.find('=') + 1));
    if (type == "bind") {
      mount.type = RunMount::Type::bind;
    } else if (type == "cache") {
      mount.type = RunMount::Type::cache;
    } else if (type == "tmpfs") {
      mount.type = RunMount::Type::tmpfs;
    } else if (type == "secret") {
      mount.type = RunMount::Type::secret;
    } else if (type == "ssh") {
      mount.type = RunMount::Type::ssh;
    } else {
      return make_error(ErrorCode::parse, fmt::format("unsupported mount type {}", go_quote(type)));
    }
  }
  for (const std::string& field : *fields) {
    if (field.empty()) continue;
    size_t equals = field.find('=');
    std::string key = to_lower(field.substr(0, equals));
    bool has_value = equals != std::string::npos;
    std::string value = has_value ? field.substr(equals + 1) : "";
    if (key == "type") continue;
    if (key == "readonly" || key == "ro" || key == "readwrite" || key == "rw" ||
        key == "required") {
      auto flag = parse_bool(key, value, has_value);
      if (!flag) return std::move(flag).error();
      if (key == "required") {
        mount.required = *flag;
      } else {
        mount.read_only = (key == "readonly" || key == "ro") ? *flag : !*flag;
        read_only_set = true;
      }
      continue;
    }
    if (!has_value) {
      return make_error(ErrorCode::parse,
                        fmt::format("invalid field '{}' must be a key=value pair", field));
    }
    if (key == "target" || key == "dst" || key == "destination") {
      mount.target = value;
    } else if (key == "source" || key == "src") {
      mount.source = value;
    } else if (key == "from") {
      mount.from = value;
    } else if (key == "id") {
      mount.id = value;
    } else if (key == "sharing") {
      std::string sharing = to_lower(value);
      if (sharing != "shared" && sharing != "private" && sharing != "locked") {
        return make_error(ErrorCode::parse,
                          fmt::format("unsupported sharing value {}", go_quote(value)));
      }
      mount.sharing = sharing;
    } else if (key == "mode") {
      mount.mode = value;
    } else if (key == "uid") {
      mount.uid = value;
    } else if (key == "gid") {
      mount.gid = value;
    } else if (key == "size") {
      mount.size = value;
    } else if (key == "env") {
      mount.env = value;
    } else {
      return make_error(ErrorCode::parse, fmt::format("unexpected key '{}' in '{}'", key, field));
    }
  }
  if (!read_only_set) mount.read_only = mount.type == RunMount::Type::bind;
  bool needs_target = mount.type == RunMount::Type::bind || mount.type == RunMount::Type::cache ||
                      mount.type == RunMount::Type::tmpfs;
  if (needs_target && mount.target.empty()) {
    return make_error(ErrorCode::parse,
                      fmt::format("mount type {} requires a target", to_string(mount.type)));
  }
  return mount;
}

}  // namespace strata::dockerfile
