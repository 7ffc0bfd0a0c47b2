#include "engine/layer/tree_walker.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "engine/layer/test_support.h"

namespace strata::layer {
namespace {

using test::TempDir;

std::vector<std::string> paths_of(const std::vector<LayerEntry>& entries) {
  std::vector<std::string> paths;
  for (const LayerEntry& entry : entries) paths.push_back(entry.path);
  return paths;
}

TEST(EntriesFromTree, KeepsTypesModesOwnersAndTimesInLayerOrder) {
  TempDir dir;
  test::write_file(dir / "bin/tool", "#!/bin/sh\n", 04755);
  ASSERT_EQ(::chown((dir / "bin/tool").c_str(), 1000, 2000), 0);
  ASSERT_EQ(::chmod((dir / "bin/tool").c_str(), 04755), 0);  // chown cleared setuid
  std::filesystem::create_directories(dir / "tmp");
  ASSERT_EQ(::chmod((dir / "tmp").c_str(), 01777), 0);
  std::filesystem::create_symlink("bin/tool", dir / "link");
  test::write_file(dir / "a b", "space");
  test::set_mtime(dir / "bin/tool", 1234567890);

  auto entries = entries_from_tree(dir.path());
  ASSERT_TRUE(entries) << entries.error().to_string();
  std::vector<std::string> expected = {"a b", "bin", "bin/tool", "link", "tmp"};
  ASSERT_EQ(paths_of(*entries), expected);
  const LayerEntry& tool = (*entries)[2];
  EXPECT_EQ(tool.type, EntryType::file);
  EXPECT_EQ(tool.mode, 04755u);
  EXPECT_EQ(tool.uid, 1000u);
  EXPECT_EQ(tool.gid, 2000u);
  EXPECT_EQ(tool.mtime, 1234567890);
  EXPECT_EQ(tool.size, 10u);
  EXPECT_EQ(tool.content, Content(HostFile{dir / "bin/tool"}));
  EXPECT_EQ((*entries)[1].type, EntryType::directory);
  EXPECT_EQ((*entries)[3].type, EntryType::symlink);
  EXPECT_EQ((*entries)[3].link_target, "bin/tool");
  EXPECT_EQ((*entries)[4].mode, 01777u);
}

TEST(EntriesFromTree, TurnsLaterNamesOfAnInodeIntoHardlinksToTheFirst) {
  TempDir dir;
  test::write_file(dir / "z/original", "shared");
  std::filesystem::create_hard_link(dir / "z/original", dir / "a-link");
  std::filesystem::create_hard_link(dir / "z/original", dir / "z/second");
  auto entries = entries_from_tree(dir.path());
  ASSERT_TRUE(entries);
  std::vector<std::string> expected = {"a-link", "z", "z/original", "z/second"};
  ASSERT_EQ(paths_of(*entries), expected);
  // The first name in layer order holds the content, whichever was created first.
  EXPECT_EQ((*entries)[0].type, EntryType::file);
  EXPECT_EQ((*entries)[2].type, EntryType::hardlink);
  EXPECT_EQ((*entries)[2].link_target, "a-link");
  EXPECT_EQ((*entries)[3].link_target, "a-link");
  EXPECT_TRUE(std::holds_alternative<std::monostate>((*entries)[3].content));
}

TEST(EntriesFromTree, PutsEntriesUnderThePrefixWithoutTheRoot) {
  TempDir dir;
  test::write_file(dir / "src/app.py", "x");
  auto entries = entries_from_tree(dir.path(), "app");
  ASSERT_TRUE(entries);
  std::vector<std::string> expected = {"app/src", "app/src/app.py"};
  EXPECT_EQ(paths_of(*entries), expected);
  EXPECT_FALSE(entries_from_tree(dir.path(), "/abs"));
}

TEST(EntriesFromTree, NeverFollowsSymlinks) {
  TempDir dir;
  TempDir elsewhere;
  test::write_file(elsewhere / "secret", "s");
  std::filesystem::create_directory_symlink(elsewhere.path(), dir / "out");
  auto entries = entries_from_tree(dir.path());
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].type, EntryType::symlink);
  EXPECT_EQ((*entries)[0].link_target, elsewhere.path().string());
}

TEST(EntriesFromTree, SkipsSocketsAsTarCannotHoldThem) {
  TempDir dir;
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::string path = (dir / "sock").string();
  ASSERT_LT(path.size(), sizeof(address.sun_path));
  std::strcpy(address.sun_path, path.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  test::write_file(dir / "file", "f");
  auto entries = entries_from_tree(dir.path());
  ::close(fd);
  ASSERT_TRUE(entries);
  EXPECT_EQ(paths_of(*entries), std::vector<std::string>{"file"});
}

TEST(EntriesFromTree, MissingRootIsNotFound) {
  auto entries = entries_from_tree("/nonexistent/strata-layer-root");
  ASSERT_FALSE(entries);
  EXPECT_EQ(entries.error().code, base::ErrorCode::not_found);
}

}  // namespace
}  // namespace strata::layer
