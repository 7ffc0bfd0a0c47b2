// libFuzzer target for the Dockerfile front end: lexer, parser, typing, expansion and dumps
// must never crash, leak or hit undefined behaviour, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/dockerfile/dump.h"
#include "engine/dockerfile/format.h"
#include "engine/dockerfile/heredoc.h"
#include "engine/dockerfile/parser.h"
#include "engine/dockerfile/shell_lexer.h"
#include "engine/dockerfile/stages.h"
#include "engine/dockerfile/variable_scope.h"

namespace df = strata::dockerfile;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto ast = df::parse(text); ast.ok()) {
    (void)df::dump_tree(*ast);
    (void)df::dump_json(*ast);
  }
  if (auto dockerfile = df::load_dockerfile(text); dockerfile.ok()) {
    auto global = df::VariableScope::global(dockerfile->global_args, {{"A", "x y"}});
    if (global.ok()) {
      for (const df::Stage& stage : dockerfile->stages) {
        (void)df::expand_instruction(stage.from, *global);
        df::VariableScope scope = global->enter_stage({{"PATH", "/bin"}});
        for (const df::Instruction& instruction : stage.commands) {
          auto expanded = df::expand_instruction(instruction, scope);
          if (!expanded.ok()) continue;
          (void)df::format_instruction(*expanded);
          if (auto* arg = std::get_if<df::ArgInstruction>(&expanded->body)) scope.declare(*arg);
          if (auto* env = std::get_if<df::EnvInstruction>(&expanded->body)) scope.set_env(*env);
        }
      }
    }
  }

  // The same bytes as one word, in every lexer mode.
  df::Environment env{{"FOO", "a*b/c"}, {"EMPTY", ""}, {"SP", " x  y "}};
  for (int mode = 0; mode < 16; ++mode) {
    df::LexOptions options;
    options.raw_quotes = mode & 1;
    options.raw_escapes = mode & 2;
    options.skip_process_quotes = mode & 4;
    options.skip_unset_env = mode & 8;
    (void)df::expand(text, env, options);
  }
  (void)df::parse_heredoc(text);
  (void)df::heredocs_from_line(text);
  return 0;
}
