#include "engine/image/inspect_template.h"

#include <string_view>

namespace strata::image {
namespace {

using Json = nlohmann::ordered_json;

const Json& member(const Json& object, std::string_view key) {
  static const Json null;
  if (!object.is_object()) return null;
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::string text(const Json& value) {
  return value.is_string() ? value.get<std::string>() : "";
}

TemplateField field(std::string name, TemplateValue value, bool omit_empty = false,
                    std::string json_name = "") {
  return {std::move(name), std::move(value), std::move(json_name), omit_empty, false};
}

TemplateField embedded(std::string name, TemplateValue value) {
  return {std::move(name), std::move(value), "", false, true};
}

// A []string (or a named slice of strings): nil unless the JSON has an array.
TemplateValue strings(const Json& value, std::string type = "[]string") {
  if (!value.is_array()) return TemplateValue::nil_slice(std::move(type), "string");
  std::vector<TemplateValue> elements;
  for (const Json& element : value) elements.push_back(TemplateValue::string(text(element)));
  return TemplateValue::slice(std::move(type), "string", std::move(elements));
}

TemplateValue string_map(const Json& value) {
  TemplateValue zero = TemplateValue::string("");
  if (!value.is_object()) return TemplateValue::nil_map("map[string]string", "string", zero);
  std::vector<TemplateValue::Entry> entries;
  for (const auto& [key, element] : value.items()) {
    entries.emplace_back(key, TemplateValue::string(text(element)));
  }
  return TemplateValue::map("map[string]string", "string", zero, std::move(entries));
}

// map[string]struct{}: ExposedPorts and Volumes in the OCI config type.
TemplateValue key_set(const Json& value) {
  TemplateValue empty = TemplateValue::structure("struct {}", {});
  if (!value.is_object()) return TemplateValue::nil_map("map[string]struct {}", "string", empty);
  std::vector<TemplateValue::Entry> entries;
  for (const auto& [key, element] : value.items()) entries.emplace_back(key, empty);
  return TemplateValue::map("map[string]struct {}", "string", empty, std::move(entries));
}

int64_t integer(const Json& value) {
  return value.is_number_integer() ? value.get<int64_t>() : 0;
}

TemplateValue duration(const Json& value) {
  int64_t ns = integer(value);
  return TemplateValue::integer(ns, "time.Duration").with_string_method(go_duration_string(ns));
}

TemplateValue time_value(const Json& value) {
  std::string timestamp =
      value.is_string() ? rfc3339_nano(text(value)) : std::string(k_go_zero_time);
  std::string display = go_time_string(timestamp);
  return TemplateValue::string(std::move(timestamp), "time.Time").with_string_method(display);
}

TemplateValue healthcheck_struct(const Json& value) {
  return TemplateValue::structure(
      "v1.HealthcheckConfig",
      {field("Test", strings(member(value, "Test")), true),
       field("Interval", duration(member(value, "Interval")), true),
       field("Timeout", duration(member(value, "Timeout")), true),
       field("StartPeriod", duration(member(value, "StartPeriod")), true),
       field("StartInterval", duration(member(value, "StartInterval")), true),
       field("Retries", TemplateValue::integer(integer(member(value, "Retries"))), true)});
}

// dockerspec.DockerOCIImageConfig: image-spec's ImageConfig and docker's extension, embedded.
TemplateValue config_struct(const Json& c) {
  const Json& health = member(c, "Healthcheck");
  TemplateValue image_config = TemplateValue::structure(
      "v1.ImageConfig",
      {field("User", TemplateValue::string(text(member(c, "User"))), true),
       field("ExposedPorts", key_set(member(c, "ExposedPorts")), true),
       field("Env", strings(member(c, "Env")), true),
       field("Entrypoint", strings(member(c, "Entrypoint")), true),
       field("Cmd", strings(member(c, "Cmd")), true),
       field("Volumes", key_set(member(c, "Volumes")), true),
       field("WorkingDir", TemplateValue::string(text(member(c, "WorkingDir"))), true),
       field("Labels", string_map(member(c, "Labels")), true),
       field("StopSignal", TemplateValue::string(text(member(c, "StopSignal"))), true),
       field("ArgsEscaped",
             TemplateValue::boolean(member(c, "ArgsEscaped").is_boolean() &&
                                    member(c, "ArgsEscaped").get<bool>()),
             true)});
  TemplateValue extension = TemplateValue::structure(
      "v1.DockerOCIImageConfigExt",
      {field("Healthcheck",
             health.is_object()
                 ? TemplateValue::pointer_to(healthcheck_struct(health))
                 : TemplateValue::nil_pointer("*v1.HealthcheckConfig", healthcheck_struct(Json())),
             true),
       field("OnBuild", strings(member(c, "OnBuild")), true),
       field("Shell", strings(member(c, "Shell")), true)});
  return TemplateValue::structure("v1.DockerOCIImageConfig",
                                  {embedded("ImageConfig", std::move(image_config)),
                                   embedded("DockerOCIImageConfigExt", std::move(extension))});
}

TemplateValue raw_value(const nlohmann::json& json) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    case Type::null:
    case Type::discarded:
    case Type::binary:
      return TemplateValue::nil_interface();
    case Type::boolean:
      return TemplateValue::boolean(json.get<bool>());
    case Type::number_integer:
    case Type::number_unsigned:
    case Type::number_float:
      return TemplateValue::string(json.dump(), "json.Number");
    case Type::string:
      return TemplateValue::string(json.get<std::string>());
    case Type::array: {
      std::vector<TemplateValue> elements;
      for (const auto& element : json) elements.push_back(raw_value(element));
      return TemplateValue::slice("[]interface {}", "interface {}", std::move(elements));
    }
    case Type::object: {
      std::vector<TemplateValue::Entry> entries;
      for (const auto& [key, element] : json.items()) entries.emplace_back(key, raw_value(element));
      return TemplateValue::map("map[string]interface {}", "string", TemplateValue::nil_interface(),
                                std::move(entries));
    }
  }
  return TemplateValue::nil_interface();
}

}  // namespace

