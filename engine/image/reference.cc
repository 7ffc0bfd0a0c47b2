#include "engine/image/reference.h"

#include <fmt/format.h>

#include <algorithm>

namespace strata::image {
namespace {

// The grammar of github.com/distribution/reference (regexp.go), matched by hand:
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [domain "/"] remote-name
//   domain     := host [":" port]        host := domain-name | "[" ipv6 "]"
//   remote-name:= component ("/" component)*
//   component  := [a-z0-9]+ (separator [a-z0-9]+)*     separator := [._] | "__" | "-"+
//   tag        := [\w][\w.-]{0,127}
//   digest     := algorithm ":" hex{32,}

constexpr std::string_view k_default_domain = "docker.io";
constexpr std::string_view k_legacy_default_domain = "index.docker.io";
constexpr std::string_view k_official_prefix = "library/";
constexpr size_t k_name_total_length_max = 255;

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
bool is_word(char c) {
  return is_alnum(c) || c == '_';
}
bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool match_path_component(std::string_view s) {
  size_t i = 0;
  auto alnum_run = [&] {
    size_t start = i;
    while (i < s.size() && is_lower_alnum(s[i])) ++i;
    return i > start;
  };
  if (!alnum_run()) return false;
  while (i < s.size()) {
    if (s[i] == '.') {
      ++i;
    } else if (s[i] == '_') {
      i += (i + 1 < s.size() && s[i + 1] == '_') ? 2 : 1;
    } else if (s[i] == '-') {
      while (i < s.size() && s[i] == '-') ++i;
    } else {
      return false;
    }
    if (!alnum_run()) return false;
  }
  return true;
}

bool match_remote_name(std::string_view s) {
  while (true) {
    size_t slash = s.find('/');
    if (!match_path_component(s.substr(0, slash))) return false;
    if (slash == std::string_view::npos) return true;
    s.remove_prefix(slash + 1);
  }
}

bool match_domain_component(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

bool match_domain(std::string_view s) {
  std::string_view host = s;
  std::string_view port;
  bool has_port = false;
  if (!s.empty() && s.front() == '[') {
    size_t close = s.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    std::string_view address = s.substr(1, close - 1);
    if (!std::all_of(address.begin(), address.end(), [](char c) { return is_hex(c) || c == ':'; }))
      return false;
    std::string_view rest = s.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return false;
      has_port = true;
      port = rest.substr(1);
    }
  } else {
    size_t colon = s.find(':');
    if (colon != std::string_view::npos) {
      host = s.substr(0, colon);
      port = s.substr(colon + 1);
      has_port = true;
    }
    while (true) {
      size_t dot = host.find('.');
      if (!match_domain_component(host.substr(0, dot))) return false;
      if (dot == std::string_view::npos) break;
      host.remove_prefix(dot + 1);
    }
  }
  if (has_port) {
    return !port.empty() && std::all_of(port.begin(), port.end(), is_digit);
  }
  return true;
}

bool match_tag(std::string_view s) {
  if (s.empty() || s.size() > 128 || !is_word(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_word(c) || c == '.' || c == '-'; });
}

bool match_digest(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view algorithm = s.substr(0, colon);
  std::string_view hex = s.substr(colon + 1);
  if (hex.size() < 32 || !std::all_of(hex.begin(), hex.end(), is_hex)) return false;
  // [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*
  bool need_letter = true;
  for (char c : algorithm) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (need_letter) {
      if (!letter) return false;
      need_letter = false;
    } else if (c == '-' || c == '_' || c == '+' || c == '.') {
      need_letter = true;
    } else if (!is_alnum(c)) {
      return false;
    }
  }
  return !need_letter;
}

// go-digest's Validate for the algorithms docker links in.
std::string validate_digest(std::string_view s) {
  size_t colon = s.find(':');
  std::string_view algorithm = s.substr(0, colon);
  std::string_view hex = s.substr(colon + 1);
  size_t size = algorithm == "sha256"   ? 64
                : algorithm == "sha384" ? 96
                : algorithm == "sha512" ? 128
                                        : 0;
  if (size == 0) return "unsupported digest algorithm";
  if (hex.size() != size) return "invalid checksum digest length";
  bool lower_hex = std::all_of(hex.begin(), hex.end(),
                               [](char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); });
  return lower_hex ? "" : "invalid checksum digest format";
}

struct Match {
  std::string domain, path, tag, digest;
};

