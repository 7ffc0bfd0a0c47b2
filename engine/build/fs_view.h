#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/layer/layer_entry.h"

namespace strata::build {

// What paths exist in an image's filesystem, and of which type, built from layer listings
// (whiteouts applied) without unpacking anything. COPY asks it whether a destination is an
// existing directory, WORKDIR whether it must create one.
class FsView {
 public:
  // Applies one layer's entries on top of what is there.
  void apply(const std::vector<layer::LayerEntry>& entries);
  bool exists(std::string_view path) const;
  bool is_directory(std::string_view path) const;

 private:
  void remove_tree(const std::string& path);
  std::map<std::string, layer::EntryType, std::less<>> m_paths;  // clean, no leading '/'
};

// "/app/./src/" -> "app/src" (the form layer entries use; "" is the root).
std::string layer_path_of(std::string_view absolute);

}  // namespace strata::build
