// strata save / load: round trips in both formats, and archives made to do harm.
#include "engine/image/docker_archive.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/image/archive_reader.h"
#include "engine/image/image_test_support.h"
#include "engine/layer/compression.h"

namespace strata::image {
namespace {

using layer::test::RawEntry;
using layer::test::RawType;

class ArchiveTest : public ::testing::Test {
 protected:
  std::string save(const std::vector<std::string>& names, ArchiveFormat format) {
    auto plan = plan_export(src.images, names);
    EXPECT_TRUE(plan) << plan.error().to_string();
    layer::MemorySink sink;
    base::Status status = save_images(src.blobs, *plan, format, sink);
    EXPECT_TRUE(status) << status.error().to_string();
    return test::as_string(sink.bytes());
  }

  static base::Result<LoadReport> load(test::TestStore& into, std::string_view bytes) {
    layer::MemorySource source(bytes);
    return load_images(into.images, into.blobs, source);
  }

  static std::vector<std::string> names(std::string_view tar) {
    return layer::test::raw_names(
        std::span(reinterpret_cast<const uint8_t*>(tar.data()), tar.size()));
  }

  void expect_same_image(const std::string& name, const StoredImage& original) {
    auto loaded = dst.images.resolve(name);
    ASSERT_TRUE(loaded) << name << ": " << loaded.error().to_string();
    EXPECT_EQ(loaded->id, original.id);
    EXPECT_EQ(loaded->layers, original.layers);
    EXPECT_EQ(loaded->size, original.size);
  }

  layer::test::TempDir m_dir;
  test::TestStore src{m_dir / "src"};
  test::TestStore dst{m_dir / "dst"};
};

TEST_F(ArchiveTest, DockerArchiveRoundTripKeepsIdsLayersAndTags) {
  base::Digest base = src.put_layer("etc/os-release", "strata");
  base::Digest app = src.put_layer("app/main.py", "print('hi')");
  StoredImage one = src.commit({base, app}, "2024-01-01T00:00:00Z", "one");
  StoredImage two = src.commit({base}, "2024-01-02T00:00:00Z", "two");
  src.tag(one, "app:1.0");
  src.tag(two, "base");
  std::string tar = save({"app:1.0", "base"}, ArchiveFormat::docker);

  auto report = load(dst, tar);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->lines,
            (std::vector<std::string>{"Loaded image: app:1.0", "Loaded image: base:latest"}));
  expect_same_image("app:1.0", one);
  expect_same_image("base", two);
  EXPECT_EQ(dst.blobs.read(app).value(), src.blobs.read(app).value());
}

TEST_F(ArchiveTest, DockerArchiveHasTheLayoutOfDocker2010) {
  base::Digest layer = src.put_layer("a", "1");
  StoredImage image = src.commit({layer}, "2024-01-01T00:00:00Z");
  src.tag(image, "app:1.0");
  std::string tar = save({"app:1.0"}, ArchiveFormat::docker);
  std::vector<std::string> members = names(tar);
  ASSERT_EQ(members.size(), 7u);
  std::string dir = members[0];
  ASSERT_EQ(dir.size(), 65u);  // "<64 hex>/"
  std::string v1 = dir.substr(0, 64);
  EXPECT_EQ(members,
            (std::vector<std::string>{dir, v1 + "/VERSION", v1 + "/json", v1 + "/layer.tar",
                                      image.id.hex() + ".json", "manifest.json", "repositories"}));

  test::TestStore check(m_dir / "check");
  layer::MemorySource source(tar);
  auto contents = ArchiveContents::read(source, check.blobs);
  ASSERT_TRUE(contents);
  auto manifest = nlohmann::json::parse(*contents->read_text("manifest.json", "test"));
  EXPECT_EQ(manifest, nlohmann::json::parse(R"([{"Config":")" + image.id.hex() +
                                            R"(.json","RepoTags":["app:1.0"],"Layers":[")" + v1 +
                                            R"(/layer.tar"]}])"));
  EXPECT_EQ(*contents->read_text("repositories", "test"), R"({"app":{"1.0":")" + v1 + "\"}}\n");
  EXPECT_EQ(*contents->read_text(v1 + "/VERSION", "test"), "1.0");
  EXPECT_EQ(contents->file(v1 + "/layer.tar", "test")->digest, layer);
}

