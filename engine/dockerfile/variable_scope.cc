#include "engine/dockerfile/variable_scope.h"

#include <fmt/format.h>
#include <sys/utsname.h>

#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

using base::Result;

const std::set<std::string, std::less<>> k_predefined_args = {
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
    "ftp_proxy",  "NO_PROXY",   "no_proxy",    "ALL_PROXY",   "all_proxy"};

void add_platform_args(Environment& env, std::string_view prefix, const Platform& platform) {
  std::string p(prefix);
  env[p + "PLATFORM"] = platform.to_string();
  env[p + "OS"] = platform.os;
  env[p + "ARCH"] = platform.architecture;
  env[p + "VARIANT"] = platform.variant;
}

}  // namespace

std::string Platform::to_string() const {
  std::string text = os + "/" + architecture;
  if (!variant.empty()) text += "/" + variant;
  return text;
}

Platform host_platform() {
  Platform platform;
  struct utsname name {};
  if (uname(&name) == 0) {
    std::string machine = name.machine;
    if (machine == "x86_64") {
      platform.architecture = "amd64";
    } else if (machine == "aarch64" || machine == "arm64") {
      platform.architecture = "arm64";
    } else if (machine.starts_with("armv7")) {
      platform.architecture = "arm";
      platform.variant = "v7";
    } else {
      platform.architecture = machine;
    }
  }
  return platform;
}

Result<VariableScope> VariableScope::global(const std::vector<Instruction>& global_args,
                                            const Environment& build_args, const Platform& target,
                                            const Platform& build) {
  VariableScope scope;
  scope.m_build_args = build_args;
  add_platform_args(scope.m_args, "TARGET", target);
  add_platform_args(scope.m_args, "BUILD", build);
  for (const Instruction& instruction : global_args) {
    auto expanded = expand_instruction(instruction, scope);
    if (!expanded) return std::move(expanded).error();
    scope.declare(std::get<ArgInstruction>(expanded->body));
  }
  scope.m_globals = scope.m_args;
  return scope;
}

VariableScope VariableScope::enter_stage(const Environment& image_env) const {
  VariableScope stage;
  stage.m_build_args = m_build_args;
  stage.m_globals = m_globals;
  stage.m_env = image_env;
  stage.m_consumed = m_consumed;
  return stage;
}

void VariableScope::declare(const ArgInstruction& expanded) {
  for (const ArgDeclaration& declaration : expanded.args) {
    auto from_build = m_build_args.find(declaration.name);
    if (from_build != m_build_args.end()) {
      m_consumed->insert(declaration.name);
      m_args[declaration.name] = from_build->second;
    } else if (declaration.default_value) {
      m_args[declaration.name] = *declaration.default_value;
    } else if (auto global = m_globals.find(declaration.name); global != m_globals.end()) {
      m_args[declaration.name] = global->second;
    } else {
      m_args.erase(declaration.name);
    }
  }
}

void VariableScope::set_env(const EnvInstruction& expanded) {
  for (const KeyValue& variable : expanded.variables) m_env[variable.key] = variable.value;
}

Environment VariableScope::expansion_environment() const {
  Environment env = m_args;
  for (const auto& [name, value] : m_env) env[name] = value;
  return env;
}

Environment VariableScope::run_environment() const {
  Environment env;
  for (const auto& [name, value] : m_build_args) {
    if (k_predefined_args.contains(name)) env[name] = value;
  }
  for (const auto& [name, value] : expansion_environment()) env[name] = value;
  return env;
}

std::set<std::string> VariableScope::unconsumed_build_args() const {
  std::set<std::string> unused;
  for (const auto& [name, value] : m_build_args) {
    if (!m_consumed->contains(name) && !k_predefined_args.contains(name)) unused.insert(name);
  }
  return unused;
}

Result<std::string> VariableScope::expand_word(std::string_view word,
                                               const LexOptions& options) const {
  auto expanded = expand(word, expansion_environment(), options);
  if (!expanded) return std::move(expanded).error();
  return std::move(expanded->word);
}

