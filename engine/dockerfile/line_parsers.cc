#include "engine/dockerfile/line_parsers.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "engine/base/unicode.h"
#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

using base::ErrorCode;
using base::make_error;
using base::Result;

bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Word shapes, argument by argument, for each instruction.
Result<ParsedArgs> parse_name_value(std::string_view rest, std::string_view instruction,
                                    char escape) {
  ParsedArgs parsed;
  std::vector<std::string> words = parse_words(rest, escape);
  if (words.empty()) return parsed;
  if (words[0].find('=') == std::string::npos) {
    // Legacy `KEY value with spaces`.
    std::vector<std::string> parts = split_blanks(rest, 2);
    if (parts.size() < 2) {
      return make_error(ErrorCode::parse, fmt::format("{} must have two arguments", instruction));
    }
    parsed.args = {parts[0], parts[1], ""};
    return parsed;
  }
  for (const std::string& word : words) {
    size_t equals = word.find('=');
    if (equals == std::string::npos) {
      return make_error(ErrorCode::parse,
                        fmt::format("Syntax error - can't find = in {}. Must be of the form: "
                                    "name=value",
                                    go_quote(word)));
    }
    parsed.args.push_back(word.substr(0, equals));
    parsed.args.push_back(word.substr(equals + 1));
    parsed.args.push_back("=");
  }
  return parsed;
}

ParsedArgs parse_whitespace_delimited(std::string_view rest) {
  ParsedArgs parsed;
  if (!rest.empty()) parsed.args = split_blanks(rest);
  return parsed;
}

ParsedArgs parse_string(std::string_view rest) {
  ParsedArgs parsed;
  if (!rest.empty()) parsed.args.emplace_back(rest);
  return parsed;
}

Result<ParsedArgs> parse_maybe_json(std::string_view rest) {
  if (rest.empty()) return ParsedArgs{};
  auto json = parse_json_string_array(rest);
  if (!json) return std::move(json).error();
  if (json->is_json) return ParsedArgs{std::move(json->strings), true};
  return parse_string(rest);
}

Result<ParsedArgs> parse_maybe_json_to_list(std::string_view rest) {
  auto json = parse_json_string_array(rest);
  if (!json) return std::move(json).error();
  if (json->is_json) return ParsedArgs{std::move(json->strings), true};
  return parse_whitespace_delimited(rest);
}

Result<ParsedArgs> parse_healthcheck(std::string_view rest) {
  size_t separator = 0;
  while (separator < rest.size() && !is_ascii_space(rest[separator])) ++separator;
  if (separator == 0) return ParsedArgs{};
  size_t command = separator;
  while (command < rest.size() && is_ascii_space(rest[command])) ++command;
  auto parsed = parse_maybe_json(rest.substr(command));
  if (!parsed) return parsed;
  parsed->args.insert(parsed->args.begin(), std::string(rest.substr(0, separator)));
  return parsed;
}

ParsedArgs parse_name_or_name_value(std::string_view rest, char escape) {
  return ParsedArgs{parse_words(rest, escape), false};
}

}  // namespace

SplitCommand split_command(std::string_view line) {
  SplitCommand split;
  std::vector<std::string> parts = split_blanks(trim_space(line), 2);
  split.keyword = parts[0];
  if (parts.size() < 2) return split;

  // Leading `--name[=value]` words; quotes group and a backslash escapes one byte. A bare `--`
  // ends the flags and is dropped.
  std::string_view text = parts[1];
  size_t pos = 0;
  while (true) {
    while (pos < text.size() && is_ascii_space(text[pos])) ++pos;
    if (pos + 1 >= text.size() || text[pos] != '-' || text[pos + 1] != '-') {
      split.rest = std::string(trim_space(text.substr(pos)));
      return split;
    }
    std::string word;
    bool blank_ok = false;
    char quote = 0;
    for (; pos < text.size(); ++pos) {
      char c = text[pos];
      if (quote == 0 && is_ascii_space(c)) break;
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
        blank_ok = true;
        continue;
      }
      if (quote != 0 && c == quote) {
        quote = 0;
        continue;
      }
      if (c == '\\') {
        if (pos + 1 == text.size()) continue;
        c = text[++pos];
      }
      word += c;
    }
    if (word == "--") {
      split.rest = std::string(trim_space(text.substr(pos)));
      return split;
    }
    if (blank_ok || !word.empty()) split.flags.push_back(std::move(word));
    if (pos >= text.size()) return split;
  }
}

