#pragma once

#include <memory>

#include "engine/base/result.h"
#include "engine/image/image_store.h"
#include "engine/store/blob_store.h"
#include "engine/store/ref_store.h"
#include "engine/store/store_layout.h"

namespace strata::cli {

// The store at store::default_store_root() ($STRATA_ROOT) with the images on it.
struct LocalStore {
  explicit LocalStore(store::StoreLayout opened)
      : layout(std::move(opened)), blobs(layout), refs(layout), images(blobs, refs) {}
  LocalStore(const LocalStore&) = delete;
  LocalStore& operator=(const LocalStore&) = delete;

  store::StoreLayout layout;
  store::BlobStore blobs;
  store::RefStore refs;
  image::ImageStore images;
};

base::Result<std::unique_ptr<LocalStore>> open_local_store();

// Prints "Error: <message>" on stderr, as the docker CLI prints its errors ("Error: No such
// image: x"); the second form prints a message verbatim ("template parsing error: ...").
void print_error(const base::Error& error);
void print_error(std::string_view message);
// print_error, then the exit status 1 for the command to return.
int fail(const base::Error& error);
int fail(std::string_view message);

}  // namespace strata::cli
