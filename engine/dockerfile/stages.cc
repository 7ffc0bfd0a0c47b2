#include "engine/dockerfile/stages.h"

#include <fmt/format.h>

#include "engine/dockerfile/parser.h"
#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

base::Result<Dockerfile> load_dockerfile(std::string_view text, std::string_view file) {
  auto ast = parse(text, file);
  if (!ast) return std::move(ast).error();
  Dockerfile dockerfile;
  for (const Node& node : ast->instructions) {
    auto instruction = type_instruction(node, text);
    if (!instruction) return std::move(instruction).error();
    if (auto* from = std::get_if<FromInstruction>(&instruction->body)) {
      for (const Stage& stage : dockerfile.stages) {
        if (!from->stage_name.empty() && stage.name == from->stage_name) {
          base::SourceRange range = instruction->range;
          range.start.column = 1;
          return base::make_error(base::ErrorCode::parse,
                                  fmt::format("duplicate stage name {}", go_quote(stage.name)),
                                  std::move(range));
        }
      }
      Stage stage;
      stage.index = dockerfile.stages.size();
      stage.name = from->stage_name;
      stage.from = std::move(*instruction);
      dockerfile.stages.push_back(std::move(stage));
      continue;
    }
    if (dockerfile.stages.empty()) {
      if (std::holds_alternative<ArgInstruction>(instruction->body)) {
        dockerfile.global_args.push_back(std::move(*instruction));
        continue;
      }
      base::SourceRange range = instruction->range;
      range.start.column = 1;
      return base::make_error(
          base::ErrorCode::parse,
          fmt::format("no build stage in current context: {} comes before the first FROM "
                      "(only ARG may precede FROM)",
                      instruction->keyword),
          range);
    }
    dockerfile.stages.back().commands.push_back(std::move(*instruction));
  }
  if (dockerfile.stages.empty()) {
    return base::make_error(base::ErrorCode::parse, "dockerfile contains no stages to build",
                            {std::string(file), {}, {}});
  }
  dockerfile.ast = std::move(*ast);
  return dockerfile;
}

base::Result<size_t> Dockerfile::target_stage(std::string_view target) const {
  if (target.empty()) return stages.size() - 1;
  std::string wanted = to_lower(target);
  for (const Stage& stage : stages) {
    if (stage.name == wanted) return stage.index;
  }
  return base::make_error(base::ErrorCode::not_found,
                          fmt::format("target stage {} could not be found", go_quote(target)));
}

}  // namespace strata::dockerfile
