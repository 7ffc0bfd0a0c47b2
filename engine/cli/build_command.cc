#include <fmt/format.h>

#include <fstream>

#include "engine/build/builder.h"
#include "engine/build/progress.h"
#include "engine/cache/cache_index.h"
#include "engine/cli/assignments.h"
#include "engine/cli/commands.h"
#include "engine/cli/input_file.h"
#include "engine/cli/local_store.h"
#include "engine/cli/report.h"

namespace strata::cli {

namespace {

struct BuildCommandOptions {
  std::string context;
  std::string file;
  std::vector<std::string> tags;
  std::vector<std::string> build_args;
  std::string target;
  bool no_cache = false;
  std::string progress = "auto";
  std::string iidfile;
  std::string network = "host";
  bool force_rm = false;
  std::string pull = "never";
};

int run_build(const BuildCommandOptions& options) {
  auto build_args =
      parse_assignments(options.build_args, "--build-arg", BareName::from_environment);
  if (!build_args) {
    report_error(build_args.error());
    return 1;
  }
  auto local = open_local_store();
  if (!local) {
    report_error(local.error());
    return 1;
  }
  auto cache = cache::CacheIndex::open((*local)->layout.root() / "cache" / "index");
  if (!cache) {
    report_error(cache.error());
    return 1;
  }
  std::unique_ptr<build::EventSink> progress;
  if (options.progress == "json") {
    progress = std::make_unique<build::JsonProgress>(stderr);
  } else {
    // `auto` and `tty` render the plain view until the live view lands.
    progress = std::make_unique<build::PlainProgress>(stderr);
  }
  build::BuildOptions build_options;
  build_options.context_dir = options.context;
  build_options.dockerfile = options.file;
  build_options.tags = options.tags;
  build_options.build_args = *build_args;
  build_options.target = options.target;
  build_options.no_cache = options.no_cache;
  build::Builder builder((*local)->blobs, (*local)->images, *cache, *progress);
  auto result = builder.build(build_options);
  if (!result) {
    std::string source;
    if (result.error().range) {
      std::string dockerfile =
          options.file.empty() ? options.context + "/Dockerfile" : options.file;
      if (auto text = read_input_file(dockerfile)) source = *text;
    }
    report_error(result.error(), source);
    return 1;
  }
  for (const std::string& warning : result->warnings) {
    fmt::print(stderr, "strata: warning: {}\n", warning);
  }
  if (!options.iidfile.empty()) {
    std::ofstream(options.iidfile) << result->image.id.to_string();
  }
  fmt::print(stderr, "writing image {} done\n", result->image.id.to_string());
  return 0;
}

}  // namespace

void add_build(CLI::App& parent, int& exit_code) {
  auto options = std::make_shared<BuildCommandOptions>();
  CLI::App* command = parent.add_subcommand("build", "Build an image from a Dockerfile");
  command->add_option("CONTEXT", options->context, "Build context directory")->required();
  command->add_option("-t,--tag", options->tags, "Name and optionally a tag (name:tag)")
      ->allow_extra_args(false);
  command->add_option("-f,--file", options->file, "Name of the Dockerfile");
  command->add_option("--build-arg", options->build_args, "Set build-time variables")
      ->allow_extra_args(false);
  command->add_option("--target", options->target, "Set the target build stage to build");
  command->add_flag("--no-cache", options->no_cache, "Do not use cache when building the image");
  command->add_option("--progress", options->progress, "auto, plain, tty or json")
      ->check(CLI::IsMember({"auto", "plain", "tty", "json"}));
  command->add_option("--iidfile", options->iidfile, "Write the image ID to the file");
  command->add_option("--network", options->network, "Networking mode for RUN")
      ->check(CLI::IsMember({"host", "none", "default"}));
  command->add_flag("--force-rm", options->force_rm, "Always remove intermediate containers");
  command->add_option("--pull", options->pull, "Pull policy (only never: no registry here)")
      ->check(CLI::IsMember({"never", "false"}));
  command->callback([options, &exit_code] { exit_code = run_build(*options); });
}

}  // namespace strata::cli
