#include "engine/layer/tar_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/base/digest.h"
#include "engine/layer/tar_reader.h"
#include "engine/layer/test_support.h"
#include "engine/layer/tree_walker.h"

namespace strata::layer {
namespace {

using test::TempDir;

std::string_view as_text(const std::vector<uint8_t>& bytes) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::vector<LayerEntry> list(const std::vector<uint8_t>& tar) {
  MemorySource source(tar);
  auto entries = list_layer(source);
  EXPECT_TRUE(entries) << entries.error().to_string();
  return entries ? *entries : std::vector<LayerEntry>{};
}

std::vector<std::string> paths_of(const std::vector<LayerEntry>& entries) {
  std::vector<std::string> paths;
  for (const LayerEntry& entry : entries) paths.push_back(entry.path);
  return paths;
}

TEST(WriteLayer, DiffIdIsTheSha256OfTheBytesWritten) {
  std::vector<LayerEntry> entries = {LayerEntry::directory("app"),
                                     LayerEntry::file("app/main.py", "print('hi')\n")};
  MemorySink sink;
  auto digests = write_layer(entries, sink);
  ASSERT_TRUE(digests) << digests.error().to_string();
  EXPECT_EQ(digests->diff_id, base::Digest::of(sink.bytes()));
  EXPECT_EQ(digests->size, sink.bytes().size());
}

// 1024 zero bytes: the layer Docker and BuildKit write for a step that changes nothing, whose
// diffID every registry knows.
TEST(WriteLayer, EmptyLayerIsTheWellKnownEmptyTar) {
  MemorySink sink;
  auto digests = write_layer({}, sink);
  ASSERT_TRUE(digests);
  EXPECT_EQ(sink.bytes(), std::vector<uint8_t>(1024, 0));
  EXPECT_EQ(digests->diff_id.to_string(),
            "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
  EXPECT_TRUE(list(sink.bytes()).empty());
}

TEST(ListLayer, EmptyStreamIsNotALayer) {
  MemorySource source(std::string_view(""));
  auto listed = list_layer(source);
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, base::ErrorCode::parse);
}

TEST(WriteLayer, EndsRightAfterTheEndOfArchiveMarker) {
  std::vector<LayerEntry> entries = {LayerEntry::file("a", "x")};
  std::vector<uint8_t> tar = test::write_to_memory(entries);
  // One header, one data record, two zero records; no padding to a 10 KiB tape block.
  ASSERT_EQ(tar.size(), 4u * 512);
  EXPECT_TRUE(std::all_of(tar.end() - 1024, tar.end(), [](uint8_t b) { return b == 0; }));
}

TEST(WriteLayer, HeadersHaveNumericIdsEmptyNamesAndNoAccessTimes) {
  LayerEntry entry = LayerEntry::file("a", "x", 04755);
  entry.uid = 1000;
  entry.gid = 50;
  entry.mtime = 1700000000;
  std::vector<uint8_t> tar = test::write_to_memory(std::vector{entry});
  std::string_view header = as_text(tar).substr(0, 512);
  EXPECT_EQ(header.substr(0, 2), std::string_view("a\0", 2));
  EXPECT_EQ(header.substr(100, 6), "004755");        // mode
  EXPECT_EQ(header.substr(108, 6), "001750");        // uid 1000
  EXPECT_EQ(header.substr(116, 6), "000062");        // gid 50
  EXPECT_EQ(header.substr(136, 11), "14524770400");  // mtime
  EXPECT_EQ(header.substr(257, 6), std::string_view("ustar\0", 6));
  EXPECT_EQ(header.substr(265, 32), std::string(32, '\0'));  // uname
  EXPECT_EQ(header.substr(297, 32), std::string(32, '\0'));  // gname
  EXPECT_EQ(as_text(tar).find("atime"), std::string_view::npos);
  EXPECT_EQ(as_text(tar).find("ctime"), std::string_view::npos);
  EXPECT_EQ(as_text(tar).find("PaxHeader"), std::string_view::npos);  // ustar sufficed
}

TEST(WriteLayer, SortsParentsBeforeChildrenAndMarkersBeforeSiblings) {
  std::vector<LayerEntry> entries = {
      LayerEntry::file("etc/z.conf", "z"), LayerEntry::whiteout("etc/old.conf"),
      LayerEntry::file("etc.txt", "t"),    LayerEntry::directory("etc"),
      LayerEntry::opaque("etc"),           LayerEntry::file("etc/a.conf", "a"),
      LayerEntry::directory("etc/sub"),    LayerEntry::file("etc/sub/x", "x"),
  };
  std::vector<uint8_t> tar = test::write_to_memory(entries);
  std::vector<std::string> names = test::raw_names(tar);
  std::vector<std::string> expected_full = {"etc/",       "etc/.wh..wh..opq", "etc/.wh.old.conf",
                                            "etc/a.conf", "etc/sub/",         "etc/sub/x",
                                            "etc/z.conf", "etc.txt"};
  EXPECT_EQ(names, expected_full);
}

TEST(WriteLayer, SameInputGivesTheSameBytes) {
  std::vector<LayerEntry> entries = {LayerEntry::directory("d"), LayerEntry::file("d/f", "data"),
                                     LayerEntry::symlink("d/l", "f")};
  std::vector<LayerEntry> reversed(entries.rbegin(), entries.rend());
  EXPECT_EQ(test::write_to_memory(entries), test::write_to_memory(reversed));
}

// Two checkouts of the same tree made at different times: SOURCE_DATE_EPOCH makes their layers
// identical, and without it they differ (so the test can tell).
TEST(WriteLayer, SourceDateEpochMakesTreesWithOtherMtimesBitIdentical) {
  TempDir first;
  TempDir second;
  for (const TempDir* dir : {&first, &second}) {
    test::write_file(*dir / "app/main.py", "print('hi')\n");
    test::write_file(*dir / "app/run.sh", "#!/bin/sh\n", 0755);
    std::filesystem::create_symlink("main.py", *dir / "app/link");
  }
  int64_t now = ::time(nullptr);
  for (const char* path : {"app/main.py", "app/run.sh", "app/link", "app"}) {
    test::set_mtime(first / path, now - 100);
    test::set_mtime(second / path, now);
  }
  auto first_entries = entries_from_tree(first.path());
  auto second_entries = entries_from_tree(second.path());
  ASSERT_TRUE(first_entries && second_entries);
  WriteOptions epoch{.source_date_epoch = 1000000000};
  std::vector<uint8_t> a = test::write_to_memory(*first_entries, epoch);
  std::vector<uint8_t> b = test::write_to_memory(*second_entries, epoch);
  EXPECT_EQ(a, b);
  EXPECT_NE(test::write_to_memory(*first_entries), test::write_to_memory(*second_entries));
}

TEST(WriteLayer, SourceDateEpochClampsOnlyLaterTimes) {
  LayerEntry old_file = LayerEntry::file("old", "o");
  old_file.mtime = 100;
  LayerEntry new_file = LayerEntry::file("new", "n");
  new_file.mtime = 5000;
  std::vector<uint8_t> tar = test::write_to_memory(std::vector{old_file, new_file},
                                                   WriteOptions{.source_date_epoch = 1000});
  std::vector<LayerEntry> listed = list(tar);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].path, "new");
  EXPECT_EQ(listed[0].mtime, 1000);
  EXPECT_EQ(listed[1].mtime, 100);
}

