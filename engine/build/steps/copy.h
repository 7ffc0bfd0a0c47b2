#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engine/base/result.h"
#include "engine/build/fs_view.h"
#include "engine/cache/cache_key.h"
#include "engine/context/content_digests.h"
#include "engine/context/context_walker.h"
#include "engine/dockerfile/instructions.h"
#include "engine/layer/layer_entry.h"

namespace strata::build {

// What a COPY/ADD from the build context puts in its layer, and the cache-key inputs that
// describe it: every file's path, type, mode, owner and content digest (never its mtime).
struct CopyPlan {
  std::vector<layer::LayerEntry> entries;
  std::vector<cache::KeyComponent> key_components;
};

struct CopyInputs {
  const dockerfile::CopyInstruction& copy;  // expanded
  std::string working_dir;                  // absolute; relative destinations start here
  const std::filesystem::path& context_root;
  const std::vector<context::ContextEntry>& context;  // after .dockerignore, walk order
  context::ContentDigests& digests;
  const FsView& parent;  // the image's filesystem before this step
};

// BuildKit's COPY rules: a directory source copies its contents; a destination ending in '/',
// or any COPY of several sources or a wildcard, is a directory; otherwise a file source lands
// at the destination path itself unless that is an existing directory. Sources are relative to
// the context; one that is missing, matches nothing, or leaves the context is an error.
base::Result<CopyPlan> plan_copy(const CopyInputs& inputs);

}  // namespace strata::build
