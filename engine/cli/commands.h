#pragma once

#include <CLI/CLI.hpp>

namespace strata::cli {

// Each add_* registers one subcommand under `parent`. When the subcommand runs it stores its
// exit status in `exit_code`; output goes to stdout, diagnostics to stderr.
void add_debug_parse(CLI::App& parent, int& exit_code);
void add_debug_expand(CLI::App& parent, int& exit_code);
void add_debug_ignore(CLI::App& parent, int& exit_code);
void add_debug_stages(CLI::App& parent, int& exit_code);
void add_build(CLI::App& parent, int& exit_code);
// Image commands register their top-level form on `app` (`images`, `rmi`, `save`, ...) and
// their `image ...` form on `image` (`image ls`, `image rm`, `image save`, ...).
void add_image_list(CLI::App& app, CLI::App& image, int& exit_code);
void add_image_inspect(CLI::App& app, CLI::App& image, int& exit_code);
void add_image_history(CLI::App& app, CLI::App& image, int& exit_code);
void add_image_remove(CLI::App& app, CLI::App& image, int& exit_code);   // tag, rmi, prune
void add_image_archive(CLI::App& app, CLI::App& image, int& exit_code);  // save, load
void add_image_import(CLI::App& app, CLI::App& image, int& exit_code);

}  // namespace strata::cli
