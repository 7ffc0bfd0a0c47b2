#include "engine/base/digest.h"

#include <openssl/evp.h>

namespace strata::base {

namespace {

// OpenSSL 3 looks the algorithm up through its provider tables on every EVP_sha256() init;
// fetching it once keeps small hashes (cache keys) cheap.
const EVP_MD* sha256_algorithm() {
  static EVP_MD* algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return algorithm;
}

}  // namespace

struct Sha256::State {
  EVP_MD_CTX* context = nullptr;
  ~State() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256() : m_state(std::make_unique<State>()) {
  m_state->context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(m_state->context, sha256_algorithm(), nullptr);
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::span<const uint8_t> data) {
  EVP_DigestUpdate(m_state->context, data.data(), data.size());
}

void Sha256::update(std::string_view data) {
  EVP_DigestUpdate(m_state->context, data.data(), data.size());
}

Digest Sha256::finish() {
  Digest::Bytes bytes{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(m_state->context, bytes.data(), &length);
  EVP_DigestInit_ex(m_state->context, sha256_algorithm(), nullptr);
  return Digest(bytes);
}

Digest Digest::of(std::span<const uint8_t> data) {
  Sha256 hash;
  hash.update(data);
  return hash.finish();
}

Digest Digest::of(std::string_view data) {
  Sha256 hash;
  hash.update(data);
  return hash.finish();
}

Result<Digest> Digest::parse(std::string_view text) {
  auto invalid = [&] {
    return make_error(ErrorCode::invalid_argument,
                      "invalid digest \"" + std::string(text) + "\": want sha256:<64 hex digits>");
  };
  if (!text.starts_with("sha256:") || text.size() != 7 + 2 * k_size) return invalid();
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  Bytes bytes{};
  for (size_t i = 0; i < k_size; ++i) {
    int high = nibble(text[7 + 2 * i]);
    int low = nibble(text[8 + 2 * i]);
    if (high < 0 || low < 0) return invalid();
    bytes[i] = static_cast<uint8_t>(high << 4 | low);
  }
  return Digest(bytes);
}

std::string Digest::hex() const {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(2 * k_size, '0');
  for (size_t i = 0; i < k_size; ++i) {
    out[2 * i] = k_hex[m_bytes[i] >> 4];
    out[2 * i + 1] = k_hex[m_bytes[i] & 0xF];
  }
  return out;
}

}  // namespace strata::base
