#include "engine/store/fsck.h"

#include <gtest/gtest.h>

#include "engine/store/blob_store.h"
#include "engine/store/store_error.h"
#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using base::Digest;

class FsckTest : public testing::StoreFixture {
 protected:
  FsckReport check() {
    auto report = fsck(layout());
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    return report.ok() ? std::move(report).value() : FsckReport();
  }

  BlobStore m_blobs{layout()};
  RefStore m_refs{layout()};
};

TEST_F(FsckTest, FreshAndPopulatedStoresAreConsistent) {
  FsckReport empty = check();
  EXPECT_TRUE(empty.consistent());
  EXPECT_EQ(empty.blobs_checked, 0u);

  auto a = m_blobs.put("aaaa");
  auto b = m_blobs.put("bbbbbb");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(m_refs.set("a:1", *a).ok());
  FsckReport report = check();
  EXPECT_TRUE(report.consistent());
  EXPECT_EQ(report.blobs_checked, 2u);
  EXPECT_EQ(report.bytes_checked, 10u);
}

TEST_F(FsckTest, ReportsCorruptBlobsByDigest) {
  auto good = m_blobs.put("good");
  auto bad = m_blobs.put("bad!");
  ASSERT_TRUE(good.ok() && bad.ok());
  testing::overwrite_file(m_blobs.path(*bad), "BAD!");
  FsckReport report = check();
  EXPECT_FALSE(report.consistent());
  EXPECT_EQ(report.corrupt_blobs, std::vector<Digest>{*bad});
  EXPECT_EQ(report.blobs_checked, 2u);
}

TEST_F(FsckTest, ReportsStrayFilesDanglingRefsAndABrokenIndex) {
  testing::overwrite_file(layout().blobs_dir() / "notes.txt", "x");
  std::filesystem::create_directory(layout().blobs_dir() / Digest::of("dir").hex());
  ASSERT_TRUE(m_refs.set("gone:1", Digest::of("never stored")).ok());
  FsckReport report = check();
  EXPECT_EQ(report.stray_files,
            (std::vector<std::filesystem::path>{layout().blobs_dir() / Digest::of("dir").hex(),
                                                layout().blobs_dir() / "notes.txt"}));
  EXPECT_EQ(report.dangling_refs, (std::vector<Ref>{{"gone:1", Digest::of("never stored")}}));
  EXPECT_FALSE(report.refs_error);

  testing::overwrite_file(m_refs.index_path(), "garbage\n");
  report = check();
  ASSERT_TRUE(report.refs_error);
  EXPECT_TRUE(is_corrupt(*report.refs_error));
}

TEST_F(FsckTest, LeftoverTempsAreReportedAndGcRemovesThemButNotLiveOnes) {
  testing::overwrite_file(layout().tmp_dir() / "blob-crash1", "partial blob");
  testing::overwrite_file(layout().tmp_dir() / "index-crash2", "partial index");
  auto live = m_blobs.writer();
  ASSERT_TRUE(live.ok());
  ASSERT_TRUE(live->write("still being written").ok());

  FsckReport report = check();
  EXPECT_EQ(report.stale_temps,
            (std::vector<StaleTemp>{{layout().tmp_dir() / "blob-crash1", 12},
                                    {layout().tmp_dir() / "index-crash2", 13}}));
  EXPECT_TRUE(report.corrupt_blobs.empty());
  EXPECT_FALSE(report.consistent());
  // fsck only looks.
  EXPECT_EQ(testing::entries(layout().tmp_dir()).size(), 3u);

  auto collected = gc(layout());
  ASSERT_TRUE(collected.ok()) << collected.error().to_string();
  EXPECT_EQ(collected->removed_temps.size(), 2u);
  EXPECT_EQ(collected->bytes_freed, 25u);
  EXPECT_EQ(testing::entries(layout().tmp_dir()).size(), 1u);  // the live writer's
  EXPECT_TRUE(check().consistent());

  auto info = live->commit();
  ASSERT_TRUE(info.ok()) << info.error().to_string();
  EXPECT_EQ(*m_blobs.read(info->digest), "still being written");
  EXPECT_TRUE(testing::entries(layout().tmp_dir()).empty());
}

TEST_F(FsckTest, GcWaitsForTheStoreLock) {
  auto held = FileLock::acquire(layout().lock_path(), LockMode::shared);
  ASSERT_TRUE(held.ok());
  auto collected = gc(layout(), {.lock_timeout = std::chrono::milliseconds(30)});
  ASSERT_FALSE(collected.ok());
  EXPECT_NE(collected.error().to_string().find("timed out"), std::string::npos);
}

}  // namespace
}  // namespace strata::store
