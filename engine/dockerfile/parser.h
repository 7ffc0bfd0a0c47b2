#pragma once

#include <string_view>

#include "engine/base/result.h"
#include "engine/dockerfile/ast.h"

namespace strata::dockerfile {

// BuildKit's longest physical line (bufio.MaxScanTokenSize - 1).
inline constexpr size_t k_max_line_length = 65535;

// Parses Dockerfile text into instructions, exactly as BuildKit's parser does: directives,
// escape token, continuations, comments, heredocs, JSON vs shell form, flags. Errors carry
// `file` and the line range of the offending instruction.
//
// Argument shapes (Node::args), per instruction:
//   RUN CMD ENTRYPOINT SHELL: exec-form strings, or one string (the rest of the line)
//   ADD COPY VOLUME: exec-form strings, or the words split at blanks
//   FROM EXPOSE: words split at blanks          USER WORKDIR MAINTAINER STOPSIGNAL: one string
//   ENV LABEL: (name, value, marker) triples, marker "=" for name=value and "" for legacy form
//   ARG: words, quotes kept                     HEALTHCHECK: type word, then the command
//   ONBUILD: no args, the instruction in Node::nested    unknown keyword: one empty string
base::Result<Ast> parse(std::string_view text, std::string_view file = "Dockerfile");

}  // namespace strata::dockerfile
