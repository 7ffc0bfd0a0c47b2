#include "engine/store/file_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using std::chrono::milliseconds;
using testing::TempDir;

bool can_take(const std::filesystem::path& path, LockMode mode) {
  auto lock = FileLock::try_acquire(path, mode);
  EXPECT_TRUE(lock.ok()) << lock.error().to_string();
  return lock.ok() && lock->has_value();
}

TEST(FileLock, ExclusiveExcludesEveryOtherHolderUntilReleased) {
  TempDir dir;
  auto path = dir.path() / "lock";
  auto lock = FileLock::acquire(path, LockMode::exclusive);
  ASSERT_TRUE(lock.ok()) << lock.error().to_string();
  EXPECT_TRUE(lock->held());
  // flock belongs to the open file description, so a second open in this process conflicts
  // exactly as another process would.
  EXPECT_FALSE(can_take(path, LockMode::exclusive));
  EXPECT_FALSE(can_take(path, LockMode::shared));
  lock->release();
  EXPECT_FALSE(lock->held());
  EXPECT_TRUE(can_take(path, LockMode::exclusive));
}

TEST(FileLock, SharedHoldersCoexistAndExcludeExclusive) {
  TempDir dir;
  auto path = dir.path() / "lock";
  auto first = FileLock::acquire(path, LockMode::shared);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(can_take(path, LockMode::shared));
  EXPECT_FALSE(can_take(path, LockMode::exclusive));
}

TEST(FileLock, DestructorReleases) {
  TempDir dir;
  auto path = dir.path() / "lock";
  {
    auto lock = FileLock::acquire(path, LockMode::exclusive);
    ASSERT_TRUE(lock.ok());
    FileLock moved = std::move(lock).value();
    EXPECT_FALSE(can_take(path, LockMode::shared));
  }
  EXPECT_TRUE(can_take(path, LockMode::exclusive));
}

TEST(FileLock, BoundedWaitGivesUpWithAnErrorNamingThePath) {
  TempDir dir;
  auto path = dir.path() / "lock";
  auto holder = FileLock::acquire(path, LockMode::shared);
  ASSERT_TRUE(holder.ok());
  auto start = std::chrono::steady_clock::now();
  auto waiter = FileLock::acquire(path, LockMode::exclusive, milliseconds(60));
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(waiter.ok());
  EXPECT_EQ(waiter.error().message,
            "timed out after 60 ms waiting for exclusive lock on " + path.string());
  EXPECT_GE(waited, milliseconds(60));
  EXPECT_LT(waited, milliseconds(2000));
}

TEST(FileLock, WaitersGetTheLockWhenTheHolderLetsGo) {
  TempDir dir;
  auto path = dir.path() / "lock";
  auto holder = FileLock::acquire(path, LockMode::exclusive);
  ASSERT_TRUE(holder.ok());
  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(50));
    holder->release();
  });
  auto bounded = FileLock::acquire(path, LockMode::shared, milliseconds(5000));
  EXPECT_TRUE(bounded.ok());
  releaser.join();
  bounded->release();

  auto second = FileLock::acquire(path, LockMode::exclusive);
  ASSERT_TRUE(second.ok());
  std::thread releaser2([&] {
    std::this_thread::sleep_for(milliseconds(50));
    second->release();
  });
  auto blocking = FileLock::acquire(path, LockMode::exclusive);
  EXPECT_TRUE(blocking.ok());
  releaser2.join();
}

TEST(FileLock, KilledHolderReleasesTheLock) {
  TempDir dir;
  auto path = dir.path() / "lock";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = testing::spawn([&] {
    auto lock = FileLock::acquire(path, LockMode::exclusive);
    if (!lock) return 1;
    char byte = 'x';
    if (::write(ready[1], &byte, 1) != 1) return 2;
    ::pause();
    return 0;
  });
  char byte;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  EXPECT_FALSE(can_take(path, LockMode::shared));
  ::kill(child, SIGKILL);
  EXPECT_EQ(testing::wait_for(child), 128 + SIGKILL);
  EXPECT_TRUE(can_take(path, LockMode::exclusive));
  ::close(ready[0]);
  ::close(ready[1]);
}

}  // namespace
}  // namespace strata::store
