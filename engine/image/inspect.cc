#include "engine/image/inspect.h"

#include <map>

namespace strata::image {
namespace {

// RFC 3339 split into the parts Go's formats need.
struct Timestamp {
  std::string date;      // "2024-01-02"
  std::string clock;     // "03:04:05"
  std::string fraction;  // digits after '.', trailing zeros removed
  std::string zone;      // "Z" or "+02:00"
};

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::optional<Timestamp> split_timestamp(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return std::nullopt;
  Timestamp t;
  t.date = std::string(text.substr(0, 10));
  t.clock = std::string(text.substr(11, 8));
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    size_t end = rest.find_first_not_of("0123456789", 1);
    if (end == std::string_view::npos) return std::nullopt;
    t.fraction = std::string(rest.substr(1, end - 1));
    rest = rest.substr(end);
    while (!t.fraction.empty() && t.fraction.back() == '0') t.fraction.pop_back();
  }
  if (rest == "Z" || rest == "z" || rest == "+00:00") {
    t.zone = "Z";
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             all_digits(rest.substr(1, 2)) && all_digits(rest.substr(4, 2))) {
    t.zone = std::string(rest);
  } else {
    return std::nullopt;
  }
  return t;
}

nlohmann::ordered_json strings_or_null(const std::optional<std::vector<std::string>>& values) {
  return values ? nlohmann::ordered_json(*values) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json key_set_or_null(const std::optional<std::set<std::string>>& keys) {
  if (!keys) return nullptr;
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const std::string& key : *keys) out[key] = nlohmann::ordered_json::object();
  return out;
}

nlohmann::ordered_json health_json(const HealthConfig& health) {
  // docker's HealthConfig: every member omitempty, durations in nanoseconds.
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!health.test.empty()) out["Test"] = health.test;
  if (health.interval != 0) out["Interval"] = health.interval;
  if (health.timeout != 0) out["Timeout"] = health.timeout;
  if (health.start_period != 0) out["StartPeriod"] = health.start_period;
  if (health.start_interval != 0) out["StartInterval"] = health.start_interval;
  if (health.retries != 0) out["Retries"] = health.retries;
  return out;
}

// docker's container.Config as the daemon marshals it (API <= 1.49): omitempty only where
// the struct tag says so.
nlohmann::ordered_json container_config_json(const ContainerConfig& c) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["Hostname"] = "";
  out["Domainname"] = "";
  out["User"] = c.user;
  out["AttachStdin"] = false;
  out["AttachStdout"] = false;
  out["AttachStderr"] = false;
  if (c.exposed_ports && !c.exposed_ports->empty()) {
    out["ExposedPorts"] = key_set_or_null(c.exposed_ports);
  }
  out["Tty"] = false;
  out["OpenStdin"] = false;
  out["StdinOnce"] = false;
  out["Env"] = strings_or_null(c.env);
  out["Cmd"] = strings_or_null(c.cmd);
  if (c.healthcheck) out["Healthcheck"] = health_json(*c.healthcheck);
  if (c.args_escaped) out["ArgsEscaped"] = true;
  out["Image"] = "";
  out["Volumes"] = key_set_or_null(c.volumes);
  out["WorkingDir"] = c.working_dir;
  out["Entrypoint"] = strings_or_null(c.entrypoint);
  out["OnBuild"] = strings_or_null(c.on_build);
  out["Labels"] = c.labels ? nlohmann::ordered_json(*c.labels) : nlohmann::ordered_json(nullptr);
  if (!c.stop_signal.empty()) out["StopSignal"] = c.stop_signal;
  if (c.shell && !c.shell->empty()) out["Shell"] = *c.shell;
  return out;
}

