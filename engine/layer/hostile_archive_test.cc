// Archives made to escape the extraction target. Each must fail with an error naming the entry,
// and leave the directory beside the target untouched.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "engine/layer/apply.h"
#include "engine/layer/tar_reader.h"
#include "engine/layer/test_support.h"

namespace strata::layer {
namespace {

using test::RawEntry;
using test::RawType;
using test::TempDir;

class HostileArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(m_dir / "target");
    std::filesystem::create_directories(m_dir / "outside");
    test::write_file(m_dir / "outside/victim", "original");
  }

  std::filesystem::path target() const { return m_dir / "target"; }
  std::filesystem::path outside() const { return m_dir / "outside"; }

  // Applies and expects failure with exactly `message`.
  void expect_rejected(const std::vector<RawEntry>& entries, const std::string& message,
                       const ApplyOptions& options = {}) {
    std::vector<uint8_t> tar = test::make_raw_tar(entries);
    MemorySource source(tar);
    auto report = apply_layer(source, target(), options);
    ASSERT_FALSE(report) << "accepted: " << message;
    EXPECT_EQ(report.error().message, message);
    expect_outside_untouched();
  }

  void expect_outside_untouched() {
    EXPECT_EQ(test::list_tree(outside()), std::vector<std::string>{"victim"});
    EXPECT_EQ(test::read_file(outside() / "victim"), "original");
  }

  TempDir m_dir;
};

TEST_F(HostileArchive, RejectsAbsolutePaths) {
  std::string name = (outside() / "pwned").string();
  expect_rejected({{.name = name, .data = "x"}}, "layer entry '" + name + "': absolute path");
}

TEST_F(HostileArchive, RejectsDotDotComponents) {
  expect_rejected({{.name = "../outside/pwned", .data = "x"}},
                  "layer entry '../outside/pwned': path has a '..' component");
  expect_rejected({{.name = "a/../../outside/pwned", .data = "x"}},
                  "layer entry 'a/../../outside/pwned': path has a '..' component");
}

TEST_F(HostileArchive, RejectsWritingThroughASymlinkThatLeavesTheTarget) {
  expect_rejected({{.name = "escape", .type = RawType::symlink, .link = "../outside"},
                   {.name = "escape/pwned", .data = "x"}},
                  "layer entry 'escape/pwned': path leaves the target through symlink 'escape' -> "
                  "'../outside'");
  // The same through a chain of symlinks and a directory.
  std::filesystem::remove(target() / "escape");
  expect_rejected({{.name = "d/", .type = RawType::directory, .mode = 0755},
                   {.name = "d/up", .type = RawType::symlink, .link = ".."},
                   {.name = "d/hop", .type = RawType::symlink, .link = "up/../.."},
                   {.name = "d/hop/outside/pwned", .data = "x"}},
                  "layer entry 'd/hop/outside/pwned': path leaves the target through symlink "
                  "'d/up' -> '..'");
}

// The extractor keeps directories open between entries; replacing one must not leave a stale
// handle that still leads where the directory was.
TEST_F(HostileArchive, RejectsWritingBelowADirectoryReplacedByASymlink) {
  expect_rejected({{.name = "a/", .type = RawType::directory, .mode = 0755},
                   {.name = "a/b/", .type = RawType::directory, .mode = 0755},
                   {.name = "a/b/first", .data = "x"},
                   {.name = "a", .type = RawType::symlink, .link = "../outside"},
                   {.name = "a/victim", .data = "x"}},
                  "layer entry 'a/victim': path leaves the target through symlink 'a' -> "
                  "'../outside'");
}

// Absolute symlinks are read as the container will read them: from the target's root.
TEST_F(HostileArchive, ConfinesAbsoluteSymlinksToTheTarget) {
  std::vector<uint8_t> tar =
      test::make_raw_tar({{.name = "abs", .type = RawType::symlink, .link = outside().string()},
                          {.name = "abs/victim", .data = "confined"}});
  MemorySource source(tar);
  auto report = apply_layer(source, target());
  ASSERT_TRUE(report) << report.error().to_string();
  expect_outside_untouched();
  EXPECT_EQ(test::read_file(target() / outside().relative_path() / "victim"), "confined");
}

