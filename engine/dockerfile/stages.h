#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/dockerfile/ast.h"
#include "engine/dockerfile/instructions.h"

namespace strata::dockerfile {

struct Stage {
  size_t index = 0;
  std::string name;  // lower-cased `AS` name, or empty
  Instruction from;  // holds a FromInstruction
  std::vector<Instruction> commands;
  bool operator==(const Stage&) const = default;
};

// A Dockerfile read all the way to stages: parse, type every instruction, split into stages.
struct Dockerfile {
  Ast ast;
  std::vector<Instruction> global_args;  // ARGs before the first FROM
  std::vector<Stage> stages;
  // The stage `--target` names (by name or index), the last stage when empty.
  base::Result<size_t> target_stage(std::string_view target) const;
};

// Instructions other than ARG before the first FROM, duplicate stage names and every typing
// error are reported with the file, line and column.
base::Result<Dockerfile> load_dockerfile(std::string_view text,
                                         std::string_view file = "Dockerfile");

}  // namespace strata::dockerfile