// docker >= 28.2: the OCI config (every member omitempty) merged over null/"" defaults for
// the members that used to be always present, re-marshalled through a map (sorted keys).
nlohmann::ordered_json oci_config_json(const ContainerConfig& c) {
  std::map<std::string, nlohmann::ordered_json> members = {
      {"Cmd", nullptr},     {"Entrypoint", nullptr}, {"Env", nullptr},
      {"Labels", nullptr},  {"OnBuild", nullptr},    {"User", ""},
      {"Volumes", nullptr}, {"WorkingDir", ""},
  };
  if (!c.user.empty()) members["User"] = c.user;
  if (c.exposed_ports && !c.exposed_ports->empty()) {
    members["ExposedPorts"] = key_set_or_null(c.exposed_ports);
  }
  if (c.env && !c.env->empty()) members["Env"] = *c.env;
  if (c.entrypoint && !c.entrypoint->empty()) members["Entrypoint"] = *c.entrypoint;
  if (c.cmd && !c.cmd->empty()) members["Cmd"] = *c.cmd;
  if (c.volumes && !c.volumes->empty()) members["Volumes"] = key_set_or_null(c.volumes);
  if (!c.working_dir.empty()) members["WorkingDir"] = c.working_dir;
  if (c.labels && !c.labels->empty()) members["Labels"] = *c.labels;
  if (!c.stop_signal.empty()) members["StopSignal"] = c.stop_signal;
  if (c.args_escaped) members["ArgsEscaped"] = true;
  if (c.healthcheck) members["Healthcheck"] = health_json(*c.healthcheck);
  if (c.on_build && !c.on_build->empty()) members["OnBuild"] = *c.on_build;
  if (c.shell && !c.shell->empty()) members["Shell"] = *c.shell;
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (auto& [key, value] : members) out[key] = std::move(value);
  return out;
}

std::string extra_string(const nlohmann::json& extra, const char* key) {
  if (!extra.is_object()) return "";
  auto it = extra.find(key);
  return it != extra.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string rfc3339_nano(std::string_view timestamp) {
  std::optional<Timestamp> t = split_timestamp(timestamp);
  if (!t) return std::string(timestamp);
  std::string out = t->date + "T" + t->clock;
  if (!t->fraction.empty()) out += "." + t->fraction;
  return out + t->zone;
}

std::string go_time_string(std::string_view timestamp) {
  std::optional<Timestamp> t = split_timestamp(timestamp);
  if (!t) return std::string(timestamp);
  std::string out = t->date + " " + t->clock;
  if (!t->fraction.empty()) out += "." + t->fraction;
  if (t->zone == "Z") return out + " +0000 UTC";
  // A fixed offset that is not the local zone: Go prints the offset as the zone name too.
  std::string offset = t->zone.substr(0, 3) + t->zone.substr(4, 2);
  return out + " " + offset + " " + offset;
}

nlohmann::ordered_json inspect_json(const ImageRecord& record, InspectShape shape) {
  const ImageConfig& config = record.config;
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["Id"] = record.id.to_string();
  out["RepoTags"] = record.repo_tags;
  out["RepoDigests"] = record.repo_digests;
  out["Parent"] = record.parent;
  // The config's own "comment" (set by docker commit / import) wins over the history's.
  std::string comment = extra_string(config.extra, "comment");
  if (comment.empty() && !config.history.empty()) comment = config.history.back().comment;
  out["Comment"] = comment;
  std::string created = record.created.empty() ? config.created : record.created;
  if (!created.empty()) out["Created"] = rfc3339_nano(created);
  out["DockerVersion"] = extra_string(config.extra, "docker_version");
  out["Author"] = config.author;
  if (shape == InspectShape::container_config) {
    out["Config"] = container_config_json(config.config);
  }
  out["Architecture"] = config.architecture;
  if (!config.variant.empty()) out["Variant"] = config.variant;
  out["Os"] = config.os;
  if (!config.os_version.empty()) out["OsVersion"] = config.os_version;
  out["Size"] = record.size;
  out["GraphDriver"] = {
      {"Data", record.graph_driver_data ? nlohmann::ordered_json(*record.graph_driver_data)
                                        : nlohmann::ordered_json(nullptr)},
      {"Name", record.graph_driver},
  };
  nlohmann::ordered_json rootfs = {{"Type", config.rootfs.type}};
  if (!config.rootfs.diff_ids.empty()) {
    nlohmann::ordered_json layers = nlohmann::ordered_json::array();
    for (const base::Digest& layer : config.rootfs.diff_ids) layers.push_back(layer.to_string());
    rootfs["Layers"] = std::move(layers);
  }
  out["RootFS"] = std::move(rootfs);
  out["Metadata"] = {
      {"LastTagTime", record.last_tag_time.empty() ? std::string(k_go_zero_time)
                                                   : rfc3339_nano(record.last_tag_time)},
  };
  if (shape == InspectShape::oci_config) out["Config"] = oci_config_json(config.config);
  return out;
}

}  // namespace strata::image
