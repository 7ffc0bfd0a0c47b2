#include "engine/dockerfile/heredoc.h"

#include <algorithm>

#include "engine/dockerfile/shell_lexer.h"

namespace strata::dockerfile {

namespace {

bool is_regex_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

size_t count_quotes(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\'') +
                             std::count(text.begin(), text.end(), '"'));
}

}  // namespace

base::Result<std::optional<Heredoc>> parse_heredoc(std::string_view word) {
  // ^(\d*)<<(-?)\s*([^<]*)$
  size_t pos = 0;
  while (pos < word.size() && word[pos] >= '0' && word[pos] <= '9') ++pos;
  std::string_view digits = word.substr(0, pos);
  if (word.substr(pos, 2) != "<<") return std::optional<Heredoc>();
  pos += 2;
  bool chomp = pos < word.size() && word[pos] == '-';
  if (chomp) ++pos;
  while (pos < word.size() && is_regex_space(word[pos])) ++pos;
  std::string_view rest = word.substr(pos);
  if (rest.find('<') != std::string_view::npos || rest.empty()) return std::optional<Heredoc>();

  // Lex the name with and without quote removal: a difference in quote count means part of the
  // name was quoted, which turns expansion of the body off (as in sh).
  LexOptions options;
  options.skip_unset_env = true;
  auto plain = expand(rest, {}, options);
  if (!plain) return std::move(plain).error();
  if (plain->words.size() != 1) return std::optional<Heredoc>();
  options.raw_quotes = true;
  auto raw = expand(rest, {}, options);
  if (!raw) return std::move(raw).error();
  if (raw->words.size() != 1) {
    return base::make_error(
        base::ErrorCode::parse,
        "internal lexing of heredoc produced inconsistent results: " + std::string(rest));
  }

  Heredoc heredoc;
  heredoc.name = plain->words[0];
  heredoc.expand = count_quotes(plain->words[0]) == count_quotes(raw->words[0]);
  heredoc.chomp = chomp;
  unsigned long long fd = 0;
  for (char digit : digits) {
    fd = fd * 10 + static_cast<unsigned>(digit - '0');
    if (fd > 0xFFFFFFFFull) {
      fd = 0;  // out of range: Go's ParseUint fails and the descriptor stays 0
      break;
    }
  }
  heredoc.file_descriptor = static_cast<unsigned>(fd);
  return std::optional<Heredoc>(std::move(heredoc));
}

base::Result<std::vector<Heredoc>> heredocs_from_line(std::string_view line) {
  LexOptions options;
  options.raw_quotes = true;
  options.raw_escapes = true;
  options.skip_unset_env = true;
  std::vector<Heredoc> heredocs;
  auto words = expand(line, {}, options);
  if (!words) return heredocs;  // a line the lexer cannot read opens no heredoc
  for (const std::string& word : words->words) {
    auto heredoc = parse_heredoc(word);
    if (!heredoc) return std::move(heredoc).error();
    if (*heredoc) heredocs.push_back(std::move(**heredoc));
  }
  return heredocs;
}

std::string chomp_heredoc(std::string_view content) {
  std::string out;
  bool line_start = true;
  for (char c : content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    out += c;
  }
  return out;
}

}  // namespace strata::dockerfile
