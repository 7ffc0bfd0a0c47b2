// strata image inspect / strata inspect: docker's indented JSON array, or a Go template per
// image (cli/command/inspect/inspector.go).
#include <fmt/format.h>

#include "engine/cli/commands.h"
#include "engine/cli/local_store.h"
#include "engine/image/go_json.h"
#include "engine/image/go_json_indent.h"
#include "engine/image/inspect_template.h"

namespace strata::cli {

namespace {

// docker's exit status for a template that does not parse.
constexpr int k_template_parse_status = 64;

struct InspectOptions {
  std::vector<std::string> names;
  std::string format;
  std::string type;
  bool generic = false;  // `strata inspect`: docker says "object" where `image inspect` says image
};

int run_inspect(const InspectOptions& options) {
  if (!options.type.empty() && options.type != "image") {
    return fail(fmt::format("Error: strata inspects images only, not type \"{}\"", options.type));
  }
  std::optional<image::Template> tmpl;
  if (!options.format.empty() && options.format != "json") {
    auto parsed = image::Template::parse(options.format);
    if (!parsed) {
      print_error("template parsing error: " + image::go_error_text(parsed.error()));
      return k_template_parse_status;
    }
    tmpl = std::move(*parsed);
  }
  auto local = open_local_store();
  if (!local) return fail(local.error());
  std::vector<std::string> errors;
  std::vector<std::string> elements;
  std::string templated;
  for (const std::string& name : options.names) {
    auto found = (*local)->images.resolve(name);
    if (!found) {
      if (found.error().code == base::ErrorCode::not_found) {
        errors.push_back(
            fmt::format("Error: No such {}: {}", options.generic ? "object" : "image", name));
      } else {
        errors.push_back("Error: " + found.error().to_string());
      }
      continue;
    }
    image::ImageRecord record = (*local)->images.record(*found);
    if (!tmpl) {
      elements.push_back(image::go_json(image::inspect_json(record)));
      continue;
    }
    auto text = image::format_inspect(*tmpl, record);
    if (!text) {
      errors.push_back("template parsing error: " + image::go_error_text(text.error()));
      continue;
    }
    templated += *text + "\n";
  }
  std::string out;
  if (tmpl) {
    out = templated.empty() ? "\n" : templated;
  } else if (elements.empty()) {
    out = "[]\n";
  } else {
    std::string array = "[";
    for (size_t i = 0; i < elements.size(); ++i) array += (i ? "," : "") + elements[i];
    array += "]";
    out = (options.format == "json" ? array : image::go_json_indent(array)) + "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  for (const std::string& error : errors) print_error(error);
  return errors.empty() ? 0 : 1;
}

void define_inspect(CLI::App& parent, const std::string& name, bool generic, int& exit_code) {
  auto options = std::make_shared<InspectOptions>();
  options->generic = generic;
  CLI::App* command =
      parent.add_subcommand(name, generic ? "Return low-level information on images"
                                          : "Display detailed information on one or more images");
  command->add_option("NAME", options->names, "Images (name, ID or ID prefix)")->required();
  command->add_option("-f,--format", options->format, "Format output using a Go template");
  if (generic) command->add_option("--type", options->type, "Only \"image\" is supported");
  command->callback([options, &exit_code] { exit_code = run_inspect(*options); });
}

}  // namespace

void add_image_inspect(CLI::App& app, CLI::App& image, int& exit_code) {
  define_inspect(app, "inspect", true, exit_code);
  define_inspect(image, "inspect", false, exit_code);
}

}  // namespace strata::cli