namespace {

class InstructionExpander {
 public:
  InstructionExpander(const Instruction& instruction, const VariableScope& scope)
      : m_instruction(instruction), m_scope(scope) {}

  Result<void> word(std::string& text) {
    auto expanded = m_scope.expand_word(text);
    if (!expanded) {
      return base::make_error(base::ErrorCode::parse, expanded.error().message,
                              m_instruction.range);
    }
    text = std::move(*expanded);
    return {};
  }
  Result<void> words(std::vector<std::string>& texts) {
    for (std::string& text : texts) {
      if (auto done = word(text); !done) return done;
    }
    return {};
  }
  Result<void> pairs(std::vector<KeyValue>& pairs) {
    for (KeyValue& pair : pairs) {
      if (auto done = word(pair.key); !done) return done;
      if (auto done = word(pair.value); !done) return done;
    }
    return {};
  }
  Result<void> heredoc_bodies(std::vector<Heredoc>& heredocs) {
    LexOptions raw;
    raw.skip_process_quotes = true;
    for (Heredoc& heredoc : heredocs) {
      if (!heredoc.expand) continue;
      auto expanded = m_scope.expand_word(heredoc.content, raw);
      if (!expanded) {
        return base::make_error(base::ErrorCode::parse, expanded.error().message,
                                m_instruction.range);
      }
      heredoc.content = std::move(*expanded);
    }
    return {};
  }

  Result<void> body(InstructionBody& body) {
    return std::visit([this](auto& typed) { return expand(typed); }, body);
  }

 private:
  Result<void> expand(FromInstruction& from) {
    if (auto done = word(from.image); !done) return done;
    if (from.image.empty()) {
      return base::make_error(base::ErrorCode::parse,
                              "base name (" + m_instruction.original + ") should not be blank",
                              m_instruction.range);
    }
    return word(from.platform);
  }
  Result<void> expand(EnvInstruction& env) { return pairs(env.variables); }
  Result<void> expand(LabelInstruction& label) { return pairs(label.labels); }
  Result<void> expand(ArgInstruction& arg) {
    for (ArgDeclaration& declaration : arg.args) {
      if (auto done = word(declaration.name); !done) return done;
      if (declaration.default_value) {
        if (auto done = word(*declaration.default_value); !done) return done;
      }
    }
    return {};
  }
  Result<void> expand(ExposeInstruction& expose) {
    std::vector<std::string> ports;
    for (std::string port : expose.ports) {
      if (auto done = word(port); !done) return done;
      for (std::string& part : split_blanks(trim_space(port))) {
        if (!part.empty()) ports.push_back(std::move(part));
      }
    }
    expose.ports = std::move(ports);
    return {};
  }
  Result<void> expand(WorkdirInstruction& workdir) { return word(workdir.path); }
  Result<void> expand(UserInstruction& user) { return word(user.user); }
  Result<void> expand(StopSignalInstruction& signal) { return word(signal.signal); }
  Result<void> expand(VolumeInstruction& volume) { return words(volume.paths); }
  Result<void> expand(CopyInstruction& copy) {
    for (std::string* field :
         {&copy.destination, &copy.from, &copy.chown, &copy.chmod, &copy.checksum}) {
      if (auto done = word(*field); !done) return done;
    }
    if (auto done = words(copy.sources); !done) return done;
    if (auto done = words(copy.excludes); !done) return done;
    return heredoc_bodies(copy.inline_sources);
  }
  template <typename Untouched>
  Result<void> expand(Untouched&) {
    return {};
  }

  const Instruction& m_instruction;
  const VariableScope& m_scope;
};

}  // namespace

Result<Instruction> expand_instruction(const Instruction& instruction, const VariableScope& scope) {
  Instruction expanded = instruction;
  InstructionExpander expander(instruction, scope);
  if (auto done = expander.body(expanded.body); !done) return std::move(done).error();
  return expanded;
}

}  // namespace strata::dockerfile
