#include "engine/image/image_import.h"

#include <gtest/gtest.h>

#include "engine/image/image_test_support.h"
#include "engine/layer/compression.h"

namespace strata::image {
namespace {

TEST(ImageImport, ARootfsTarballBecomesAOneLayerImageLikeDockerImport) {
  layer::test::TempDir dir;
  test::TestStore s(dir / "root");
  std::string tar = test::as_string(layer::test::make_raw_tar(
      {{.name = "bin/", .type = layer::test::RawType::directory, .mode = 0755},
       {.name = "bin/busybox", .data = "ELF", .mode = 0755}}));
  layer::MemorySource plain(tar);
  layer::MemorySink gzip;
  ASSERT_TRUE(layer::compress(plain, gzip, layer::Compression::gzip));
  layer::MemorySource input(gzip.bytes());
  ImportOptions options;
  options.config.cmd = std::vector<std::string>{"sh"};
  options.created = UnixTime{1700000000, 0};
  options.architecture = "amd64";
  auto image = import_rootfs(s.images, s.blobs, input, options);
  ASSERT_TRUE(image) << image.error().to_string();
  EXPECT_EQ(image->layers, std::vector<base::Digest>{base::Digest::of(tar)});
  EXPECT_EQ(s.blobs.read(image->layers[0]).value(), tar);
  EXPECT_EQ(
      *s.blobs.read(image->id),
      R"({"architecture":"amd64","comment":"Imported from -","config":{"Cmd":["sh"]},)"
      R"("created":"2023-11-14T22:13:20Z","history":[{"created":"2023-11-14T22:13:20Z",)"
      R"("comment":"Imported from -"}],"os":"linux","rootfs":{"type":"layers","diff_ids":[")" +
          base::Digest::of(tar).to_string() + R"("]}})");
}

TEST(ImageImport, RejectsATarballThatEscapes) {
  layer::test::TempDir dir;
  test::TestStore s(dir / "root");
  std::string tar =
      test::as_string(layer::test::make_raw_tar({{.name = "/etc/passwd", .data = "x"}}));
  layer::MemorySource input(tar);
  auto image = import_rootfs(s.images, s.blobs, input, {});
  ASSERT_FALSE(image);
  EXPECT_EQ(image.error().to_string(), "import: layer entry '/etc/passwd': absolute path");
  EXPECT_TRUE(s.blob_set().empty());
}

}  // namespace
}  // namespace strata::image
