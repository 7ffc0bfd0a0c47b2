#include "engine/image/template_lexer.h"

#include <fmt/format.h>

#include <map>

#include "engine/base/unicode.h"
#include "engine/image/go_print.h"

namespace strata::image::tmpl {
namespace {

constexpr std::string_view k_left = "{{";
constexpr std::string_view k_right = "}}";
constexpr std::string_view k_left_comment = "/*";
constexpr std::string_view k_right_comment = "*/";
constexpr size_t k_trim_marker_len = 2;  // "-" plus a space

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool has_left_trim_marker(std::string_view s) {
  return s.size() >= 2 && s[0] == '-' && is_space(s[1]);
}
bool has_right_trim_marker(std::string_view s) {
  return s.size() >= 2 && is_space(s[0]) && s[1] == '-';
}

bool is_alphanumeric(char32_t r) {
  return r == '_' || base::is_letter(r) || base::is_digit(r);
}

const std::map<std::string, TokenType, std::less<>>& keywords() {
  static const std::map<std::string, TokenType, std::less<>> k = {
      {"if", TokenType::kw_if},
      {"else", TokenType::kw_else},
      {"end", TokenType::kw_end},
      {"range", TokenType::kw_range},
      {"with", TokenType::kw_with},
      {"break", TokenType::kw_break},
      {"continue", TokenType::kw_continue},
      {"define", TokenType::kw_define},
      {"template", TokenType::kw_template},
      {"block", TokenType::kw_block},
      {"nil", TokenType::nil},
  };
  return k;
}

std::string rune_name(char32_t r) {
  // Go's %#U: U+007D '}'
  std::string text;
  base::append_utf8(text, r);
  return fmt::format("U+{:04X} '{}'", static_cast<uint32_t>(r), text);
}

class Lexer {
 public:
  explicit Lexer(std::string_view input) : m_input(input) {}

  std::vector<Token> run() {
    while (lex_text() && lex_action()) {
    }
    return std::move(m_tokens);
  }

 private:
  bool at_end() const { return m_pos >= m_input.size(); }
  char32_t peek() const { return at_end() ? 0 : base::decode_rune(m_input, m_pos).value; }

  void emit(TokenType type) {
    m_tokens.push_back({type, m_start, std::string(m_input.substr(m_start, m_pos - m_start))});
    m_start = m_pos;
  }
  bool error(std::string message) {
    m_tokens.push_back({TokenType::error, m_start, std::move(message)});
    return false;
  }

  // Text up to the next action's "{{" (comments are skipped); false at the end of input or
  // on an error.
  bool lex_text() {
    while (true) {
      size_t left = m_input.find(k_left, m_pos);
      if (left == std::string_view::npos) {
        m_pos = m_input.size();
        if (m_pos > m_start) emit(TokenType::text);
        m_tokens.push_back({TokenType::eof, m_pos, ""});
        return false;
      }
      size_t text_end = left;
      bool trim = has_left_trim_marker(m_input.substr(left + k_left.size()));
      if (trim) {
        while (text_end > m_start && is_space(m_input[text_end - 1])) --text_end;
      }
      if (text_end > m_start) {
        m_pos = text_end;
        emit(TokenType::text);
      }
      m_start = left;
      size_t after_marker = left + k_left.size() + (trim ? k_trim_marker_len : 0);
      if (m_input.substr(after_marker).starts_with(k_left_comment)) {
        m_start = m_pos = after_marker;
        if (!lex_comment()) return false;
        continue;
      }
      m_pos = left + k_left.size();
      emit(TokenType::left_delim);
      m_start = m_pos = after_marker;
      m_paren_depth = 0;
      return true;
    }
  }

  bool lex_comment() {
    m_pos += k_left_comment.size();
    size_t end = m_input.find(k_right_comment, m_pos);
    if (end == std::string_view::npos) return error("unclosed comment");
    m_pos = end + k_right_comment.size();
    auto [delim, trim] = at_right_delim();
    if (!delim) return error("comment ends before closing delimiter");
    if (trim) m_pos += k_trim_marker_len;
    m_pos += k_right.size();
    if (trim) skip_trailing_space();
    m_start = m_pos;
    return true;
  }

