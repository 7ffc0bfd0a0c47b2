#include "engine/dockerfile/parser.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/dockerfile/directives.h"
#include "engine/dockerfile/heredoc.h"
#include "engine/dockerfile/line_parsers.h"
#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

using base::ErrorCode;
using base::Result;

std::string_view trim_newline(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool is_comment(std::string_view raw_line) {
  std::string_view text = trim_left_space(trim_newline(raw_line));
  return !text.empty() && text.front() == '#';
}

// Physical lines with their endings, as BuildKit's scanner yields them.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : m_text(text) {}
  std::optional<std::string_view> next() {
    if (m_pos >= m_text.size()) return std::nullopt;
    size_t newline = m_text.find('\n', m_pos);
    size_t end = newline == std::string_view::npos ? m_text.size() : newline + 1;
    std::string_view line = m_text.substr(m_pos, end - m_pos);
    m_pos = end;
    ++m_line;
    return line;
  }
  int line() const { return m_line; }

 private:
  std::string_view m_text;
  size_t m_pos = 0;
  int m_line = 0;
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view file) : m_text(text), m_reader(text) {
    m_ast.file = std::string(file);
  }

  Result<Ast> run();

 private:
  // Parser errors concern a whole instruction: they point at its first non-blank column.
  base::Error error_at(std::string message, int start_line, int end_line) const {
    std::string_view line = base::source_line(m_text, start_line);
    size_t first = line.find_first_not_of(" \t");
    int column = first == std::string_view::npos ? 1 : static_cast<int>(first) + 1;
    return base::make_error(ErrorCode::parse, std::move(message),
                            {m_ast.file, {start_line, column}, {end_line, 0}});
  }
  // Strips the line ending (and leading blanks when `strip_left`) and feeds the directive parser.
  Result<std::string_view> process_line(std::string_view raw, bool strip_left);
  // The line without its continuation escape, and whether the logical line ends here.
  std::pair<std::string_view, bool> trim_continuation(std::string_view line) const;
  Result<Node> node_from_line(std::string_view line) const;
  Result<void> read_heredocs(Node& node, std::string_view line, int start_line);
  Result<void> check_line_lengths() const;

  std::string_view m_text;
  LineReader m_reader;
  DirectiveParser m_directives;
  Ast m_ast;
};

Result<void> Parser::check_line_lengths() const {
  LineReader reader(m_text);
  while (auto line = reader.next()) {
    std::string_view content = *line;
    if (content.ends_with('\n')) content.remove_suffix(1);
    if (content.size() > k_max_line_length) {
      return error_at(
          fmt::format("dockerfile line greater than max allowed size of {}", k_max_line_length),
          reader.line(), reader.line());
    }
  }
  return {};
}

Result<std::string_view> Parser::process_line(std::string_view raw, bool strip_left) {
  std::string_view token = trim_newline(raw);
  if (strip_left) token = trim_left_space(token);
  auto directive = m_directives.parse_line(token);
  if (!directive) {
    return error_at(directive.error().message, m_reader.line(), m_reader.line());
  }
  if (*directive) {
    const Directive& found = **directive;
    if (found.name == "escape") {
      if (found.value != "`" && found.value != "\\") {
        return error_at(
            fmt::format("invalid escape token '{}' does not match ` or \\", found.value),
            found.line, found.line);
      }
      m_ast.escape = found.value[0];
    }
    m_ast.directives.push_back(found);
  }
  return is_comment(token) ? std::string_view() : token;
}

std::pair<std::string_view, bool> Parser::trim_continuation(std::string_view line) const {
  // An escape as the last non-blank character continues the line, unless it is itself escaped.
  std::string_view trimmed = line;
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) {
    trimmed.remove_suffix(1);
  }
  if (trimmed.empty() || trimmed.back() != m_ast.escape) return {line, true};
  if (trimmed.size() >= 2 && trimmed[trimmed.size() - 2] == m_ast.escape) return {line, true};
  trimmed.remove_suffix(1);
  return {trimmed, false};
}

