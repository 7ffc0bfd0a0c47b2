#include "engine/dockerfile/shell_lexer.h"

#include <fmt/format.h>

#include <optional>

#include "engine/base/unicode.h"
#include "engine/dockerfile/shell_pattern.h"

namespace strata::dockerfile {

namespace {

using base::ErrorCode;
using base::make_error;
using base::Result;
using base::Rune;

constexpr char32_t k_eof = 0xFFFFFFFF;

bool is_special_parameter(char32_t c) {
  switch (c) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

// Accumulates the word-split view of the expansion alongside the single-word result.
class WordSplitter {
 public:
  void add_char(const Rune& rune) {
    if (base::is_space(rune.value)) {
      if (m_in_word && !m_word.empty()) {
        m_words.push_back(std::move(m_word));
        m_word.clear();
        m_in_word = false;
      }
      return;
    }
    add_raw_char(rune);
  }
  void add_raw_char(const Rune& rune) {
    base::append_rune(m_word, rune);
    m_in_word = true;
  }
  // Text from a variable: its whitespace splits words.
  void add_string(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
      Rune rune = base::decode_rune(text, pos);
      add_char(rune);
      pos += rune.width;
    }
  }
  // Quoted text: kept in the current word whatever it holds.
  void add_raw_string(std::string_view text) {
    m_word += text;
    m_in_word = true;
  }
  std::vector<std::string> take_words() {
    if (!m_word.empty()) {
      m_words.push_back(std::move(m_word));
      m_word.clear();
      m_in_word = false;
    }
    return std::move(m_words);
  }

 private:
  std::string m_word;
  std::vector<std::string> m_words;
  bool m_in_word = false;
};

struct Processed {
  std::string word;
  std::vector<std::string> words;
};

class WordProcessor {
 public:
  WordProcessor(std::string_view input, const Environment& env, const LexOptions& options,
                Expansion& out)
      : m_input(input),
        m_env(env),
        m_options(options),
        m_out(out),
        m_raw_escapes(options.raw_escapes) {}

  Result<Processed> process_stop_on(std::optional<char32_t> stop, bool raw_escapes);

 private:
  bool at_end() const { return m_pos >= m_input.size(); }
  char32_t peek() const { return at_end() ? k_eof : base::decode_rune(m_input, m_pos).value; }
  Rune next() {
    if (at_end()) return Rune{k_eof, 0, true};
    Rune rune = base::decode_rune(m_input, m_pos);
    m_pos += rune.width;
    return rune;
  }
  bool is_escape(const Rune& rune) const {
    return rune.valid && rune.value == static_cast<unsigned char>(m_options.escape);
  }

  Result<std::string> process_single_quote();
  Result<std::string> process_double_quote();
  Result<std::string> process_dollar();
  Result<std::string> process_braced(const std::string& name);
  std::string process_possible_heredoc();
  std::string process_name();
  std::optional<std::string> lookup(const std::string& name);

