// Archives made to escape, lie about their content or break half way: each load fails with
// an error naming the member, and leaves the store exactly as it was.
#include <gtest/gtest.h>

#include "engine/image/docker_archive.h"
#include "engine/image/image_test_support.h"
#include "engine/layer/compression.h"

namespace strata::image {
namespace {

using layer::test::RawEntry;
using layer::test::RawType;

std::string layer_tar(const std::vector<RawEntry>& entries) {
  return test::as_string(layer::test::make_raw_tar(entries));
}

std::string compressed(std::string_view bytes, layer::Compression compression) {
  layer::MemorySource source(bytes);
  layer::MemorySink sink;
  EXPECT_TRUE(layer::compress(source, sink, compression));
  return test::as_string(sink.bytes());
}

std::string config_json(const std::vector<std::string>& layers) {
  ImageConfig config;
  config.created = "2024-01-01T00:00:00Z";
  config.architecture = "amd64";
  config.os = "linux";
  for (const std::string& layer : layers) {
    layer::MemorySource source(layer);
    layer::MemorySink plain;
    auto digests = layer::decompress(source, plain);
    EXPECT_TRUE(digests);
    config.rootfs.diff_ids.push_back(digests->diff_id);
  }
  return to_canonical_json(config);
}

// A docker archive by hand: layers "l<i>/layer.tar", the config listing their diffIDs.
std::vector<RawEntry> docker_archive(const std::vector<std::string>& layers,
                                     const std::string& config) {
  std::string config_name = base::Digest::of(config).hex() + ".json";
  std::string manifest =
      R"([{"Config":")" + config_name + R"(","RepoTags":["hand:made"],"Layers":[)";
  std::vector<RawEntry> entries;
  for (size_t i = 0; i < layers.size(); ++i) {
    std::string name = "l" + std::to_string(i) + "/layer.tar";
    manifest += (i ? ",\"" : "\"") + name + "\"";
    entries.push_back({.name = name, .data = layers[i]});
  }
  manifest += "]}]";
  entries.push_back({.name = config_name, .data = config});
  entries.push_back({.name = "manifest.json", .data = manifest});
  return entries;
}

class HostileArchive : public ::testing::Test {
 protected:
  base::Result<LoadReport> load(std::string_view tar) {
    layer::MemorySource source(tar);
    return load_images(s.images, s.blobs, source);
  }

  void expect_rejected(const std::vector<RawEntry>& entries, const std::string& message) {
    std::set<base::Digest> before = s.blob_set();
    auto report = load(test::as_string(layer::test::make_raw_tar(entries)));
    ASSERT_FALSE(report) << "accepted; expected: " << message;
    EXPECT_EQ(report.error().to_string(), message);
    EXPECT_EQ(s.blob_set(), before) << "the failed load left blobs behind";
    EXPECT_EQ(s.ref_names(), m_refs_before) << "the failed load changed references";
  }

