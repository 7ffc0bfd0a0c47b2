#include "engine/build/fs_view.h"

#include <filesystem>

namespace strata::build {

std::string layer_path_of(std::string_view absolute) {
  std::string clean =
      std::filesystem::path("/" + std::string(absolute)).lexically_normal().generic_string();
  while (!clean.empty() && clean.front() == '/') clean.erase(0, 1);
  while (!clean.empty() && clean.back() == '/') clean.pop_back();
  return clean;
}

void FsView::remove_tree(const std::string& path) {
  if (path.empty()) {
    m_paths.clear();
    return;
  }
  m_paths.erase(path);
  std::string prefix = path + "/";
  for (auto it = m_paths.lower_bound(prefix);
       it != m_paths.end() && it->first.starts_with(prefix);) {
    it = m_paths.erase(it);
  }
}

void FsView::apply(const std::vector<layer::LayerEntry>& entries) {
  for (const layer::LayerEntry& entry : entries) {
    if (entry.type == layer::EntryType::whiteout) {
      remove_tree(entry.path);
    } else if (entry.type == layer::EntryType::opaque) {
      std::string keep = entry.path;
      bool had = is_directory(keep);
      remove_tree(keep);
      if (had || !keep.empty()) m_paths[keep] = layer::EntryType::directory;
    } else {
      if (entry.type != layer::EntryType::directory) remove_tree(entry.path);
      m_paths[entry.path] = entry.type;
    }
  }
}

bool FsView::exists(std::string_view path) const {
  std::string clean = layer_path_of(path);
  return clean.empty() || m_paths.contains(clean);
}

bool FsView::is_directory(std::string_view path) const {
  std::string clean = layer_path_of(path);
  if (clean.empty()) return true;
  auto found = m_paths.find(clean);
  return found != m_paths.end() && found->second == layer::EntryType::directory;
}

}  // namespace strata::build
