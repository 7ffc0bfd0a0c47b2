#include "engine/dockerfile/format.h"

#include <nlohmann/json.hpp>

namespace strata::dockerfile {

namespace {

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += nlohmann::json(items[i]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return out + "]";
}

std::string command_text(const Command& command) {
  if (command.shell_form) return command.args.empty() ? "" : command.args.front();
  return json_array(command.args);
}

// `value` as ENV/LABEL print it: double-quoted when it is empty or holds blanks or quotes.
std::string quoted_value(const std::string& value) {
  if (!value.empty() && value.find_first_of(" \t\n\"'\\") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void append_flag(std::string& out, const char* name, const std::string& value) {
  if (!value.empty()) out += std::string(" --") + name + "=" + value;
}

std::string format_mount(const RunMount& mount) {
  std::string out = "type=" + std::string(to_string(mount.type));
  auto field = [&](const char* key, const std::string& value) {
    if (!value.empty()) out += std::string(",") + key + "=" + value;
  };
  field("target", mount.target);
  field("source", mount.source);
  field("from", mount.from);
  field("id", mount.id);
  if (mount.type == RunMount::Type::cache && mount.sharing != "shared")
    field("sharing", mount.sharing);
  field("mode", mount.mode);
  field("uid", mount.uid);
  field("gid", mount.gid);
  field("size", mount.size);
  field("env", mount.env);
  bool default_read_only = mount.type == RunMount::Type::bind;
  if (mount.read_only != default_read_only) out += mount.read_only ? ",ro" : ",rw";
  if (mount.required) out += ",required";
  return out;
}

void append_words(std::string& out, const std::vector<std::string>& words) {
  for (const std::string& word : words) out += " " + word;
}

struct Formatter {
  std::string operator()(const FromInstruction& from) const {
    std::string out = "FROM";
    append_flag(out, "platform", from.platform);
    out += " " + from.image;
    if (!from.stage_name.empty()) out += " AS " + from.stage_name;
    return out;
  }
  std::string operator()(const RunInstruction& run) const {
    std::string out = "RUN";
    for (const RunMount& mount : run.mounts) append_flag(out, "mount", format_mount(mount));
    append_flag(out, "network", run.network);
    append_flag(out, "security", run.security);
    return out + " " + command_text(run.command);
  }
  std::string operator()(const CopyInstruction& copy) const {
    std::string out = copy.is_add ? "ADD" : "COPY";
    append_flag(out, "from", copy.from);
    append_flag(out, "chown", copy.chown);
    append_flag(out, "chmod", copy.chmod);
    append_flag(out, "checksum", copy.checksum);
    if (copy.link) out += " --link";
    if (copy.parents) out += " --parents";
    if (copy.keep_git_dir) out += " --keep-git-dir";
    for (const std::string& exclude : copy.excludes) append_flag(out, "exclude", exclude);
    for (const Heredoc& heredoc : copy.inline_sources) out += " <<" + heredoc.name;
    append_words(out, copy.sources);
    return out + " " + copy.destination;
  }
  std::string operator()(const EnvInstruction& env) const { return pairs("ENV", env.variables); }
  std::string operator()(const LabelInstruction& label) const {
    return pairs("LABEL", label.labels);
  }
  std::string operator()(const ArgInstruction& arg) const {
    std::string out = "ARG";
    for (const ArgDeclaration& declaration : arg.args) {
      out += " " + declaration.name;
      if (declaration.default_value) out += "=" + quoted_value(*declaration.default_value);
    }
    return out;
  }
  std::string operator()(const ExposeInstruction& expose) const {
    std::string out = "EXPOSE";
    append_words(out, expose.ports);
    return out;
  }
  std::string operator()(const WorkdirInstruction& workdir) const {
    return "WORKDIR " + workdir.path;
  }
  std::string operator()(const UserInstruction& user) const { return "USER " + user.user; }
  std::string operator()(const CmdInstruction& cmd) const {
    return "CMD " + command_text(cmd.command);
  }
  std::string operator()(const EntrypointInstruction& entrypoint) const {
    return "ENTRYPOINT " + command_text(entrypoint.command);
  }
  std::string operator()(const VolumeInstruction& volume) const {
    return "VOLUME " + json_array(volume.paths);
  }
  std::string operator()(const StopSignalInstruction& signal) const {
    return "STOPSIGNAL " + signal.signal;
  }
  std::string operator()(const HealthcheckInstruction& health) const {
    if (health.disabled) return "HEALTHCHECK NONE";
    std::string out = "HEALTHCHECK";
    auto duration = [&](const char* name, long long ns) {
      if (ns != 0) out += std::string(" --") + name + "=" + std::to_string(ns) + "ns";
    };
    duration("interval", health.interval_ns);
    duration("timeout", health.timeout_ns);
    duration("start-period", health.start_period_ns);
    duration("start-interval", health.start_interval_ns);
    if (health.retries != 0) out += " --retries=" + std::to_string(health.retries);
    return out + " CMD " + command_text(health.test);
  }
  std::string operator()(const ShellInstruction& shell) const {
    return "SHELL " + json_array(shell.shell);
  }
  std::string operator()(const OnbuildInstruction& onbuild) const {
    return "ONBUILD " + onbuild.trigger;
  }
  std::string operator()(const MaintainerInstruction& maintainer) const {
    return "MAINTAINER " + maintainer.maintainer;
  }

  static std::string pairs(const char* keyword, const std::vector<KeyValue>& pairs) {
    std::string out = keyword;
    for (const KeyValue& pair : pairs) out += " " + pair.key + "=" + quoted_value(pair.value);
    return out;
  }
};

}  // namespace

std::string format_instruction(const Instruction& instruction) {
  return std::visit(Formatter{}, instruction.body);
}

}  // namespace strata::dockerfile
