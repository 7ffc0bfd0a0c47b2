#include "engine/image/image_config.h"

#include <fmt/format.h>

#include "engine/image/go_json.h"
#include "engine/image/json_reader.h"

namespace strata::image {
namespace {

constexpr std::string_view k_what = "image config";

// docker's strslice accepts a bare string for Cmd, Entrypoint and Shell; so do we, and write
// it back as a one-element list.
void read_str_slice(ObjectReader& reader, std::string_view key,
                    std::optional<std::vector<std::string>>& out) {
  const nlohmann::json* value = reader.member(key);
  if (value && value->is_string()) {
    out = std::vector<std::string>{value->get<std::string>()};
    return;
  }
  reader.strings(key, out);
}

template <typename T, typename Parse>
void read_object(ObjectReader& reader, std::string_view key, T& out, Parse parse) {
  if (const nlohmann::json* value = reader.member(key)) {
    ObjectReader child(*value, reader.child_path(key), k_what);
    parse(child, out);
    if (auto status = child.status(); !status) {
      reader.fail_with(std::move(status).error());
      return;
    }
    out.extra = child.unknown();
  }
}

void parse_health(ObjectReader& reader, HealthConfig& health) {
  reader.strings("Test", health.test);
  reader.int64("Interval", health.interval);
  reader.int64("Timeout", health.timeout);
  reader.int64("StartPeriod", health.start_period);
  reader.int64("StartInterval", health.start_interval);
  reader.int64("Retries", health.retries);
}

void parse_container_config(ObjectReader& reader, ContainerConfig& config) {
  reader.string("User", config.user);
  reader.key_set("ExposedPorts", config.exposed_ports);
  reader.strings("Env", config.env);
  read_str_slice(reader, "Entrypoint", config.entrypoint);
  read_str_slice(reader, "Cmd", config.cmd);
  reader.key_set("Volumes", config.volumes);
  reader.string("WorkingDir", config.working_dir);
  reader.string_map("Labels", config.labels);
  reader.string("StopSignal", config.stop_signal);
  reader.boolean("ArgsEscaped", config.args_escaped);
  if (reader.member("Healthcheck")) {
    config.healthcheck.emplace();
    read_object(reader, "Healthcheck", *config.healthcheck, parse_health);
  }
  reader.strings("OnBuild", config.on_build);
  read_str_slice(reader, "Shell", config.shell);
}

void parse_rootfs(ObjectReader& reader, RootFs& rootfs) {
  rootfs.type.clear();
  reader.string("type", rootfs.type);
  std::vector<std::string> diff_ids;
  reader.strings("diff_ids", diff_ids);
  for (size_t i = 0; i < diff_ids.size(); ++i) {
    auto digest = base::Digest::parse(diff_ids[i]);
    if (!digest) {
      reader.fail(fmt::format("diff_ids[{}]", i),
                  fmt::format("invalid digest \"{}\"", diff_ids[i]));
      return;
    }
    rootfs.diff_ids.push_back(*digest);
  }
}

void parse_history(ObjectReader& reader, HistoryEntry& entry) {
  reader.string("created", entry.created);
  reader.string("created_by", entry.created_by);
  reader.string("author", entry.author);
  reader.string("comment", entry.comment);
  reader.boolean("empty_layer", entry.empty_layer);
}

nlohmann::ordered_json key_set_json(const std::set<std::string>& keys) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const std::string& key : keys) out[key] = nlohmann::ordered_json::object();
  return out;
}

nlohmann::ordered_json health_json(const HealthConfig& health) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!health.test.empty()) out["Test"] = health.test;
  if (health.interval != 0) out["Interval"] = health.interval;
  if (health.timeout != 0) out["Timeout"] = health.timeout;
  if (health.start_period != 0) out["StartPeriod"] = health.start_period;
  if (health.start_interval != 0) out["StartInterval"] = health.start_interval;
  if (health.retries != 0) out["Retries"] = health.retries;
  append_unknown(out, health.extra);
  return out;
}

