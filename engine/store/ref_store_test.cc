#include "engine/store/ref_store.h"

#include <gtest/gtest.h>

#include "engine/store/store_error.h"
#include "engine/store/test_support.h"

namespace strata::store {
namespace {

using base::Digest;
using base::ErrorCode;

class RefStoreTest : public testing::StoreFixture {
 protected:
  RefStore m_refs{layout()};
};

TEST_F(RefStoreTest, SetGetListRemove) {
  Digest hello = Digest::of("hello");
  ASSERT_TRUE(m_refs.set("docker.io/library/hello-app:1.0", hello).ok());
  auto got = m_refs.get("docker.io/library/hello-app:1.0");
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(*got, hello);
  EXPECT_EQ(*m_refs.list(), (std::vector<Ref>{{"docker.io/library/hello-app:1.0", hello}}));

  ASSERT_TRUE(m_refs.remove("docker.io/library/hello-app:1.0").ok());
  EXPECT_EQ(m_refs.get("docker.io/library/hello-app:1.0").error().code, ErrorCode::not_found);
  EXPECT_TRUE(m_refs.list()->empty());
}

TEST_F(RefStoreTest, EmptyStoreHasNoRefs) {
  auto listed = m_refs.list();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(RefStoreTest, SetMovesAnExistingRef) {
  ASSERT_TRUE(m_refs.set("app:latest", Digest::of("v1")).ok());
  ASSERT_TRUE(m_refs.set("app:latest", Digest::of("v2")).ok());
  EXPECT_EQ(*m_refs.get("app:latest"), Digest::of("v2"));
  EXPECT_EQ(m_refs.list()->size(), 1u);
}

TEST_F(RefStoreTest, ListIsSortedByName) {
  for (const char* name : {"zeta:1", "alpha:2", "docker.io/x:1", "alpha:10", "Beta:1"}) {
    ASSERT_TRUE(m_refs.set(name, Digest::of(name)).ok());
  }
  auto listed = m_refs.list();
  ASSERT_TRUE(listed.ok());
  std::vector<std::string> names;
  for (const Ref& ref : *listed) {
    EXPECT_EQ(ref.digest, Digest::of(ref.name));
    names.push_back(ref.name);
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"Beta:1", "alpha:10", "alpha:2", "docker.io/x:1", "zeta:1"}));
}

TEST_F(RefStoreTest, UnknownRefsAreNotFoundByName) {
  auto got = m_refs.get("nope:1");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  EXPECT_EQ(got.error().message, "reference \"nope:1\" not found");
  auto removed = m_refs.remove("nope:1");
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, ErrorCode::not_found);
}

TEST_F(RefStoreTest, InvalidNamesAreRejectedAndNothingIsWritten) {
  auto set = m_refs.set("bad\nname", Digest::of("x"));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(m_refs.get("").error().code, ErrorCode::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(m_refs.index_path()));
}

TEST_F(RefStoreTest, RefsPersistInTheVersionedIndexFile) {
  ASSERT_TRUE(m_refs.set("app:1", Digest::of("1")).ok());
  EXPECT_EQ(m_refs.index_path(), layout().refs_dir() / "index");
  std::string text = testing::read_file(m_refs.index_path());
  EXPECT_TRUE(text.starts_with("strata-refs 1\n")) << text;
  EXPECT_EQ(text, encode_refs_index({{"app:1", Digest::of("1")}}));
  EXPECT_EQ(testing::mode_of(m_refs.index_path()), 0644u);
  EXPECT_TRUE(testing::entries(layout().tmp_dir()).empty());
  // Another RefStore (another process, a later run) sees the same refs.
  EXPECT_EQ(*RefStore(layout()).get("app:1"), Digest::of("1"));
}

TEST_F(RefStoreTest, CorruptIndexIsReportedAndNeverOverwritten) {
  ASSERT_TRUE(m_refs.set("app:1", Digest::of("1")).ok());
  std::string text = testing::read_file(m_refs.index_path());
  std::string damaged = text;
  damaged[damaged.find("app:1")] = 'A';
  testing::overwrite_file(m_refs.index_path(), damaged);

  auto got = m_refs.get("app:1");
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(is_corrupt(got.error())) << got.error().to_string();
  EXPECT_NE(got.error().message.find(m_refs.index_path().string()), std::string::npos);
  EXPECT_FALSE(m_refs.list().ok());
  // An update must not "repair" the index by dropping every other ref.
  EXPECT_FALSE(m_refs.set("other:1", Digest::of("2")).ok());
  EXPECT_FALSE(m_refs.remove("app:1").ok());
  EXPECT_EQ(testing::read_file(m_refs.index_path()), damaged);
}

TEST_F(RefStoreTest, UpdatesWaitForTheStoreLockButReadsDoNot) {
  ASSERT_TRUE(m_refs.set("app:1", Digest::of("1")).ok());
  auto held = FileLock::acquire(layout().lock_path(), LockMode::exclusive);
  ASSERT_TRUE(held.ok());
  RefStore impatient(layout(), {.lock_timeout = std::chrono::milliseconds(30)});
  auto set = impatient.set("app:2", Digest::of("2"));
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("timed out"), std::string::npos);
  EXPECT_FALSE(impatient.remove("app:1").ok());
  EXPECT_EQ(*impatient.get("app:1"), Digest::of("1"));
  EXPECT_EQ(impatient.list()->size(), 1u);
  held->release();
  EXPECT_TRUE(impatient.set("app:2", Digest::of("2")).ok());
}

}  // namespace
}  // namespace strata::store
