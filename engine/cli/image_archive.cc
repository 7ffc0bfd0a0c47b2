// strata save / strata load (and their `image` forms).
#include <fmt/format.h>
#include <unistd.h>

#include "engine/cli/commands.h"
#include "engine/cli/local_store.h"
#include "engine/cli/stdio_stream.h"
#include "engine/image/docker_archive.h"

namespace strata::cli {

namespace {

struct SaveOptions {
  std::vector<std::string> names;
  std::string output;
  std::string format = "docker";
};

int run_save(const SaveOptions& options) {
  image::ArchiveFormat format = image::ArchiveFormat::docker;
  if (options.format == "oci") {
    format = image::ArchiveFormat::oci;
  } else if (options.format != "docker") {
    return fail(
        fmt::format("Error: unknown archive format \"{}\" (docker or oci)", options.format));
  }
  if (options.output.empty() && ::isatty(STDOUT_FILENO)) {
    return fail("cowardly refusing to save to a terminal. Use the -o flag or redirect");
  }
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto plan = image::plan_export((*local)->images, options.names);
  if (!plan) return fail(plan.error());
  if (options.output.empty()) {
    std::fflush(stdout);
    FdSink out(STDOUT_FILENO, "stdout");
    base::Status saved = image::save_images((*local)->blobs, *plan, format, out);
    return saved ? 0 : fail(saved.error());
  }
  auto file = AtomicFileSink::create(options.output);
  if (!file) return fail(file.error());
  base::Status saved = image::save_images((*local)->blobs, *plan, format, **file);
  if (saved) saved = (*file)->commit();
  return saved ? 0 : fail(saved.error());
}

struct LoadOptions {
  std::string input;
  bool quiet = false;
};

int run_load(const LoadOptions& options) {
  if (options.input.empty() && ::isatty(STDIN_FILENO)) {
    return fail("requested load from stdin, but stdin is empty");
  }
  auto input = open_input(options.input);
  if (!input) return fail(input.error());
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto report = image::load_images((*local)->images, (*local)->blobs, **input);
  if (!report) return fail(report.error());
  for (const std::string& line : report->lines) fmt::print("{}\n", line);
  return 0;
}

void define_save(CLI::App& parent, int& exit_code) {
  auto options = std::make_shared<SaveOptions>();
  CLI::App* command = parent.add_subcommand(
      "save", "Save one or more images to a tar archive (streamed to STDOUT by default)");
  command->add_option("IMAGE", options->names, "Images (name, repository, ID)")->required();
  command->add_option("-o,--output", options->output, "Write to a file, instead of STDOUT");
  command->add_option("--format", options->format, "docker (docker save layout) or oci");
  command->callback([options, &exit_code] { exit_code = run_save(*options); });
}

void define_load(CLI::App& parent, int& exit_code) {
  auto options = std::make_shared<LoadOptions>();
  CLI::App* command = parent.add_subcommand("load", "Load an image from a tar archive or STDIN");
  command->add_option("-i,--input", options->input, "Read from tar archive file, instead of STDIN");
  command->add_flag("-q,--quiet", options->quiet, "Suppress the load output (there is none)");
  command->callback([options, &exit_code] { exit_code = run_load(*options); });
}

}  // namespace

void add_image_archive(CLI::App& app, CLI::App& image, int& exit_code) {
  define_save(app, exit_code);
  define_save(image, exit_code);
  define_load(app, exit_code);
  define_load(image, exit_code);
}

}  // namespace strata::cli
