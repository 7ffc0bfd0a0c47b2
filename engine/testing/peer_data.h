#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::testing {

// Other projects' test data (../shared/peer) is read in place, never copied into the repo.
// STRATA_PEER_DIR overrides the location. When the data is missing, peer_dir() prints a loud
// banner and returns nullopt; callers fail the test, so a missing corpus never passes silently.
std::optional<std::filesystem::path> peer_dir(std::string_view subdir);

std::string read_file(const std::filesystem::path& path);

// Splits `text` into lines on '\n' (a trailing '\n' does not make an empty last line).
std::vector<std::string> split_lines(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);

// One summary line per peer corpus, printed to stdout so CI logs show the counts, e.g.
// "peer dockerfile-parser/dumps: 33/33 passed".
void report_peer_count(std::string_view corpus, int passed, int total);

}  // namespace strata::testing
