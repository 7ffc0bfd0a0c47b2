#include "engine/layer/apply.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/base/digest.h"
#include "engine/layer/compression.h"
#include "engine/layer/tar_reader.h"
#include "engine/layer/tar_writer.h"
#include "engine/layer/test_support.h"
#include "engine/layer/tree_walker.h"

namespace strata::layer {
namespace {

using test::TempDir;

base::Result<ApplyReport> apply_bytes(const std::vector<uint8_t>& tar,
                                      const std::filesystem::path& target,
                                      const ApplyOptions& options = {}) {
  MemorySource source(tar);
  return apply_layer(source, target, options);
}

// A tree with every kind of entry a build produces.
void make_rich_tree(const std::filesystem::path& root) {
  test::write_file(root / "usr/bin/tool", "#!/bin/sh\necho tool\n", 0755);
  test::write_file(root / "usr/bin/su", "setuid", 04755);
  test::write_file(root / "etc/shadow", "secret", 0640);
  ASSERT_EQ(::chown((root / "etc/shadow").c_str(), 0, 42), 0);
  test::write_file(root / "home/user/notes.txt", "mine", 0600);
  ASSERT_EQ(::chown((root / "home/user/notes.txt").c_str(), 1000, 1000), 0);
  ASSERT_EQ(::chown((root / "home/user").c_str(), 1000, 1000), 0);
  ASSERT_EQ(::chmod((root / "home/user").c_str(), 0700), 0);
  std::filesystem::create_directories(root / "tmp");
  ASSERT_EQ(::chmod((root / "tmp").c_str(), 01777), 0);
  std::filesystem::create_directories(root / "empty");
  std::filesystem::create_symlink("usr/bin", root / "bin");
  std::filesystem::create_symlink("/etc/shadow", root / "abs-link");
  std::filesystem::create_hard_link(root / "usr/bin/tool", root / "usr/bin/tool-alias");
  test::write_file(root / "big.bin", std::string(300000, 'b'));
  test::write_file(root / "empty.txt", "");
  int64_t time = 1600000000;
  for (const std::string& path : test::list_tree(root)) test::set_mtime(root / path, time++);
}

TEST(ApplyLayer, RoundTripsATreeThroughWriteListAndApply) {
  TempDir source;
  TempDir target;
  make_rich_tree(source.path());
  auto entries = entries_from_tree(source.path());
  ASSERT_TRUE(entries) << entries.error().to_string();
  MemorySink sink;
  auto written = write_layer(*entries, sink);
  ASSERT_TRUE(written) << written.error().to_string();

  MemorySource listing(sink.bytes());
  auto listed = list_layer(listing);
  ASSERT_TRUE(listed) << listed.error().to_string();
  ASSERT_EQ(listed->size(), entries->size());
  for (size_t i = 0; i < listed->size(); ++i) {
    LayerEntry expected = (*entries)[i];
    expected.content = std::monostate{};  // a listing has no content source
    EXPECT_EQ((*listed)[i], expected) << expected.path;
  }

  auto report = apply_bytes(sink.bytes(), target.path());
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->layer, *written);
  EXPECT_EQ(report->files, 6u);
  EXPECT_EQ(report->hardlinks, 1u);
  EXPECT_EQ(report->symlinks, 2u);
  EXPECT_EQ(report->directories, 7u);
  EXPECT_EQ(test::describe_tree(target.path()), test::describe_tree(source.path()));
}

TEST(ApplyLayer, WhiteoutsAndOpaqueDirsHideTheLowerLayer) {
  TempDir target;
  test::write_file(target / "etc/keep.conf", "keep");
  test::write_file(target / "etc/gone.conf", "gone");
  test::write_file(target / "var/cache/apt/pkgcache.bin", "cache");
  test::write_file(target / "var/cache/old", "old");
  test::write_file(target / "opt/tree/deep/file", "deep");
  std::vector<LayerEntry> entries = {
      LayerEntry::whiteout("etc/gone.conf"),     LayerEntry::whiteout("opt/tree"),
      LayerEntry::whiteout("etc/never-existed"), LayerEntry::directory("var/cache"),
      LayerEntry::opaque("var/cache"),           LayerEntry::file("var/cache/fresh", "fresh"),
  };
  auto report = apply_bytes(test::write_to_memory(entries), target.path());
  ASSERT_TRUE(report) << report.error().to_string();
  std::vector<std::string> expected = {"etc", "etc/keep.conf", "opt",
                                       "var", "var/cache",     "var/cache/fresh"};
  EXPECT_EQ(test::list_tree(target.path()), expected);
  EXPECT_EQ(report->whiteouts, 3u);
  EXPECT_EQ(report->opaque_dirs, 1u);
}

// The OCI spec: a whiteout only hides lower layers, and an opaque marker keeps what its own layer
// put in the directory, whatever order the archive has them in.
TEST(ApplyLayer, MarkersNeverDeleteTheirOwnLayersEntries) {
  TempDir target;
  test::write_file(target / "d/lower", "lower");
  test::write_file(target / "d/sub/lower", "lower");
  std::vector<uint8_t> tar = test::make_raw_tar({
      {.name = "d/", .type = test::RawType::directory, .mode = 0755},
      {.name = "d/mine", .data = "mine"},
      {.name = "d/sub/", .type = test::RawType::directory, .mode = 0755},
      {.name = "d/sub/mine", .data = "mine"},
      {.name = "d/.wh.mine"},
      {.name = "d/.wh..wh..opq"},
  });
  auto report = apply_bytes(tar, target.path());
  ASSERT_TRUE(report) << report.error().to_string();
  std::vector<std::string> expected = {"d", "d/mine", "d/sub", "d/sub/mine"};
  EXPECT_EQ(test::list_tree(target.path()), expected);
}

TEST(ApplyLayer, ReplacesEntriesOfAnotherType) {
  TempDir target;
  test::write_file(target / "was-dir/inner", "x");
  test::write_file(target / "was-file", "x");
  std::filesystem::create_symlink("elsewhere", target / "was-link");
  std::vector<LayerEntry> entries = {LayerEntry::file("was-dir", "now a file"),
                                     LayerEntry::directory("was-file"),
                                     LayerEntry::file("was-link", "now a file")};
  ASSERT_TRUE(apply_bytes(test::write_to_memory(entries), target.path()));
  EXPECT_EQ(test::read_file(target / "was-dir"), "now a file");
  EXPECT_TRUE(std::filesystem::is_directory(target / "was-file"));
  EXPECT_FALSE(std::filesystem::is_symlink(target / "was-link"));
  EXPECT_EQ(test::read_file(target / "was-link"), "now a file");
}

// Debian's /lib is a symlink to usr/lib; a layer writing lib/x must land in usr/lib, as it does
// under Docker, whose extraction runs chrooted into the rootfs.
TEST(ApplyLayer, FollowsSymlinksThatStayInsideTheTarget) {
  TempDir target;
  std::filesystem::create_directories(target / "usr/lib");
  std::filesystem::create_symlink("usr/lib", target / "lib");
  std::filesystem::create_directories(target / "run");
  std::filesystem::create_directories(target / "var");
  std::filesystem::create_symlink("/run", target / "var/run");
  std::vector<LayerEntry> entries = {LayerEntry::file("lib/libx.so", "elf"),
                                     LayerEntry::file("var/run/app.pid", "42")};
  ASSERT_TRUE(apply_bytes(test::write_to_memory(entries), target.path()));
  EXPECT_EQ(test::read_file(target / "usr/lib/libx.so"), "elf");
  EXPECT_EQ(test::read_file(target / "run/app.pid"), "42");
  EXPECT_TRUE(std::filesystem::is_symlink(target / "lib"));
}

TEST(ApplyLayer, AcceptsGzipAndZstdLayersAndReportsTheUncompressedDiffId) {
  std::vector<LayerEntry> entries = {LayerEntry::directory("app"),
                                     LayerEntry::file("app/data", std::string(100000, 'z'))};
  std::vector<uint8_t> tar = test::write_to_memory(entries);
  for (Compression compression : {Compression::gzip, Compression::zstd}) {
    MemorySource plain(tar);
    MemorySink blob;
    auto digests = compress(plain, blob, compression);
    ASSERT_TRUE(digests);
    TempDir target;
    auto report = apply_bytes(blob.bytes(), target.path());
    ASSERT_TRUE(report) << report.error().to_string();
    EXPECT_EQ(report->layer.diff_id, base::Digest::of(tar)) << to_string(compression);
    EXPECT_EQ(report->layer.size, tar.size());
    EXPECT_EQ(test::read_file(target / "app/data"), std::string(100000, 'z'));
  }
}

TEST(ApplyLayer, SetsDirectoryModesAndTimesAfterFillingThem) {
  TempDir target;
  LayerEntry locked = LayerEntry::directory("locked", 0555);
  locked.mtime = 1500000000;
  std::vector<LayerEntry> entries = {locked, LayerEntry::file("locked/file", "x")};
  ASSERT_TRUE(apply_bytes(test::write_to_memory(entries), target.path()));
  struct stat info {};
  ASSERT_EQ(::stat((target / "locked").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0555u);
  EXPECT_EQ(info.st_mtim.tv_sec, 1500000000);
}

TEST(ApplyLayer, MissingTargetIsNotFound) {
  auto report = apply_bytes(test::write_to_memory(std::vector{LayerEntry::file("a", "")}),
                            "/nonexistent/strata-target");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, base::ErrorCode::not_found);
}

}  // namespace
}  // namespace strata::layer