TEST(WriteLayer, LongAndNonAsciiNamesRoundTripThroughPax) {
  std::string long_dir = "very/" + std::string(120, 'd');
  std::string long_path = long_dir + "/" + std::string(60, 'f') + ".txt";
  std::string unicode = "caf\xC3\xA9/na\xC3\xAFve-\xE5\x90\x8D\xE5\x89\x8D.txt";  // café/naïve-名前
  std::string long_target = std::string(150, 't');
  std::vector<LayerEntry> entries = {
      LayerEntry::file(long_path, "long"),
      LayerEntry::file(unicode, "unicode"),
      LayerEntry::symlink("link", long_target),
      LayerEntry::hardlink("zz-hard", long_path),
  };
  std::vector<uint8_t> tar = test::write_to_memory(entries);
  EXPECT_NE(as_text(tar).find("path=" + long_path), std::string_view::npos);
  EXPECT_NE(as_text(tar).find("path=" + unicode), std::string_view::npos);
  // Valid UTF-8 goes out as UTF-8, whatever the process locale, not flagged as binary.
  EXPECT_EQ(as_text(tar).find("hdrcharset"), std::string_view::npos);
  std::vector<LayerEntry> listed = list(tar);
  std::vector<std::string> expected = {unicode, "link", long_path, "zz-hard"};
  EXPECT_EQ(paths_of(listed), expected);
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0].size, 7u);
  EXPECT_EQ(listed[1].link_target, long_target);
  EXPECT_EQ(listed[3].type, EntryType::hardlink);
  EXPECT_EQ(listed[3].link_target, long_path);
}