nlohmann::ordered_json container_config_json(const ContainerConfig& config) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!config.user.empty()) out["User"] = config.user;
  if (config.exposed_ports) out["ExposedPorts"] = key_set_json(*config.exposed_ports);
  if (config.env) out["Env"] = *config.env;
  if (config.entrypoint) out["Entrypoint"] = *config.entrypoint;
  if (config.cmd) out["Cmd"] = *config.cmd;
  if (config.volumes) out["Volumes"] = key_set_json(*config.volumes);
  if (!config.working_dir.empty()) out["WorkingDir"] = config.working_dir;
  if (config.labels) out["Labels"] = *config.labels;
  if (!config.stop_signal.empty()) out["StopSignal"] = config.stop_signal;
  if (config.args_escaped) out["ArgsEscaped"] = true;
  if (config.healthcheck) out["Healthcheck"] = health_json(*config.healthcheck);
  if (config.on_build) out["OnBuild"] = *config.on_build;
  if (config.shell) out["Shell"] = *config.shell;
  append_unknown(out, config.extra);
  return out;
}

nlohmann::ordered_json rootfs_json(const RootFs& rootfs) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["type"] = rootfs.type;
  nlohmann::ordered_json diff_ids = nlohmann::ordered_json::array();
  for (const base::Digest& digest : rootfs.diff_ids) diff_ids.push_back(digest.to_string());
  out["diff_ids"] = std::move(diff_ids);
  append_unknown(out, rootfs.extra);
  return out;
}

nlohmann::ordered_json history_json(const HistoryEntry& entry) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!entry.created.empty()) out["created"] = entry.created;
  if (!entry.created_by.empty()) out["created_by"] = entry.created_by;
  if (!entry.author.empty()) out["author"] = entry.author;
  if (!entry.comment.empty()) out["comment"] = entry.comment;
  if (entry.empty_layer) out["empty_layer"] = true;
  append_unknown(out, entry.extra);
  return out;
}

}  // namespace

base::Result<ImageConfig> parse_image_config(std::string_view text) {
  auto json = parse_json_document(text, k_what);
  if (!json) return std::move(json).error();
  ObjectReader reader(*json, "", k_what);
  ImageConfig image;
  reader.string("created", image.created);
  reader.string("author", image.author);
  reader.string("architecture", image.architecture);
  reader.string("os", image.os);
  reader.string("os.version", image.os_version);
  reader.strings("os.features", image.os_features);
  reader.string("variant", image.variant);
  read_object(reader, "config", image.config, parse_container_config);
  read_object(reader, "rootfs", image.rootfs, parse_rootfs);
  if (const nlohmann::json* history = reader.member("history")) {
    if (!history->is_array()) {
      reader.fail("history", fmt::format("expected array, got {}", json_type_name(*history)));
    } else {
      for (size_t i = 0; i < history->size(); ++i) {
        ObjectReader entry_reader((*history)[i], fmt::format("history[{}]", i), k_what);
        HistoryEntry entry;
        parse_history(entry_reader, entry);
        if (auto status = entry_reader.status(); !status) {
          reader.fail_with(std::move(status).error());
          break;
        }
        entry.extra = entry_reader.unknown();
        image.history.push_back(std::move(entry));
      }
    }
  }
  if (auto status = reader.status(); !status) return std::move(status).error();
  image.extra = reader.unknown();
  return image;
}

nlohmann::ordered_json to_json(const ImageConfig& image) {
  // The top level is written in key order (see the header); a std::map sorts it, with the
  // known members replacing any unknown one of the same name.
  std::map<std::string, nlohmann::ordered_json> top;
  if (image.extra.is_object()) {
    for (const auto& [key, value] : image.extra.items()) top[key] = nlohmann::ordered_json(value);
  }
  if (!image.created.empty()) top["created"] = image.created;
  if (!image.author.empty()) top["author"] = image.author;
  top["architecture"] = image.architecture;
  top["os"] = image.os;
  if (!image.os_version.empty()) top["os.version"] = image.os_version;
  if (!image.os_features.empty()) top["os.features"] = image.os_features;
  if (!image.variant.empty()) top["variant"] = image.variant;
  top["config"] = container_config_json(image.config);
  top["rootfs"] = rootfs_json(image.rootfs);
  if (!image.history.empty()) {
    nlohmann::ordered_json history = nlohmann::ordered_json::array();
    for (const HistoryEntry& entry : image.history) history.push_back(history_json(entry));
    top["history"] = std::move(history);
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (auto& [key, value] : top) out[key] = std::move(value);
  return out;
}

std::string to_canonical_json(const ImageConfig& config) {
  return go_json(to_json(config));
}

base::Digest image_id(const ImageConfig& config) {
  return base::Digest::of(to_canonical_json(config));
}

}  // namespace strata::image
