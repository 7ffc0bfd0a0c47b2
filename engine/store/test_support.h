#pragma once

// Test-only helpers for the store's suites; not part of strata_store.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "engine/store/store_layout.h"

namespace strata::store::testing {

// A fresh directory per test (mkdtemp under TMPDIR or /tmp), removed with its contents after.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/strata-store-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// A store opened in its own temp dir.
class StoreFixture : public ::testing::Test {
 protected:
  StoreFixture() : m_layout(open_layout(m_dir.path() / "root")) {}

  static StoreLayout open_layout(const std::filesystem::path& root) {
    auto layout = StoreLayout::open(root);
    if (!layout) {
      ADD_FAILURE() << layout.error().to_string();
      std::abort();
    }
    return *layout;
  }

  const StoreLayout& layout() const { return m_layout; }

 private:
  TempDir m_dir;
  StoreLayout m_layout;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes `bytes` over `path` in place, even when it is read-only (as blobs are): the damage a
// disk or a careless user can do.
inline void overwrite_file(const std::filesystem::path& path, std::string_view bytes) {
  struct stat st {};
  bool existed = ::stat(path.c_str(), &st) == 0;
  if (existed) ::chmod(path.c_str(), 0644);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  if (existed) ::chmod(path.c_str(), st.st_mode & 07777);
}

// The names in `dir`, sorted.
inline std::set<std::string> entries(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

inline mode_t mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// Runs `body` in a forked child, which exits with its return value; gtest macros must not be
// used in the child (its failures would never reach the parent), so bodies report by exit code.
inline pid_t spawn(const std::function<int()>& body) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(body());
  EXPECT_GT(pid, 0) << "fork failed";
  return pid;
}

// The child's exit status, or 128 + signal when it was killed.
inline int wait_for(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace strata::store::testing
