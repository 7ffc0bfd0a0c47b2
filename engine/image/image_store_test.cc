#include "engine/image/image_store.h"

#include <gtest/gtest.h>

#include "engine/image/image_test_support.h"
#include "engine/image/manifest.h"
#include "engine/image/media_types.h"

namespace strata::image {
namespace {

class ImageStoreTest : public ::testing::Test {
 protected:
  layer::test::TempDir m_dir;
  test::TestStore s{m_dir / "root"};
};

TEST_F(ImageStoreTest, CommitWritesTheConfigAndAnOciManifestOfUncompressedLayers) {
  base::Digest layer = s.put_layer("a.txt", "hello");
  StoredImage image = s.commit({layer}, "2024-01-02T03:04:05Z");
  auto config = s.blobs.read(image.id);
  ASSERT_TRUE(config);
  EXPECT_EQ(image.id, base::Digest::of(*config));
  EXPECT_EQ(*config, to_canonical_json(image.config));
  auto manifest_text = s.blobs.read(image.manifest_digest);
  ASSERT_TRUE(manifest_text);
  auto manifest = parse_manifest(*manifest_text);
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->media_type, media_type::k_oci_manifest);
  EXPECT_EQ(manifest->config.media_type, media_type::k_oci_config);
  EXPECT_EQ(manifest->config.digest, image.id);
  ASSERT_EQ(manifest->layers.size(), 1u);
  EXPECT_EQ(manifest->layers[0].media_type, media_type::k_oci_layer);
  EXPECT_EQ(manifest->layers[0].digest, layer);
  EXPECT_EQ(image.size, *s.blobs.size(layer));
  EXPECT_EQ(image.layers, std::vector<base::Digest>{layer});
}

TEST_F(ImageStoreTest, CommitRefusesALayerThatIsNotInTheStore) {
  ImageConfig config;
  config.rootfs.diff_ids = {base::Digest::of("no such layer")};
  auto image = s.images.commit(config);
  ASSERT_FALSE(image);
  EXPECT_EQ(image.error().code, base::ErrorCode::not_found);
  EXPECT_EQ(image.error().message,
            "layer " + base::Digest::of("no such layer").to_string() + " is not in the store");
}

TEST_F(ImageStoreTest, TagsAreStoredAsFullReferencesWithLatestByDefault) {
  StoredImage image = s.commit({s.put_layer("a", "1")}, "2024-01-02T03:04:05Z");
  s.tag(image, "hello-app");
  s.tag(image, "example.com/team/app:1.0");
  auto resolved = s.images.resolve("hello-app:latest");
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->tags, (std::vector<std::string>{"docker.io/library/hello-app:latest",
                                                      "example.com/team/app:1.0"}));
  EXPECT_EQ(s.images.record(*resolved).repo_tags,
            (std::vector<std::string>{"hello-app:latest", "example.com/team/app:1.0"}));
}

TEST_F(ImageStoreTest, ResolvesByNameFullIdAndIdPrefix) {
  StoredImage image = s.commit({s.put_layer("a", "1")}, "2024-01-02T03:04:05Z");
  s.tag(image, "hello-app:1.0");
  for (std::string name :
       {std::string("hello-app:1.0"), std::string("docker.io/library/hello-app:1.0"),
        image.id.to_string(), image.id.hex(), image.id.hex().substr(0, 12),
        "sha256:" + image.id.hex().substr(0, 5)}) {
    auto resolved = s.images.resolve(name);
    ASSERT_TRUE(resolved) << name << ": " << resolved.error().to_string();
    EXPECT_EQ(resolved->id, image.id) << name;
  }
}

TEST_F(ImageStoreTest, AMissingImageIsNotFoundInDockersWords) {
  auto missing = s.images.resolve("nothing:here");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, base::ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "No such image: nothing:here");
  auto bad = s.images.resolve("Upper:case");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, base::ErrorCode::invalid_argument);
}

TEST_F(ImageStoreTest, AnAmbiguousIdPrefixIsAnError) {
  // 17 images: two of them share a first hex digit.
  std::map<char, base::Digest> by_first;
  std::string shared;
  base::Digest layer = s.put_layer("a", "1");
  for (int i = 0; i < 17 && shared.empty(); ++i) {
    StoredImage image = s.commit({layer}, "2024-01-02T03:04:05Z", std::to_string(i));
    char first = image.id.hex()[0];
    if (by_first.contains(first)) shared = std::string(1, first);
    by_first.emplace(first, image.id);
  }
  ASSERT_FALSE(shared.empty());
  auto ambiguous = s.images.resolve(shared);
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().code, base::ErrorCode::invalid_argument);
  EXPECT_EQ(ambiguous.error().message,
            "ambiguous image ID prefix '" + shared + "': it matches 2 images");
}

TEST_F(ImageStoreTest, RetaggingLeavesTheOldImageDangling) {
  base::Digest layer = s.put_layer("a", "1");
  StoredImage old_image = s.commit({layer}, "2024-01-01T00:00:00Z", "old");
  StoredImage new_image = s.commit({layer}, "2024-01-02T00:00:00Z", "new");
  s.tag(old_image, "app");
  s.tag(new_image, "app");
  auto images = s.images.list();
  ASSERT_TRUE(images);
  ASSERT_EQ(images->size(), 2u);
  EXPECT_EQ((*images)[0].id, new_image.id);  // newest first
  EXPECT_EQ((*images)[0].tags, std::vector<std::string>{"docker.io/library/app:latest"});
  EXPECT_EQ((*images)[1].id, old_image.id);
  EXPECT_TRUE((*images)[1].tags.empty());
}

TEST_F(ImageStoreTest, ListIsNewestFirst) {
  base::Digest layer = s.put_layer("a", "1");
  StoredImage b = s.commit({layer}, "2024-02-01T00:00:00Z", "b");
  StoredImage a = s.commit({layer}, "2023-02-01T00:00:00+01:00", "a");
  StoredImage c = s.commit({layer}, "2024-02-01T00:00:00.5Z", "c");
  auto images = s.images.list();
  ASSERT_TRUE(images);
  ASSERT_EQ(images->size(), 3u);
  EXPECT_EQ((*images)[0].id, c.id);
  EXPECT_EQ((*images)[1].id, b.id);
  EXPECT_EQ((*images)[2].id, a.id);
}

TEST_F(ImageStoreTest, RefusesDigestTags) {
  StoredImage image = s.commit({}, "2024-01-01T00:00:00Z");
  base::Status status = s.images.tag(image, "app@" + image.id.to_string());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "refusing to create a tag with a digest reference");
}

}  // namespace
}  // namespace strata::image
