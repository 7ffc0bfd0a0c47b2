#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "engine/image/image_config.h"
#include "engine/image/inspect.h"
#include "engine/image/inspect_template.h"
#include "engine/image/reference.h"
#include "engine/image/template.h"

namespace {

using strata::image::ImageConfig;
using strata::image::ImageRecord;
using strata::image::Template;

std::string hex_digest(std::mt19937& rng) {
  static const char k_hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (int i = 0; i < 64; ++i) out += k_hex[rng() % 16];
  return out;
}

// A seeded config of the size real application images have: a Debian-based python image with
// 12 layers, 30 history entries (metadata instructions among them), 15 env vars, 20 labels.
ImageConfig realistic_config() {
  std::mt19937 rng(7);
  ImageConfig config;
  config.architecture = "amd64";
  config.os = "linux";
  config.created = "2024-05-01T10:00:00.123456789Z";
  std::vector<std::string> env = {
      "PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
      "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D", "PYTHON_VERSION=3.11.9",
      "PYTHON_PIP_VERSION=24.0"};
  for (int i = 0; i < 10; ++i)
    env.push_back("APP_SETTING_" + std::to_string(i) + "=value-" + std::to_string(rng() % 1000));
  config.config.env = env;
  config.config.cmd = std::vector<std::string>{"gunicorn", "--bind", "0.0.0.0:8080", "app:app"};
  config.config.working_dir = "/app";
  config.config.user = "app";
  config.config.exposed_ports = std::set<std::string>{"8080/tcp", "9090/tcp"};
  std::map<std::string, std::string> labels;
  for (int i = 0; i < 20; ++i) {
    labels["org.example.label" + std::to_string(i)] = "value " + std::to_string(rng() % 100000);
  }
  labels["version"] = "1.0";
  config.config.labels = labels;
  for (int i = 0; i < 12; ++i) {
    config.rootfs.diff_ids.push_back(strata::base::Digest::parse(hex_digest(rng)).value());
  }
  for (int i = 0; i < 30; ++i) {
    strata::image::HistoryEntry entry;
    entry.created = "2024-05-01T10:00:0" + std::to_string(i % 10) + "Z";
    bool layer = i % 5 < 2;
    entry.created_by =
        layer ? "RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends "
                "curl ca-certificates && rm -rf /var/lib/apt/lists/* # buildkit"
              : "ENV APP_SETTING_" + std::to_string(i) + "=value";
    entry.comment = "buildkit.dockerfile.v0";
    entry.empty_layer = !layer;
    config.history.push_back(entry);
  }
  return config;
}

void BM_Image_ConfigRoundTrip(benchmark::State& state) {
  const std::string text = strata::image::to_canonical_json(realistic_config());
  for (auto _ : state) {
    auto config = strata::image::parse_image_config(text);
    std::string again = strata::image::to_canonical_json(*config);
    benchmark::DoNotOptimize(again);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_Image_ConfigRoundTrip);

ImageRecord realistic_record() {
  ImageRecord record;
  record.config = realistic_config();
  record.id = strata::image::image_id(record.config);
  record.repo_tags = {"hello-app:1.0", "hello-app:latest",
                      "registry.example.com/team/hello-app:1.0"};
  record.size = 187'654'321;
  record.last_tag_time = "2024-05-01T10:00:01.5Z";
  return record;
}

// The kind of --format scripts use: ID, tags, a label, ports as JSON, env, layers. (.ID, the
// typed field; .Id would take docker's slower raw-JSON fallback.)
constexpr std::string_view k_format =
    "{{.ID}} {{join .RepoTags \",\"}} v={{.Config.Labels.version}} {{json .Config.ExposedPorts}} "
    "{{len .Config.Env}} {{range $i, $l := .RootFS.Layers}}{{if $i}},{{end}}{{truncate $l "
    "19}}{{end}} "
    "{{.Size}} {{with .Config.Healthcheck}}{{.Test}}{{else}}none{{end}} {{.Config.Env}}";

void BM_Image_TemplateExecute(benchmark::State& state) {
  auto format = Template::parse(k_format);
  const strata::image::TemplateValue data =
      strata::image::inspect_template_value(strata::image::inspect_json(realistic_record()));
  if (auto check = format->execute(data); !check) {
    state.SkipWithError(check.error().to_string().c_str());
    return;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    auto out = format->execute(data);
    bytes = out->size();
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Image_TemplateExecute);

// All of `docker image inspect --format` after the store lookup: parse the format, build the
// inspect JSON and the typed value, execute.
void BM_Image_FormatInspect(benchmark::State& state) {
  const ImageRecord record = realistic_record();
  for (auto _ : state) {
    auto format = Template::parse(k_format);
    auto out = strata::image::format_inspect(*format, record);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_Image_FormatInspect);

void BM_Image_ParseReference(benchmark::State& state) {
  const std::string names[] = {"hello-app:1.0", "python:3.11-slim",
                               "registry.example.com:5000/team/app:v2",
                               "ghcr.io/org/project/service@sha256:" + std::string(64, 'a')};
  for (auto _ : state) {
    for (const std::string& name : names) {
      auto reference = strata::image::parse_image_name(name);
      benchmark::DoNotOptimize(reference);
    }
  }
  state.SetItemsProcessed(state.iterations() * 4);
}
BENCHMARK(BM_Image_ParseReference);

}  // namespace