  void skip_trailing_space() {
    while (m_pos < m_input.size() && is_space(m_input[m_pos])) ++m_pos;
  }

  std::pair<bool, bool> at_right_delim() const {
    std::string_view rest = m_input.substr(m_pos);
    if (has_right_trim_marker(rest) && rest.substr(k_trim_marker_len).starts_with(k_right)) {
      return {true, true};
    }
    return {rest.starts_with(k_right), false};
  }

  bool lex_right_delim() {
    bool trim = has_right_trim_marker(m_input.substr(m_pos));
    if (trim) {
      m_pos += k_trim_marker_len;
      m_start = m_pos;
    }
    m_pos += k_right.size();
    emit(TokenType::right_delim);
    if (trim) {
      skip_trailing_space();
      m_start = m_pos;
    }
    return true;
  }

  bool at_terminator() const {
    if (at_end()) return true;
    char c = m_input[m_pos];
    if (is_space(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(') {
      return true;
    }
    return m_input.substr(m_pos).starts_with(k_right);
  }

  // Inside "{{ ... }}" until the closing delimiter.
  bool lex_action() {
    while (true) {
      auto [delim, trim] = at_right_delim();
      if (delim) {
        if (m_paren_depth == 0) return lex_right_delim();
        return error("unclosed left paren");
      }
      if (at_end()) return error("unclosed action");
      base::Rune rune = base::decode_rune(m_input, m_pos);
      char32_t r = rune.value;
      if (r < 0x80 && is_space(static_cast<char>(r))) {
        if (!lex_space()) return true;  // reached " -}}"
        continue;
      }
      m_pos += rune.width;
      bool ok = true;
      switch (r) {
        case '=':
          emit(TokenType::assign);
          break;
        case ':':
          if (peek() != '=') return error("expected :=");
          ++m_pos;
          emit(TokenType::declare);
          break;
        case '|':
          emit(TokenType::pipe);
          break;
        case '"':
          ok = lex_quote();
          break;
        case '`':
          ok = lex_raw_quote();
          break;
        case '$':
          ok = lex_field_or_variable(TokenType::variable);
          break;
        case '\'':
          ok = lex_char();
          break;
        case '(':
          emit(TokenType::left_paren);
          ++m_paren_depth;
          break;
        case ')':
          // Emitted before the depth check, so the parser reports the stray paren itself.
          emit(TokenType::right_paren);
          if (--m_paren_depth < 0) return error("unexpected right paren " + rune_name(r));
          break;
        case '.':
          if (at_end() || peek() < '0' || peek() > '9') {
            ok = lex_field_or_variable(TokenType::field);
            break;
          }
          [[fallthrough]];
        case '+':
        case '-':
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
        case '8':
        case '9':
          m_pos -= rune.width;
          ok = lex_number();
          break;
        default:
          if (is_alphanumeric(r)) {
            m_pos -= rune.width;
            ok = lex_identifier();
          } else if (r < 0x7F && r >= 0x20) {
            emit(TokenType::character);
          } else {
            return error("unrecognized character in action: " + rune_name(r));
          }
      }
      if (!ok) return false;
    }
  }

  // Returns false when the spaces end at " -}}" and the delimiter has been lexed.
  bool lex_space() {
    size_t count = 0;
    while (m_pos < m_input.size() && is_space(m_input[m_pos])) {
      ++m_pos;
      ++count;
    }
    std::string_view before = m_input.substr(m_pos - 1);
    if (has_right_trim_marker(before) && before.substr(k_trim_marker_len).starts_with(k_right)) {
      --m_pos;
      if (count == 1) return !lex_right_delim();
    }
    emit(TokenType::space);
    return true;
  }

  bool lex_identifier() {
    while (!at_end()) {
      base::Rune rune = base::decode_rune(m_input, m_pos);
      if (!is_alphanumeric(rune.value)) break;
      m_pos += rune.width;
    }
    if (!at_terminator()) return error("bad character " + rune_name(peek()));
    std::string_view word = m_input.substr(m_start, m_pos - m_start);
    if (auto it = keywords().find(word); it != keywords().end()) {
      emit(it->second);
    } else if (word == "true" || word == "false") {
      emit(TokenType::boolean);
    } else {
      emit(TokenType::identifier);
    }
    return true;
  }

  bool lex_field_or_variable(TokenType type) {
    if (at_terminator()) {
      emit(type == TokenType::variable ? TokenType::variable : TokenType::dot);
      return true;
    }
    while (!at_end()) {
      base::Rune rune = base::decode_rune(m_input, m_pos);
      if (!is_alphanumeric(rune.value)) break;
      m_pos += rune.width;
    }
    if (!at_terminator()) return error("bad character " + rune_name(peek()));
    emit(type);
    return true;
  }

  bool lex_quote() {
    while (true) {
      if (at_end() || m_input[m_pos] == '\n') return error("unterminated quoted string");
      char c = m_input[m_pos++];
      if (c == '\\') {
        if (at_end() || m_input[m_pos] == '\n') return error("unterminated quoted string");
        ++m_pos;
      } else if (c == '"') {
        break;
      }
    }
    emit(TokenType::string);
    return true;
  }

  bool lex_raw_quote() {
    size_t end = m_input.find('`', m_pos);
    if (end == std::string_view::npos) return error("unterminated raw quoted string");
    m_pos = end + 1;
    emit(TokenType::raw_string);
    return true;
  }

  bool lex_char() {
    while (true) {
      if (at_end() || m_input[m_pos] == '\n') return error("unterminated character constant");
      char c = m_input[m_pos++];
      if (c == '\\') {
        if (at_end() || m_input[m_pos] == '\n') return error("unterminated character constant");
        ++m_pos;
      } else if (c == '\'') {
        break;
      }
    }
    emit(TokenType::char_constant);
    return true;
  }

  bool accept(std::string_view valid) {
    if (!at_end() && valid.find(m_input[m_pos]) != std::string_view::npos) {
      ++m_pos;
      return true;
    }
    return false;
  }
  void accept_run(std::string_view valid) {
    while (accept(valid)) {
    }
  }

  bool lex_number() {
    accept("+-");
    std::string_view digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    accept_run(digits);
    if (accept(".")) accept_run(digits);
    if (digits.size() == 11 && accept("eE")) {
      accept("+-");
      accept_run("0123456789_");
    }
    if (digits.size() == 23 && accept("pP")) {
      accept("+-");
      accept_run("0123456789_");
    }
    accept("i");
    if (!at_end() && is_alphanumeric(peek())) {
      m_pos += base::decode_rune(m_input, m_pos).width;
      return error(
          fmt::format("bad number syntax: {}", go_quote(m_input.substr(m_start, m_pos - m_start))));
    }
    emit(TokenType::number);
    return true;
  }

  std::string_view m_input;
  size_t m_start = 0;
  size_t m_pos = 0;
  int m_paren_depth = 0;
  std::vector<Token> m_tokens;
};

}  // namespace

std::vector<Token> lex_template(std::string_view text) {
  return Lexer(text).run();
}

std::string describe_token(const Token& token) {
  switch (token.type) {
    case TokenType::eof:
      return "EOF";
    case TokenType::error:
      return token.val;
    case TokenType::kw_if:
    case TokenType::kw_else:
    case TokenType::kw_end:
    case TokenType::kw_range:
    case TokenType::kw_with:
    case TokenType::kw_break:
    case TokenType::kw_continue:
    case TokenType::kw_define:
    case TokenType::kw_template:
    case TokenType::kw_block:
    case TokenType::nil:
      return "<" + token.val + ">";
    default:
      break;
  }
  if (token.val.size() > 10) {
    // Go's %.10q: the first ten runes, quoted, then "...".
    size_t pos = 0;
    for (int n = 0; n < 10 && pos < token.val.size(); ++n) {
      pos += base::decode_rune(token.val, pos).width;
    }
    return go_quote(std::string_view(token.val).substr(0, pos)) + "...";
  }
  return go_quote(token.val);
}

}  // namespace strata::image::tmpl
