#include "engine/context/context_walker.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "engine/context/content_digests.h"
#include "engine/context/ignore_file.h"

namespace strata::context {
namespace {

namespace fs = std::filesystem;

class ContextWalkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "strata-context-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_root = pattern;
  }
  void TearDown() override { fs::remove_all(m_root); }

  void write(const std::string& path, const std::string& content) {
    fs::create_directories((m_root / path).parent_path());
    std::ofstream(m_root / path, std::ios::binary) << content;
  }
  std::vector<std::string> paths(const std::string& dockerignore) {
    auto ignore = load_ignore_file(dockerignore, ".dockerignore");
    EXPECT_TRUE(ignore.ok());
    auto entries = walk_context(m_root, *ignore);
    EXPECT_TRUE(entries.ok()) << (entries.ok() ? "" : entries.error().to_string());
    std::vector<std::string> out;
    if (entries.ok()) {
      for (const ContextEntry& entry : *entries) out.push_back(entry.path);
    }
    return out;
  }

  fs::path m_root;
};

TEST_F(ContextWalkerTest, ListsInByteOrderParentsFirst) {
  write("b.txt", "b");
  write("a/z.txt", "z");
  write("a/B.txt", "B");
  write("Dockerfile", "FROM a");
  EXPECT_EQ(paths(""),
            (std::vector<std::string>{"Dockerfile", "a", "a/B.txt", "a/z.txt", "b.txt"}));
}

TEST_F(ContextWalkerTest, DockerignoreExcludesFilesAndWholeDirectories) {
  write("app.py", "print()");
  write(".env", "SECRET=1");
  write("node_modules/x/index.js", "x");
  write("logs/a.log", "a");
  write("logs/keep.log", "k");
  EXPECT_EQ(paths(".env\nnode_modules\n"),
            (std::vector<std::string>{"app.py", "logs", "logs/a.log", "logs/keep.log"}));
  // An exception re-includes a file below an excluded directory, so the walk descends.
  EXPECT_EQ(paths("logs\n!logs/keep.log\n.env\nnode_modules\n"),
            (std::vector<std::string>{"app.py", "logs/keep.log"}));
}

TEST_F(ContextWalkerTest, SymlinksAreListedNotFollowed) {
  write("real/file", "data");
  ASSERT_EQ(::symlink("/etc", (m_root / "escape").c_str()), 0);
  ASSERT_EQ(::symlink("real", (m_root / "alias").c_str()), 0);
  auto ignore = IgnoreMatcher::create({});
  auto entries = walk_context(m_root, *ignore);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 4u);
  EXPECT_EQ((*entries)[0].path, "alias");
  EXPECT_EQ((*entries)[0].type, ContextEntry::Type::symlink);
  EXPECT_EQ((*entries)[0].link_target, "real");
  EXPECT_EQ((*entries)[1].link_target, "/etc");
}

TEST_F(ContextWalkerTest, ContentDigestIgnoresMtimeAndReadsOnce) {
  write("app.py", "print('hi')");
  auto ignore = IgnoreMatcher::create({});
  auto before = walk_context(m_root, *ignore);
  ContentDigests digests(m_root);
  auto first = digests.digest((*before)[0]);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, base::Digest::of("print('hi')"));
  EXPECT_EQ(*digests.digest((*before)[0]), *first);
  EXPECT_EQ(digests.files_read(), 1u);
  // Touch: new mtime, same content -> re-read (stat changed) but the same digest.
  struct timespec times[2] = {{1000, 0}, {1000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (m_root / "app.py").c_str(), times, 0), 0);
  auto after = walk_context(m_root, *ignore);
  EXPECT_EQ(*digests.digest((*after)[0]), *first);
  EXPECT_EQ(digests.files_read(), 2u);
  write("app.py", "print('bye')");
  auto changed = walk_context(m_root, *ignore);
  EXPECT_NE(*digests.digest((*changed)[0]), *first);
}

TEST_F(ContextWalkerTest, MissingRootIsAnErrorNamingIt) {
  auto ignore = IgnoreMatcher::create({});
  auto entries = walk_context(m_root / "nope", *ignore);
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.error().message.find("nope"), std::string::npos);
}

}  // namespace
}  // namespace strata::context
