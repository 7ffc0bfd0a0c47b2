// docker rmi / docker image prune semantics.
#include <gtest/gtest.h>

#include "engine/image/image_store.h"
#include "engine/image/image_test_support.h"

namespace strata::image {
namespace {

class ImageRemoveTest : public ::testing::Test {
 protected:
  std::vector<std::string> rmi(std::string_view name, bool force = false) {
    auto lines = s.images.remove(name, force);
    EXPECT_TRUE(lines) << lines.error().to_string();
    return lines ? *lines : std::vector<std::string>{};
  }

  layer::test::TempDir m_dir;
  test::TestStore s{m_dir / "root"};
  base::Digest m_layer = s.put_layer("a", "1");
};

TEST_F(ImageRemoveTest, UntaggingOneOfSeveralTagsKeepsTheImage) {
  StoredImage image = s.commit({m_layer}, "2024-01-01T00:00:00Z");
  s.tag(image, "app:1");
  s.tag(image, "app:2");
  EXPECT_EQ(rmi("app:1"), std::vector<std::string>{"Untagged: app:1"});
  auto left = s.images.resolve(image.id.to_string());
  ASSERT_TRUE(left);
  EXPECT_EQ(left->tags, std::vector<std::string>{"docker.io/library/app:2"});
}

TEST_F(ImageRemoveTest, RemovingTheLastTagDeletesTheImageButNotItsLayers) {
  StoredImage image = s.commit({m_layer}, "2024-01-01T00:00:00Z");
  s.tag(image, "app");
  EXPECT_EQ(rmi("app"),
            (std::vector<std::string>{"Untagged: app:latest", "Deleted: " + image.id.to_string()}));
  EXPECT_FALSE(s.images.resolve(image.id.to_string()));
  EXPECT_FALSE(s.blobs.contains(image.id));
  EXPECT_FALSE(s.blobs.contains(image.manifest_digest));
  EXPECT_TRUE(s.blobs.contains(m_layer));
  EXPECT_TRUE(s.ref_names().empty());
}

TEST_F(ImageRemoveTest, AnIdWithOneTagIsUntaggedAndDeletedWithoutForce) {
  StoredImage image = s.commit({m_layer}, "2024-01-01T00:00:00Z");
  s.tag(image, "app:1");
  EXPECT_EQ(rmi(short_id(image.id)),
            (std::vector<std::string>{"Untagged: app:1", "Deleted: " + image.id.to_string()}));
}

TEST_F(ImageRemoveTest, AnIdWithSeveralTagsNeedsForce) {
  StoredImage image = s.commit({m_layer}, "2024-01-01T00:00:00Z");
  s.tag(image, "app:1");
  s.tag(image, "other:2");
  auto refused = s.images.remove(image.id.hex().substr(0, 6), false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "conflict: unable to delete " + short_id(image.id) +
                " (must be forced) - image is referenced in multiple repositories");
  EXPECT_EQ(s.ref_names().size(), 3u);  // nothing changed
  EXPECT_EQ(rmi(image.id.hex().substr(0, 6), true),
            (std::vector<std::string>{"Untagged: app:1", "Untagged: other:2",
                                      "Deleted: " + image.id.to_string()}));
  EXPECT_TRUE(s.ref_names().empty());
}

TEST_F(ImageRemoveTest, ADanglingImageIsDeletedById) {
  StoredImage image = s.commit({m_layer}, "2024-01-01T00:00:00Z");
  EXPECT_EQ(rmi(image.id.to_string()),
            std::vector<std::string>{"Deleted: " + image.id.to_string()});
}

TEST_F(ImageRemoveTest, RemovingAMissingImageSaysNoSuchImage) {
  auto missing = s.images.remove("ghost", false);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "No such image: ghost:latest");
}

TEST_F(ImageRemoveTest, PruneRemovesOnlyDanglingImages) {
  base::Digest only_dangling = s.put_layer("b", "only in the dangling image");
  StoredImage dangling = s.commit({m_layer, only_dangling}, "2024-01-01T00:00:00Z", "d");
  StoredImage tagged = s.commit({m_layer}, "2024-01-02T00:00:00Z", "t");
  s.tag(tagged, "app");
  auto report = s.images.prune_images(false);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->removals,
            (std::vector<Removal>{{Removal::Kind::deleted, dangling.id.to_string()}}));
  // The shared layer stays in use; only the other one is reclaimable.
  EXPECT_EQ(report->reclaimed, *s.blobs.size(only_dangling));
  EXPECT_TRUE(s.images.resolve("app"));
}

TEST_F(ImageRemoveTest, PruneAllRemovesTaggedImagesToo) {
  StoredImage dangling = s.commit({m_layer}, "2024-01-01T00:00:00Z", "d");
  StoredImage tagged = s.commit({m_layer}, "2024-01-02T00:00:00Z", "t");
  s.tag(tagged, "app:1");
  s.tag(tagged, "app:2");
  auto report = s.images.prune_images(true);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->removals, (std::vector<Removal>{
                                  {Removal::Kind::untagged, "app:1"},
                                  {Removal::Kind::untagged, "app:2"},
                                  {Removal::Kind::deleted, tagged.id.to_string()},
                                  {Removal::Kind::deleted, dangling.id.to_string()},
                              }));
  EXPECT_EQ(report->reclaimed, *s.blobs.size(m_layer));
  auto left = s.images.list();
  ASSERT_TRUE(left);
  EXPECT_TRUE(left->empty());
}

}  // namespace
}  // namespace strata::image