TEST_F(HostileArchive, ReplacesASymlinkLeafInsteadOfWritingThroughIt) {
  std::vector<uint8_t> tar =
      test::make_raw_tar({{.name = "victim", .type = RawType::symlink, .link = "../outside/victim"},
                          {.name = "victim", .data = "replaced"}});
  MemorySource source(tar);
  ASSERT_TRUE(apply_layer(source, target()));
  expect_outside_untouched();
  EXPECT_FALSE(std::filesystem::is_symlink(target() / "victim"));
  EXPECT_EQ(test::read_file(target() / "victim"), "replaced");
}

TEST_F(HostileArchive, RejectsDeviceNodesUnlessAllowed) {
  std::vector<RawEntry> entries = {
      {.name = "dev/sda", .type = RawType::char_device, .dev_major = 8, .dev_minor = 0}};
  expect_rejected(entries,
                  "layer entry 'dev/sda': device nodes are not allowed "
                  "(ApplyOptions::allow_devices)");
  EXPECT_FALSE(std::filesystem::exists(target() / "dev"));
  std::vector<uint8_t> tar = test::make_raw_tar(entries);
  MemorySource source(tar);
  ASSERT_TRUE(apply_layer(source, target(), ApplyOptions{.allow_devices = true}));
  struct stat info {};
  ASSERT_EQ(::lstat((target() / "dev/sda").c_str(), &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode));
}

TEST_F(HostileArchive, RejectsHardlinksToAnythingButThisLayersFiles) {
  expect_rejected({{.name = "link", .type = RawType::hardlink, .link = "../outside/victim"}},
                  "layer entry 'link': hardlink target '../outside/victim': path has a '..' "
                  "component");
  std::string absolute = (outside() / "victim").string();
  expect_rejected({{.name = "link", .type = RawType::hardlink, .link = absolute}},
                  "layer entry 'link': hardlink target '" + absolute + "': absolute path");
  // A file of a lower layer is not this layer's to link to.
  test::write_file(target() / "etc/shadow", "lower");
  expect_rejected({{.name = "link", .type = RawType::hardlink, .link = "etc/shadow"}},
                  "layer entry 'link': hardlink target 'etc/shadow' is not a file of this layer");
  // Nor is a directory of this layer, nor a symlink that points out.
  expect_rejected({{.name = "d/", .type = RawType::directory, .mode = 0755},
                   {.name = "link", .type = RawType::hardlink, .link = "d"}},
                  "layer entry 'link': hardlink target 'd' is not a file of this layer");
  expect_rejected({{.name = "s", .type = RawType::symlink, .link = "../outside/victim"},
                   {.name = "link", .type = RawType::hardlink, .link = "s"}},
                  "layer entry 'link': hardlink target 's' is not a file of this layer");
}

TEST_F(HostileArchive, RejectsWhiteoutsThatNameTheParent) {
  test::write_file(target() / "d/file", "lower");
  expect_rejected({{.name = "d/.wh...", .data = ""}},
                  "layer entry 'd/.wh...': whiteout names no entry: '.wh...'");
  EXPECT_EQ(test::read_file(target() / "d/file"), "lower");
}

TEST_F(HostileArchive, RejectsSymlinkLoops) {
  expect_rejected({{.name = "a", .type = RawType::symlink, .link = "b"},
                   {.name = "b", .type = RawType::symlink, .link = "a"},
                   {.name = "a/x", .data = "x"}},
                  "layer entry 'a/x': too many levels of symlinks at 'a'");
}

TEST_F(HostileArchive, ListingRejectsTheSameNames) {
  std::vector<uint8_t> tar = test::make_raw_tar({{.name = "../x", .data = "x"}});
  MemorySource source(tar);
  auto listed = list_layer(source);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().message, "layer entry '../x': path has a '..' component");
}

TEST_F(HostileArchive, RejectsGarbageAsMalformed) {
  std::vector<uint8_t> garbage(2048, 'g');
  MemorySource source(garbage);
  auto report = apply_layer(source, target());
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, base::ErrorCode::parse);
}

}  // namespace
}  // namespace strata::layer
