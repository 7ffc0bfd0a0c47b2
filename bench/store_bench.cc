#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <stdlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "engine/base/digest.h"
#include "engine/store/blob_store.h"
#include "engine/store/store_layout.h"

namespace {

using strata::base::Digest;
using strata::store::BlobStore;
using strata::store::StoreLayout;

constexpr int64_t k_kib = 1024;
constexpr int64_t k_mib = 1024 * 1024;

// Incompressible, seeded: what layer tarballs look like to a hash.
std::string random_buffer(size_t size) {
  std::mt19937_64 random(42);
  std::string bytes(size, '\0');
  for (size_t i = 0; i + 8 <= size; i += 8) {
    uint64_t word = random();
    std::memcpy(bytes.data() + i, &word, 8);
  }
  return bytes;
}

// The store's hash (base::Digest, OpenSSL EVP underneath).
void BM_Store_Sha256(benchmark::State& state) {
  std::string buffer = random_buffer(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Digest::of(buffer));
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Store_Sha256)->Arg(k_kib)->Arg(k_mib)->Arg(64 * k_mib);

// OpenSSL's one-shot EVP_Digest on the same buffer: the machine's limit.
void BM_Store_RawOpenSslSha256(benchmark::State& state) {
  std::string buffer = random_buffer(static_cast<size_t>(state.range(0)));
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  for (auto _ : state) {
    EVP_Digest(buffer.data(), buffer.size(), out, &length, EVP_sha256(), nullptr);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Store_RawOpenSslSha256)->Arg(k_kib)->Arg(k_mib)->Arg(64 * k_mib);

// A throwaway store under TMPDIR (or /tmp), removed when the benchmark ends.
class BenchStore {
 public:
  BenchStore() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/strata-bench-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) m_dir = pattern;
  }
  ~BenchStore() {
    std::error_code ignored;
    if (!m_dir.empty()) std::filesystem::remove_all(m_dir, ignored);
  }
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
};

// A new blob each iteration (hash, staged write, fsync, rename, directory fsync); the blob is
// removed outside the timing so the disk does not fill.
void BM_Store_PutBlob(benchmark::State& state) {
  BenchStore temp;
  auto layout = StoreLayout::open(temp.dir());
  if (!layout) {
    state.SkipWithError(layout.error().to_string().c_str());
    return;
  }
  BlobStore blobs(*layout);
  std::string buffer = random_buffer(static_cast<size_t>(state.range(0)));
  uint64_t counter = 0;
  for (auto _ : state) {
    ++counter;
    std::memcpy(buffer.data(), &counter, sizeof counter);  // distinct content, distinct blob
    auto digest = blobs.put(buffer);
    if (!digest) {
      state.SkipWithError(digest.error().to_string().c_str());
      break;
    }
    state.PauseTiming();
    (void)blobs.remove(*digest);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Store_PutBlob)
    ->Arg(k_mib)
    ->Arg(64 * k_mib)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();  // fsync waits on the disk, not the CPU

// Putting content that is already stored: hash plus one stat.
void BM_Store_PutExistingBlob(benchmark::State& state) {
  BenchStore temp;
  auto layout = StoreLayout::open(temp.dir());
  if (!layout) {
    state.SkipWithError(layout.error().to_string().c_str());
    return;
  }
  BlobStore blobs(*layout);
  std::string buffer = random_buffer(static_cast<size_t>(state.range(0)));
  if (!blobs.put(buffer)) {
    state.SkipWithError("first put failed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(blobs.put(buffer));
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Store_PutExistingBlob)->Arg(k_mib);

// A verified read (read() re-hashes): what trusting nothing on disk costs.
void BM_Store_ReadBlob(benchmark::State& state) {
  BenchStore temp;
  auto layout = StoreLayout::open(temp.dir());
  if (!layout) {
    state.SkipWithError(layout.error().to_string().c_str());
    return;
  }
  BlobStore blobs(*layout);
  auto digest = blobs.put(random_buffer(static_cast<size_t>(state.range(0))));
  if (!digest) {
    state.SkipWithError("put failed");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(blobs.read(*digest));
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Store_ReadBlob)
    ->Arg(k_mib)
    ->Arg(64 * k_mib)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
