// strata tag, strata rmi / image rm, strata image prune.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "engine/cli/commands.h"
#include "engine/cli/docker_units.h"
#include "engine/cli/local_store.h"

namespace strata::cli {

namespace {

struct TagOptions {
  std::string source;
  std::string target;
};

int run_tag(const TagOptions& options) {
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto found = (*local)->images.resolve(options.source);
  if (!found) return fail(found.error());
  base::Status tagged = (*local)->images.tag(*found, options.target);
  if (!tagged) return fail(tagged.error());
  return 0;
}

struct RmiOptions {
  std::vector<std::string> names;
  bool force = false;
  bool no_prune = false;
};

// docker rmi: lines as each image goes; errors after. With -f, images that do not exist are
// reported but do not fail the command.
int run_rmi(const RmiOptions& options) {
  auto local = open_local_store();
  if (!local) return fail(local.error());
  std::vector<std::string> errors;
  bool fatal = false;
  for (const std::string& name : options.names) {
    auto removed = (*local)->images.remove(name, options.force);
    if (!removed) {
      fatal = fatal || removed.error().code != base::ErrorCode::not_found;
      errors.push_back("Error: " + removed.error().to_string());
      continue;
    }
    for (const std::string& line : *removed) fmt::print("{}\n", line);
  }
  for (const std::string& error : errors) print_error(error);
  return !errors.empty() && (!options.force || fatal) ? 1 : 0;
}

struct PruneOptions {
  bool all = false;
  bool force = false;
};

int run_prune(const PruneOptions& options) {
  if (!options.force) {
    fmt::print("{}\nAre you sure you want to continue? [y/N] ",
               options.all ? "WARNING! This will remove all images without at least one container "
                             "associated to them."
                           : "WARNING! This will remove all dangling images.");
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y") {
      fmt::print("Total reclaimed space: 0B\n");
      return 0;
    }
  }
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto report = (*local)->images.prune_images(options.all);
  if (!report) return fail(report.error());
  if (!report->removals.empty()) {
    std::string out = "Deleted Images:\n";
    for (const image::Removal& removal : report->removals) {
      out += (removal.kind == image::Removal::Kind::untagged ? "untagged: " : "deleted: ") +
             removal.text + "\n";
    }
    fmt::print("{}\n", out);
  }
  fmt::print("Total reclaimed space: {}\n", human_size(static_cast<double>(report->reclaimed)));
  return 0;
}

void define_rmi(CLI::App& parent, const std::string& name, int& exit_code) {
  auto options = std::make_shared<RmiOptions>();
  CLI::App* command = parent.add_subcommand(name, "Remove one or more images");
  command->add_option("IMAGE", options->names, "Images (name, ID or ID prefix)")->required();
  command->add_flag("-f,--force", options->force, "Force removal of the image");
  command->add_flag("--no-prune", options->no_prune, "Accepted for docker compatibility");
  command->callback([options, &exit_code] { exit_code = run_rmi(*options); });
  if (name == "rm") command->alias("remove");
}

void define_tag(CLI::App& parent, int& exit_code) {
  auto options = std::make_shared<TagOptions>();
  CLI::App* command =
      parent.add_subcommand("tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE");
  command->add_option("SOURCE_IMAGE", options->source, "Image to tag")->required();
  command->add_option("TARGET_IMAGE", options->target, "New reference")->required();
  command->callback([options, &exit_code] { exit_code = run_tag(*options); });
}

}  // namespace

void add_image_remove(CLI::App& app, CLI::App& image, int& exit_code) {
  define_tag(app, exit_code);
  define_tag(image, exit_code);
  define_rmi(app, "rmi", exit_code);
  define_rmi(image, "rm", exit_code);
  auto prune = std::make_shared<PruneOptions>();
  CLI::App* command = image.add_subcommand("prune", "Remove unused images");
  command->add_flag("-a,--all", prune->all, "Remove all unused images, not just dangling ones");
  command->add_flag("-f,--force", prune->force, "Do not prompt for confirmation");
  command->callback([prune, &exit_code] { exit_code = run_prune(*prune); });
}

}  // namespace strata::cli
