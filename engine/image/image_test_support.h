#pragma once

// Test-only: a store in a temp dir with an ImageStore over it, and small images to put in it.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "engine/image/image_store.h"
#include "engine/layer/test_support.h"
#include "engine/store/blob_store.h"
#include "engine/store/ref_store.h"
#include "engine/store/store_layout.h"

namespace strata::image::test {

inline store::StoreLayout open_store(const std::filesystem::path& root) {
  auto layout = store::StoreLayout::open(root);
  if (!layout) {
    ADD_FAILURE() << layout.error().to_string();
    std::abort();
  }
  return *layout;
}

// One store: layout, blobs, refs and images.
struct TestStore {
  explicit TestStore(const std::filesystem::path& root)
      : layout(open_store(root)), blobs(layout), refs(layout), images(blobs, refs) {}

  // A layer with one file, stored; returns its diffID.
  base::Digest put_layer(const std::string& path, const std::string& content) {
    std::vector<layer::LayerEntry> entries = {layer::LayerEntry::file(path, content)};
    std::vector<uint8_t> tar = layer::test::write_to_memory(entries);
    auto digest =
        blobs.put(std::string_view(reinterpret_cast<const char*>(tar.data()), tar.size()));
    EXPECT_TRUE(digest) << digest.error().to_string();
    return *digest;
  }

  StoredImage commit(const std::vector<base::Digest>& layers, const std::string& created,
                     const std::string& label = "") {
    ImageConfig config;
    config.created = created;
    config.architecture = "amd64";
    config.os = "linux";
    config.rootfs.diff_ids = layers;
    if (!label.empty()) config.config.labels = std::map<std::string, std::string>{{"l", label}};
    for (size_t i = 0; i < layers.size(); ++i) {
      HistoryEntry entry;
      entry.created = created;
      entry.created_by = "COPY f" + std::to_string(i) + " / # buildkit";
      entry.comment = "buildkit.dockerfile.v0";
      config.history.push_back(std::move(entry));
    }
    auto image = images.commit(config);
    EXPECT_TRUE(image) << image.error().to_string();
    return *image;
  }

  void tag(const StoredImage& image, std::string_view name) {
    base::Status status = images.tag(image, name);
    EXPECT_TRUE(status) << status.error().to_string();
  }

  std::set<base::Digest> blob_set() {
    auto list = blobs.list();
    EXPECT_TRUE(list);
    return {list->begin(), list->end()};
  }

  // Tags and image records.
  std::vector<std::string> ref_names() {
    auto list = refs.list();
    EXPECT_TRUE(list);
    std::vector<std::string> names;
    for (const store::Ref& ref : *list) names.push_back(ref.name);
    return names;
  }

  store::StoreLayout layout;
  store::BlobStore blobs;
  store::RefStore refs;
  ImageStore images;
};

inline std::string as_string(const std::vector<uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace strata::image::test
