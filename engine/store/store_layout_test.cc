#include "engine/store/store_layout.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <optional>
#include <string>

#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using testing::entries;
using testing::mode_of;
using testing::TempDir;

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

TEST(StoreLayout, OpenCreatesOnlyBlobsRefsTmpAndLockWithMode0755) {
  TempDir dir;
  mode_t old_umask = ::umask(077);  // the layout's modes must not depend on the caller's umask
  auto layout = StoreLayout::open(dir.path() / "a" / "root");
  ::umask(old_umask);
  ASSERT_TRUE(layout.ok()) << layout.error().to_string();
  EXPECT_EQ(entries(layout->root()), (std::set<std::string>{"blobs", "lock", "refs", "tmp"}));
  EXPECT_EQ(entries(layout->root() / "blobs"), (std::set<std::string>{"sha256"}));
  for (const auto& dir : {layout->blobs_dir(), layout->refs_dir(), layout->tmp_dir(),
                          layout->blobs_dir().parent_path()}) {
    EXPECT_EQ(mode_of(dir), 0755u) << dir;
  }
  EXPECT_TRUE(std::filesystem::is_regular_file(layout->lock_path()));
  EXPECT_EQ(layout->blob_path(base::Digest::of("x")),
            layout->root() / "blobs" / "sha256" / base::Digest::of("x").hex());
}

TEST(StoreLayout, OpenIsIdempotentAndKeepsContents) {
  TempDir dir;
  ASSERT_TRUE(StoreLayout::open(dir.path()).ok());
  testing::overwrite_file(dir.path() / "refs" / "keep", "x");
  auto again = StoreLayout::open(dir.path());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(testing::read_file(dir.path() / "refs" / "keep"), "x");
}

TEST(StoreLayout, RootIsMadeAbsolute) {
  TempDir dir;
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  auto layout = StoreLayout::open("relative/root");
  std::filesystem::current_path(cwd);
  ASSERT_TRUE(layout.ok());
  EXPECT_EQ(layout->root(), dir.path() / "relative" / "root");
}

TEST(StoreLayout, EmptyRootIsRejected) {
  auto layout = StoreLayout::open("");
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.error().code, base::ErrorCode::invalid_argument);
}

TEST(StoreLayout, RootThatIsAFileFailsNamingThePath) {
  TempDir dir;
  testing::overwrite_file(dir.path() / "file", "not a directory");
  auto layout = StoreLayout::open(dir.path() / "file");
  ASSERT_FALSE(layout.ok());
  EXPECT_NE(layout.error().to_string().find((dir.path() / "file").string()), std::string::npos)
      << layout.error().to_string();
}

TEST(DefaultStoreRoot, PrefersStrataRootThenHome) {
  {
    ScopedEnv root("STRATA_ROOT", "/srv/strata");
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(default_store_root(), "/srv/strata");
  }
  {
    ScopedEnv root("STRATA_ROOT", "");
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(default_store_root(), "/home/u/.local/share/strata");
  }
  {
    ScopedEnv root("STRATA_ROOT", nullptr);
    ScopedEnv home("HOME", nullptr);
    // Falls back to the password database; whatever it says, the suffix is the same.
    EXPECT_EQ(default_store_root().filename(), "strata");
  }
}

}  // namespace
}  // namespace strata::store
