#include "engine/store/refs_index.h"

#include "engine/store/store_error.h"

namespace strata::store {

namespace {

constexpr size_t k_max_name_bytes = 4096;
constexpr std::string_view k_checksum_tag = "checksum ";

std::string header() {
  return std::string(k_refs_magic) + " " + std::to_string(k_refs_version);
}

}  // namespace

base::Status validate_ref_name(std::string_view name) {
  auto invalid = [&](std::string_view why) {
    return base::make_error(
        base::ErrorCode::invalid_argument,
        "invalid reference name \"" + std::string(name) + "\": " + std::string(why));
  };
  if (name.empty()) return invalid("empty");
  if (name.size() > k_max_name_bytes) return invalid("longer than 4096 bytes");
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return invalid("contains a control character");
  }
  return {};
}

std::string encode_refs_index(const RefMap& refs) {
  std::string text = header() + "\n";
  for (const auto& [name, digest] : refs) text += digest.to_string() + " " + name + "\n";
  text += std::string(k_checksum_tag) + base::Digest::of(text).to_string() + "\n";
  return text;
}

base::Result<RefMap> decode_refs_index(std::string_view text, std::string_view source) {
  int line_number = 0;
  auto corrupt = [&](std::string_view why) {
    return make_corrupt_error("refs index " + std::string(source) + ":" +
                              std::to_string(line_number) + ": " + std::string(why));
  };
  std::string_view rest = text;
  auto next_line = [&](std::string_view& line) {
    size_t end = rest.find('\n');
    if (end == std::string_view::npos) return false;  // every line, the last too, ends in \n
    line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    ++line_number;
    return true;
  };

  std::string_view line;
  if (!next_line(line)) return corrupt("empty or unterminated");
  std::string expected_header = header();
  if (line != expected_header) {
    if (line.starts_with(std::string(k_refs_magic) + " ")) {
      return base::make_error(base::ErrorCode::unsupported,
                              "refs index " + std::string(source) + " has format \"" +
                                  std::string(line) + "\"; this strata reads \"" + expected_header +
                                  "\"");
    }
    return corrupt("not a strata refs index");
  }
  RefMap refs;
  for (;;) {
    size_t line_start = text.size() - rest.size();
    if (!next_line(line)) return corrupt("truncated: no checksum line");
    if (line.starts_with(k_checksum_tag)) {
      auto checksum = base::Digest::parse(line.substr(k_checksum_tag.size()));
      if (!checksum) return corrupt("malformed checksum");
      if (*checksum != base::Digest::of(text.substr(0, line_start))) {
        return corrupt("checksum mismatch");
      }
      if (!rest.empty()) return corrupt("data after the checksum line");
      return refs;
    }
    size_t space = line.find(' ');
    if (space == std::string_view::npos) return corrupt("want \"<digest> <name>\"");
    auto digest = base::Digest::parse(line.substr(0, space));
    if (!digest) return corrupt("malformed digest");
    std::string_view name = line.substr(space + 1);
    if (!validate_ref_name(name)) return corrupt("invalid reference name");
    if (!refs.emplace(std::string(name), *digest).second) return corrupt("duplicate reference");
  }
}

}  // namespace strata::store
