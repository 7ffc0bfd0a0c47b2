#include "engine/dockerfile/flags.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string lowered = to_lower(word);
  std::string best;
  size_t best_distance = 3;  // farther than two edits is not a typo
  for (const std::string& candidate : candidates) {
    size_t distance = edit_distance(lowered, to_lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best.empty() ? "" : fmt::format(" (did you mean {}?)", best);
}

FlagSet& FlagSet::add(std::string name, Kind kind, std::string default_value) {
  m_flags[std::move(name)] = Flag{kind, std::move(default_value), {}, false};
  return *this;
}

base::Status FlagSet::parse(const std::vector<std::string>& flags) {
  auto fail = [&](const std::string& flag, std::string message) -> base::Status {
    m_bad_flag = flag;
    return base::make_error(base::ErrorCode::parse, std::move(message));
  };
  for (const std::string& flag : flags) {
    if (!flag.starts_with("--")) return fail(flag, "arg should start with -- : " + flag);
    std::string_view body = std::string_view(flag).substr(2);
    size_t equals = body.find('=');
    std::string name(body.substr(0, equals));
    bool has_value = equals != std::string_view::npos;
    std::string value = has_value ? std::string(body.substr(equals + 1)) : std::string();
    auto found = m_flags.find(name);
    if (found == m_flags.end()) {
      std::vector<std::string> known;
      for (const auto& entry : m_flags) known.push_back(entry.first);
      return fail(flag, "unknown flag: " + name + suggest(name, known));
    }
    Flag& target = found->second;
    if (target.set && target.kind != Kind::strings) {
      return fail(flag, "duplicate flag specified: " + name);
    }
    target.set = true;
    switch (target.kind) {
      case Kind::boolean: {
        if (has_value && value.empty()) return fail(flag, "missing a value on flag: " + name);
        std::string lowered = to_lower(value);
        if (lowered == "true" || lowered.empty()) {
          target.value = "true";
        } else if (lowered == "false") {
          target.value = "false";
        } else {
          return fail(flag,
                      fmt::format("expecting boolean value for flag {}, not: {}", name, value));
        }
        break;
      }
      case Kind::string:
        if (!has_value) return fail(flag, "missing a value on flag: " + name);
        target.value = value;
        break;
      case Kind::strings:
        if (!has_value) return fail(flag, "missing a value on flag: " + name);
        target.values.push_back(value);
        break;
    }
  }
  return {};
}

const std::string& FlagSet::value(std::string_view name) const {
  static const std::string k_empty;
  auto found = m_flags.find(name);
  return found == m_flags.end() ? k_empty : found->second.value;
}

const std::vector<std::string>& FlagSet::values(std::string_view name) const {
  static const std::vector<std::string> k_none;
  auto found = m_flags.find(name);
  return found == m_flags.end() ? k_none : found->second.values;
}

bool FlagSet::was_set(std::string_view name) const {
  auto found = m_flags.find(name);
  return found != m_flags.end() && found->second.set;
}

}  // namespace strata::dockerfile
