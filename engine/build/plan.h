#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/dockerfile/stages.h"

namespace strata::build {

// One step of a build as BuildKit counts and names it in progress output: FROM, RUN, COPY, ADD
// and WORKDIR are steps ("[2/3] WORKDIR /app"); metadata instructions are not counted.
struct PlannedStep {
  size_t stage = 0;
  const dockerfile::Instruction* instruction = nullptr;
  int number = 0;  // 1-based within the stage; 0 for metadata instructions (not numbered)
  bool operator==(const PlannedStep&) const = default;
};

struct PlannedStage {
  size_t index = 0;
  std::string label;  // "builder", or "stage-1" for an unnamed stage
  int step_count = 0;
  std::vector<size_t> depends_on;  // stages it copies from or builds FROM, in first-use order
  std::vector<PlannedStep> steps;  // FROM first, then every instruction of the stage
};

// The stages the target needs, in an order where every dependency comes first; stages nothing
// needs are left out, as BuildKit leaves them out.
struct Plan {
  std::vector<PlannedStage> stages;
  bool multi_stage = false;  // progress prefixes step numbers with the stage label when true

  // "[2/3]" or "[builder 2/5]".
  std::string step_label(const PlannedStep& step) const;
  const PlannedStage* find(size_t stage_index) const;
};

// `stage_references` resolves `FROM <name>` and `COPY --from=<name|index>` against earlier
// stages (case-insensitive names, numeric indexes); anything else is an image reference.
base::Result<Plan> make_plan(const dockerfile::Dockerfile& dockerfile, std::string_view target);

// The stage a FROM image or --from value names, if it names an earlier stage of `dockerfile`.
std::optional<size_t> stage_reference(const dockerfile::Dockerfile& dockerfile,
                                      std::string_view reference, size_t before_stage);

}  // namespace strata::build
