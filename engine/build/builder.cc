#include "engine/build/builder.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/build/fs_view.h"
#include "engine/build/plan.h"
#include "engine/build/steps/copy.h"
#include "engine/build/steps/metadata.h"
#include "engine/context/content_digests.h"
#include "engine/context/context_walker.h"
#include "engine/context/ignore_file.h"
#include "engine/dockerfile/format.h"
#include "engine/dockerfile/stages.h"
#include "engine/dockerfile/variable_scope.h"
#include "engine/image/blob_streams.h"
#include "engine/layer/tar_reader.h"
#include "engine/layer/tar_writer.h"

namespace strata::build {

namespace {

using base::Error;
using base::ErrorCode;
using base::Result;
using Clock = std::chrono::steady_clock;
using image::BlobSink;
using image::BlobSource;

std::string now_rfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Error at(const dockerfile::Instruction& instruction, const Error& error) {
  if (error.range) return error;
  return base::make_error(error.code, error.message, instruction.range);
}

std::string read_text(const std::filesystem::path& path, bool& found) {
  std::ifstream in(path, std::ios::binary);
  found = static_cast<bool>(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs one build: shared state for every stage.
class Run {
 public:
  Run(store::BlobStore& blobs, image::ImageStore& images, cache::CacheIndex& cache,
      EventSink& events, const BuildOptions& options)
      : m_blobs(blobs), m_images(images), m_cache(cache), m_events(events), m_options(options) {}

  Result<BuildResult> execute();

 private:
  struct Stage {
    image::ImageConfig config;
    FsView view;
    std::string chain;  // cache key of the last filesystem step ("parent" of the next)
  };

  int start_vertex(const std::string& name, const dockerfile::Instruction* instruction = nullptr) {
    BuildEvent event;
    event.kind = BuildEvent::Kind::started;
    event.vertex = ++m_vertex;
    event.name = name;
    if (instruction) event.source = instruction->range;
    m_events.on_event(event);
    return event.vertex;
  }
  void finish_vertex(int vertex, Clock::time_point start,
                     BuildEvent::Kind kind = BuildEvent::Kind::done) {
    BuildEvent event;
    event.kind = kind;
    event.vertex = vertex;
    event.seconds = seconds_since(start);
    m_events.on_event(event);
  }

  Result<Stage> base_stage(const PlannedStage& planned, const dockerfile::Dockerfile& dockerfile,
                           const dockerfile::VariableScope& global);
  base::Status load_layers(Stage& stage, const std::vector<base::Digest>& layers);
  base::Status filesystem_step(Stage& stage, const Plan& plan, const PlannedStep& step,
                               const dockerfile::Instruction& expanded,
                               std::vector<layer::LayerEntry> entries,
                               std::vector<cache::KeyComponent> key_inputs);

  store::BlobStore& m_blobs;
  image::ImageStore& m_images;
  cache::CacheIndex& m_cache;
  EventSink& m_events;
  const BuildOptions& m_options;
  std::map<size_t, image::StoredImage> m_stage_images;
  std::vector<context::ContextEntry> m_context;
  std::unique_ptr<context::ContentDigests> m_digests;
  std::string m_created = now_rfc3339();
  int m_vertex = 0;
  BuildResult m_result;
};

base::Status Run::load_layers(Stage& stage, const std::vector<base::Digest>& layers) {
  for (const base::Digest& digest : layers) {
    auto reader = m_blobs.open(digest);
    if (!reader) return std::move(reader).error();
    BlobSource source(std::move(*reader));
    auto entries = layer::list_layer(source);
    if (!entries) return std::move(entries).error();
    stage.view.apply(*entries);
  }
  return {};
}

Result<Run::Stage> Run::base_stage(const PlannedStage& planned,
                                   const dockerfile::Dockerfile& dockerfile,
                                   const dockerfile::VariableScope& global) {
  const dockerfile::Instruction& from = dockerfile.stages[planned.index].from;
  auto expanded = dockerfile::expand_instruction(from, global);
  if (!expanded) return std::move(expanded).error();
  const auto& image_name = std::get<dockerfile::FromInstruction>(expanded->body).image;
  Stage stage;
  if (image_name == "scratch") {
    stage.config.architecture = "amd64";
    stage.config.os = "linux";
    stage.chain = "scratch";
    return stage;
  }
  image::StoredImage base;
  if (auto earlier = stage_reference(dockerfile, image_name, planned.index)) {
    base = m_stage_images.at(*earlier);
  } else {
    auto found = m_images.resolve(image_name);
    if (!found) {
      return base::make_error(ErrorCode::not_found,
                              fmt::format("base image {} is not in the store (strata cannot pull "
                                          "yet: load or import it first)",
                                          image_name),
                              from.range);
    }
    base = std::move(*found);
  }
  stage.config = base.config;
  stage.chain = "image:" + base.id.to_string();
  if (auto loaded = load_layers(stage, base.layers); !loaded) return std::move(loaded).error();
  return stage;
}

base::Status Run::filesystem_step(Stage& stage, const Plan& plan, const PlannedStep& step,
                                  const dockerfile::Instruction& expanded,
                                  std::vector<layer::LayerEntry> entries,
                                  std::vector<cache::KeyComponent> key_inputs) {
  auto started = Clock::now();
  std::string text = dockerfile::format_instruction(expanded);
  int vertex = start_vertex(plan.step_label(step) + " " + text, step.instruction);
  cache::KeyBuilder key_builder("strata.step.v1");
  key_builder.add("parent", stage.chain).add("instruction", text).add("platform", "linux/amd64");
  for (const auto& component : key_inputs) key_builder.add(component.name, component.value);
  cache::CacheKey key = key_builder.build();

  BuildEvent event;
  event.vertex = vertex;
  event.instruction = text;
  event.source = expanded.range;
  event.cache_key = key.digest.to_string();
  std::optional<base::Digest> layer_digest;
  uint64_t layer_size = 0;
  bool cached = false;
  if (const cache::CacheEntry* hit = m_options.no_cache ? nullptr : m_cache.lookup(key.digest)) {
    auto result = nlohmann::json::parse(hit->result, nullptr, false);
    if (result.is_object() && result["layer"].is_string()) {
      auto digest = base::Digest::parse(result["layer"].get<std::string>());
      if (digest && m_blobs.contains(*digest)) {
        layer_digest = *digest;
        layer_size = result.value("size", uint64_t{0});
        cached = true;
      }
    } else if (result.is_object() && result["layer"].is_null()) {
      cached = true;
    }
  }
  if (!cached) {
    event.miss_reasons = m_options.no_cache ? std::vector<std::string>{"--no-cache"}
                                            : cache::explain_miss(m_cache, key);
    if (!entries.empty()) {
      auto writer = m_blobs.writer();
      if (!writer) return std::move(writer).error();
      BlobSink sink(*writer);
      auto written = layer::write_layer(entries, sink);
      if (!written) return at(expanded, written.error());
      auto committed = writer->commit(written->diff_id);
      if (!committed) return std::move(committed).error();
      layer_digest = written->diff_id;
      layer_size = written->size;
    }
    nlohmann::json result = {{"layer", layer_digest ? nlohmann::json(layer_digest->to_string())
                                                    : nlohmann::json(nullptr)},
                             {"size", layer_size}};
    if (auto stored = m_cache.insert(
            {key.digest, key.preimage, result.dump(), static_cast<int64_t>(std::time(nullptr))});
        !stored) {
      return stored;
    }
  }
  if (layer_digest) {
    auto reader = m_blobs.open(*layer_digest);
    if (!reader) return std::move(reader).error();
    BlobSource source(std::move(*reader));
    auto listed = layer::list_layer(source);
    if (!listed) return std::move(listed).error();
    stage.view.apply(*listed);
    stage.config.rootfs.diff_ids.push_back(*layer_digest);
  }
  stage.config.history.push_back(history_entry(expanded, stage.config, !layer_digest, m_created));
  stage.chain = key.digest.to_string();
  ++m_result.steps;
  if (cached) ++m_result.cached_steps;
  event.kind = cached ? BuildEvent::Kind::cached : BuildEvent::Kind::done;
  event.seconds = seconds_since(started);
  event.layer_diff_id = layer_digest;
  event.layer_size = layer_size;
  m_events.on_event(event);
  return {};
}

Result<BuildResult> Run::execute() {
  auto started = Clock::now();
  std::filesystem::path dockerfile_path =
      m_options.dockerfile.empty() ? m_options.context_dir / "Dockerfile" : m_options.dockerfile;
  int vertex =
      start_vertex("[internal] load build definition from " + dockerfile_path.filename().string());
  bool found = false;
  std::string text = read_text(dockerfile_path, found);
  if (!found) {
    return base::make_error(
        ErrorCode::not_found,
        fmt::format("failed to read dockerfile: open {}: no such file", dockerfile_path.string()));
  }
  auto dockerfile = dockerfile::load_dockerfile(text, dockerfile_path.filename().string());
  if (!dockerfile) return std::move(dockerfile).error();
  finish_vertex(vertex, started);

  vertex = start_vertex("[internal] load .dockerignore");
  bool has_ignore = false;
  std::string ignore_text = read_text(m_options.context_dir / ".dockerignore", has_ignore);
  auto ignore = context::load_ignore_file(ignore_text, ".dockerignore");
  if (!ignore) return std::move(ignore).error();
  finish_vertex(vertex, started);

  auto plan = make_plan(*dockerfile, m_options.target);
  if (!plan) return std::move(plan).error();
  auto global = dockerfile::VariableScope::global(dockerfile->global_args, m_options.build_args);
  if (!global) return std::move(global).error();

  vertex = start_vertex("[internal] load build context");
  auto walked = context::walk_context(m_options.context_dir, *ignore);
  if (!walked) return std::move(walked).error();
  m_context = std::move(*walked);
  m_digests = std::make_unique<context::ContentDigests>(m_options.context_dir);
  finish_vertex(vertex, started);

  for (const PlannedStage& planned : plan->stages) {
    const auto& source_stage = dockerfile->stages[planned.index];
    int from_vertex =
        start_vertex(plan->step_label(planned.steps.front()) + " " + source_stage.from.original,
                     &source_stage.from);
    auto base = base_stage(planned, *dockerfile, *global);
    if (!base) return std::move(base).error();
    finish_vertex(from_vertex, started);
    Stage stage = std::move(*base);
    stage.config.created = m_created;
    dockerfile::VariableScope scope = global->enter_stage({});
    MetadataState metadata;
    for (size_t i = 1; i < planned.steps.size(); ++i) {
      const PlannedStep& step = planned.steps[i];
      const dockerfile::Instruction& instruction = *step.instruction;
      auto expanded = dockerfile::expand_instruction(instruction, scope);
      if (!expanded) return std::move(expanded).error();
      if (auto* arg = std::get_if<dockerfile::ArgInstruction>(&expanded->body)) scope.declare(*arg);
      if (auto* env = std::get_if<dockerfile::EnvInstruction>(&expanded->body)) scope.set_env(*env);
      if (std::holds_alternative<dockerfile::RunInstruction>(expanded->body)) {
        return base::make_error(ErrorCode::unsupported,
                                "RUN is not supported yet (it needs the sandbox)",
                                instruction.range);
      }
      if (auto* copy = std::get_if<dockerfile::CopyInstruction>(&expanded->body)) {
        auto copy_plan = plan_copy(
            {*copy, stage.config.config.working_dir.empty() ? "/" : stage.config.config.working_dir,
             m_options.context_dir, m_context, *m_digests, stage.view});
        if (!copy_plan) return at(instruction, copy_plan.error());
        if (auto done =
                filesystem_step(stage, *plan, step, *expanded, std::move(copy_plan->entries),
                                std::move(copy_plan->key_components));
            !done) {
          return at(instruction, done.error());
        }
        continue;
      }
      if (auto applied = apply_metadata(*expanded, stage.config, metadata); !applied) {
        return at(instruction, applied.error());
      }
      if (std::holds_alternative<dockerfile::WorkdirInstruction>(expanded->body)) {
        // WORKDIR creates the directory (and its parents) when the image lacks it.
        std::vector<layer::LayerEntry> created;
        std::string path = layer_path_of(stage.config.config.working_dir);
        std::string prefix;
        for (size_t start = 0; start <= path.size() && !path.empty();) {
          size_t slash = path.find('/', start);
          prefix = path.substr(0, slash);
          if (!stage.view.exists(prefix))
            created.push_back(layer::LayerEntry::directory(prefix, 0755));
          if (slash == std::string::npos) break;
          start = slash + 1;
        }
        if (auto done = filesystem_step(stage, *plan, step, *expanded, std::move(created),
                                        {{"workdir", stage.config.config.working_dir}});
            !done) {
          return at(instruction, done.error());
        }
        continue;
      }
      stage.config.history.push_back(history_entry(*expanded, stage.config, true, m_created));
    }
    auto committed = m_images.commit(stage.config);
    if (!committed) return std::move(committed).error();
    m_stage_images[planned.index] = std::move(*committed);
  }

  vertex = start_vertex("exporting to image");
  image::StoredImage result = m_stage_images.at(plan->stages.back().index);
  for (const std::string& tag : m_options.tags) {
    if (auto tagged = m_images.tag(result, tag); !tagged) return std::move(tagged).error();
    BuildEvent naming;
    naming.kind = BuildEvent::Kind::status;
    naming.vertex = vertex;
    naming.text = "naming to " + tag + " done";
    m_events.on_event(naming);
  }
  finish_vertex(vertex, started);
  for (const std::string& unused : global->unconsumed_build_args()) {
    m_result.warnings.push_back(fmt::format("build-arg {} was not consumed", unused));
  }
  m_result.image = std::move(result);
  return std::move(m_result);
}

}  // namespace

base::Result<BuildResult> Builder::build(const BuildOptions& options) {
  return Run(m_blobs, m_images, m_cache, m_events, options).execute();
}

}  // namespace strata::build
