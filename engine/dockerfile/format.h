#pragma once

#include <string>

#include "engine/dockerfile/instructions.h"

namespace strata::dockerfile {

// One line of Dockerfile text for a typed (usually expanded) instruction, in a canonical
// spelling: upper-case keyword, flags in a fixed order, exec forms as JSON arrays. Progress
// output and cache keys use it, so two spellings of one instruction print alike.
std::string format_instruction(const Instruction& instruction);

}  // namespace strata::dockerfile
