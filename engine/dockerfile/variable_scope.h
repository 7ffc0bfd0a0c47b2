#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/dockerfile/instructions.h"
#include "engine/dockerfile/shell_lexer.h"

namespace strata::dockerfile {

struct Platform {
  std::string os = "linux";
  std::string architecture = "amd64";
  std::string variant;
  std::string to_string() const;  // "linux/amd64", "linux/arm/v7"
  bool operator==(const Platform&) const = default;
};
Platform host_platform();

// The variables an instruction's words expand against, with BuildKit's scoping rules:
//  - ARGs before the first FROM (global) are visible in FROM lines only, unless a stage
//    redeclares them with `ARG NAME`, which then takes the global value;
//  - --build-arg values override ARG defaults, and are used only for declared names (plus the
//    predefined proxy variables, which RUN sees without a declaration);
//  - ENV (from the base image or the stage) wins over an ARG of the same name;
//  - TARGETPLATFORM, TARGETOS, ..., BUILDPLATFORM, ... are automatic in the global scope.
class VariableScope {
 public:
  static base::Result<VariableScope> global(const std::vector<Instruction>& global_args,
                                            const Environment& build_args,
                                            const Platform& target = host_platform(),
                                            const Platform& build = host_platform());

  // A stage scope starts from the base image's ENV; global ARGs stay hidden until redeclared.
  VariableScope enter_stage(const Environment& image_env) const;

  // Records an (already expanded) ARG or ENV instruction.
  void declare(const ArgInstruction& expanded);
  void set_env(const EnvInstruction& expanded);

  base::Result<std::string> expand_word(std::string_view word,
                                        const LexOptions& options = {}) const;
  Environment expansion_environment() const;  // declared ARGs with values, ENV over them
  Environment run_environment() const;        // what RUN's process gets
  const Environment& env() const { return m_env; }
  // Build args a declaration used; the rest are reported as unconsumed, as docker does.
  std::set<std::string> unconsumed_build_args() const;

 private:
  Environment m_build_args;
  Environment m_globals;  // resolved global ARGs, automatic ones included
  Environment m_args;     // ARGs declared in this scope that have a value
  Environment m_env;
  std::shared_ptr<std::set<std::string>> m_consumed = std::make_shared<std::set<std::string>>();
};

// Expands the words BuildKit expands for each instruction (ENV, LABEL, ARG, EXPOSE, WORKDIR,
// USER, STOPSIGNAL, VOLUME, COPY/ADD paths and flags, heredoc bodies marked for expansion);
// RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK are left to the shell. FROM expands against the
// global scope. Errors carry the instruction's location.
base::Result<Instruction> expand_instruction(const Instruction& instruction,
                                             const VariableScope& scope);

}  // namespace strata::dockerfile
