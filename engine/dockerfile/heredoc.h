#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/dockerfile/ast.h"

namespace strata::dockerfile {

// One word as a heredoc opener (`<<EOF`, `<<-'EOF'`, `3<<EOF`, `<< EOF`). nullopt when the word
// is not an opener; an error when its quoting is broken (`<<'EOF`).
base::Result<std::optional<Heredoc>> parse_heredoc(std::string_view word);

// The heredocs opened on an instruction line, in order. Quoted words (`"<<EOF"`) open none.
base::Result<std::vector<Heredoc>> heredocs_from_line(std::string_view line);

// `<<-` bodies lose the leading tabs of every line.
std::string chomp_heredoc(std::string_view content);

}  // namespace strata::dockerfile
