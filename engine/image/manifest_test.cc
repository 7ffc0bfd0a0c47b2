#include "engine/image/manifest.h"

#include <gtest/gtest.h>

#include "engine/image/media_types.h"

namespace strata::image {
namespace {

std::string digest(char c) {
  return "sha256:" + std::string(64, c);
}

// An OCI manifest as containerd and BuildKit write it (image-spec's Go field order).
const std::string k_oci_manifest =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",)"
    R"("config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
    digest('c') +
    R"(","size":1469},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",)"
    R"("digest":")" +
    digest('1') +
    R"(","size":29124567},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",)"
    R"("digest":")" +
    digest('2') +
    R"(","size":512,"annotations":{"org.opencontainers.image.title":"app.tar.gz"}}],)"
    R"("annotations":{"org.opencontainers.image.created":"2024-05-01T10:00:00Z"}})";

const std::string k_index =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digest('a') +
    R"(","size":1020,"platform":{"architecture":"amd64","os":"linux"}},)"
    R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
    digest('b') +
    R"(","size":1020,"annotations":{"vnd.docker.reference.type":"attestation-manifest"},)"
    R"("platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]})";

TEST(Manifest, OciManifestRoundTripsByteForByte) {
  auto manifest = parse_manifest(k_oci_manifest);
  ASSERT_TRUE(manifest.ok()) << manifest.error().to_string();
  EXPECT_EQ(manifest->config.media_type, media_type::k_oci_config);
  EXPECT_EQ(manifest->config.size, 1469);
  ASSERT_EQ(manifest->layers.size(), 2u);
  EXPECT_EQ(manifest->layers[1].annotations.at("org.opencontainers.image.title"), "app.tar.gz");
  EXPECT_EQ(to_canonical_json(*manifest), k_oci_manifest);
}

TEST(Manifest, DockerSchema2ManifestParsesAndIsWrittenInOciOrder) {
  // docker's distribution package writes size before digest.
  std::string docker = R"({"schemaVersion":2,"mediaType":")" +
                       std::string(media_type::k_docker_manifest) + R"(","config":{"mediaType":")" +
                       std::string(media_type::k_docker_config) + R"(","size":7023,"digest":")" +
                       digest('d') + R"("},"layers":[{"mediaType":")" +
                       std::string(media_type::k_docker_layer_gzip) +
                       R"(","size":32654,"digest":")" + digest('e') + R"("}]})";
  auto manifest = parse_manifest(docker);
  ASSERT_TRUE(manifest.ok()) << manifest.error().to_string();
  EXPECT_EQ(manifest->media_type, media_type::k_docker_manifest);
  EXPECT_EQ(to_canonical_json(*manifest),
            R"({"schemaVersion":2,"mediaType":")" + std::string(media_type::k_docker_manifest) +
                R"(","config":{"mediaType":")" + std::string(media_type::k_docker_config) +
                R"(","digest":")" + digest('d') + R"(","size":7023},"layers":[{"mediaType":")" +
                std::string(media_type::k_docker_layer_gzip) + R"(","digest":")" + digest('e') +
                R"(","size":32654}]})");
}

TEST(Manifest, IndexWithPlatformsRoundTrips) {
  auto index = parse_index(k_index);
  ASSERT_TRUE(index.ok()) << index.error().to_string();
  ASSERT_EQ(index->manifests.size(), 2u);
  EXPECT_EQ(index->manifests[1].platform->variant, "v8");
  EXPECT_EQ(to_canonical_json(*index), k_index);
}

TEST(Manifest, UnknownMembersSurviveARoundTrip) {
  std::string text = R"({"schemaVersion":2,"config":{"mediaType":"x","digest":")" + digest('c') +
                     R"(","size":1,"zz":[1]},"layers":[],"future":{"b":2,"a":1}})";
  auto manifest = parse_manifest(text);
  ASSERT_TRUE(manifest.ok()) << manifest.error().to_string();
  EXPECT_EQ(to_canonical_json(*manifest),
            R"({"schemaVersion":2,"config":{"mediaType":"x","digest":")" + digest('c') +
                R"(","size":1,"zz":[1]},"layers":[],"future":{"a":1,"b":2}})");
  auto again = parse_manifest(to_canonical_json(*manifest));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *manifest);
}

TEST(Manifest, ErrorsNameTheField) {
  struct Case {
    std::string text, message;
  };
  const Case cases[] = {
      {R"({"schemaVersion":1,"config":{}})",
       R"(image manifest: field "schemaVersion": unsupported schema version 1)"},
      {R"({"config":{}})",
       R"(image manifest: field "schemaVersion": unsupported schema version 0)"},
      {R"({"schemaVersion":2})", R"(image manifest: field "config": missing config descriptor)"},
      {R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","config":{}})",
       R"(image manifest: field "mediaType": "application/vnd.oci.image.index.v1+json" is an )"
       R"(index, not a manifest)"},
      {R"({"schemaVersion":2,"config":{"digest":")" + digest('c') +
           R"(","size":1},"layers":[{"digest":")" + digest('1') +
           R"(","size":1},{"digest":"sha256:xyz","size":1}]})",
       R"(image manifest: field "layers[1].digest": invalid digest "sha256:xyz")"},
      {R"({"schemaVersion":2,"config":{"digest":")" + digest('c') + R"(","size":"big"}})",
       R"(image manifest: field "config.size": expected integer, got string)"},
  };
  for (const Case& c : cases) {
    auto manifest = parse_manifest(c.text);
    ASSERT_FALSE(manifest.ok()) << c.text;
    EXPECT_EQ(manifest.error().message, c.message) << c.text;
  }
  auto index = parse_index(k_oci_manifest);
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().message,
            R"(image index: field "mediaType": "application/vnd.oci.image.manifest.v1+json" is a )"
            R"(manifest, not an index)");
  auto platform = parse_index(R"({"schemaVersion":2,"manifests":[{"digest":")" + digest('a') +
                              R"(","size":1,"platform":{"os":7}}]})");
  ASSERT_FALSE(platform.ok());
  EXPECT_EQ(platform.error().message,
            R"(image index: field "manifests[0].platform.os": expected string, got number)");
}

TEST(Descriptor, DescribesContentAndRoundTrips) {
  Descriptor descriptor = describe(media_type::k_oci_config, "{}");
  EXPECT_EQ(descriptor.size, 2);
  EXPECT_EQ(descriptor.digest.to_string(),
            "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  descriptor.urls = {"https://example.com/blob"};
  descriptor.platform = Platform{"amd64", "linux", "", {}, "", nlohmann::json::object()};
  std::string text = to_canonical_json(descriptor);
  EXPECT_EQ(text, R"({"mediaType":"application/vnd.oci.image.config.v1+json","digest":)"
                  R"("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",)"
                  R"("size":2,"urls":["https://example.com/blob"],)"
                  R"("platform":{"architecture":"amd64","os":"linux"}})");
  auto parsed = parse_descriptor(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ(*parsed, descriptor);
  EXPECT_FALSE(parse_descriptor(R"({"mediaType":"x","size":1})").ok());  // digest is required
}

}  // namespace
}  // namespace strata::image