// ReferenceRegexp's FindStringSubmatch plus anchoredNameRegexp's domain/path split.
std::optional<Match> match_reference(std::string_view s) {
  Match m;
  size_t at = s.find('@');
  if (at != std::string_view::npos) {
    m.digest = std::string(s.substr(at + 1));
    if (!match_digest(m.digest)) return std::nullopt;
    s = s.substr(0, at);
  }
  size_t colon = s.rfind(':');
  if (colon != std::string_view::npos && s.find('/', colon) == std::string_view::npos) {
    m.tag = std::string(s.substr(colon + 1));
    if (!match_tag(m.tag)) return std::nullopt;
    s = s.substr(0, colon);
  }
  // The optional domain group is greedy: it is taken when both halves match.
  size_t slash = s.find('/');
  if (slash != std::string_view::npos && match_domain(s.substr(0, slash)) &&
      match_remote_name(s.substr(slash + 1))) {
    m.domain = std::string(s.substr(0, slash));
    m.path = std::string(s.substr(slash + 1));
    return m;
  }
  if (!match_remote_name(s)) return std::nullopt;
  m.path = std::string(s);
  return m;
}

base::Error invalid(std::string message) {
  return base::make_error(base::ErrorCode::invalid_argument, std::move(message));
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// reference.Parse on the normalized text.
base::Result<Reference> parse_normalized(const std::string& s) {
  std::optional<Match> match = match_reference(s);
  if (!match) {
    if (s.empty()) return invalid("repository name must have at least one component");
    if (match_reference(lower(s))) return invalid("repository name must be lowercase");
    return invalid("invalid reference format");
  }
  if (match->path.size() > k_name_total_length_max) {
    return invalid(fmt::format("repository name must not be more than {} characters",
                               k_name_total_length_max));
  }
  if (!match->digest.empty()) {
    if (std::string problem = validate_digest(match->digest); !problem.empty()) {
      return invalid(problem);
    }
  }
  return Reference{std::move(match->domain), std::move(match->path), std::move(match->tag),
                   std::move(match->digest)};
}

// splitDockerDomain (distribution/reference v0.6 normalize.go).
std::pair<std::string, std::string> split_docker_domain(std::string_view name) {
  size_t slash = name.find('/');
  if (slash == std::string_view::npos) {
    return {std::string(k_default_domain), std::string(k_official_prefix) + std::string(name)};
  }
  std::string_view maybe_domain = name.substr(0, slash);
  std::string_view maybe_remote = name.substr(slash + 1);
  std::string domain;
  std::string remote;
  if (maybe_domain == "localhost" || maybe_domain.find_first_of(".:") != std::string_view::npos ||
      lower(maybe_domain) != maybe_domain) {
    domain = std::string(maybe_domain);
    remote = std::string(maybe_remote);
  } else if (maybe_domain == k_legacy_default_domain) {
    domain = std::string(k_default_domain);
    remote = std::string(maybe_remote);
  } else {
    domain = std::string(k_default_domain);
    remote = std::string(name);
  }
  if (domain == k_legacy_default_domain) domain = std::string(k_default_domain);
  if (domain == k_default_domain && remote.find('/') == std::string::npos) {
    remote = std::string(k_official_prefix) + remote;
  }
  return {domain, remote};
}

bool is_hex64(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return is_digit(c) || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

std::string Reference::name() const {
  return domain.empty() ? path : domain + "/" + path;
}

std::string Reference::to_string() const {
  std::string out = name();
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

std::string Reference::familiar_repository() const {
  if (domain != k_default_domain) return name();
  std::string_view rest = path;
  if (rest.starts_with(k_official_prefix)) {
    std::string_view remainder = rest.substr(k_official_prefix.size());
    if (remainder.find('/') == std::string_view::npos) return std::string(remainder);
  }
  return path;
}

std::string Reference::familiar_name() const {
  std::string out = familiar_repository();
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

base::Result<Reference> parse_reference(std::string_view text) {
  if (is_hex64(text)) {
    return invalid(fmt::format(
        "invalid repository name ({}), cannot specify 64-byte hexadecimal strings", text));
  }
  auto [domain, remainder] = split_docker_domain(text);
  std::string_view remote_name = remainder;
  if (size_t colon = remote_name.find(':'); colon != std::string_view::npos) {
    remote_name = remote_name.substr(0, colon);
  }
  if (lower(remote_name) != remote_name) {
    return invalid(fmt::format("invalid reference format: repository name ({}) must be lowercase",
                               remote_name));
  }
  return parse_normalized(domain + "/" + remainder);
}

Reference with_default_tag(Reference reference) {
  if (reference.tag.empty() && reference.digest.empty()) reference.tag = "latest";
  return reference;
}

base::Result<Reference> parse_image_name(std::string_view text) {
  auto reference = parse_reference(text);
  if (!reference) return reference;
  return with_default_tag(std::move(reference).value());
}

}  // namespace strata::image
