#include "engine/store/fsck.h"

#include <algorithm>
#include <system_error>

#include "engine/store/blob_store.h"
#include "engine/store/store_error.h"

namespace strata::store {

namespace {

base::Status check_blobs(const StoreLayout& layout, FsckReport& report) {
  BlobStore blobs(layout);
  std::error_code error;
  std::filesystem::directory_iterator it(layout.blobs_dir(), error);
  for (std::filesystem::directory_iterator end; !error && it != end; it.increment(error)) {
    auto digest = base::Digest::parse("sha256:" + it->path().filename().string());
    std::error_code type_error;
    if (!digest || !it->is_regular_file(type_error)) {
      report.stray_files.push_back(it->path());
      continue;
    }
    auto size = blobs.size(*digest);
    auto verified = blobs.verify(*digest);
    if (!verified && verified.error().code == base::ErrorCode::not_found) continue;  // removed
    ++report.blobs_checked;
    if (size) report.bytes_checked += *size;
    if (!verified) {
      if (!is_corrupt(verified.error())) return verified;  // the disk failed, not the data
      report.corrupt_blobs.push_back(*digest);
    }
  }
  if (error) {
    return base::make_error(base::ErrorCode::io,
                            "list " + layout.blobs_dir().string() + ": " + error.message());
  }
  std::sort(report.corrupt_blobs.begin(), report.corrupt_blobs.end());
  std::sort(report.stray_files.begin(), report.stray_files.end());
  return {};
}

void check_refs(const StoreLayout& layout, FsckReport& report) {
  BlobStore blobs(layout);
  auto refs = RefStore(layout).list();
  if (!refs) {
    report.refs_error = std::move(refs).error();
    return;
  }
  for (Ref& ref : *refs) {
    if (!blobs.contains(ref.digest)) report.dangling_refs.push_back(std::move(ref));
  }
}

}  // namespace

base::Result<FsckReport> fsck(const StoreLayout& layout) {
  FsckReport report;
  if (auto status = check_blobs(layout, report); !status) {
    return base::wrap_error(std::move(status).error(), "fsck " + layout.root().string());
  }
  check_refs(layout, report);
  auto stale = find_stale_temps(layout.tmp_dir());
  if (!stale) return base::wrap_error(std::move(stale).error(), "fsck " + layout.root().string());
  report.stale_temps = std::move(stale).value();
  return report;
}

base::Result<GcReport> gc(const StoreLayout& layout, const GcOptions& options) {
  auto lock = FileLock::acquire(layout.lock_path(), LockMode::exclusive, options.lock_timeout);
  if (!lock) return base::wrap_error(std::move(lock).error(), "gc " + layout.root().string());
  auto stale = find_stale_temps(layout.tmp_dir());
  if (!stale) return base::wrap_error(std::move(stale).error(), "gc " + layout.root().string());
  GcReport report;
  for (const StaleTemp& temp : *stale) {
    // Probed again under its own lock: the listing may be out of date by now.
    auto removed = remove_if_stale(temp.path);
    if (!removed)
      return base::wrap_error(std::move(removed).error(), "gc " + layout.root().string());
    if (*removed) {
      report.removed_temps.push_back(temp.path);
      report.bytes_freed += temp.size;
    }
  }
  return report;
}

}  // namespace strata::store
