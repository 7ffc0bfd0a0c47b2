// strata history / strata image history (cli/command/image/history.go, formatter/history.go).
#include <fmt/format.h>

#include <algorithm>

#include "engine/cli/commands.h"
#include "engine/cli/docker_units.h"
#include "engine/cli/list_format.h"
#include "engine/cli/local_store.h"
#include "engine/image/timestamp.h"

namespace strata::cli {

namespace {

struct HistoryOptions {
  std::string name;
  std::string format;
  bool human = true;
  bool no_trunc = false;
  bool quiet = false;
};

const ListKind k_history = {"*formatter.historyContext",
                            {{"Comment", "COMMENT"},
                             {"CreatedAt", "CREATED AT"},
                             {"CreatedBy", "CREATED BY"},
                             {"CreatedSince", "CREATED"},
                             {"ID", "IMAGE"},
                             {"Size", "SIZE"}}};

std::string history_format(const HistoryOptions& options) {
  std::string format = options.format.empty() ? "table" : options.format;
  if (format != "table") return format;
  if (options.quiet) return "{{.ID}}";
  if (!options.human) {
    return "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
  }
  return "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
}

int run_history(const HistoryOptions& options) {
  auto local = open_local_store();
  if (!local) return fail(local.error());
  auto found = (*local)->images.resolve(options.name);
  if (!found) return fail(found.error());
  // The daemon's ImageHistory: each non-empty entry takes the next layer; the newest entry
  // carries the image ID, the rest "<missing>" (strata images have no parent chain).
  std::vector<ListRow> rows;
  size_t layer = 0;
  int64_t now = now_unix_nanos();
  for (const image::HistoryEntry& entry : found->config.history) {
    uint64_t size = 0;
    if (!entry.empty_layer) {
      if (layer >= found->layers.size()) {
        return fail("Error: too many non-empty layers in History section");
      }
      auto blob_size = (*local)->blobs.size(found->layers[layer++]);
      if (!blob_size) return fail(blob_size.error());
      size = *blob_size;
    }
    int64_t created = image::parse_rfc3339(entry.created).value_or(image::UnixTime{}).seconds;
    std::string created_by = entry.created_by;
    std::replace(created_by.begin(), created_by.end(), '\t', ' ');
    rows.push_back({
        {"Comment", entry.comment},
        {"CreatedAt", go_local_rfc3339(created)},
        {"CreatedBy", options.no_trunc ? created_by : ellipsis(created_by, 45)},
        {"CreatedSince", options.human ? created_since(created, now) : go_local_rfc3339(created)},
        {"ID", "<missing>"},
        {"Size", options.human ? human_size(static_cast<double>(size), 3) : std::to_string(size)},
    });
  }
  std::reverse(rows.begin(), rows.end());
  if (!rows.empty()) {
    std::string id = found->id.to_string();
    for (auto& [field, value] : rows.front()) {
      if (field == "ID") value = options.no_trunc ? id : truncate_id(id);
    }
  }
  auto out = render_list(history_format(options), k_history, rows);
  if (!out) return fail(out.error().message);
  std::fwrite(out->data(), 1, out->size(), stdout);
  return 0;
}

void define_history(CLI::App& parent, const std::string& name, int& exit_code) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* command = parent.add_subcommand(name, "Show the history of an image");
  command->add_option("IMAGE", options->name, "Image (name, ID or ID prefix)")->required();
  command->add_option("--format", options->format, "Pretty-print history using a Go template");
  command->add_flag("-H,--human{true}", options->human,
                    "Print sizes and dates in human readable format (default true)");
  command->add_flag("--no-trunc", options->no_trunc, "Don't truncate output");
  command->add_flag("-q,--quiet", options->quiet, "Only show image IDs");
  command->callback([options, &exit_code] { exit_code = run_history(*options); });
}

}  // namespace

void add_image_history(CLI::App& app, CLI::App& image, int& exit_code) {
  define_history(app, "history", exit_code);
  define_history(image, "history", exit_code);
}

}  // namespace strata::cli
