#include "engine/store/staging_file.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/store/file_lock.h"
#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using testing::entries;
using testing::read_file;

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

class StagingFileTest : public testing::StoreFixture {
 protected:
  std::filesystem::path tmp() const { return layout().tmp_dir(); }
  std::filesystem::path destination() const { return layout().refs_dir() / "target"; }
};

TEST_F(StagingFileTest, NothingIsVisibleUntilCommitAndTheTempIsGoneAfter) {
  auto file = StagingFile::create(tmp(), "test");
  ASSERT_TRUE(file.ok()) << file.error().to_string();
  EXPECT_EQ(file->path().parent_path(), tmp());
  EXPECT_TRUE(file->path().filename().string().starts_with("test-"));
  ASSERT_TRUE(file->write(bytes_of("hello ")).ok());
  ASSERT_TRUE(file->write(bytes_of("world")).ok());
  EXPECT_FALSE(std::filesystem::exists(destination()));
  EXPECT_EQ(entries(tmp()).size(), 1u);

  ASSERT_TRUE(file->commit(destination(), 0640).ok());
  EXPECT_EQ(read_file(destination()), "hello world");
  EXPECT_EQ(testing::mode_of(destination()), 0640u);
  EXPECT_TRUE(entries(tmp()).empty());
  EXPECT_TRUE(file->path().empty());
}

TEST_F(StagingFileTest, BothCreationPathsGiveALockedNamedFile) {
  auto unnamed = StagingFile::create_unnamed(tmp(), "unnamed");
  ASSERT_TRUE(unnamed.ok()) << unnamed.error().to_string();
  // Every filesystem the store runs on in CI (ext4, tmpfs) supports O_TMPFILE.
  ASSERT_TRUE(unnamed->has_value());
  auto named = StagingFile::create_named(tmp(), "named");
  ASSERT_TRUE(named.ok()) << named.error().to_string();
  for (const StagingFile* file : {&**unnamed, &*named}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(file->path()));
    EXPECT_EQ(testing::mode_of(file->path()), 0600u);
    auto lock = FileLock::try_acquire(file->path(), LockMode::shared);
    ASSERT_TRUE(lock.ok());
    EXPECT_FALSE(lock->has_value()) << file->path() << " is not locked";
  }
  ASSERT_TRUE((*unnamed)->write(bytes_of("u")).ok());
  ASSERT_TRUE((*unnamed)->commit(destination(), 0644).ok());
  EXPECT_EQ(read_file(destination()), "u");
}

TEST_F(StagingFileTest, CommitReplacesTheDestinationWhole) {
  testing::overwrite_file(destination(), "old content that is longer");
  ASSERT_TRUE(write_file_atomic(tmp(), destination(), "new", 0644).ok());
  EXPECT_EQ(read_file(destination()), "new");
  EXPECT_TRUE(entries(tmp()).empty());
}

TEST_F(StagingFileTest, AbortAndDestructionLeaveNothing) {
  {
    auto file = StagingFile::create(tmp(), "dropped");
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE(file->write(bytes_of("partial")).ok());
  }
  auto file = StagingFile::create(tmp(), "aborted");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->write(bytes_of("partial")).ok());
  file->abort();
  EXPECT_TRUE(entries(tmp()).empty());
  EXPECT_FALSE(file->commit(destination(), 0644).ok());
  EXPECT_FALSE(std::filesystem::exists(destination()));
}

TEST_F(StagingFileTest, FailedCommitRemovesTheTempAndNamesBothPaths) {
  auto file = StagingFile::create(tmp(), "doomed");
  ASSERT_TRUE(file.ok());
  auto temp = file->path();
  auto nowhere = layout().root() / "missing-dir" / "target";
  auto status = file->commit(nowhere, 0644);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message,
            "rename " + temp.string() + " to " + nowhere.string() + ": No such file or directory");
  EXPECT_TRUE(entries(tmp()).empty());
}

TEST_F(StagingFileTest, WritesOfEverySizeArriveInOrder) {
  // Chunks below, at and above the internal buffer size, so every path through write() runs.
  std::mt19937 random(7);
  std::string expected;
  auto file = StagingFile::create(tmp(), "sizes");
  ASSERT_TRUE(file.ok());
  for (size_t size : {0, 1, 100, 128 * 1024 - 1, 1, 128 * 1024, 3, 300 * 1024, 17, 64 * 1024,
                      64 * 1024, 64 * 1024 + 1}) {
    std::string chunk(size, '\0');
    for (char& c : chunk) c = static_cast<char>(random());
    expected += chunk;
    ASSERT_TRUE(file->write(bytes_of(chunk)).ok());
  }
  EXPECT_EQ(file->size(), expected.size());
  ASSERT_TRUE(file->commit(destination(), 0644).ok());
  EXPECT_EQ(read_file(destination()), expected);
}

}  // namespace
}  // namespace strata::store
