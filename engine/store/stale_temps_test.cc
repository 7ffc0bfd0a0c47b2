#include "engine/store/stale_temps.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "engine/store/staging_file.h"
#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using testing::entries;
using testing::read_file;

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

class StaleTemps : public testing::StoreFixture {
 protected:
  std::filesystem::path tmp() const { return layout().tmp_dir(); }
  std::filesystem::path destination() const { return layout().refs_dir() / "target"; }
};

// Parameter: whether writers use StagingFile::create_named (the fallback path).
class StaleTempsRace : public StaleTemps, public ::testing::WithParamInterface<bool> {};

TEST_F(StaleTemps, OnlyTempsNoLiveWriterHoldsAreStale) {
  auto live = StagingFile::create(tmp(), "live");
  ASSERT_TRUE(live.ok());
  ASSERT_TRUE(live->write(bytes_of("in progress")).ok());
  testing::overwrite_file(tmp() / "blob-crashed", "12345");
  std::filesystem::create_directories(tmp() / "dir-crashed" / "sub");
  testing::overwrite_file(tmp() / "dir-crashed" / "sub" / "f", "1234567");

  auto stale = find_stale_temps(tmp());
  ASSERT_TRUE(stale.ok()) << stale.error().to_string();
  EXPECT_EQ(*stale,
            (std::vector<StaleTemp>{{tmp() / "blob-crashed", 5}, {tmp() / "dir-crashed", 7}}));

  auto removed_live = remove_if_stale(live->path());
  ASSERT_TRUE(removed_live.ok());
  EXPECT_FALSE(*removed_live);
  for (const auto& temp : *stale) {
    auto removed = remove_if_stale(temp.path);
    ASSERT_TRUE(removed.ok()) << removed.error().to_string();
    EXPECT_TRUE(*removed);
  }
  EXPECT_EQ(entries(tmp()), (std::set<std::string>{live->path().filename().string()}));
  // The live writer is unaffected and still commits.
  ASSERT_TRUE(live->commit(destination(), 0644).ok());
  EXPECT_EQ(read_file(destination()), "in progress");
}

TEST_P(StaleTempsRace, GcRunningAlongsideNeverBreaksAWriter) {
  // gc may probe a temp in the instant between its creation and its writer's flock; the writer
  // must then start over rather than write into a file that has lost its name. Racing a
  // collector thread against many short writes exercises that window.
  std::atomic<bool> done = false;
  std::thread collector([&] {
    while (!done) {
      auto stale = find_stale_temps(tmp());
      if (!stale) continue;
      for (const auto& temp : *stale) (void)remove_if_stale(temp.path);
    }
  });
  int failures = 0;
  for (int i = 0; i < 5000; ++i) {
    auto file =
        GetParam() ? StagingFile::create_named(tmp(), "race") : StagingFile::create(tmp(), "race");
    // Once create() returns the writer holds the lock, so its name must still be there.
    if (!file || !std::filesystem::exists(file->path())) ++failures;
    if (i % 100 == 0) {
      std::string text = "write " + std::to_string(i);
      if (!file->write(bytes_of(text)) || !file->commit(destination(), 0644) ||
          read_file(destination()) != text) {
        ++failures;
      }
    }
  }
  done = true;
  collector.join();
  EXPECT_EQ(failures, 0);
  EXPECT_TRUE(entries(tmp()).empty());
}

INSTANTIATE_TEST_SUITE_P(CreationPaths, StaleTempsRace, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Named" : "Default"; });

TEST_F(StaleTemps, SymlinksAndFifosAreStale) {
  std::filesystem::create_symlink("/etc/passwd", tmp() / "link");
  ASSERT_EQ(::mkfifo((tmp() / "fifo").c_str(), 0600), 0);
  auto stale = find_stale_temps(tmp());
  ASSERT_TRUE(stale.ok()) << stale.error().to_string();
  ASSERT_EQ(stale->size(), 2u);
  for (const auto& temp : *stale) EXPECT_TRUE(*remove_if_stale(temp.path));
  EXPECT_TRUE(entries(tmp()).empty());
  EXPECT_TRUE(std::filesystem::exists("/etc/passwd"));  // the link went, not its target
}

TEST_F(StaleTemps, VanishedEntryIsNotAnError) {
  auto removed = remove_if_stale(tmp() / "never-existed");
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(*removed);
}

}  // namespace
}  // namespace strata::store
