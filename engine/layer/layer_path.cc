#include "engine/layer/layer_path.h"

#include "engine/layer/whiteout.h"

namespace strata::layer {

namespace {

base::Error invalid(std::string message) {
  return base::make_error(base::ErrorCode::invalid_argument, std::move(message));
}

// Calls `visit(component)` for each '/'-separated component, empty ones included.
template <typename Visit>
void for_each_component(std::string_view path, Visit&& visit) {
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      visit(path.substr(start));
      return;
    }
    visit(path.substr(start, slash - start));
    start = slash + 1;
  }
}

}  // namespace

base::Status check_layer_path(std::string_view path) {
  if (path.empty()) return invalid("empty path");
  if (path.find('\0') != std::string_view::npos) return invalid("path contains a NUL byte");
  if (path.front() == '/') return invalid("absolute path");
  if (path.back() == '/') return invalid("path ends with '/'");
  const char* problem = nullptr;
  for_each_component(path, [&](std::string_view component) {
    if (problem) return;
    if (component.empty()) problem = "path has an empty component";
    if (component == ".") problem = "path has a '.' component";
    if (component == "..") problem = "path has a '..' component";
  });
  if (problem) return invalid(problem);
  return {};
}

base::Result<std::string> normalize_tar_name(std::string_view name) {
  if (name.empty()) return invalid("empty name");
  if (name.front() == '/') return invalid("absolute path");
  std::string path;
  path.reserve(name.size());
  bool dot_dot = false;
  for_each_component(name, [&](std::string_view component) {
    if (component.empty() || component == ".") return;
    if (component == "..") dot_dot = true;
    if (!path.empty()) path += '/';
    path += component;
  });
  if (dot_dot) return invalid("path has a '..' component");
  return path;
}

std::string layer_sort_key(std::string_view tar_path) {
  std::string key;
  key.reserve(tar_path.size() * 2 + 2);
  // Each component becomes <rank><name>'\0': '\0' sorts below every byte a name can hold, so a
  // component sorts before any longer one it prefixes and "a" + "a/b" stay together ahead of
  // "a b" and "a.txt".
  for_each_component(tar_path, [&](std::string_view component) {
    char rank = '2';
    if (component == k_opaque_marker) {
      rank = '0';
    } else if (component.starts_with(k_whiteout_prefix)) {
      rank = '1';
    }
    key += rank;
    key += component;
    key += '\0';
  });
  return key;
}

std::pair<std::string_view, std::string_view> split_parent(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

std::string join_path(std::string_view parent, std::string_view name) {
  if (parent.empty()) return std::string(name);
  std::string path;
  path.reserve(parent.size() + 1 + name.size());
  path += parent;
  path += '/';
  path += name;
  return path;
}

}  // namespace strata::layer
