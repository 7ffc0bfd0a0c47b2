// strata import: a rootfs tarball becomes a one-layer image (docker import).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/build/steps/metadata.h"
#include "engine/cli/commands.h"
#include "engine/cli/local_store.h"
#include "engine/cli/stdio_stream.h"
#include "engine/dockerfile/parser.h"
#include "engine/dockerfile/variable_scope.h"
#include "engine/image/image_import.h"

namespace strata::cli {

namespace {

struct ImportOptions {
  std::string file;
  std::string reference;
  std::vector<std::string> changes;
  std::string message;
  std::string platform;
};

// docker's BuildFromConfig: the changes are one Dockerfile, each line applied in order as a
// build would, with no variables in scope; only instructions that set config are allowed.
base::Status apply_changes(const std::vector<std::string>& changes, image::ImageConfig& config) {
  if (changes.empty()) return {};
  std::string text;
  for (const std::string& change : changes) text += change + "\n";
  auto ast = dockerfile::parse(text, "--change");
  if (!ast) return std::move(ast).error();
  auto scope = dockerfile::VariableScope::global({}, {});
  if (!scope) return std::move(scope).error();
  static const std::vector<std::string> k_allowed = {
      "cmd",     "entrypoint", "env",  "expose", "healthcheck", "label",
      "onbuild", "stopsignal", "user", "volume", "workdir"};
  build::MetadataState state;
  for (const dockerfile::Node& node : ast->instructions) {
    std::string keyword = node.keyword;
    std::transform(keyword.begin(), keyword.end(), keyword.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(k_allowed.begin(), k_allowed.end(), keyword) == k_allowed.end()) {
      return base::make_error(base::ErrorCode::invalid_argument,
                              fmt::format("{} is not a valid change command", keyword));
    }
    auto typed = dockerfile::type_instruction(node, text);
    if (!typed) return std::move(typed).error();
    auto expanded = dockerfile::expand_instruction(*typed, *scope);
    if (!expanded) return std::move(expanded).error();
    if (base::Status applied = build::apply_metadata(*expanded, config, state); !applied) {
      return applied;
    }
  }
  return {};
}

int run_import(const ImportOptions& options) {
  if (options.file.starts_with("http://") || options.file.starts_with("https://")) {
    return fail("Error: strata import reads files and standard input, not URLs");
  }
  image::ImageConfig changed;
  if (base::Status status = apply_changes(options.changes, changed); !status) {
    return fail(status.error());
  }
  image::ImportOptions import;
  import.config = changed.config;
  if (!options.message.empty()) import.message = options.message;
  if (!options.platform.empty()) {
    size_t slash = options.platform.find('/');
    import.os = options.platform.substr(0, slash);
    if (slash != std::string::npos) import.architecture = options.platform.substr(slash + 1);
  }
  auto input = open_input(options.file);
  if (!input) return fail(input.error());
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto imported = image::import_rootfs((*local)->images, (*local)->blobs, **input, import);
  if (!imported) return fail(imported.error());
  if (!options.reference.empty()) {
    base::Status tagged = (*local)->images.tag(*imported, options.reference);
    if (!tagged) return fail(tagged.error());
  }
  fmt::print("{}\n", imported->id.to_string());
  return 0;
}

void define_import(CLI::App& parent, int& exit_code) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* command = parent.add_subcommand(
      "import", "Import the contents from a tarball to create a filesystem image");
  command->add_option("file", options->file, "Tarball (plain, gzip or zstd), or - for STDIN")
      ->required();
  command->add_option("REPOSITORY[:TAG]", options->reference, "Tag for the new image");
  command->add_option("-c,--change", options->changes, "Apply Dockerfile instruction to the image")
      ->allow_extra_args(false);
  command->add_option("-m,--message", options->message, "Set commit message for imported image");
  command->add_option("--platform", options->platform, "Set platform (os[/arch])");
  command->callback([options, &exit_code] { exit_code = run_import(*options); });
}

}  // namespace

void add_image_import(CLI::App& app, CLI::App& image, int& exit_code) {
  define_import(app, exit_code);
  define_import(image, exit_code);
}

}  // namespace strata::cli
