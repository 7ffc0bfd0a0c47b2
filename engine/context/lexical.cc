#include "engine/context/lexical.h"

#include "engine/base/unicode.h"

namespace strata::context {

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path.front() == '/';
  std::string out;
  out.reserve(path.size());
  if (rooted) out.push_back('/');
  // Elements before `floor` are a root or leading ".." that a later ".." must not remove.
  size_t floor = out.size();
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view element = path.substr(pos, end - pos);
    pos = end;
    if (element == ".") continue;
    if (element == "..") {
      if (out.size() > floor) {
        size_t cut = out.rfind('/');
        out.resize(cut == std::string::npos || cut < floor ? floor : cut);
      } else if (!rooted) {
        if (!out.empty()) out.push_back('/');
        out += "..";
        floor = out.size();
      }
      continue;
    }
    if (out.size() > (rooted ? 1u : 0u)) out.push_back('/');
    out += element;
  }
  if (out.empty()) return ".";
  return out;
}

bool is_clean_path(std::string_view path) {
  if (path.empty()) return false;
  if (path == "/" || path == ".") return true;
  if (path.back() == '/') return false;
  const bool rooted = path.front() == '/';
  size_t pos = rooted ? 1 : 0;
  bool seen_name = false;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view element = path.substr(pos, end - pos);
    if (element.empty() || element == ".") return false;
    if (element == "..") {
      // Only a leading run of ".." in a relative path survives cleaning.
      if (rooted || seen_name) return false;
    } else {
      seen_name = true;
    }
    pos = end + 1;
  }
  return true;
}

}  // namespace strata::context