TEST_F(ArchiveTest, ALayerRepeatedUnderAnotherIdIsLinkedAndLoads) {
  base::Digest shared = src.put_layer("a", "1");
  base::Digest top = src.put_layer("b", "2");
  StoredImage small = src.commit({shared}, "2024-01-01T00:00:00Z", "small");
  StoredImage big = src.commit({shared, top}, "2024-01-01T00:00:00Z", "big");
  std::string tar = save({small.id.to_string(), big.id.to_string()}, ArchiveFormat::docker);
  auto report = load(dst, tar);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->lines, (std::vector<std::string>{"Loaded image ID: " + small.id.to_string(),
                                                     "Loaded image ID: " + big.id.to_string()}));
  expect_same_image(big.id.to_string(), big);
}

TEST_F(ArchiveTest, SavingARepositoryExportsEveryTagOfIt) {
  base::Digest layer = src.put_layer("a", "1");
  StoredImage one = src.commit({layer}, "2024-01-01T00:00:00Z", "1");
  StoredImage two = src.commit({layer}, "2024-01-02T00:00:00Z", "2");
  src.tag(one, "app:1");
  src.tag(two, "app:2");
  src.tag(two, "other:x");
  auto plan = plan_export(src.images, std::vector<std::string>{"app"});
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->size(), 2u);
  auto report = load(dst, save({"app"}, ArchiveFormat::docker));
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->lines,
            (std::vector<std::string>{"Loaded image: app:2", "Loaded image: app:1"}));
  EXPECT_FALSE(dst.images.resolve("other:x"));
}

TEST_F(ArchiveTest, LoadingOverAnExistingTagSaysTheOldImageIsRenamed) {
  StoredImage image = src.commit({src.put_layer("a", "1")}, "2024-01-01T00:00:00Z");
  src.tag(image, "app");
  StoredImage old_image = dst.commit({dst.put_layer("b", "2")}, "2023-01-01T00:00:00Z");
  dst.tag(old_image, "app");
  auto report = load(dst, save({"app"}, ArchiveFormat::docker));
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->lines, (std::vector<std::string>{
                               "The image app:latest already exists, renaming the old one with "
                               "ID " +
                                   old_image.id.to_string() + " to empty string",
                               "Loaded image: app:latest"}));
}

TEST_F(ArchiveTest, OciLayoutRoundTrip) {
  base::Digest layer = src.put_layer("a", "1");
  StoredImage image = src.commit({layer}, "2024-01-01T00:00:00Z");
  src.tag(image, "example.com/team/app:2.0");
  std::string tar = save({"example.com/team/app:2.0"}, ArchiveFormat::oci);
  std::vector<std::string> members = names(tar);
  for (std::string expected :
       std::vector<std::string>{"oci-layout", "index.json", "manifest.json",
                                "blobs/sha256/" + image.manifest_digest.hex(),
                                "blobs/sha256/" + image.id.hex(), "blobs/sha256/" + layer.hex()}) {
    EXPECT_NE(std::find(members.begin(), members.end(), expected), members.end()) << expected;
  }
  test::TestStore check(m_dir / "check");
  layer::MemorySource source(tar);
  auto contents = ArchiveContents::read(source, check.blobs);
  ASSERT_TRUE(contents);
  auto index = nlohmann::json::parse(*contents->read_text("index.json", "test"));
  EXPECT_EQ(index["manifests"][0]["annotations"],
            nlohmann::json::parse(R"({"io.containerd.image.name":"example.com/team/app:2.0",
                                      "org.opencontainers.image.ref.name":"2.0"})"));
  EXPECT_EQ(index["manifests"][0]["platform"],
            nlohmann::json::parse(R"({"architecture":"amd64","os":"linux"})"));

  auto report = load(dst, tar);
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->lines, std::vector<std::string>{"Loaded image: example.com/team/app:2.0"});
  expect_same_image("example.com/team/app:2.0", image);
}

}  // namespace
}  // namespace strata::image
