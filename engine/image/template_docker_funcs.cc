#include "engine/image/template_docker_funcs.h"

#include <fmt/format.h>

#include "engine/base/unicode.h"

namespace strata::image::tmpl {
namespace {

// Latin Extended-A (U+0100..U+017F) pairs upper/lower as even/odd code points, except the
// stretches U+0139..U+0148 and U+0179..U+017E, which pair odd/even; U+0130, U+0131, U+0138,
// U+0149 and U+017F have no simple partner here.
bool latin_a_upper(char32_t r) {
  if ((r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E)) return r % 2 == 1;
  return r % 2 == 0;
}
bool latin_a_special(char32_t r) {
  return r == 0x130 || r == 0x131 || r == 0x138 || r == 0x149 || r == 0x17F;
}

template <typename Map>
std::string map_runes(std::string_view text, Map map) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    base::Rune rune = base::decode_rune(text, pos);
    if (rune.valid) {
      base::append_utf8(out, map(rune.value));
    } else {
      out += "\xEF\xBF\xBD";  // Go's ToUpper/ToLower turn invalid bytes into U+FFFD
    }
    pos += rune.width;
  }
  return out;
}

// strings.Title's word boundary test.
bool is_separator(char32_t r) {
  if (r <= 0x7F) {
    if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') {
      return false;
    }
    return true;
  }
  if (base::is_letter(r) || base::is_digit(r)) return false;
  return base::is_space(r);
}

}  // namespace

char32_t to_upper_rune(char32_t r) {
  if (r >= 'a' && r <= 'z') return r - 32;
  if (r < 0x80) return r;
  if ((r >= 0xE0 && r <= 0xFE && r != 0xF7)) return r - 32;
  if (r == 0xFF) return 0x178;
  if (r == 0xB5) return 0x39C;
  if (r >= 0x100 && r <= 0x17F && !latin_a_special(r)) return latin_a_upper(r) ? r : r - 1;
  if (r == 0x131) return 'I';
  if (r == 0x17F) return 'S';
  if (r >= 0x3B1 && r <= 0x3C9 && r != 0x3C2) return r - 32;
  if (r == 0x3C2) return 0x3A3;
  if (r >= 0x430 && r <= 0x44F) return r - 32;
  if (r >= 0x450 && r <= 0x45F) return r - 80;
  return r;
}

char32_t to_lower_rune(char32_t r) {
  if (r >= 'A' && r <= 'Z') return r + 32;
  if (r < 0x80) return r;
  if (r >= 0xC0 && r <= 0xDE && r != 0xD7) return r + 32;
  if (r == 0x178) return 0xFF;
  if (r >= 0x100 && r <= 0x17F && !latin_a_special(r)) return latin_a_upper(r) ? r + 1 : r;
  if (r == 0x130) return 'i';
  if (r >= 0x391 && r <= 0x3A9 && r != 0x3A2) return r + 32;
  if (r >= 0x410 && r <= 0x42F) return r + 32;
  if (r >= 0x400 && r <= 0x40F) return r + 80;
  return r;
}

CallResult docker_json(std::span<const TemplateValue> args) {
  return ok(TemplateValue::string(template_json(args[0])));
}

CallResult docker_split(std::span<const TemplateValue> args) {
  std::string_view text = args[0].as_string();
  std::string_view separator = args[1].as_string();
  std::vector<TemplateValue> parts;
  if (separator.empty()) {
    for (size_t pos = 0; pos < text.size();) {
      size_t width = base::decode_rune(text, pos).width;
      parts.push_back(TemplateValue::string(std::string(text.substr(pos, width))));
      pos += width;
    }
  } else {
    size_t start = 0;
    while (true) {
      size_t found = text.find(separator, start);
      parts.push_back(TemplateValue::string(std::string(
          text.substr(start, found == std::string_view::npos ? text.npos : found - start))));
      if (found == std::string_view::npos) break;
      start = found + separator.size();
    }
  }
  return ok(TemplateValue::slice("[]string", "string", std::move(parts)));
}

CallResult docker_join(std::span<const TemplateValue> args) {
  std::string out;
  const auto& elements = args[0].elements();
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out += args[1].as_string();
    out += elements[i].as_string();
  }
  return ok(TemplateValue::string(std::move(out)));
}

CallResult docker_title(std::span<const TemplateValue> args) {
  std::string_view text = args[0].as_string();
  std::string out;
  char32_t previous = ' ';
  for (size_t pos = 0; pos < text.size();) {
    base::Rune rune = base::decode_rune(text, pos);
    if (rune.valid && is_separator(previous)) {
      base::append_utf8(out, to_upper_rune(rune.value));
    } else {
      base::append_rune(out, rune);
    }
    previous = rune.valid ? rune.value : 0xFFFD;
    pos += rune.width;
  }
  return ok(TemplateValue::string(std::move(out)));
}

CallResult docker_lower(std::span<const TemplateValue> args) {
  return ok(TemplateValue::string(map_runes(args[0].as_string(), to_lower_rune)));
}

CallResult docker_upper(std::span<const TemplateValue> args) {
  return ok(TemplateValue::string(map_runes(args[0].as_string(), to_upper_rune)));
}

CallResult docker_pad(std::span<const TemplateValue> args) {
  const std::string& source = args[0].as_string();
  if (source.empty()) return ok(TemplateValue::string(""));
  int64_t prefix = args[1].as_int();
  int64_t suffix = args[2].as_int();
  if (prefix < 0 || suffix < 0) return {TemplateValue(), "strings: negative Repeat count"};
  return ok(TemplateValue::string(std::string(static_cast<size_t>(prefix), ' ') + source +
                                  std::string(static_cast<size_t>(suffix), ' ')));
}

CallResult docker_truncate(std::span<const TemplateValue> args) {
  const std::string& source = args[0].as_string();
  int64_t length = args[1].as_int();
  if (static_cast<int64_t>(source.size()) < length) return ok(TemplateValue::string(source));
  if (length < 0) {
    return {TemplateValue(), fmt::format("runtime error: slice bounds out of range [:{}]", length)};
  }
  return ok(TemplateValue::string(source.substr(0, static_cast<size_t>(length))));
}

}  // namespace strata::image::tmpl
