#include "engine/store/ref_store.h"

#include "engine/store/posix_file.h"
#include "engine/store/staging_file.h"

namespace strata::store {

namespace {

constexpr mode_t k_index_mode = 0644;

base::Error missing_ref(std::string_view name) {
  return base::make_error(base::ErrorCode::not_found,
                          "reference \"" + std::string(name) + "\" not found");
}

}  // namespace

RefStore::RefStore(const StoreLayout& layout, Options options)
    : m_layout(layout), m_options(options) {}

base::Result<RefMap> RefStore::load() const {
  auto text = read_whole_file(index_path());
  if (!text) {
    // No index yet is an empty store, not an error.
    if (text.error().code == base::ErrorCode::not_found) return RefMap();
    return std::move(text).error();
  }
  return decode_refs_index(*text, index_path().string());
}

base::Status RefStore::save(const RefMap& refs) {
  return write_file_atomic(m_layout.tmp_dir(), index_path(), encode_refs_index(refs), k_index_mode);
}

base::Result<FileLock> RefStore::lock_for_update() const {
  return FileLock::acquire(m_layout.lock_path(), LockMode::exclusive, m_options.lock_timeout);
}

base::Status RefStore::set(std::string_view name, const base::Digest& digest) {
  if (auto valid = validate_ref_name(name); !valid) return valid;
  auto lock = lock_for_update();
  if (!lock) return std::move(lock).error();
  auto refs = load();
  if (!refs) return std::move(refs).error();
  auto [it, inserted] = refs->try_emplace(std::string(name), digest);
  if (!inserted) {
    if (it->second == digest) return {};  // nothing to rewrite
    it->second = digest;
  }
  return save(*refs);
}

base::Result<base::Digest> RefStore::get(std::string_view name) const {
  if (auto valid = validate_ref_name(name); !valid) return std::move(valid).error();
  auto refs = load();
  if (!refs) return std::move(refs).error();
  auto it = refs->find(name);
  if (it == refs->end()) return missing_ref(name);
  return it->second;
}

base::Status RefStore::remove(std::string_view name) {
  if (auto valid = validate_ref_name(name); !valid) return valid;
  auto lock = lock_for_update();
  if (!lock) return std::move(lock).error();
  auto refs = load();
  if (!refs) return std::move(refs).error();
  auto it = refs->find(name);
  if (it == refs->end()) return missing_ref(name);
  refs->erase(it);
  return save(*refs);
}

base::Result<std::vector<Ref>> RefStore::list() const {
  auto refs = load();
  if (!refs) return std::move(refs).error();
  std::vector<Ref> out;
  out.reserve(refs->size());
  for (const auto& [name, digest] : *refs) out.push_back({name, digest});
  return out;
}

}  // namespace strata::store
