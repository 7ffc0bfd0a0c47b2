#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include "engine/layer/apply.h"
#include "engine/layer/compression.h"
#include "engine/layer/tar_writer.h"
#include "engine/layer/tree_walker.h"

namespace {

namespace fs = std::filesystem;
using strata::layer::LayerEntry;

// Fixtures live under /tmp and are made once per version: a changed generator gets a new name.
const fs::path k_fixture_root = "/tmp/strata-layer-bench-v1";
constexpr size_t k_tree_files = 10'000;
constexpr uint64_t k_large_file_size = 256ull << 20;

// Counts and drops: the figures are the layer code's, not a disk's.
class DiscardSink final : public strata::layer::Sink {
 public:
  strata::base::Status write(std::span<const uint8_t> data) override {
    m_size += data.size();
    return {};
  }
  uint64_t size() const { return m_size; }

 private:
  uint64_t m_size = 0;
};

// Text that compresses like source code: identifiers, keywords and punctuation.
std::string make_text(std::mt19937& rng, size_t size) {
  static const char* const k_words[] = {
      "def ",    "return ", "import ", "self.", "value", "config", "if ",  "else:\n",
      "    ",    "(",       ")",       ": ",    "\n",    "const ", "let ", "function ",
      "=> ",     "{",       "}",       "null",  "true",  "false",  "err",  "ctx",
      "request", "handler", "string",  "int64", "for ",  "in ",    "# ",   "TODO",
  };
  std::string text;
  text.reserve(size + 16);
  while (text.size() < size) text += k_words[rng() % std::size(k_words)];
  text.resize(size);
  return text;
}

std::string make_binary(std::mt19937& rng, size_t size) {
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(rng());
  return bytes;
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A seeded tree shaped like an application image layer: packages of nested source files (log-
// normal sizes around 2 KiB, a tail into hundreds of KiB), some binaries, ~64 MiB in all.
const fs::path& tree_fixture() {
  static const fs::path tree = [] {
    fs::path root = k_fixture_root / "tree";
    fs::path done = k_fixture_root / "tree.complete";
    if (fs::exists(done)) return root;
    std::error_code ignored;
    fs::remove_all(root, ignored);
    std::mt19937 rng(42);
    std::lognormal_distribution<double> sizes(7.9, 1.3);
    static const char* const k_extensions[] = {".py", ".js", ".json", ".md", ".txt", ".h", ".c"};
    for (size_t i = 0; i < k_tree_files; ++i) {
      std::string dir = "app/pkg" + std::to_string(rng() % 60) + "/";
      for (uint32_t depth = rng() % 4; depth > 0; --depth)
        dir += "sub" + std::to_string(rng() % 6) + "/";
      size_t size = std::min<size_t>(static_cast<size_t>(sizes(rng)), 512 * 1024);
      bool binary = rng() % 8 == 0;
      std::string name = "f" + std::to_string(i) + (binary ? ".so" : k_extensions[rng() % 7]);
      write_bytes(root / dir / name, binary ? make_binary(rng, size) : make_text(rng, size));
    }
    std::ofstream(done) << "ok\n";
    return root;
  }();
  return tree;
}

const fs::path& large_file_fixture() {
  static const fs::path file = [] {
    fs::path path = k_fixture_root / "large/blob.bin";
    if (fs::exists(path) && fs::file_size(path) == k_large_file_size) return path;
    std::mt19937 rng(7);
    std::string block = make_binary(rng, 1 << 20);
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    for (uint64_t written = 0; written < k_large_file_size; written += block.size()) {
      block[written % block.size()] ^= 1;  // no two blocks alike
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
    return path;
  }();
  return file;
}

// The tree's layer, in memory: the ~64 MiB "realistic tar" the codec benchmarks use.
const std::vector<uint8_t>& tree_tar() {
  static const std::vector<uint8_t> tar = [] {
    strata::layer::MemorySink sink;
    auto entries = strata::layer::entries_from_tree(tree_fixture());
    if (entries) (void)strata::layer::write_layer(*entries, sink);
    return sink.take();
  }();
  return tar;
}

void BM_Layer_WriteTree10kFiles(benchmark::State& state) {
  const fs::path& root = tree_fixture();
  tree_tar();  // a first pass, so every timed one finds the tree in the page cache
  uint64_t bytes = 0;
  for (auto _ : state) {
    auto entries = strata::layer::entries_from_tree(root);
    DiscardSink sink;
    auto digests = entries ? strata::layer::write_layer(*entries, sink)
                           : strata::base::Result<strata::layer::LayerDigests>(entries.error());
    if (!digests) {
      state.SkipWithError(digests.error().to_string().c_str());
      return;
    }
    bytes = digests->size;
  }
  state.counters["tar_MiB"] = static_cast<double>(bytes) / (1 << 20);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(k_tree_files));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Layer_WriteTree10kFiles)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Layer_WriteOneLargeFile(benchmark::State& state) {
  std::vector<LayerEntry> entries = {
      LayerEntry::host_file("blob.bin", large_file_fixture(), k_large_file_size)};
  DiscardSink warm_up;
  (void)strata::layer::write_layer(entries, warm_up);  // into the page cache
  for (auto _ : state) {
    DiscardSink sink;
    auto digests = strata::layer::write_layer(entries, sink);
    if (!digests) {
      state.SkipWithError(digests.error().to_string().c_str());
      return;
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(k_large_file_size));
}
BENCHMARK(BM_Layer_WriteOneLargeFile)->Unit(benchmark::kMillisecond)->UseRealTime();

void run_compress(benchmark::State& state, strata::layer::Compression compression) {
  const std::vector<uint8_t>& tar = tree_tar();
  uint64_t compressed = 0;
  for (auto _ : state) {
    strata::layer::MemorySource source(tar);
    DiscardSink sink;
    auto digests =
        strata::layer::compress(source, sink, compression, static_cast<int>(state.range(0)));
    if (!digests) {
      state.SkipWithError(digests.error().to_string().c_str());
      return;
    }
    compressed = digests->size;
  }
  state.counters["ratio"] = static_cast<double>(tar.size()) / static_cast<double>(compressed);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(tar.size()));
}

void BM_Layer_Gzip(benchmark::State& state) {
  run_compress(state, strata::layer::Compression::gzip);
}
BENCHMARK(BM_Layer_Gzip)->Arg(1)->Arg(6)->Unit(benchmark::kMillisecond);

void BM_Layer_Zstd(benchmark::State& state) {
  run_compress(state, strata::layer::Compression::zstd);
}
BENCHMARK(BM_Layer_Zstd)->Arg(3)->Arg(9)->Unit(benchmark::kMillisecond);

// Decompression is what every pull and load pays; measured on the blobs the levels above make.
void run_decompress(benchmark::State& state, strata::layer::Compression compression) {
  const std::vector<uint8_t>& tar = tree_tar();
  strata::layer::MemorySource plain(tar);
  strata::layer::MemorySink blob;
  if (!strata::layer::compress(plain, blob, compression, static_cast<int>(state.range(0)))) {
    state.SkipWithError("compress failed");
    return;
  }
  for (auto _ : state) {
    strata::layer::MemorySource source(blob.bytes());
    DiscardSink sink;
    if (!strata::layer::decompress(source, sink)) {
      state.SkipWithError("decompress failed");
      return;
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(tar.size()));
}

void BM_Layer_Gunzip(benchmark::State& state) {
  run_decompress(state, strata::layer::Compression::gzip);
}
BENCHMARK(BM_Layer_Gunzip)->Arg(6)->Unit(benchmark::kMillisecond);

void BM_Layer_Unzstd(benchmark::State& state) {
  run_decompress(state, strata::layer::Compression::zstd);
}
BENCHMARK(BM_Layer_Unzstd)->Arg(3)->Unit(benchmark::kMillisecond);

void BM_Layer_Apply10kFiles(benchmark::State& state) {
  const std::vector<uint8_t>& tar = tree_tar();
  fs::path target = k_fixture_root / "apply-target";
  std::error_code ignored;
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(target, ignored);
    fs::create_directories(target);
    state.ResumeTiming();
    strata::layer::MemorySource source(tar);
    auto report = strata::layer::apply_layer(source, target);
    if (!report) {
      state.SkipWithError(report.error().to_string().c_str());
      return;
    }
  }
  fs::remove_all(target, ignored);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(k_tree_files));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(tar.size()));
}
BENCHMARK(BM_Layer_Apply10kFiles)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
