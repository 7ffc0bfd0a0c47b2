// moby/patternmatcher's own test tables, transcribed as data (../shared/peer/dockerignore; see
// its FORMAT.md). Read in place; a missing corpus fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/context/ignore_file.h"
#include "engine/context/ignore_matcher.h"
#include "engine/testing/peer_data.h"

namespace strata::context {
namespace {

namespace fs = std::filesystem;

// cases.tsv columns: id, source, api, platform, expect, path, patterns...
struct Case {
  std::string id;
  std::string api;
  std::string expect;
  std::string path;
  std::vector<std::string> patterns;
};

std::vector<Case> load_cases(const fs::path& file) {
  std::vector<Case> cases;
  for (const std::string& line : testing::split_lines(testing::read_file(file))) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields = testing::split(line, '\t');
    if (fields.size() < 6) {
      ADD_FAILURE() << "short row: " << line;
      continue;
    }
    cases.push_back({fields[0], fields[2], fields[4], fields[5],
                     std::vector<std::string>(fields.begin() + 6, fields.end())});
  }
  return cases;
}

// Every row runs the one MatchesOrParentMatches implementation: FORMAT.md notes that the older
// `Matches` entry point gives the same answers on all of them. Returns a failure description.
std::string run_case(const Case& row) {
  auto matcher = IgnoreMatcher::create(row.patterns);
  if (row.api == "New") {
    if (row.expect == "error") return matcher.ok() ? "built, expected an error" : "";
    if (!matcher.ok()) return "build failed: " + matcher.error().to_string();
    if (row.expect == "exclusions") return matcher->has_exclusions() ? "" : "no exclusions";
    std::string want = row.expect.substr(row.expect.find('=') + 1);
    std::string got = std::to_string(matcher->size());
    return got == want ? "" : "count " + got + ", expected " + want;
  }
  if (!matcher.ok()) {
    if (row.expect != "error") return "build failed: " + matcher.error().to_string();
    // Upstream accepts what Go's filepath.Match accepts; only the match may fail then (di-138).
    return row.api == "MatchesOrParentMatches" ? "build failed, upstream builds it" : "";
  }
  auto first = matcher->matches(row.path);
  if (row.expect == "error") {
    if (first.ok()) return "matched, expected an error";
    auto second = matcher->matches(row.path);
    if (second.ok() || !(second.error() == first.error())) return "second call differs";
    return "";
  }
  if (!first.ok()) return "match failed: " + first.error().to_string();
  std::string got = *first ? "match" : "nomatch";
  return got == row.expect ? "" : "got " + got;
}

TEST(PeerDockerignore, Cases) {
  auto dir = testing::peer_dir("dockerignore");
  ASSERT_TRUE(dir) << "peer corpus dockerignore is missing";
  std::vector<Case> cases = load_cases(*dir / "cases.tsv");
  int passed = 0;
  for (const Case& row : cases) {
    std::string failure = run_case(row);
    if (failure.empty()) {
      ++passed;
    } else {
      ADD_FAILURE() << row.id << " (" << row.path << "): " << failure;
    }
  }
  testing::report_peer_count("dockerignore/cases", passed, static_cast<int>(cases.size()));
  EXPECT_EQ(cases.size(), 144u);
  EXPECT_EQ(passed, static_cast<int>(cases.size()));
}

// compile.tsv pins upstream's fast-path classification (exact/prefix/suffix/regexp). Its regexp
// columns are an upstream implementation detail we do not reproduce (no regexp engine here).
TEST(PeerDockerignore, CompileClassification) {
  auto dir = testing::peer_dir("dockerignore");
  ASSERT_TRUE(dir) << "peer corpus dockerignore is missing";
  int passed = 0, total = 0;
  for (const std::string& line : testing::split_lines(testing::read_file(*dir / "compile.tsv"))) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields = testing::split(line, '\t');
    ++total;
    auto pattern = IgnorePattern::compile(fields[0]);
    if (!pattern.ok()) {
      ADD_FAILURE() << fields[0] << ": " << pattern.error().to_string();
      continue;
    }
    std::string kind(to_string(pattern->kind()));
    if (kind == "glob") kind = "regexp";
    if (kind == fields[1]) {
      ++passed;
    } else {
      ADD_FAILURE() << fields[0] << ": " << kind << ", expected " << fields[1];
    }
  }
  testing::report_peer_count("dockerignore/compile", passed, total);
  EXPECT_EQ(total, 21);
  EXPECT_EQ(passed, total);
}

TEST(PeerDockerignore, IgnoreFiles) {
  auto dir = testing::peer_dir("dockerignore");
  ASSERT_TRUE(dir) << "peer corpus dockerignore is missing";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(*dir / "ignorefile")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  int passed = 0;
  for (const fs::path& dir_of_case : cases) {
    auto patterns = read_ignore_file(testing::read_file(dir_of_case / "input.dockerignore"));
    if (!patterns.ok()) {
      ADD_FAILURE() << dir_of_case.filename() << ": " << patterns.error().to_string();
      continue;
    }
    std::string got;
    for (const std::string& pattern : *patterns) got += pattern + "\n";
    std::string want = testing::read_file(dir_of_case / "expected.txt");
    if (got == want) {
      ++passed;
    } else {
      ADD_FAILURE() << dir_of_case.filename() << ": got\n" << got << "expected\n" << want;
    }
  }
  testing::report_peer_count("dockerignore/ignorefile", passed, static_cast<int>(cases.size()));
  EXPECT_EQ(cases.size(), 2u);
  EXPECT_EQ(passed, static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace strata::context
