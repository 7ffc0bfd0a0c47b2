#include "engine/image/go_json_indent.h"

namespace strata::image {

std::string go_json_indent(std::string_view compact, std::string_view indent) {
  std::string out;
  out.reserve(compact.size() * 2);
  int depth = 0;
  bool need_indent = false;  // an object or array just opened
  bool in_string = false;
  bool escaped = false;
  auto newline = [&] {
    out += '\n';
    for (int i = 0; i < depth; ++i) out += indent;
  };
  for (char c : compact) {
    if (in_string) {
      out += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (need_indent && c != '}' && c != ']') {
      need_indent = false;
      ++depth;
      newline();
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
      case '[':
        need_indent = true;
        out += c;
        break;
      case ',':
        out += c;
        newline();
        break;
      case ':':
        out += ": ";
        break;
      case '}':
      case ']':
        if (need_indent) {
          need_indent = false;  // "{}" and "[]" stay empty
        } else {
          --depth;
          newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace strata::image
