#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "engine/cache/cache_index.h"

namespace {

namespace fs = std::filesystem;
using strata::cache::CacheEntry;
using strata::cache::CacheIndex;
using strata::cache::CacheKey;
using strata::cache::KeyBuilder;

// A COPY step's key as the builder will make it: parent, instruction, args, per-file digests.
CacheKey copy_key(int step, int files) {
  KeyBuilder builder("strata.step.copy");
  builder.add("parent", strata::base::Digest::of(std::to_string(step)))
      .add("instruction", "COPY --chown=1000:1000 src/ /app/src/")
      .add("platform", "linux/amd64")
      .add("arg:VERSION", "1.0.0");
  for (int i = 0; i < files; ++i) {
    builder.add("source:src/file" + std::to_string(i) + ".py",
                strata::base::Digest::of(std::to_string(step * 1000 + i)));
  }
  return builder.build();
}

// Only the key: the input digests (file contents, parent) are computed before timing.
void BM_Cache_KeyBuild(benchmark::State& state) {
  int files = static_cast<int>(state.range(0));
  std::string parent = strata::base::Digest::of("parent").to_string();
  std::vector<std::pair<std::string, std::string>> sources;
  for (int i = 0; i < files; ++i) {
    sources.emplace_back("source:src/file" + std::to_string(i) + ".py",
                         strata::base::Digest::of(std::to_string(i)).to_string());
  }
  for (auto _ : state) {
    KeyBuilder builder("strata.step.copy");
    builder.add("parent", parent)
        .add("instruction", "COPY --chown=1000:1000 src/ /app/src/")
        .add("platform", "linux/amd64")
        .add("arg:VERSION", "1.0.0");
    for (const auto& [name, digest] : sources) builder.add(name, digest);
    benchmark::DoNotOptimize(builder.build());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Cache_KeyBuild)->Arg(1)->Arg(20);

// An index file with `entries` records, made once per size.
fs::path index_fixture(int entries) {
  fs::path file =
      fs::temp_directory_path() /
      ("strata-bench-cache-" + std::to_string(::getuid()) + "-" + std::to_string(entries)) /
      "index";
  if (fs::exists(file)) return file;
  fs::remove_all(file.parent_path());
  auto index = CacheIndex::open(file);
  for (int i = 0; i < entries && index.ok(); ++i) {
    CacheKey key = copy_key(i, 3);
    if (!index->insert({key.digest, key.preimage, "{\"layer\":\"sha256:...\"}", i}).ok()) break;
  }
  return file;
}

void BM_Cache_LoadCold(benchmark::State& state) {
  fs::path file = index_fixture(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto index = CacheIndex::open(file);
    if (!index.ok() || index->size() != static_cast<size_t>(state.range(0))) {
      state.SkipWithError("fixture index is incomplete");
    }
    benchmark::DoNotOptimize(index);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Cache_LoadCold)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_Cache_LookupWarm(benchmark::State& state) {
  int entries = static_cast<int>(state.range(0));
  auto index = CacheIndex::open(index_fixture(entries));
  std::vector<strata::base::Digest> keys;
  std::mt19937 random(7);
  for (int i = 0; i < 1024; ++i)
    keys.push_back(copy_key(static_cast<int>(random() % entries), 3).digest);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(index->lookup(keys[i++ & 1023]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Cache_LookupWarm)->Arg(100'000);

}  // namespace
