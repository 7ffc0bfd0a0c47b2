#include "engine/cli/tabwriter.h"

#include <vector>

namespace strata::cli {

namespace {

struct Cell {
  std::string text;
  size_t width = 0;
};
using Line = std::vector<Cell>;

size_t code_points(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// The elastic tabstops algorithm of Go's Writer.format, kept in its recursive shape.
class Formatter {
 public:
  Formatter(const std::vector<Line>& lines, size_t min_width, size_t padding)
      : m_lines(lines), m_min_width(min_width), m_padding(padding) {}

  std::string run() {
    format(0, m_lines.size());
    return std::move(m_out);
  }

 private:
  void write_lines(size_t line0, size_t line1) {
    for (size_t i = line0; i < line1; ++i) {
      const Line& line = m_lines[i];
      for (size_t j = 0; j < line.size(); ++j) {
        m_out += line[j].text;
        if (j < m_widths.size()) m_out.append(m_widths[j] - line[j].width, ' ');
      }
      if (i + 1 < m_lines.size()) m_out += '\n';
    }
  }

  void format(size_t line0, size_t line1) {
    size_t column = m_widths.size();
    for (size_t current = line0; current < line1; ++current) {
      if (column + 1 >= m_lines[current].size()) continue;
      write_lines(line0, current);
      line0 = current;
      size_t width = m_min_width;
      for (; current < line1; ++current) {
        const Line& line = m_lines[current];
        if (column + 1 >= line.size()) break;
        width = std::max(width, line[column].width + m_padding);
      }
      m_widths.push_back(width);
      format(line0, current);
      m_widths.pop_back();
      line0 = current;
      // The line that ended the block has no cell in this column: the ++ may skip it.
    }
    write_lines(line0, line1);
  }

  const std::vector<Line>& m_lines;
  size_t m_min_width;
  size_t m_padding;
  std::vector<size_t> m_widths;
  std::string m_out;
};

}  // namespace

std::string tabwrite(std::string_view text, size_t min_width, size_t padding) {
  std::vector<Line> lines(1);
  std::string cell;
  auto end_cell = [&] {
    lines.back().push_back({cell, code_points(cell)});
    cell.clear();
  };
  for (char c : text) {
    if (c == '\t') {
      end_cell();
    } else if (c == '\n') {
      end_cell();
      lines.emplace_back();
    } else {
      cell += c;
    }
  }
  if (!cell.empty()) end_cell();
  return Formatter(lines, min_width, padding).run();
}

}  // namespace strata::cli
