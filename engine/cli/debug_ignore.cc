#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/input_file.h"
#include "engine/cli/report.h"
#include "engine/context/ignore_file.h"
#include "engine/context/ignore_matcher.h"

namespace strata::cli {

void add_debug_ignore(CLI::App& parent, int& exit_code) {
  struct Options {
    std::string patterns_file;
    std::vector<std::string> paths;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = parent.add_subcommand(
      "ignore", "Print match or nomatch for each PATH against a .dockerignore (exit 1 on error)");
  command->add_option("--patterns", options->patterns_file, "The .dockerignore file to read")
      ->required();
  command->add_option("PATH", options->paths, "Paths relative to the context root")->required();
  command->callback([options, &exit_code] {
    auto text = read_input_file(options->patterns_file);
    auto fail = [&](const base::Error& error) {
      report_error(error, text ? std::string_view(*text) : std::string_view());
      exit_code = 1;
    };
    if (!text) return fail(text.error());
    auto matcher = context::load_ignore_file(*text, options->patterns_file);
    if (!matcher) return fail(matcher.error());
    for (const std::string& path : options->paths) {
      auto excluded = matcher->matches(path);
      // A pattern that only fails when reached (a reversed range) stops here, as a build would.
      if (!excluded) return fail(excluded.error());
      fmt::print("{}\n", *excluded ? "match" : "nomatch");
    }
    exit_code = 0;
  });
}

}  // namespace strata::cli
