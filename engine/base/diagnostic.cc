#include "engine/base/diagnostic.h"

namespace strata::base {

std::string_view source_line(std::string_view source, int line) {
  if (line <= 0) return {};
  size_t begin = 0;
  for (int current = 1; current < line; ++current) {
    size_t newline = source.find('\n', begin);
    if (newline == std::string_view::npos) return {};
    begin = newline + 1;
  }
  if (begin > source.size()) return {};
  size_t end = source.find('\n', begin);
  std::string_view text =
      source.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::string render_diagnostic(const Error& error, std::string_view source) {
  std::string text = error.to_string();
  if (!error.range || error.range->start.line <= 0) return text;
  std::string_view line = source_line(source, error.range->start.line);
  if (line.empty()) return text;
  text += "\n";
  text += line;
  text += "\n";
  int column = error.range->start.column > 0 ? error.range->start.column : 1;
  for (int i = 1; i < column && static_cast<size_t>(i - 1) < line.size(); ++i) {
    // Keep tabs so the marker lines up under tab-indented source.
    text += line[i - 1] == '\t' ? '\t' : ' ';
  }
  text += "^ near here";
  return text;
}

}  // namespace strata::base