  layer::test::TempDir m_dir;
  test::TestStore s{m_dir / "root"};
  std::vector<std::string> m_refs_before = s.ref_names();
  std::string m_layer = layer_tar({{.name = "etc/hostname", .data = "strata\n"}});
};

TEST_F(HostileArchive, LoadsGzipAndZstdLayersAndACompressedArchive) {
  std::vector<std::string> layers = {
      compressed(m_layer, layer::Compression::gzip),
      compressed(layer_tar({{.name = "b", .data = "2"}}), layer::Compression::zstd)};
  std::string config = config_json(layers);
  std::string tar = test::as_string(layer::test::make_raw_tar(docker_archive(layers, config)));
  auto report = load(compressed(tar, layer::Compression::gzip));
  ASSERT_TRUE(report) << report.error().to_string();
  EXPECT_EQ(report->lines, std::vector<std::string>{"Loaded image: hand:made"});
  auto image = s.images.resolve("hand:made");
  ASSERT_TRUE(image);
  EXPECT_EQ(image->id, base::Digest::of(config));
  // Stored uncompressed: the layer blob is the diffID, and the gzip blob did not stay.
  EXPECT_EQ(s.blobs.read(image->layers[0]).value(), m_layer);
  EXPECT_FALSE(s.blobs.contains(base::Digest::of(layers[0])));
}

TEST_F(HostileArchive, RejectsDotDotMembers) {
  expect_rejected({{.name = "../x", .data = "x"}},
                  "archive member '../x': path has a '..' component");
}

TEST_F(HostileArchive, RejectsAbsoluteMembers) {
  expect_rejected({{.name = "/etc/cron.d/x", .data = "x"}},
                  "archive member '/etc/cron.d/x': absolute path");
}

TEST_F(HostileArchive, RejectsDeviceNodes) {
  expect_rejected({{.name = "sda", .type = RawType::char_device, .dev_major = 8}},
                  "archive member 'sda': device nodes have no place in an image archive");
}

TEST_F(HostileArchive, RejectsSymlinksLeavingTheArchive) {
  std::vector<RawEntry> entries = docker_archive({m_layer}, config_json({m_layer}));
  entries[0] = {.name = "l0/layer.tar", .type = RawType::symlink, .link = "../../etc/shadow"};
  expect_rejected(entries,
                  "archive member 'l0/layer.tar': symlink target '../../etc/shadow' leaves the "
                  "archive");
}

TEST_F(HostileArchive, RejectsABlobWhoseContentIsNotItsName) {
  std::string name = "blobs/sha256/" + base::Digest::of("the real thing").hex();
  expect_rejected({{.name = "oci-layout", .data = R"({"imageLayoutVersion":"1.0.0"})"},
                   {.name = name, .data = "something else"}},
                  "archive member '" + name + "': digest mismatch: the content hashes to " +
                      base::Digest::of("something else").to_string());
}

TEST_F(HostileArchive, RejectsALayerThatIsNotTheOneTheConfigNames) {
  std::string other = layer_tar({{.name = "etc/hostname", .data = "evil\n"}});
  std::vector<RawEntry> entries = docker_archive({other}, config_json({m_layer}));
  expect_rejected(entries, "archive member 'l0/layer.tar': diffID " +
                               base::Digest::of(other).to_string() +
                               " does not match layer 1 of the config, " +
                               base::Digest::of(m_layer).to_string());
}

TEST_F(HostileArchive, RejectsAMissingLayer) {
  std::string config = config_json({m_layer});
  std::vector<RawEntry> entries = docker_archive({m_layer}, config);
  entries.erase(entries.begin());
  expect_rejected(entries, "archive member 'l0/layer.tar' is missing (named by " +
                               base::Digest::of(config).hex() + ".json)");
}

TEST_F(HostileArchive, RejectsALayerWithEscapingEntries) {
  std::string evil = layer_tar({{.name = "../../root/.ssh/authorized_keys", .data = "key"}});
  expect_rejected(docker_archive({evil}, config_json({evil})),
                  "archive member 'l0/layer.tar': layer entry '../../root/.ssh/authorized_keys': "
                  "path has a '..' component");
}

TEST_F(HostileArchive, AFailureAfterSomeLayersLeavesNoBlobs) {
  std::string good = layer_tar({{.name = "ok", .data = "fine"}});
  std::string bad = layer_tar({{.name = "x", .data = "1"}});
  std::string config = config_json({good, good});  // the second layer will not match
  expect_rejected(docker_archive({good, bad}, config),
                  "archive member 'l1/layer.tar': diffID " + base::Digest::of(bad).to_string() +
                      " does not match layer 2 of the config, " +
                      base::Digest::of(good).to_string());
}

TEST_F(HostileArchive, RejectsSomethingThatIsNoImageArchive) {
  expect_rejected({{.name = "README", .data = "hi"}},
                  "not an image archive: it has neither manifest.json (docker save) nor "
                  "oci-layout and index.json (OCI image layout)");
}

}  // namespace
}  // namespace strata::image
