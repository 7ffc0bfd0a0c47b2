#include <fmt/format.h>

#include "engine/base/diagnostic.h"
#include "engine/cli/assignments.h"
#include "engine/cli/commands.h"
#include "engine/cli/input_file.h"
#include "engine/cli/report.h"
#include "engine/dockerfile/format.h"
#include "engine/dockerfile/stages.h"
#include "engine/dockerfile/variable_scope.h"

namespace strata::cli {

namespace {

struct StagesOptions {
  std::string file;
  std::vector<std::string> build_args;
  std::string target;
};

// Prints every stage the target needs, each instruction typed and expanded as the builder
// will see it; an error anywhere prints a diagnostic and exits 1.
int run_debug_stages(const StagesOptions& options) {
  auto text = read_input_file(options.file);
  if (!text) {
    report_error(text.error());
    return 1;
  }
  auto fail = [&](const base::Error& error) {
    report_error(error, *text);
    return 1;
  };
  auto dockerfile = dockerfile::load_dockerfile(*text, options.file);
  if (!dockerfile) return fail(dockerfile.error());
  auto build_args =
      parse_assignments(options.build_args, "--build-arg", BareName::from_environment);
  if (!build_args) return fail(build_args.error());
  for (const auto& warning : dockerfile->ast.warnings) {
    report_warning(options.file, warning.range.start.line, warning.short_text);
  }
  auto target = dockerfile->target_stage(options.target);
  if (!target) return fail(target.error());
  auto global = dockerfile::VariableScope::global(dockerfile->global_args, *build_args);
  if (!global) return fail(global.error());
  for (const auto& arg : dockerfile->global_args) {
    fmt::print("global {}\n", dockerfile::format_instruction(arg));
  }
  for (size_t index = 0; index <= *target; ++index) {
    const dockerfile::Stage& stage = dockerfile->stages[index];
    auto from = dockerfile::expand_instruction(stage.from, *global);
    if (!from) return fail(from.error());
    fmt::print("stage {}{}: {}:{} {}\n", stage.index,
               stage.name.empty() ? "" : " (" + stage.name + ")", options.file,
               stage.from.range.start.line, dockerfile::format_instruction(*from));
    dockerfile::VariableScope scope = global->enter_stage({});
    for (const dockerfile::Instruction& instruction : stage.commands) {
      auto expanded = dockerfile::expand_instruction(instruction, scope);
      if (!expanded) return fail(expanded.error());
      if (auto* arg = std::get_if<dockerfile::ArgInstruction>(&expanded->body)) scope.declare(*arg);
      if (auto* env = std::get_if<dockerfile::EnvInstruction>(&expanded->body)) {
        scope.set_env(*env);
      }
      fmt::print("  {}:{} {}\n", options.file, instruction.range.start.line,
                 dockerfile::format_instruction(*expanded));
    }
  }
  if (auto unused = global->unconsumed_build_args(); !unused.empty()) {
    std::string names;
    for (const std::string& name : unused) names += (names.empty() ? "" : " ") + name;
    fmt::print(stderr, "strata: warning: one or more build-args [{}] were not consumed\n", names);
  }
  return 0;
}

}  // namespace

void add_debug_stages(CLI::App& parent, int& exit_code) {
  auto options = std::make_shared<StagesOptions>();
  CLI::App* command = parent.add_subcommand(
      "stages", "Type-check a Dockerfile and print its stages with ARG/ENV expanded");
  command->add_option("FILE", options->file, "Dockerfile")->required();
  command->add_option("--build-arg", options->build_args, "NAME=VALUE build argument")
      ->allow_extra_args(false);
  command->add_option("--target", options->target, "Stop at this stage");
  command->callback([options, &exit_code] { exit_code = run_debug_stages(*options); });
}

}  // namespace strata::cli