std::string go_duration_string(int64_t nanoseconds) {
  if (nanoseconds == 0) return "0s";
  bool negative = nanoseconds < 0;
  uint64_t u =
      negative ? 0 - static_cast<uint64_t>(nanoseconds) : static_cast<uint64_t>(nanoseconds);
  // fmtFrac: the fraction of u / 10^precision without trailing zeros.
  auto fraction = [](uint64_t& v, int precision) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < precision; ++i) {
      char digit = static_cast<char>('0' + v % 10);
      print = print || digit != '0';
      if (print) digits.insert(digits.begin(), digit);
      v /= 10;
    }
    return print ? "." + digits : std::string();
  };
  std::string out;
  if (u < 1'000'000'000) {
    std::string unit = u < 1'000 ? "ns" : u < 1'000'000 ? "\u00b5s" : "ms";
    int precision = u < 1'000 ? 0 : u < 1'000'000 ? 3 : 6;
    std::string frac = fraction(u, precision);
    out = std::to_string(u) + frac + unit;
  } else {
    std::string frac = fraction(u, 9);
    out = std::to_string(u % 60) + frac + "s";
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  return negative ? "-" + out : out;
}

TemplateValue inspect_template_value(const Json& inspect) {
  const Json& config = member(inspect, "Config");
  const Json& graph = member(inspect, "GraphDriver");
  const Json& rootfs = member(inspect, "RootFS");
  auto string_field = [&](const char* name, bool omit_empty = false) {
    return field(name, TemplateValue::string(text(member(inspect, name))), omit_empty);
  };
  std::vector<TemplateField> fields = {
      field("ID", TemplateValue::string(text(member(inspect, "Id"))), false, "Id"),
      field("RepoTags", strings(member(inspect, "RepoTags"))),
      field("RepoDigests", strings(member(inspect, "RepoDigests"))),
      string_field("Parent"),
      string_field("Comment"),
      string_field("Created", true),
      string_field("Container", true),
      field("ContainerConfig", TemplateValue::nil_pointer("*container.Config"), true),
      string_field("DockerVersion"),
      string_field("Author"),
      field("Config", config.is_object() ? TemplateValue::pointer_to(config_struct(config))
                                         : TemplateValue::nil_pointer("*v1.DockerOCIImageConfig",
                                                                      config_struct(Json()))),
      string_field("Architecture"),
      string_field("Variant", true),
      string_field("Os"),
      string_field("OsVersion", true),
      field("Size", TemplateValue::integer(integer(member(inspect, "Size")), "int64")),
      field("VirtualSize", TemplateValue::integer(0, "int64"), true),
      field("GraphDriver",
            TemplateValue::structure(
                "storage.DriverData",
                {field("Data", string_map(member(graph, "Data"))),
                 field("Name", TemplateValue::string(text(member(graph, "Name"))))})),
      field("RootFS",
            TemplateValue::structure(
                "image.RootFS", {field("Type", TemplateValue::string(text(member(rootfs, "Type")))),
                                 field("Layers", strings(member(rootfs, "Layers")), true)})),
      field("Metadata",
            TemplateValue::structure(
                "image.Metadata",
                {field("LastTagTime",
                       time_value(member(member(inspect, "Metadata"), "LastTagTime")), true)})),
      field("Descriptor", TemplateValue::nil_pointer("*v1.Descriptor"), true),
      field("Manifests",
            TemplateValue::nil_slice("[]image.ManifestSummary", "image.ManifestSummary"), true),
  };
  return TemplateValue::structure("image.InspectResponse", std::move(fields));
}

TemplateValue template_value_from_json(const nlohmann::json& json) {
  return raw_value(json);
}

base::Result<std::string> format_inspect(const Template& format, const ImageRecord& record,
                                         InspectShape shape) {
  Json inspect = inspect_json(record, shape);
  auto typed = format.execute(inspect_template_value(inspect));
  if (typed) return typed;
  TemplateValue raw = template_value_from_json(nlohmann::json(inspect));
  return format.execute(raw, ExecuteOptions{MissingKey::error});
}

}  // namespace strata::image
