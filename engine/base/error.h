#pragma once

#include <memory>
#include <optional>
#include <string>

namespace strata::base {

enum class ErrorCode {
  invalid_argument,
  parse,
  not_found,
  io,
  corrupt,  // stored data failed its integrity check (digest, checksum)
  unsupported,
  internal,
};

std::string_view to_string(ErrorCode code);

// A 1-based position in a named source; column 0 means "the whole line".
struct SourcePosition {
  int line = 0;
  int column = 0;
  bool operator==(const SourcePosition&) const = default;
};

struct SourceRange {
  std::string file;
  SourcePosition start;
  SourcePosition end;
  bool operator==(const SourceRange&) const = default;
};

// The one error type of the engine. Modules return it inside Result<T>; only the CLI turns it
// into text and an exit status.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::optional<SourceRange> range;
  std::shared_ptr<const Error> cause;

  // "file:line:col: message" (location parts only when known), then ": cause" for each cause.
  std::string to_string() const;
  bool operator==(const Error& other) const;
};

Error make_error(ErrorCode code, std::string message);
Error make_error(ErrorCode code, std::string message, SourceRange range);
// Wraps `cause` under a new message, keeping the cause's location reachable.
Error wrap_error(Error cause, std::string message);

}  // namespace strata::base
