#include "engine/layer/overlay.h"

#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/layer/apply.h"
#include "engine/layer/tar_writer.h"
#include "engine/layer/test_support.h"

namespace strata::layer {
namespace {

using test::TempDir;

TEST(OverlayUpper, TurnsDeletionDevicesAndOpaqueDirsIntoOciMarkers) {
  if (::geteuid() != 0) GTEST_SKIP() << "mknod and trusted.* xattrs need root";
  TempDir upper;
  test::write_file(upper / "etc/new.conf", "new");
  ASSERT_EQ(::mknod((upper / "etc/deleted.conf").c_str(), S_IFCHR | 0, makedev(0, 0)), 0);
  ASSERT_EQ(::mknod((upper / "etc/null").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
  std::filesystem::create_directories(upper / "var/cache");
  ASSERT_EQ(::setxattr((upper / "var/cache").c_str(), "trusted.overlay.opaque", "y", 1, 0), 0);
  std::filesystem::create_directories(upper / "var/lib");
  ASSERT_EQ(::setxattr((upper / "var/lib").c_str(), "user.overlay.opaque", "y", 1, 0), 0);

  auto entries = overlay_upper_to_entries(upper.path());
  ASSERT_TRUE(entries) << entries.error().to_string();
  std::vector<std::string> described;
  for (const LayerEntry& entry : *entries) {
    described.push_back(std::string(to_string(entry.type)) + " " + entry.path);
  }
  std::vector<std::string> expected = {
      "directory etc",
      "whiteout etc/deleted.conf",
      "file etc/new.conf",
      "char device etc/null",
      "directory var",
      "directory var/cache",
      "opaque directory var/cache",
      "directory var/lib",
      "opaque directory var/lib",
  };
  EXPECT_EQ(described, expected);
}

// The real thing: mount an overlay, change it the ways a RUN step does, and check that the
// upper dir as a layer, applied to a copy of the lower dir, gives what the mount showed.
TEST(OverlayUpper, LayerOfARealOverlayReproducesTheMergedView) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting overlayfs needs root";
  TempDir dir;
  for (const char* sub : {"lower", "upper", "work", "merged", "replay"}) {
    std::filesystem::create_directories(dir / sub);
  }
  for (const char* base : {"lower", "replay"}) {
    test::write_file(dir / base / "etc/keep.conf", "keep");
    test::write_file(dir / base / "etc/remove.conf", "remove");
    test::write_file(dir / base / "var/cache/apt/pkgcache.bin", "cache");
    test::write_file(dir / base / "var/cache/old", "old");
    test::write_file(dir / base / "usr/bin/tool", "v1", 0755);
    for (const char* file : {"etc/keep.conf", "etc/remove.conf", "var/cache/apt/pkgcache.bin",
                             "var/cache/old", "usr/bin/tool"}) {
      test::set_mtime(dir / base / file, 1000000);
    }
  }
  std::string options = "lowerdir=" + (dir / "lower").string() +
                        ",upperdir=" + (dir / "upper").string() +
                        ",workdir=" + (dir / "work").string();
  if (::mount("overlay", (dir / "merged").c_str(), "overlay", 0, options.c_str()) != 0) {
    GTEST_SKIP() << "overlayfs not mountable here: " << std::strerror(errno);
  }
  std::filesystem::path merged = dir / "merged";
  std::filesystem::remove(merged / "etc/remove.conf");
  std::filesystem::remove_all(merged / "var/cache");
  test::write_file(merged / "var/cache/fresh", "fresh");  // a recreated dir is opaque
  test::write_file(merged / "usr/bin/tool", "v2", 0755);
  test::write_file(merged / "usr/bin/new", "new", 0700);
  std::vector<std::string> expected = test::describe_tree(merged);
  ASSERT_EQ(::umount(merged.c_str()), 0);

  auto entries = overlay_upper_to_entries(dir / "upper");
  ASSERT_TRUE(entries) << entries.error().to_string();
  MemorySink sink;
  ASSERT_TRUE(write_layer(*entries, sink));
  MemorySource source(sink.bytes());
  auto report = apply_layer(source, dir / "replay");
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->whiteouts, 1u);
  EXPECT_EQ(report->opaque_dirs, 1u);
  // Directory mtimes differ (the mount's are "now"), everything else must match.
  auto without_dir_times = [](std::vector<std::string> lines) {
    for (std::string& line : lines) {
      if (line.find(" dir ") != std::string::npos) line.erase(line.find(" mtime="));
    }
    return lines;
  };
  EXPECT_EQ(without_dir_times(test::describe_tree(dir / "replay")), without_dir_times(expected));
}

}  // namespace
}  // namespace strata::layer
