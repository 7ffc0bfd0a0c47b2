// BuildKit's parser test files (../shared/peer/dockerfile-parser): every case with a `result`
// must dump byte-identically; every case without one must fail to parse.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "engine/dockerfile/dump.h"
#include "engine/dockerfile/parser.h"
#include "engine/testing/peer_data.h"

namespace strata::dockerfile {
namespace {

namespace fs = std::filesystem;
using testing::peer_dir;
using testing::read_file;

std::vector<fs::path> case_dirs(const fs::path& root) {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(PeerDockerfileParser, EveryCaseDumpsOrFailsAsUpstream) {
  auto root = peer_dir("dockerfile-parser");
  ASSERT_TRUE(root) << "peer corpus dockerfile-parser is missing";
  int dumps_passed = 0, dumps_total = 0, negatives_passed = 0, negatives_total = 0;
  for (const fs::path& dir : case_dirs(*root)) {
    std::string name = dir.filename().string();
    std::string source = read_file(dir / "Dockerfile");
    auto ast = parse(source, "Dockerfile");
    if (fs::exists(dir / "result")) {
      ++dumps_total;
      if (!ast) {
        ADD_FAILURE() << name << ": parse failed: " << ast.error().to_string();
        continue;
      }
      std::string expected = read_file(dir / "result");
      std::string actual = dump_tree(*ast);
      EXPECT_EQ(actual, expected) << name;
      if (actual == expected) ++dumps_passed;
    } else {
      ++negatives_total;
      EXPECT_FALSE(ast.ok()) << name << ": must fail to parse";
      if (!ast.ok()) ++negatives_passed;
    }
  }
  testing::report_peer_count("dockerfile-parser/dumps", dumps_passed, dumps_total);
  testing::report_peer_count("dockerfile-parser/negative", negatives_passed, negatives_total);
  EXPECT_EQ(dumps_total, 33);
  EXPECT_EQ(negatives_total, 4);
}

TEST(PeerDockerfileParser, NegativeCasesGiveUpstreamMessages) {
  auto root = peer_dir("dockerfile-parser");
  ASSERT_TRUE(root) << "peer corpus dockerfile-parser is missing";
  const std::pair<const char*, const char*> cases[] = {
      {"empty_dockerfile", "file with no instructions"},
      {"only_comments", "file with no instructions"},
      {"env_no_value", "ENV must have two arguments"},
      {"shykes-nested-json",
       "when using JSON array syntax, arrays must be comprised of strings only"},
  };
  for (const auto& [name, message] : cases) {
    auto ast = parse(read_file(*root / name / "Dockerfile"));
    ASSERT_FALSE(ast.ok()) << name;
    EXPECT_EQ(ast.error().message, message) << name;
  }
}

}  // namespace
}  // namespace strata::dockerfile
