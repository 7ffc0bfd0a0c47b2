#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/image/template_funcs.h"

namespace strata::image::tmpl {

// docker/cli's templates.basicFunctions, with Go's semantics:
//   json     encoding/json without HTML escaping, trailing newline dropped
//   split    strings.Split (empty separator splits into UTF-8 sequences)
//   join     strings.Join
//   title    strings.Title: upper-cases the first letter of each word
//   lower    strings.ToLower     upper  strings.ToUpper
//   pad      spaces before and after a non-empty string
//   truncate the first N bytes, when the string is at least N bytes long
// Case mapping covers ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; other runes are
// left as they are.
CallResult docker_json(std::span<const TemplateValue> args);
CallResult docker_split(std::span<const TemplateValue> args);
CallResult docker_join(std::span<const TemplateValue> args);
CallResult docker_title(std::span<const TemplateValue> args);
CallResult docker_lower(std::span<const TemplateValue> args);
CallResult docker_upper(std::span<const TemplateValue> args);
CallResult docker_pad(std::span<const TemplateValue> args);
CallResult docker_truncate(std::span<const TemplateValue> args);

char32_t to_upper_rune(char32_t r);
char32_t to_lower_rune(char32_t r);

}  // namespace strata::image::tmpl
