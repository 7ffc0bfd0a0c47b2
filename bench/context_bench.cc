#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/context/content_digests.h"
#include "engine/context/context_walker.h"
#include "engine/context/ignore_matcher.h"

namespace {

using strata::context::IgnoreMatcher;

// A .dockerignore of the kind real projects carry: literal names, extensions, directory
// globs, exceptions, and a few classes.
const std::vector<std::string> k_patterns = {
    ".git",
    "**/.git",
    ".gitignore",
    ".dockerignore",
    "*.log",
    "!important.log",
    "**/node_modules",
    "node_modules",
    "docs/**",
    "!docs/README.md",
    "build/",
    "dist",
    "out/**",
    "target",
    "**/*.pyc",
    "**/__pycache__",
    "*.swp",
    "*~",
    "[Tt]emp*",
    "tmp",
    ".idea",
    ".vscode",
    "coverage",
    "**/coverage/**",
    "*.tmp",
    "**/*.o",
    "**/*.a",
    "bin/",
    "obj/",
    "vendor/**/testdata",
    ".env",
    ".env.*",
    "!.env.example",
    "*.md",
    "!README.md",
    "**/.DS_Store",
    "Thumbs.db",
    "*.bak",
    "secrets/",
    "**/*.pem",
    "test/fixtures",
    "**/*_test.go",
    "!src/pkg1/*_test.go",
    "**/.cache",
    "*.[oa]",
    "log?/",
    "npm-debug.log*",
    "yarn-error.log",
    ".terraform",
    "**/.pytest_cache",
};

// Seeded, so every run matches the same tree: mostly source files in nested packages, plus the
// usual heavy directories (node_modules, .git) that dominate real contexts.
std::vector<std::string> make_paths(size_t count) {
  std::mt19937 rng(42);
  auto pick = [&rng](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  static const char* const k_extensions[] = {".go", ".py",  ".js",   ".ts",  ".md", ".log",
                                             ".o",  ".pyc", ".json", ".txt", ".c",  ".h"};
  std::vector<std::string> paths;
  paths.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    std::string path;
    switch (pick(10)) {
      case 0:
      case 1:
        path = "node_modules/pkg" + std::to_string(pick(300)) + "/lib/";
        if (pick(2)) path += "sub" + std::to_string(pick(5)) + "/";
        break;
      case 2:
        path = ".git/objects/" + std::to_string(pick(256)) + "/";
        break;
      case 3:
        path = "docs/section" + std::to_string(pick(20)) + "/";
        break;
      case 4:
        path = "build/out" + std::to_string(pick(4)) + "/";
        break;
      default:
        path = "src/pkg" + std::to_string(pick(40)) + "/";
        for (uint32_t depth = pick(4); depth > 0; --depth) {
          path += "sub" + std::to_string(pick(8)) + "/";
        }
        break;
    }
    path += (pick(20) == 0 ? "Temp_" : "file_") + std::to_string(pick(100));
    path += k_extensions[pick(std::size(k_extensions))];
    paths.push_back(std::move(path));
  }
  return paths;
}

void BM_Context_IgnoreMatch(benchmark::State& state) {
  const std::vector<std::string> paths = make_paths(100'000);
  auto matcher = IgnoreMatcher::create(k_patterns);
  if (!matcher) {
    state.SkipWithError(matcher.error().to_string().c_str());
    return;
  }
  int64_t bytes = 0;
  for (const std::string& path : paths) bytes += static_cast<int64_t>(path.size());
  size_t excluded = 0;
  for (auto _ : state) {
    excluded = 0;
    for (const std::string& path : paths) {
      auto result = matcher->matches(path);
      excluded += result.ok() && *result;
    }
    benchmark::DoNotOptimize(excluded);
  }
  state.counters["excluded_pct"] = 100.0 * static_cast<double>(excluded) / paths.size();
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(paths.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_Context_IgnoreMatch)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

// A seeded source tree of `files` small files (1-16 KiB) in nested directories, made once.
std::filesystem::path context_fixture(int files) {
  namespace fs = std::filesystem;
  fs::path root =
      fs::temp_directory_path() /
      ("strata-bench-context-" + std::to_string(::getuid()) + "-" + std::to_string(files));
  if (fs::exists(root / ".complete")) return root;
  fs::remove_all(root);
  std::mt19937 random(11);
  std::string content;
  for (int i = 0; i < files; ++i) {
    fs::path dir = root / ("pkg" + std::to_string(i % 97)) / ("mod" + std::to_string(i % 13));
    fs::create_directories(dir);
    content.assign(1024 + random() % 15360, static_cast<char>('a' + i % 26));
    std::ofstream(dir / ("file" + std::to_string(i) + ".py"), std::ios::binary) << content;
  }
  std::ofstream(root / ".complete") << "";
  return root;
}

void BM_Context_WalkAndHash(benchmark::State& state) {
  std::filesystem::path root = context_fixture(static_cast<int>(state.range(0)));
  auto ignore = strata::context::IgnoreMatcher::create({"**/*.pyc", ".git", ".complete"});
  uint64_t bytes = 0;
  for (auto _ : state) {
    // A fresh digest cache each time: cold hashing of every file.
    strata::context::ContentDigests digests(root);
    auto entries = strata::context::walk_context(root, *ignore);
    if (!entries) state.SkipWithError("walk failed");
    for (const auto& entry : *entries) {
      if (entry.type != strata::context::ContextEntry::Type::file) continue;
      benchmark::DoNotOptimize(digests.digest(entry));
      bytes += entry.size;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Context_WalkAndHash)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_Context_WalkWarmStatCache(benchmark::State& state) {
  std::filesystem::path root = context_fixture(static_cast<int>(state.range(0)));
  auto ignore = strata::context::IgnoreMatcher::create({"**/*.pyc", ".git", ".complete"});
  strata::context::ContentDigests digests(root);
  for (auto _ : state) {
    auto entries = strata::context::walk_context(root, *ignore);
    for (const auto& entry : *entries) {
      if (entry.type == strata::context::ContextEntry::Type::file) {
        benchmark::DoNotOptimize(digests.digest(entry));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Context_WalkWarmStatCache)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
