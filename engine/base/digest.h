#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata::base {

// A sha256 digest: fixed-size bytes inside the engine, "sha256:<hex>" only at the edges (OCI
// descriptors, file names, output).
class Digest {
 public:
  static constexpr size_t k_size = 32;
  using Bytes = std::array<uint8_t, k_size>;

  Digest() = default;
  explicit Digest(const Bytes& bytes) : m_bytes(bytes) {}

  static Digest of(std::span<const uint8_t> data);
  static Digest of(std::string_view data);
  // Accepts "sha256:<64 lower-case hex>"; anything else is an invalid_argument error.
  static Result<Digest> parse(std::string_view text);

  std::string hex() const;
  std::string to_string() const { return "sha256:" + hex(); }
  const Bytes& bytes() const { return m_bytes; }
  bool operator==(const Digest&) const = default;
  auto operator<=>(const Digest&) const = default;

 private:
  Bytes m_bytes{};
};

// Incremental sha256 (OpenSSL EVP, which uses SHA-NI where the CPU has it).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(std::span<const uint8_t> data);
  void update(std::string_view data);
  Digest finish();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace strata::base