Result<Node> Parser::node_from_line(std::string_view line) const {
  SplitCommand split = split_command(line);
  Node node;
  node.keyword = split.keyword;
  node.flags = std::move(split.flags);
  node.original = std::string(line);
  std::string keyword = to_lower(split.keyword);
  if (keyword == "onbuild") {
    if (!split.rest.empty()) {
      auto nested = node_from_line(split.rest);
      if (!nested) return nested;
      node.nested.push_back(std::move(*nested));
    }
    return node;
  }
  auto parsed = parse_arguments(keyword, split.rest, m_ast.escape);
  if (!parsed) return std::move(parsed).error();
  node.args = std::move(parsed->args);
  node.json_form = parsed->json_form;
  return node;
}

bool can_contain_heredoc(const Node& node) {
  const Node* target = &node;
  if (to_lower(node.keyword) == "onbuild" && !node.nested.empty()) target = &node.nested.front();
  std::string keyword = to_lower(target->keyword);
  if (keyword != "run" && keyword != "copy" && keyword != "add") return false;
  return !target->json_form;
}

Result<void> Parser::read_heredocs(Node& node, std::string_view line, int start_line) {
  auto heredocs = heredocs_from_line(line);
  if (!heredocs) return error_at(heredocs.error().message, start_line, m_reader.line());
  for (Heredoc& heredoc : *heredocs) {
    bool terminated = false;
    while (auto raw = m_reader.next()) {
      std::string_view candidate = trim_newline(*raw);
      if (heredoc.chomp) {
        while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
      }
      if (candidate == heredoc.name) {
        terminated = true;
        break;
      }
      heredoc.content += *raw;
    }
    if (!terminated) return error_at("unterminated heredoc", start_line, m_reader.line());
    node.heredocs.push_back(std::move(heredoc));
  }
  return {};
}

Result<Ast> Parser::run() {
  if (auto lengths = check_line_lengths(); !lengths) return std::move(lengths).error();
  while (auto raw = m_reader.next()) {
    std::string_view first = *raw;
    if (m_reader.line() == 1) first = strip_bom(first);
    auto processed = process_line(first, true);
    if (!processed) return std::move(processed).error();
    int start_line = m_reader.line();
    auto [text, end_of_line] = trim_continuation(*processed);
    if (end_of_line && text.empty()) continue;

    std::string line(text);
    bool has_empty_continuation = false;
    while (!end_of_line) {
      auto next = m_reader.next();
      if (!next) break;
      auto continued = process_line(*next, false);
      if (!continued) return std::move(continued).error();
      if (is_comment(*next)) continue;
      if (trim_left_space(*continued).empty()) {
        has_empty_continuation = true;
        continue;
      }
      auto [more, ends] = trim_continuation(*continued);
      line += more;
      end_of_line = ends;
    }
    if (has_empty_continuation) {
      m_ast.warnings.push_back(
          Warning{"Empty continuation line found in: " + line,
                  "Empty continuation lines will become errors in a future release",
                  {m_ast.file, {m_reader.line(), 0}, {m_reader.line(), 0}}});
    }

    auto node = node_from_line(line);
    if (!node) return error_at(node.error().message, start_line, m_reader.line());
    if (can_contain_heredoc(*node) && line.find("<<") != std::string::npos) {
      if (auto read = read_heredocs(*node, line, start_line); !read) {
        return std::move(read).error();
      }
    }
    node->range = {m_ast.file, {start_line, 0}, {m_reader.line(), 0}};
    if (m_ast.instructions.empty()) m_ast.start_line = start_line;
    m_ast.end_line = m_reader.line();
    m_ast.instructions.push_back(std::move(*node));
  }
  if (m_ast.instructions.empty()) {
    return error_at("file with no instructions", m_reader.line(), m_reader.line());
  }
  return std::move(m_ast);
}

}  // namespace

Result<Ast> parse(std::string_view text, std::string_view file) {
  return Parser(text, file).run();
}

}  // namespace strata::dockerfile
