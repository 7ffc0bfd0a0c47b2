#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "engine/dockerfile/parser.h"
#include "engine/dockerfile/shell_lexer.h"
#include "engine/dockerfile/stages.h"

namespace {

// A seeded, realistic Dockerfile of about `lines` physical lines: multi-stage, continuations,
// comments, JSON and shell forms, ENV/LABEL chains, heredocs.
std::string make_dockerfile(int lines) {
  std::mt19937 random(42);
  std::string text = "# syntax=docker/dockerfile:1\nARG BASE=debian:bookworm-slim\n";
  int written = 2;
  int stage = 0;
  while (written < lines) {
    text += "FROM ${BASE} AS stage" + std::to_string(stage++) + "\n";
    text += "WORKDIR /src/app\nENV PATH=/usr/local/bin:$PATH LANG=C.UTF-8 APP_HOME=/src/app\n";
    text += "LABEL org.opencontainers.image.title=\"demo\" version=\"1.0.0\"\n";
    text +=
        "RUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n"
        "        curl git ca-certificates && \\\n    rm -rf /var/lib/apt/lists/*\n";
    text += "# copy dependency manifests first for caching\n";
    text += "COPY --chown=1000:1000 package.json package-lock.json ./\n";
    text += "RUN <<EOF\nset -eux\nnpm ci --omit=dev\nEOF\n";
    text += "COPY . .\nEXPOSE 8080 9090/udp\nUSER 1000:1000\n";
    text +=
        "HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/ || exit 1\n";
    text += "CMD [\"node\", \"server.js\", \"--port\", \"" + std::to_string(random() % 65535) +
            "\"]\n\n";
    written += 21;
  }
  return text;
}

void BM_Dockerfile_Parse(benchmark::State& state) {
  std::string text = make_dockerfile(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto ast = strata::dockerfile::parse(text);
    if (!ast) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(ast);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["lines"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_Dockerfile_Parse)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_Dockerfile_LoadStages(benchmark::State& state) {
  std::string text = make_dockerfile(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto dockerfile = strata::dockerfile::load_dockerfile(text);
    if (!dockerfile) state.SkipWithError("load failed");
    benchmark::DoNotOptimize(dockerfile);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Dockerfile_LoadStages)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_Dockerfile_ExpandWord(benchmark::State& state) {
  strata::dockerfile::Environment env{{"VERSION", "1.2.3"},
                                      {"TARGETOS", "linux"},
                                      {"TARGETARCH", "amd64"},
                                      {"APP", "archive.tar.gz"}};
  const std::string word =
      "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}/"
      "${APP%%.*}/\"$HOME quoted\"";
  for (auto _ : state) {
    auto expanded = strata::dockerfile::expand(word, env);
    benchmark::DoNotOptimize(expanded);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Dockerfile_ExpandWord);

}  // namespace
