#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"
#include "engine/context/ignore_matcher.h"

namespace strata::context {

// Reads the text of a .dockerignore into the pattern list Docker hands to the matcher:
// - a UTF-8 BOM at the start is dropped; lines end at '\n', and a '\r' before it is dropped;
// - a line whose first character is '#' is a comment (checked before trimming, so "  #x" is a
//   pattern);
// - lines are trimmed of Unicode white space, and blank lines are skipped;
// - a leading '!' is split off and the rest trimmed again ("! /x" -> "!x"); the rest is cleaned
//   lexically and one leading '/' removed ("/a/b" -> "a/b"), then the '!' goes back on. A bare
//   "!" is kept: the matcher rejects it, which fails the build as in Docker.
// Fails only for a line of 64 KiB or more, which Docker's line scanner refuses.
base::Result<std::vector<std::string>> read_ignore_file(std::string_view text);

// The same patterns, each with the 1-based line it came from.
struct IgnoreLine {
  std::string pattern;
  int line = 0;
};
base::Result<std::vector<IgnoreLine>> read_ignore_lines(std::string_view text);

// Reads and compiles a .dockerignore; a bad pattern is an error naming `file_name` and its line.
base::Result<IgnoreMatcher> load_ignore_file(std::string_view text, std::string_view file_name);

// Docker always sends the Dockerfile and the .dockerignore itself, even when a pattern excludes
// them (the CLI appends "!.dockerignore" and "!<Dockerfile>" to the list). Both paths are
// relative to the context root; `dockerfile_path` is as given to --file ("Dockerfile" by
// default).
bool is_always_included(std::string_view path, std::string_view dockerfile_path);

}  // namespace strata::context
