// strata images / strata image ls: docker's `images` table and --format fields.
#include <fmt/format.h>

#include <map>
#include <optional>

#include "engine/cli/commands.h"
#include "engine/cli/docker_units.h"
#include "engine/cli/list_format.h"
#include "engine/cli/local_store.h"
#include "engine/cli/path_match.h"
#include "engine/image/reference.h"
#include "engine/image/timestamp.h"

namespace strata::cli {

namespace {

struct ImagesOptions {
  std::string reference;
  std::string format;
  std::vector<std::string> filters;
  bool quiet = false;
  bool all = false;
  bool no_trunc = false;
  bool digests = false;
};

const ListKind k_images = {"*formatter.imageContext",
                           {{"Containers", "CONTAINERS"},
                            {"CreatedAt", "CREATED AT"},
                            {"CreatedSince", "CREATED"},
                            {"Digest", "DIGEST"},
                            {"ID", "IMAGE ID"},
                            {"Repository", "REPOSITORY"},
                            {"SharedSize", "SHARED SIZE"},
                            {"Size", "SIZE"},
                            {"Tag", "TAG"},
                            {"UniqueSize", "UNIQUE SIZE"},
                            {"VirtualSize", "SIZE"}}};

// docker's reference.FamiliarMatch: the pattern against "repo:tag", then against "repo".
bool reference_matches(const std::vector<std::string>& patterns, const image::Reference& ref) {
  for (const std::string& pattern : patterns) {
    if (path_match(pattern, ref.familiar_name()) ||
        path_match(pattern, ref.familiar_repository())) {
      return true;
    }
  }
  return false;
}

std::string image_format(const ImagesOptions& options) {
  std::string format = options.format.empty() ? "table" : options.format;
  if (format != "table") return format;
  if (options.quiet) return "{{.ID}}";
  if (options.digests) {
    return "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
  }
  return "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
}

int run_images(const ImagesOptions& options) {
  std::optional<bool> dangling;
  std::vector<std::string> patterns;
  if (!options.reference.empty()) patterns.push_back(options.reference);
  for (const std::string& filter : options.filters) {
    size_t eq = filter.find('=');
    std::string key = filter.substr(0, eq);
    std::string value = eq == std::string::npos ? "" : filter.substr(eq + 1);
    if (key == "dangling" && (value == "true" || value == "1")) {
      dangling = true;
    } else if (key == "dangling" && (value == "false" || value == "0")) {
      dangling = false;
    } else if (key == "reference" && !value.empty()) {
      patterns.push_back(value);
    } else {
      return fail(fmt::format("Error: invalid filter '{}'", filter));
    }
  }
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto images = (*local)->images.list();
  if (!images) return fail(images.error());
  int64_t now = now_unix_nanos();
  std::vector<ListRow> rows;
  for (const image::StoredImage& image : *images) {
    // Tags by familiar repository, as docker groups them.
    std::map<std::string, std::vector<std::string>> repositories;
    for (const std::string& tag : image.tags) {
      auto ref = image::parse_reference(tag);
      if (!ref || (!patterns.empty() && !reference_matches(patterns, *ref))) continue;
      repositories[ref->familiar_repository()].push_back(ref->tag);
    }
    if (!patterns.empty() && repositories.empty()) continue;
    if (dangling && *dangling != image.tags.empty()) continue;
    int64_t created =
        image::parse_rfc3339(image.config.created).value_or(image::UnixTime{}).seconds;
    double bytes = static_cast<double>(image.size);
    ListRow common = {
        {"Containers", "N/A"},
        {"CreatedAt", go_local_time_string(created)},
        {"CreatedSince", created_since(created, now)},
        {"Digest", "<none>"},
        {"ID", options.no_trunc ? image.id.to_string() : truncate_id(image.id.to_string())},
        {"SharedSize", "N/A"},
        {"Size", human_size(bytes, 3)},
        {"UniqueSize", "N/A"},
        {"VirtualSize", human_size(bytes)},  // docker: units.HumanSize, precision 4
    };
    auto add_row = [&](const std::string& repository, const std::string& tag) {
      ListRow row = common;
      row.emplace_back("Repository", repository);
      row.emplace_back("Tag", tag);
      rows.push_back(std::move(row));
    };
    if (image.tags.empty()) add_row("<none>", "<none>");
    for (const auto& [repository, tags] : repositories) {
      for (const std::string& tag : tags) add_row(repository, tag);
    }
  }
  auto out = render_list(image_format(options), k_images, rows);
  if (!out) return fail(out.error().message);
  std::fwrite(out->data(), 1, out->size(), stdout);
  return 0;
}

void define_images(CLI::App& parent, const std::string& name, int& exit_code) {
  auto options = std::make_shared<ImagesOptions>();
  CLI::App* command = parent.add_subcommand(name, "List images");
  command->add_option("REPOSITORY[:TAG]", options->reference, "Show images of this reference");
  command->add_flag("-a,--all", options->all, "Show all images (strata keeps no intermediates)");
  command->add_flag("--digests", options->digests, "Show digests");
  command->add_option("-f,--filter", options->filters, "Filter output (dangling=, reference=)")
      ->allow_extra_args(false);
  command->add_option("--format", options->format, "Pretty-print images using a Go template");
  command->add_flag("--no-trunc", options->no_trunc, "Don't truncate output");
  command->add_flag("-q,--quiet", options->quiet, "Only show image IDs");
  command->callback([options, &exit_code] { exit_code = run_images(*options); });
  if (name == "ls") command->alias("list");
}

}  // namespace

void add_image_list(CLI::App& app, CLI::App& image, int& exit_code) {
  define_images(app, "images", exit_code);
  define_images(image, "ls", exit_code);
}

}  // namespace strata::cli
