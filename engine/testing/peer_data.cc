#include "engine/testing/peer_data.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace strata::testing {

namespace {

std::filesystem::path peer_root() {
  if (const char* override_dir = std::getenv("STRATA_PEER_DIR"); override_dir && *override_dir) {
    return override_dir;
  }
  const char* source_dir = std::getenv("STRATA_SOURCE_DIR");
  std::filesystem::path root = source_dir && *source_dir ? source_dir : STRATA_SOURCE_DIR;
  return root / ".." / "shared" / "peer";
}

}  // namespace

std::optional<std::filesystem::path> peer_dir(std::string_view subdir) {
  std::filesystem::path dir = peer_root() / subdir;
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return dir.lexically_normal();
  std::fprintf(stderr,
               "\n"
               "**********************************************************************\n"
               "* PEER TEST DATA MISSING: %s\n"
               "* Expected the shared peer corpus there (set STRATA_PEER_DIR to its\n"
               "* location). These conformance checks FAIL until it is present.\n"
               "**********************************************************************\n",
               dir.string().c_str());
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    size_t end = text.find(separator, begin);
    parts.emplace_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return parts;
}

std::vector<std::string> split_lines(std::string_view text) {
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (text.empty()) return {};
  return split(text, '\n');
}

void report_peer_count(std::string_view corpus, int passed, int total) {
  std::printf("peer %.*s: %d/%d passed\n", static_cast<int>(corpus.size()), corpus.data(), passed,
              total);
  std::fflush(stdout);
}

}  // namespace strata::testing
