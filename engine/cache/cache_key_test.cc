#include "engine/cache/cache_key.h"

#include <gtest/gtest.h>

namespace strata::cache {
namespace {

TEST(KeyBuilder, ComponentsCannotCollideByConcatenation) {
  CacheKey a = KeyBuilder("step").add("ab", "c").build();
  CacheKey b = KeyBuilder("step").add("a", "bc").build();
  CacheKey c = KeyBuilder("step").add("a", "b").add("", "c").build();
  EXPECT_NE(a.digest, b.digest);
  EXPECT_NE(a.digest, c.digest);
  EXPECT_NE(b.digest, c.digest);
}

TEST(KeyBuilder, DomainAndOrderArePartOfTheKey) {
  EXPECT_NE(KeyBuilder("copy").add("x", "1").build().digest,
            KeyBuilder("run").add("x", "1").build().digest);
  EXPECT_NE(KeyBuilder("d").add("x", "1").add("y", "2").build().digest,
            KeyBuilder("d").add("y", "2").add("x", "1").build().digest);
}

TEST(KeyBuilder, SameInputsSameKeyAndPreimageKept) {
  base::Digest parent = base::Digest::of("parent");
  CacheKey first =
      KeyBuilder("step").add("parent", parent).add("instruction", "WORKDIR /app").build();
  CacheKey second =
      KeyBuilder("step").add("parent", parent).add("instruction", "WORKDIR /app").build();
  EXPECT_EQ(first, second);
  ASSERT_EQ(first.preimage.size(), 2u);
  EXPECT_EQ(first.preimage[0].value, parent.to_string());
}

TEST(ExplainDifference, NamesWhatChanged) {
  std::vector<KeyComponent> before = {{"instruction", "COPY app.py ."},
                                      {"source:app.py", "sha256:aaaaaaaaaaaaaaaaaaaa"},
                                      {"arg:VERSION", "1.0"},
                                      {"source:old.txt", "sha256:bb"}};
  std::vector<KeyComponent> after = {{"instruction", "COPY app.py ."},
                                     {"source:app.py", "sha256:cccccccccccccccccccc"},
                                     {"arg:VERSION", "2.0"},
                                     {"source:new.txt", "sha256:dd"}};
  EXPECT_EQ(
      explain_difference(after, before),
      (std::vector<std::string>{"source app.py changed", "build arg VERSION changed (1.0 -> 2.0)",
                                "source new.txt added", "source old.txt removed"}));
  EXPECT_TRUE(explain_difference(after, after).empty());
}

}  // namespace
}  // namespace strata::cache
