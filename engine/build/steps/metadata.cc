#include "engine/build/steps/metadata.h"

#include <fmt/format.h>

#include <charconv>

#include <nlohmann/json.hpp>

#include "engine/dockerfile/format.h"

namespace strata::build {

namespace {

using dockerfile::Command;

std::vector<std::string> default_shell() {
  return {"/bin/sh", "-c"};
}

std::vector<std::string> command_args(const Command& command, const image::ImageConfig& config) {
  if (!command.shell_form) return command.args;
  std::vector<std::string> args = config.config.shell.value_or(default_shell());
  args.push_back(command.args.empty() ? "" : command.args.front());
  return args;
}

void set_env(image::ImageConfig& config, const std::string& key, const std::string& value) {
  auto& env = config.config.env.emplace(config.config.env.value_or(std::vector<std::string>{}));
  std::string entry = key + "=" + value;
  for (std::string& existing : env) {
    if (existing.compare(0, key.size() + 1, key + "=") == 0) {
      existing = entry;
      return;
    }
  }
  env.push_back(entry);
}

// EXPOSE 8080, 8080/udp, 8000-8002/tcp -> "8080/tcp", "8080/udp", "8000/tcp" ...
}  // namespace

base::Status expose(const std::string& spec, std::set<std::string>& ports) {
  std::string port = spec;
  std::string protocol = "tcp";
  if (size_t slash = spec.find('/'); slash != std::string::npos) {
    port = spec.substr(0, slash);
    protocol = spec.substr(slash + 1);
  }
  for (char& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto invalid = [&] {
    return base::make_error(base::ErrorCode::invalid_argument,
                            fmt::format("invalid containerPort: {}", spec));
  };
  if (protocol != "tcp" && protocol != "udp" && protocol != "sctp") return invalid();
  auto number = [](std::string_view text, int& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= 0 && out <= 65535;
  };
  int first = 0, last = 0;
  size_t dash = port.find('-');
  if (dash == std::string::npos) {
    if (!number(port, first)) return invalid();
    last = first;
  } else if (!number(std::string_view(port).substr(0, dash), first) ||
             !number(std::string_view(port).substr(dash + 1), last) || last < first) {
    return invalid();
  }
  for (int p = first; p <= last; ++p) ports.insert(fmt::format("{}/{}", p, protocol));
  return {};
}

namespace {

std::string resolve_workdir(const std::string& current, const std::string& path) {
  if (!path.empty() && path.front() == '/') return path;
  std::string base = current.empty() ? "/" : current;
  if (base.back() != '/') base += '/';
  return base + path;
}

}  // namespace

base::Status apply_metadata(const dockerfile::Instruction& expanded, image::ImageConfig& config,
                            MetadataState& state) {
  image::ContainerConfig& c = config.config;
  const auto& body = expanded.body;
  if (const auto* env = std::get_if<dockerfile::EnvInstruction>(&body)) {
    for (const auto& variable : env->variables) set_env(config, variable.key, variable.value);
  } else if (const auto* label = std::get_if<dockerfile::LabelInstruction>(&body)) {
    auto& labels = c.labels.emplace(c.labels.value_or(std::map<std::string, std::string>{}));
    for (const auto& pair : label->labels) labels[pair.key] = pair.value;
  } else if (const auto* exposed = std::get_if<dockerfile::ExposeInstruction>(&body)) {
    auto& ports = c.exposed_ports.emplace(c.exposed_ports.value_or(std::set<std::string>{}));
    for (const std::string& spec : exposed->ports) {
      if (auto added = expose(spec, ports); !added) {
        return base::make_error(added.error().code, added.error().message, expanded.range);
      }
    }
  } else if (const auto* user = std::get_if<dockerfile::UserInstruction>(&body)) {
    c.user = user->user;
  } else if (const auto* workdir = std::get_if<dockerfile::WorkdirInstruction>(&body)) {
    c.working_dir = resolve_workdir(c.working_dir, workdir->path);
  } else if (const auto* cmd = std::get_if<dockerfile::CmdInstruction>(&body)) {
    c.cmd = command_args(cmd->command, config);
    state.cmd_set = true;
  } else if (const auto* entrypoint = std::get_if<dockerfile::EntrypointInstruction>(&body)) {
    c.entrypoint = command_args(entrypoint->command, config);
    if (!state.cmd_set) c.cmd.reset();  // an inherited CMD does not survive a new ENTRYPOINT
  } else if (const auto* volume = std::get_if<dockerfile::VolumeInstruction>(&body)) {
    auto& volumes = c.volumes.emplace(c.volumes.value_or(std::set<std::string>{}));
    for (const std::string& path : volume->paths) volumes.insert(path);
  } else if (const auto* signal = std::get_if<dockerfile::StopSignalInstruction>(&body)) {
    c.stop_signal = signal->signal;
  } else if (const auto* health = std::get_if<dockerfile::HealthcheckInstruction>(&body)) {
    image::HealthConfig check;
    if (health->disabled) {
      check.test = {"NONE"};
    } else if (health->test.shell_form) {
      check.test = {"CMD-SHELL", health->test.args.empty() ? "" : health->test.args.front()};
    } else {
      check.test = {"CMD"};
      check.test.insert(check.test.end(), health->test.args.begin(), health->test.args.end());
    }
    check.interval = health->interval_ns;
    check.timeout = health->timeout_ns;
    check.start_period = health->start_period_ns;
    check.start_interval = health->start_interval_ns;
    check.retries = health->retries;
    c.healthcheck = std::move(check);
  } else if (const auto* shell = std::get_if<dockerfile::ShellInstruction>(&body)) {
    c.shell = shell->shell;
  } else if (const auto* onbuild = std::get_if<dockerfile::OnbuildInstruction>(&body)) {
    auto& triggers = c.on_build.emplace(c.on_build.value_or(std::vector<std::string>{}));
    triggers.push_back(onbuild->trigger);
  } else if (const auto* maintainer = std::get_if<dockerfile::MaintainerInstruction>(&body)) {
    config.author = maintainer->maintainer;
  }
  return {};
}

base::Status apply_metadata(const dockerfile::Instruction& expanded, image::ImageConfig& config) {
  MetadataState state;
  return apply_metadata(expanded, config, state);
}

namespace {

std::string quoted_list(const std::vector<std::string>& items) {
  // Go's %q of a []string: ["a" "b"].
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += " ";
    out += nlohmann::json(items[i]).dump();
  }
  return out + "]";
}

std::string created_by(const dockerfile::Instruction& expanded, const image::ImageConfig& config) {
  const auto& body = expanded.body;
  if (const auto* run = std::get_if<dockerfile::RunInstruction>(&body)) {
    std::vector<std::string> args = command_args(run->command, config);
    std::string joined;
    for (const std::string& arg : args) joined += (joined.empty() ? "" : " ") + arg;
    return "RUN " + joined + " # buildkit";
  }
  if (const auto* copy = std::get_if<dockerfile::CopyInstruction>(&body)) {
    std::string text = copy->is_add ? "ADD" : "COPY";
    if (!copy->from.empty()) text += " --from=" + copy->from;
    for (const auto& heredoc : copy->inline_sources) text += " <<" + heredoc.name;
    for (const std::string& source : copy->sources) text += " " + source;
    return text + " " + copy->destination + " # buildkit";
  }
  if (std::holds_alternative<dockerfile::WorkdirInstruction>(body)) {
    return "WORKDIR " + config.config.working_dir;
  }
  if (const auto* cmd = std::get_if<dockerfile::CmdInstruction>(&body)) {
    return "CMD " + quoted_list(command_args(cmd->command, config));
  }
  if (const auto* entrypoint = std::get_if<dockerfile::EntrypointInstruction>(&body)) {
    return "ENTRYPOINT " + quoted_list(command_args(entrypoint->command, config));
  }
  if (const auto* exposed = std::get_if<dockerfile::ExposeInstruction>(&body)) {
    std::set<std::string> ports;
    for (const std::string& spec : exposed->ports) (void)expose(spec, ports);
    std::string text = "EXPOSE map[";
    bool first = true;
    for (const std::string& port : ports) {
      text += (first ? "" : " ") + port + ":{}";
      first = false;
    }
    return text + "]";
  }
  if (const auto* volume = std::get_if<dockerfile::VolumeInstruction>(&body)) {
    std::string text = "VOLUME [";
    for (size_t i = 0; i < volume->paths.size(); ++i) {
      text += (i > 0 ? " " : "") + volume->paths[i];
    }
    return text + "]";
  }
  if (const auto* shell = std::get_if<dockerfile::ShellInstruction>(&body)) {
    return "SHELL " + quoted_list(shell->shell);
  }
  return dockerfile::format_instruction(expanded);
}

}  // namespace

image::HistoryEntry history_entry(const dockerfile::Instruction& expanded,
                                  const image::ImageConfig& config, bool empty_layer,
                                  const std::string& created) {
  image::HistoryEntry entry;
  entry.created = created;
  entry.created_by = created_by(expanded, config);
  entry.comment = "buildkit.dockerfile.v0";
  entry.empty_layer = empty_layer;
  return entry;
}

}  // namespace strata::build
