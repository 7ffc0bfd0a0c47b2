#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/build/events.h"
#include "engine/cache/cache_index.h"
#include "engine/dockerfile/shell_lexer.h"
#include "engine/image/image_store.h"
#include "engine/store/blob_store.h"

namespace strata::build {

struct BuildOptions {
  std::filesystem::path context_dir;
  std::filesystem::path dockerfile;  // empty: <context>/Dockerfile
  std::vector<std::string> tags;
  dockerfile::Environment build_args;
  std::string target;
  bool no_cache = false;
};

struct BuildResult {
  image::StoredImage image;
  int steps = 0;         // numbered steps run or reused
  int cached_steps = 0;  // reused from the build cache
  std::vector<std::string> warnings;
};

// Builds a Dockerfile into an image in the store, with BuildKit's semantics for everything but
// RUN (which needs the sandbox): FROM scratch / an image in the store / an earlier stage, COPY
// and ADD from the context, WORKDIR, and every metadata instruction; content-keyed build cache.
// Progress goes to `events`; errors carry the Dockerfile location.
class Builder {
 public:
  Builder(store::BlobStore& blobs, image::ImageStore& images, cache::CacheIndex& cache,
          EventSink& events)
      : m_blobs(blobs), m_images(images), m_cache(cache), m_events(events) {}

  base::Result<BuildResult> build(const BuildOptions& options);

 private:
  store::BlobStore& m_blobs;
  image::ImageStore& m_images;
  cache::CacheIndex& m_cache;
  EventSink& m_events;
};

}  // namespace strata::build
