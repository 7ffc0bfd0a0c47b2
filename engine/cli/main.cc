#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/cli/commands.h"

namespace {

constexpr int k_usage_error = 2;

// Output that could not be written (a full disk, a closed pipe) is a failure, not success.
bool stdout_ok() {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
  std::fprintf(stderr, "strata: error writing output: %s\n", std::strerror(errno));
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "strata: a daemonless Dockerfile builder and a harness that proves how builders behave"};
  app.require_subcommand(1);
  int exit_code = 0;

  strata::cli::add_build(app, exit_code);
  CLI::App* image = app.add_subcommand("image", "Manage images");
  image->require_subcommand(1);
  strata::cli::add_image_list(app, *image, exit_code);
  strata::cli::add_image_inspect(app, *image, exit_code);
  strata::cli::add_image_history(app, *image, exit_code);
  strata::cli::add_image_remove(app, *image, exit_code);
  strata::cli::add_image_archive(app, *image, exit_code);
  strata::cli::add_image_import(app, *image, exit_code);

  CLI::App* debug = app.add_subcommand("debug", "Front-end probes: parse, expand, ignore, stages");
  debug->require_subcommand(1);
  strata::cli::add_debug_parse(*debug, exit_code);
  strata::cli::add_debug_expand(*debug, exit_code);
  strata::cli::add_debug_ignore(*debug, exit_code);
  strata::cli::add_debug_stages(*debug, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int status = app.exit(error);
    if (status == 0 && !stdout_ok()) return 1;
    return status == 0 ? 0 : k_usage_error;
  }
  if (!stdout_ok()) return 1;
  return exit_code;
}
