#include "engine/build/plan.h"

#include <fmt/format.h>

#include <charconv>
#include <functional>
#include <set>

#include "engine/dockerfile/text.h"

namespace strata::build {

namespace {

bool is_numbered(const dockerfile::Instruction& instruction) {
  const std::string& k = instruction.keyword;
  return k == "FROM" || k == "RUN" || k == "COPY" || k == "ADD" || k == "WORKDIR";
}

// Stages `stage` uses, in the order it first uses them. Stage references are resolved on the
// unexpanded words, which is what BuildKit resolves for the common case of a literal name.
std::vector<size_t> dependencies(const dockerfile::Dockerfile& dockerfile, size_t stage) {
  std::vector<size_t> found;
  auto add = [&](std::string_view reference) {
    auto target = stage_reference(dockerfile, reference, stage);
    if (target && std::find(found.begin(), found.end(), *target) == found.end()) {
      found.push_back(*target);
    }
  };
  const auto& from = std::get<dockerfile::FromInstruction>(dockerfile.stages[stage].from.body);
  add(from.image);
  for (const dockerfile::Instruction& instruction : dockerfile.stages[stage].commands) {
    if (const auto* copy = std::get_if<dockerfile::CopyInstruction>(&instruction.body)) {
      if (!copy->from.empty()) add(copy->from);
    }
  }
  return found;
}

}  // namespace

std::optional<size_t> stage_reference(const dockerfile::Dockerfile& dockerfile,
                                      std::string_view reference, size_t before_stage) {
  size_t index = 0;
  auto [end, ec] = std::from_chars(reference.data(), reference.data() + reference.size(), index);
  if (ec == std::errc() && end == reference.data() + reference.size()) {
    if (index < before_stage) return index;
    return std::nullopt;
  }
  std::string name = dockerfile::to_lower(reference);
  for (size_t i = 0; i < before_stage && i < dockerfile.stages.size(); ++i) {
    if (!dockerfile.stages[i].name.empty() && dockerfile.stages[i].name == name) return i;
  }
  return std::nullopt;
}

base::Result<Plan> make_plan(const dockerfile::Dockerfile& dockerfile, std::string_view target) {
  auto target_index = dockerfile.target_stage(target);
  if (!target_index) return std::move(target_index).error();

  std::vector<size_t> order;
  std::set<size_t> visited;
  std::function<void(size_t)> visit = [&](size_t stage) {
    if (!visited.insert(stage).second) return;
    for (size_t dependency : dependencies(dockerfile, stage)) visit(dependency);
    order.push_back(stage);
  };
  visit(*target_index);

  Plan plan;
  plan.multi_stage = dockerfile.stages.size() > 1;
  for (size_t stage_index : order) {
    const dockerfile::Stage& stage = dockerfile.stages[stage_index];
    PlannedStage planned;
    planned.index = stage_index;
    planned.label = stage.name.empty() ? fmt::format("stage-{}", stage_index) : stage.name;
    planned.depends_on = dependencies(dockerfile, stage_index);
    int number = 0;
    planned.steps.push_back({stage_index, &stage.from, ++number});
    for (const dockerfile::Instruction& instruction : stage.commands) {
      planned.steps.push_back({stage_index, &instruction, is_numbered(instruction) ? ++number : 0});
    }
    planned.step_count = number;
    plan.stages.push_back(std::move(planned));
  }
  return plan;
}

const PlannedStage* Plan::find(size_t stage_index) const {
  for (const PlannedStage& stage : stages) {
    if (stage.index == stage_index) return &stage;
  }
  return nullptr;
}

std::string Plan::step_label(const PlannedStep& step) const {
  const PlannedStage* stage = find(step.stage);
  int total = stage ? stage->step_count : 0;
  if (multi_stage && stage) return fmt::format("[{} {}/{}]", stage->label, step.number, total);
  return fmt::format("[{}/{}]", step.number, total);
}

}  // namespace strata::build
