#include <fmt/format.h>

#include "engine/cli/assignments.h"
#include "engine/cli/commands.h"
#include "engine/cli/report.h"
#include "engine/dockerfile/shell_lexer.h"

namespace strata::cli {

void add_debug_expand(CLI::App& parent, int& exit_code) {
  struct Options {
    std::vector<std::string> env;
    bool words = false;
    std::string word;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      parent.add_subcommand("expand", "Expand one word as BuildKit expands instruction arguments");
  command->add_option("--env", options->env, "NAME=VALUE visible to the expansion (repeatable)")
      ->allow_extra_args(false);
  command->add_flag("--words", options->words, "Print each resulting word on its own line");
  command->add_option("WORD", options->word, "The word to expand")->required();
  command->callback([options, &exit_code] {
    auto env = parse_assignments(options->env, "--env", BareName::empty);
    if (!env) {
      report_error(env.error());
      exit_code = 1;
      return;
    }
    auto result = dockerfile::expand(options->word, *env);
    if (!result) {
      report_error(result.error());
      exit_code = 1;
      return;
    }
    if (options->words) {
      for (const std::string& word : result->words) fmt::print("{}\n", word);
    } else {
      fmt::print("{}\n", result->word);
    }
    exit_code = 0;
  });
}

}  // namespace strata::cli
