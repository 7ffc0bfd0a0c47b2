#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/result.h"

namespace strata::dockerfile {

// Argument shapes produced by the per-instruction line parsers (BuildKit's dispatch table).
struct ParsedArgs {
  std::vector<std::string> args;
  bool json_form = false;
};

// Splits instruction text into the leading `--flag` words and the rest.
struct SplitCommand {
  std::string keyword;
  std::vector<std::string> flags;
  std::string rest;
};
SplitCommand split_command(std::string_view line);

// Words split at unquoted whitespace; quotes and escapes stay in the words (ENV/LABEL/ARG).
std::vector<std::string> parse_words(std::string_view text, char escape);

// A JSON array of strings (exec form). `not_json` when the text is not a JSON array at all;
// an error when it is valid JSON with a non-string element.
struct JsonArrayParse {
  bool is_json = false;
  std::vector<std::string> strings;
};
base::Result<JsonArrayParse> parse_json_string_array(std::string_view text);

// Dispatches `rest` to the line parser for `keyword` (lower case). `instruction_name` is the
// keyword as written, for messages.
base::Result<ParsedArgs> parse_arguments(std::string_view keyword, std::string_view rest,
                                         char escape);

}  // namespace strata::dockerfile
