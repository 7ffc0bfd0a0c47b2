#include "engine/cache/cache_index.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

namespace strata::cache {
namespace {

namespace fs = std::filesystem;

class CacheIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "strata-cache-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    m_file = m_dir / "cache" / "index";
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static CacheEntry entry(std::string_view parent, std::string_view instruction,
                          std::string_view result) {
    CacheKey key = KeyBuilder("step").add("parent", parent).add("instruction", instruction).build();
    return CacheEntry{key.digest, key.preimage, std::string(result), 1700000000};
  }

  fs::path m_dir;
  fs::path m_file;
};

TEST_F(CacheIndexTest, InsertedEntriesSurviveReopen) {
  auto index = CacheIndex::open(m_file);
  ASSERT_TRUE(index.ok()) << index.error().to_string();
  CacheEntry a = entry("p", "WORKDIR /app", "{\"layer\":null}");
  CacheEntry b = entry("p", "COPY . .", "{\"layer\":\"sha256:1\"}");
  ASSERT_TRUE(index->insert(a).ok());
  ASSERT_TRUE(index->insert(b).ok());
  auto reopened = CacheIndex::open(m_file);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->size(), 2u);
  ASSERT_NE(reopened->lookup(b.key), nullptr);
  EXPECT_EQ(*reopened->lookup(b.key), b);
  EXPECT_EQ(reopened->lookup(base::Digest::of("nope")), nullptr);
}

TEST_F(CacheIndexTest, LaterRecordForTheSameKeyWins) {
  auto index = CacheIndex::open(m_file);
  CacheEntry first = entry("p", "RUN x", "old");
  CacheEntry second = first;
  second.result = "new";
  ASSERT_TRUE(index->insert(first).ok());
  ASSERT_TRUE(index->insert(second).ok());
  auto reopened = CacheIndex::open(m_file);
  EXPECT_EQ(reopened->size(), 1u);
  EXPECT_EQ(reopened->lookup(first.key)->result, "new");
}

TEST_F(CacheIndexTest, TornTailIsDroppedAndCutByTheNextAppend) {
  {
    auto index = CacheIndex::open(m_file);
    ASSERT_TRUE(index->insert(entry("p", "A", "1")).ok());
    ASSERT_TRUE(index->insert(entry("p", "B", "2")).ok());
  }
  uintmax_t intact = fs::file_size(m_file);
  fs::resize_file(m_file, intact - 5);  // a crash in the middle of the second append
  auto index = CacheIndex::open(m_file);
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->size(), 1u);
  EXPECT_GT(index->dropped_bytes(), 0u);
  ASSERT_TRUE(index->insert(entry("p", "C", "3")).ok());
  auto reopened = CacheIndex::open(m_file);
  EXPECT_EQ(reopened->size(), 2u);
  EXPECT_EQ(reopened->dropped_bytes(), 0u);
}

TEST_F(CacheIndexTest, CorruptRecordIsNeverTrusted) {
  {
    auto index = CacheIndex::open(m_file);
    ASSERT_TRUE(index->insert(entry("p", "A", "payload-one")).ok());
  }
  {
    std::fstream file(m_file, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(-10, std::ios::end);
    file.put('X');  // flips a byte inside the payload: the checksum no longer matches
  }
  auto index = CacheIndex::open(m_file);
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->size(), 0u);
  EXPECT_GT(index->dropped_bytes(), 0u);
}

TEST_F(CacheIndexTest, RejectsForeignFilesAndOtherVersions) {
  fs::create_directories(m_file.parent_path());
  std::ofstream(m_file) << "not a cache index at all";
  auto foreign = CacheIndex::open(m_file);
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.error().message.find("is not a strata cache index"), std::string::npos);
  std::ofstream(m_file, std::ios::binary) << std::string("STRATACI\x09\0\0\0", 12);
  auto future = CacheIndex::open(m_file);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, base::ErrorCode::unsupported);
}

TEST_F(CacheIndexTest, TwoProcessesAppendingConcurrentlyLoseNothing) {
  ASSERT_TRUE(CacheIndex::open(m_file).ok());
  constexpr int k_per_process = 200;
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  const char* who = child == 0 ? "child" : "parent";
  {
    auto index = CacheIndex::open(m_file);
    for (int i = 0; i < k_per_process && index.ok(); ++i) {
      if (!index->insert(entry(who, std::to_string(i), "r")).ok()) break;
    }
  }
  if (child == 0) ::_exit(0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  auto index = CacheIndex::open(m_file);
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->size(), 2u * k_per_process);
  EXPECT_EQ(index->dropped_bytes(), 0u);
}

TEST_F(CacheIndexTest, CompactKeepsOneRecordPerKey) {
  auto index = CacheIndex::open(m_file);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(index->insert(entry("p", std::to_string(i), std::to_string(round))).ok());
    }
  }
  uintmax_t before = fs::file_size(m_file);
  ASSERT_TRUE(index->compact().ok());
  EXPECT_LT(fs::file_size(m_file), before);
  auto reopened = CacheIndex::open(m_file);
  EXPECT_EQ(reopened->size(), 10u);
  EXPECT_EQ(reopened->lookup(entry("p", "3", "").key)->result, "2");
}

TEST_F(CacheIndexTest, ExplainsAMissAgainstTheSameStepOnTheSameParent) {
  auto index = CacheIndex::open(m_file);
  auto copy_key = [](std::string_view content) {
    return KeyBuilder("step")
        .add("parent", "sha256:p")
        .add("instruction", "COPY app.py .")
        .add("source:app.py", content)
        .build();
  };
  CacheKey old_key = copy_key("sha256:old");
  ASSERT_TRUE(index->insert({old_key.digest, old_key.preimage, "r", 1}).ok());
  CacheKey other =
      KeyBuilder("step").add("parent", "sha256:p").add("instruction", "EXPOSE 80").build();
  ASSERT_TRUE(index->insert({other.digest, other.preimage, "r", 2}).ok());
  EXPECT_EQ(explain_miss(*index, copy_key("sha256:new")),
            std::vector<std::string>{"source app.py changed"});
  CacheKey orphan = KeyBuilder("step").add("parent", "sha256:q").add("instruction", "X").build();
  EXPECT_EQ(explain_miss(*index, orphan),
            std::vector<std::string>{"no earlier build of this step on the same parent"});
}

}  // namespace
}  // namespace strata::cache
