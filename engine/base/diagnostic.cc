#include "engine/base/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

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

std::string printable(std::string_view text, size_t max_length) {
  std::string out;
  for (char c : text.substr(0, max_length)) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      out += fmt::format("\\x{:02x}", byte);  // never pass terminal control bytes through
    } else {
      out += c;
    }
  }
  if (text.size() > max_length) out += "...";
  return out;
}

std::string render_diagnostic(const Error& error, std::string_view source) {
  std::string text = printable(error.to_string(), k_max_message_length);
  if (!error.range || error.range->start.line <= 0) return text;
  std::string_view line = source_line(source, error.range->start.line);
  if (line.empty()) return text;
  // Show a window of a very long line, starting a little before the marked column.
  size_t column =
      error.range->start.column > 0 ? static_cast<size_t>(error.range->start.column) : 1;
  size_t offset = column > k_snippet_width / 2 ? column - 1 - k_snippet_width / 4 : 0;
  std::string_view window = line.substr(std::min(offset, line.size()), k_snippet_width);
  text += "\n";
  text += offset > 0 ? "..." : "";
  text += printable(window, k_snippet_width);
  text += "\n";
  if (offset > 0) text += "   ";
  for (size_t i = offset + 1; i < column && i - 1 < line.size(); ++i) {
    // Keep tabs so the marker lines up under tab-indented source; escaped bytes are 4 wide.
    char c = line[i - 1];
    auto byte = static_cast<unsigned char>(c);
    if (c == '\t') {
      text += '\t';
    } else if (byte < 0x20 || byte == 0x7F) {
      text += "    ";
    } else {
      text += ' ';
    }
  }
  text += "^ near here";
  return text;
}

}  // namespace strata::base
