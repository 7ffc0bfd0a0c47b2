#pragma once

#include <CLI/CLI.hpp>

namespace strata::cli {

// Each add_* registers one subcommand under `parent`. When the subcommand runs it stores its
// exit status in `exit_code`; output goes to stdout, diagnostics to stderr.
void add_debug_parse(CLI::App& parent, int& exit_code);
void add_debug_expand(CLI::App& parent, int& exit_code);
void add_debug_ignore(CLI::App& parent, int& exit_code);
void add_debug_stages(CLI::App& parent, int& exit_code);

}  // namespace strata::cli
