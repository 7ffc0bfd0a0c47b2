#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace strata::image::tmpl {

enum class TokenType {
  error,  // val is the message; always the last token
  eof,
  text,
  left_delim,
  right_delim,
  space,
  field,     // ".Name"
  variable,  // "$" or "$name"
  identifier,
  dot,
  nil,
  boolean,
  number,
  char_constant,
  string,      // quoted, escapes still in
  raw_string,  // `...`
  assign,      // =
  declare,     // :=
  pipe,
  left_paren,
  right_paren,
  character,  // any other printable ASCII in an action, e.g. ','
  // Keywords.
  kw_if,
  kw_else,
  kw_end,
  kw_range,
  kw_with,
  kw_break,
  kw_continue,
  kw_define,
  kw_template,
  kw_block,
};

struct Token {
  TokenType type;
  size_t pos;
  std::string val;
};

// Splits a template into tokens as Go's text/template/parse lexer does, with "{{" and "}}"
// delimiters, trim markers ("{{- " and " -}}") applied to the neighbouring text, and comments
// dropped. A lexical error ends the list with an error token.
std::vector<Token> lex_template(std::string_view text);

// How Go's parser names a token in "unexpected X in Y" messages.
std::string describe_token(const Token& token);

}  // namespace strata::image::tmpl
