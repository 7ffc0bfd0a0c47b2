#include "engine/context/glob.h"

#include <algorithm>
#include <array>

#include "engine/base/unicode.h"

namespace strata::context {

namespace {

constexpr char32_t k_replacement_char = 0xFFFD;

struct PathChar {
  char32_t value;
  size_t width;
};

PathChar decode_path_char(std::string_view path, size_t pos) {
  auto byte = static_cast<unsigned char>(path[pos]);
  if (byte < 0x80) return {byte, 1};
  base::Rune rune = base::decode_rune(path, pos);
  if (!rune.valid) return {k_replacement_char, 1};
  return {rune.value, rune.width};
}

size_t char_width(std::string_view path, size_t pos) {
  if (static_cast<unsigned char>(path[pos]) < 0x80) return 1;
  return base::decode_rune(path, pos).width;
}

}  // namespace

bool CharClass::contains(char32_t c) const {
  bool in_ranges = false;
  for (const auto& [lo, hi] : ranges) {
    if (lo <= c && c <= hi) {
      in_ranges = true;
      break;
    }
  }
  return in_ranges != negated;
}

// Failed (branch, position) pairs. Without it, patterns such as `*a*a*a*b` backtrack
// exponentially; with it a match costs at most branches x path length branch entries.
struct Glob::MatchState {
  std::string_view path;
  uint64_t* failed = nullptr;  // null when the glob has fewer than two branches
  size_t stride = 0;

  bool known_failure(uint32_t branch, size_t pos) const {
    if (!failed) return false;
    size_t bit = branch * stride + pos;
    return (failed[bit / 64] >> (bit % 64)) & 1;
  }
  void record_failure(uint32_t branch, size_t pos) {
    if (!failed) return;
    size_t bit = branch * stride + pos;
    failed[bit / 64] |= uint64_t{1} << (bit % 64);
  }
};

void Glob::add_literal(std::string_view bytes) {
  if (bytes.empty()) return;
  for (char c : bytes) m_slashes += c == '/';
  if (!m_tokens.empty() && m_tokens.back().op == Op::literal) {
    m_tokens.back().size += static_cast<uint32_t>(bytes.size());
  } else {
    m_tokens.push_back({Op::literal, static_cast<uint32_t>(m_literals.size()),
                        static_cast<uint32_t>(bytes.size())});
  }
  m_literals += bytes;
}

void Glob::add_any_char() {
  m_tokens.push_back({Op::any_char});
}

void Glob::add_star() {
  m_tokens.push_back({Op::star, m_branches++});
}

void Glob::add_class(CharClass char_class) {
  if (char_class.contains('/')) m_slashes_fixed = false;
  m_tokens.push_back({Op::char_class, static_cast<uint32_t>(m_classes.size())});
  m_classes.push_back(std::move(char_class));
}

void Glob::add_dir_star() {
  m_slashes_fixed = false;
  m_tokens.push_back({Op::dir_star, m_branches++});
}

void Glob::add_any_rest() {
  m_slashes_fixed = false;
  m_tokens.push_back({Op::any_rest});
}

std::optional<size_t> Glob::slash_count() const {
  if (!m_slashes_fixed) return std::nullopt;
  return m_slashes;
}

bool Glob::matches(std::string_view path) const {
  // Most paths fail on the last literal (`**/*.pyc`), which no backtracking can change.
  if (!m_tokens.empty() && m_tokens.back().op == Op::literal) {
    const Token& last = m_tokens.back();
    if (path.size() < last.size || path.back() != m_literals[last.index + last.size - 1] ||
        path.compare(path.size() - last.size, last.size, m_literals, last.index, last.size) != 0) {
      return false;
    }
  }
  MatchState state{path};
  if (m_branches < 2) return match_from(0, 0, state);
  state.stride = path.size() + 1;
  size_t words = (m_branches * state.stride + 63) / 64;
  std::array<uint64_t, 32> small;
  std::vector<uint64_t> large;
  if (words <= small.size()) {
    std::fill_n(small.begin(), words, 0);
    state.failed = small.data();
  } else {
    large.assign(words, 0);
    state.failed = large.data();
  }
  return match_from(0, 0, state);
}

bool Glob::match_from(size_t index, size_t pos, MatchState& state) const {
  std::string_view path = state.path;
  for (; index < m_tokens.size(); ++index) {
    const Token& token = m_tokens[index];
    switch (token.op) {
      case Op::literal:
        if (path.size() - pos < token.size || path[pos] != m_literals[token.index] ||
            path.compare(pos, token.size, m_literals, token.index, token.size) != 0) {
          return false;
        }
        pos += token.size;
        break;
      case Op::any_char:
        if (pos >= path.size() || path[pos] == '/') return false;
        pos += char_width(path, pos);
        break;
      case Op::char_class: {
        if (pos >= path.size()) return false;
        PathChar c = decode_path_char(path, pos);
        if (!m_classes[token.index].contains(c.value)) return false;
        pos += c.width;
        break;
      }
      case Op::any_rest:
        return path.find('\n', pos) == std::string_view::npos;
      case Op::star:
      case Op::dir_star:
        return match_branch(token, index, pos, state);
    }
  }
  return pos == path.size();
}

bool Glob::match_branch(const Token& token, size_t index, size_t pos, MatchState& state) const {
  std::string_view path = state.path;
  if (state.known_failure(token.index, pos)) return false;
  bool last = index + 1 == m_tokens.size();
  if (token.op == Op::star) {
    if (last) return path.find('/', pos) == std::string_view::npos;
    // `*.log`: a literal ends the pattern, so only one split of the rest can work.
    const Token& next = m_tokens[index + 1];
    if (index + 2 == m_tokens.size() && next.op == Op::literal) {
      if (path.size() - pos < next.size) return false;
      size_t split = path.size() - next.size;
      return path.compare(split, next.size, m_literals, next.index, next.size) == 0 &&
             path.find('/', pos) >= split;
    }
    for (size_t end = pos;; end += char_width(path, end)) {
      if (match_from(index + 1, end, state)) return true;
      if (end >= path.size() || path[end] == '/') break;
    }
  } else {
    if (match_from(index + 1, pos, state)) return true;
    for (size_t at = pos; at < path.size() && path[at] != '\n'; ++at) {
      if (path[at] == '/' && match_from(index + 1, at + 1, state)) return true;
    }
  }
  state.record_failure(token.index, pos);
  return false;
}

}  // namespace strata::context