std::vector<std::string> parse_words(std::string_view text, char escape) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  bool blank_ok = false;
  char32_t quote = 0;
  auto end_word = [&] {
    if (blank_ok || !word.empty()) words.push_back(std::move(word));
    word.clear();
    blank_ok = false;
    in_word = false;
  };
  for (size_t pos = 0; pos < text.size();) {
    base::Rune rune = base::decode_rune(text, pos);
    size_t next = pos + rune.width;
    bool is_escape = rune.valid && rune.value == static_cast<unsigned char>(escape);
    if (!in_word) {
      if (rune.valid && base::is_space(rune.value)) {
        pos = next;
        continue;
      }
      in_word = true;
    }
    if (quote == 0) {
      if (rune.valid && base::is_space(rune.value)) {
        end_word();
        pos = next;
        continue;
      }
      if (rune.value == '\'' || rune.value == '"') {
        quote = rune.value;
        blank_ok = true;
      }
      if (is_escape) {
        if (next == text.size()) {
          pos = next;
          continue;  // an escape at the very end is dropped
        }
        // Outside quotes the escape and the escaped character both stay, even a quote.
        base::append_rune(word, rune);
        rune = base::decode_rune(text, next);
        next += rune.width;
      }
      base::append_rune(word, rune);
      pos = next;
      continue;
    }
    if (rune.value == quote) quote = 0;
    if (is_escape && quote != '\'') {
      if (next == text.size()) {
        quote = 0;
        pos = next;
        continue;
      }
      base::append_rune(word, rune);
      rune = base::decode_rune(text, next);
      next += rune.width;
    }
    base::append_rune(word, rune);
    pos = next;
  }
  if (in_word) end_word();
  return words;
}

Result<JsonArrayParse> parse_json_string_array(std::string_view text) {
  text = trim_left_space(text);
  if (!text.starts_with("[")) return JsonArrayParse{};
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_array()) return JsonArrayParse{};
  JsonArrayParse parsed{true, {}};
  for (const auto& element : json) {
    if (!element.is_string()) {
      return make_error(ErrorCode::parse,
                        "when using JSON array syntax, arrays must be comprised of strings only");
    }
    parsed.strings.push_back(element.get<std::string>());
  }
  return parsed;
}

Result<ParsedArgs> parse_arguments(std::string_view keyword, std::string_view rest, char escape) {
  if (keyword == "add" || keyword == "copy" || keyword == "volume") {
    return parse_maybe_json_to_list(rest);
  }
  if (keyword == "run" || keyword == "cmd" || keyword == "entrypoint" || keyword == "shell") {
    return parse_maybe_json(rest);
  }
  if (keyword == "env") return parse_name_value(rest, "ENV", escape);
  if (keyword == "label") return parse_name_value(rest, "LABEL", escape);
  if (keyword == "arg") return parse_name_or_name_value(rest, escape);
  if (keyword == "from" || keyword == "expose") return parse_whitespace_delimited(rest);
  if (keyword == "healthcheck") return parse_healthcheck(rest);
  if (keyword == "maintainer" || keyword == "stopsignal" || keyword == "user" ||
      keyword == "workdir") {
    return parse_string(rest);
  }
  // Unknown instructions parse (their arguments are dropped); typing rejects them later.
  return ParsedArgs{{""}, false};
}

}  // namespace strata::dockerfile
