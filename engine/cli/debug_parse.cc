#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/base/diagnostic.h"
#include "engine/cli/commands.h"
#include "engine/cli/input_file.h"
#include "engine/cli/report.h"
#include "engine/dockerfile/dump.h"
#include "engine/dockerfile/parser.h"

namespace strata::cli {

void add_debug_parse(CLI::App& parent, int& exit_code) {
  struct Options {
    std::string file;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = parent.add_subcommand(
      "parse", "Print BuildKit's tree dump of a Dockerfile (exit 1 on a parse error)");
  command->add_option("FILE", options->file, "Dockerfile to parse")->required();
  command->add_flag("--json", options->json, "Print the AST as JSON with source ranges");
  command->callback([options, &exit_code] {
    auto text = read_input_file(options->file);
    if (!text) {
      report_error(text.error());
      exit_code = 1;
      return;
    }
    auto ast = dockerfile::parse(*text, options->file);
    if (!ast) {
      report_error(ast.error(), *text);
      exit_code = 1;
      return;
    }
    for (const auto& warning : ast->warnings) {
      report_warning(options->file, warning.range.start.line, warning.short_text);
    }
    std::string out = options->json ? dockerfile::dump_json(*ast) : dockerfile::dump_tree(*ast);
    std::fwrite(out.data(), 1, out.size(), stdout);
    exit_code = 0;
  });
}

}  // namespace strata::cli