TEST(WriteLayer, NamesThatAreNotUtf8TravelAsRawBytes) {
  std::string name = "bad\xFF\xFEname";
  std::vector<uint8_t> tar = test::write_to_memory(std::vector{LayerEntry::file(name, "x")});
  std::vector<LayerEntry> listed = list(tar);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].path, name);
}

TEST(WriteLayer, CarriesModesIdsXattrsAndDevices) {
  LayerEntry tool = LayerEntry::file("bin/ping", "elf", 04755);
  tool.uid = 0;
  tool.gid = 1234567;  // beyond ustar's 7 octal digits: PAX
  tool.xattrs["security.capability"] = std::string("\x01\x00\x00\x02\x00\x20\x00\x00", 8);
  LayerEntry null_device;
  null_device.path = "dev/null";
  null_device.type = EntryType::char_device;
  null_device.mode = 0666;
  null_device.dev_major = 1;
  null_device.dev_minor = 3;
  std::vector<LayerEntry> listed = list(test::write_to_memory(std::vector{tool, null_device}));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].path, "bin/ping");
  EXPECT_EQ(listed[0].mode, 04755u);
  EXPECT_EQ(listed[0].gid, 1234567u);
  EXPECT_EQ(listed[0].xattrs, tool.xattrs);
  EXPECT_EQ(listed[1].type, EntryType::char_device);
  EXPECT_EQ(listed[1].dev_major, 1u);
  EXPECT_EQ(listed[1].dev_minor, 3u);
}

TEST(WriteLayer, RejectsBadInputBeforeWritingAnything) {
  struct Case {
    std::vector<LayerEntry> entries;
    std::string message;
  };
  std::vector<Case> cases = {
      {{LayerEntry::file("/etc/passwd", "x")}, "layer entry '/etc/passwd': absolute path"},
      {{LayerEntry::file("a/../b", "x")}, "layer entry 'a/../b': path has a '..' component"},
      {{LayerEntry::file("a", "x"), LayerEntry::directory("a")},
       "layer entry 'a': duplicate entry"},
      {{LayerEntry::file("d/.wh.x", "")},
       "layer entry 'd/.wh.x': a name starting with \".wh.\" would read as a whiteout"},
      {{LayerEntry::hardlink("a", "missing")},
       "layer entry 'a': hardlink target 'missing' is not a file written before it in the layer"},
      {{LayerEntry::hardlink("a", "z"), LayerEntry::file("z", "")},
       "layer entry 'a': hardlink target 'z' is not a file written before it in the layer"},
      {{LayerEntry::symlink("l", "")}, "layer entry 'l': symlink has no target"},
  };
  LayerEntry lying = LayerEntry::file("f", "abc");
  lying.size = 10;
  cases.push_back({{lying}, "layer entry 'f': size 10 does not match its 3 content bytes"});
  for (const Case& c : cases) {
    MemorySink sink;
    auto result = write_layer(c.entries, sink);
    ASSERT_FALSE(result) << c.message;
    EXPECT_EQ(result.error().message, c.message);
    EXPECT_TRUE(sink.bytes().empty()) << c.message;
  }
}

TEST(WriteLayer, FailsWhenAHostFileChangedSinceItWasListed) {
  TempDir dir;
  test::write_file(dir / "f", "12345");
  auto entries = entries_from_tree(dir.path());
  ASSERT_TRUE(entries);
  test::write_file(dir / "f", "123");
  MemorySink sink;
  auto result = write_layer(*entries, sink);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("changed size since it was listed (5 -> 3 bytes)"),
            std::string::npos)
      << result.error().message;
  // Not even an end-of-archive marker: a failed layer never looks finished.
  EXPECT_TRUE(sink.bytes().empty());
}

class FailingSink final : public Sink {
 public:
  base::Status write(std::span<const uint8_t>) override {
    return base::make_error(base::ErrorCode::io, "disk full");
  }
};

TEST(WriteLayer, ReportsTheSinkError) {
  FailingSink sink;
  auto result = write_layer(std::vector{LayerEntry::file("a", "x")}, sink);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "disk full");
}

}  // namespace
}  // namespace strata::layer