  std::string_view m_input;
  const Environment& m_env;
  const LexOptions& m_options;
  Expansion& m_out;
  bool m_raw_escapes;
  size_t m_pos = 0;
  int m_depth = 0;
};

Result<Processed> WordProcessor::process_stop_on(std::optional<char32_t> stop, bool raw_escapes) {
  if (m_depth >= k_max_expansion_depth) {
    return make_error(ErrorCode::parse,
                      fmt::format("expansion nested deeper than {} levels", k_max_expansion_depth));
  }
  ++m_depth;
  bool saved_raw_escapes = m_raw_escapes;
  m_raw_escapes = raw_escapes;
  std::string result;
  WordSplitter words;
  auto finish = [&]() -> Result<Processed> {
    m_raw_escapes = saved_raw_escapes;
    --m_depth;
    return Processed{std::move(result), words.take_words()};
  };
  auto fail = [&](base::Error error) -> Result<Processed> {
    m_raw_escapes = saved_raw_escapes;
    --m_depth;
    return error;
  };
  auto too_large = [&] {
    return fail(make_error(
        ErrorCode::parse, fmt::format("expansion larger than {} MiB", k_max_expansion_size >> 20)));
  };

  while (!at_end()) {
    char32_t c = peek();
    if (stop && c == *stop) {
      next();
      return finish();
    }
    if (c == '$') {
      auto value = process_dollar();
      if (!value) return fail(std::move(value).error());
      if (result.size() + value->size() > k_max_expansion_size) return too_large();
      result += *value;
      words.add_string(*value);
      continue;
    }
    if (c == '<') {
      std::string text = process_possible_heredoc();
      result += text;
      words.add_raw_string(text);
      continue;
    }
    if (!m_options.skip_process_quotes && (c == '\'' || c == '"')) {
      auto quoted = c == '\'' ? process_single_quote() : process_double_quote();
      if (!quoted) return fail(std::move(quoted).error());
      result += *quoted;
      words.add_raw_string(*quoted);
      continue;
    }
    Rune rune = next();
    if (is_escape(rune)) {
      if (m_raw_escapes) {
        words.add_raw_char(rune);
        base::append_rune(result, rune);
      }
      rune = next();
      if (rune.value == k_eof && rune.width == 0) break;
      words.add_raw_char(rune);
    } else {
      words.add_char(rune);
    }
    base::append_rune(result, rune);
  }
  if (stop) {
    std::string expected;
    base::append_utf8(expected, *stop);
    return fail(make_error(ErrorCode::parse,
                           "unexpected end of statement while looking for matching " + expected));
  }
  return finish();
}

Result<std::string> WordProcessor::process_single_quote() {
  // Everything up to the closing quote is literal; a single quote cannot be escaped.
  std::string result;
  Rune quote = next();
  if (m_options.raw_quotes) base::append_rune(result, quote);
  while (true) {
    Rune rune = next();
    if (rune.width == 0) {
      return make_error(ErrorCode::parse,
                        "unexpected end of statement while looking for matching single-quote");
    }
    if (rune.value == '\'') {
      if (m_options.raw_quotes) base::append_rune(result, rune);
      return result;
    }
    base::append_rune(result, rune);
  }
}

Result<std::string> WordProcessor::process_double_quote() {
  // Literal except `$`, and the escape token before `"`, `$` or itself.
  std::string result;
  Rune quote = next();
  if (m_options.raw_quotes) base::append_rune(result, quote);
  while (true) {
    if (at_end()) {
      return make_error(ErrorCode::parse,
                        "unexpected end of statement while looking for matching double-quote");
    }
    char32_t c = peek();
    if (c == '"') {
      Rune closing = next();
      if (m_options.raw_quotes) base::append_rune(result, closing);
      return result;
    }
    if (c == '$') {
      auto value = process_dollar();
      if (!value) return value;
      if (result.size() + value->size() > k_max_expansion_size) {
        return make_error(ErrorCode::parse,
                          fmt::format("expansion larger than {} MiB", k_max_expansion_size >> 20));
      }
      result += *value;
      continue;
    }
    Rune rune = next();
    if (is_escape(rune)) {
      if (m_raw_escapes) base::append_rune(result, rune);
      if (at_end()) continue;
      char32_t following = peek();
      if (following == '"' || following == '$' ||
          following == static_cast<unsigned char>(m_options.escape)) {
        rune = next();
      }
    }
    base::append_rune(result, rune);
  }
}

std::string WordProcessor::process_possible_heredoc() {
  // `<<` keeps the blanks after it in its word, so `<< EOF` stays one heredoc word.
  next();
  if (peek() != '<') return "<";
  next();
  std::string text = "<<";
  while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) {
    base::append_rune(text, next());
  }
  return text;
}

std::string WordProcessor::process_name() {
  std::string name;
  while (!at_end()) {
    char32_t c = peek();
    if (name.empty() && base::is_digit(c)) {
      while (!at_end() && base::is_digit(peek())) base::append_rune(name, next());
      return name;
    }
    if (name.empty() && is_special_parameter(c)) {
      base::append_rune(name, next());
      return name;
    }
    if (!base::is_letter(c) && !base::is_digit(c) && c != '_') break;
    base::append_rune(name, next());
  }
  return name;
}

std::optional<std::string> WordProcessor::lookup(const std::string& name) {
  auto found = m_env.find(name);
  if (found == m_env.end()) {
    m_out.unmatched.insert(name);
    return std::nullopt;
  }
  m_out.matched.insert(name);
  return found->second;
}

Result<std::string> WordProcessor::process_dollar() {
  next();  // '$'
  if (peek() != '{') {
    std::string name = process_name();
    if (name.empty()) return std::string("$");
    auto value = lookup(name);
    if (!value && m_options.skip_unset_env) return "$" + name;
    return value.value_or("");
  }
  next();  // '{'
  if (at_end()) return make_error(ErrorCode::parse, "syntax error: missing '}'");
  char32_t c = peek();
  if (c == '{' || c == '}' || c == ':') {
    return make_error(ErrorCode::parse, "syntax error: bad substitution");
  }
  return process_braced(process_name());
}

Result<std::string> WordProcessor::process_braced(const std::string& name) {
  Rune op = next();
  std::string modifier;
  if (op.width > 0) base::append_rune(modifier, op);
  auto unsupported = [&] {
    return make_error(ErrorCode::parse,
                      fmt::format("unsupported modifier ({}) in substitution", modifier));
  };
  if (op.width == 0) return unsupported();

  if (op.value == '}') {
    auto value = lookup(name);
    if (!value && m_options.skip_unset_env) return "${" + name + "}";
    return value.value_or("");
  }

  if (op.value == '/') {
    bool replace_all = peek() == '/';
    if (replace_all) next();
    auto pattern = process_stop_on('/', true);
    if (!pattern) {
      if (at_end()) return make_error(ErrorCode::parse, "syntax error: missing '/' in ${}");
      return std::move(pattern).error();
    }
    auto replacement = process_stop_on('}', true);
    if (!replacement) {
      if (at_end()) return make_error(ErrorCode::parse, "syntax error: missing '}'");
      return std::move(replacement).error();
    }
    auto value = lookup(name);
    if (!value && m_options.skip_unset_env) {
      return "${" + name + "/" + pattern->word + "/" + replacement->word + "}";
    }
    auto compiled = ShellPattern::compile(pattern->word);
    if (!compiled) {
      return make_error(ErrorCode::parse, fmt::format("invalid pattern ({}) in substitution: {}",
                                                      pattern->word, compiled.error().message));
    }
    auto replaced =
        compiled->replace(value.value_or(""), replacement->word, replace_all, k_max_expansion_size);
    if (!replaced) {
      return make_error(ErrorCode::parse,
                        fmt::format("expansion larger than {} MiB", k_max_expansion_size >> 20));
    }
    return std::move(*replaced);
  }

  bool null_is_unset = false;
  char32_t kind = op.value;
  if (kind == ':') {
    null_is_unset = true;
    Rune second = next();
    if (second.width > 0) base::append_rune(modifier, second);
    kind = second.width > 0 ? second.value : k_eof;
    // `${v:#p}` and `${v:%p}` are not shell syntax; only - + ? take the colon.
    if (kind != '-' && kind != '+' && kind != '?') return unsupported();
  }
  if (kind != '-' && kind != '+' && kind != '?' && kind != '#' && kind != '%') {
    return unsupported();
  }

  auto argument = process_stop_on('}', kind == '#' || kind == '%');
  if (!argument) {
    if (at_end()) return make_error(ErrorCode::parse, "syntax error: missing '}'");
    return std::move(argument).error();
  }
  std::string word = std::move(argument->word);
  auto value = lookup(name);
  if (!value && m_options.skip_unset_env) return "${" + name + modifier + word + "}";
  bool empty_or_unset = !value || (null_is_unset && value->empty());

  switch (kind) {
    case '-':
      return empty_or_unset ? word : *value;
    case '+':
      return empty_or_unset ? std::string() : word;
    case '?':
      if (!value) {
        return make_error(
            ErrorCode::parse,
            fmt::format("{}: {}", name, word.empty() ? "is not allowed to be unset" : word));
      }
      if (null_is_unset && value->empty()) {
        return make_error(
            ErrorCode::parse,
            fmt::format("{}: {}", name, word.empty() ? "is not allowed to be empty" : word));
      }
      return *value;
    default: {
      // `#`/`%` trim the shortest match; doubled (`##`/`%%`) the longest.
      bool greedy = !word.empty() && static_cast<unsigned char>(word[0]) == kind;
      if (greedy) word.erase(0, 1);
      return kind == '%' ? trim_shell_suffix(word, value.value_or(""), greedy)
                         : trim_shell_prefix(word, value.value_or(""), greedy);
    }
  }
}

}  // namespace

Result<Expansion> expand(std::string_view input, const Environment& env,
                         const LexOptions& options) {
  Expansion out;
  WordProcessor processor(input, env, options, out);
  auto processed = processor.process_stop_on(std::nullopt, options.raw_escapes);
  if (!processed) {
    return make_error(ErrorCode::parse, fmt::format("failed to process \"{}\": {}", input,
                                                    processed.error().message));
  }
  out.word = std::move(processed->word);
  out.words = std::move(processed->words);
  return out;
}

}  // namespace strata::dockerfile
