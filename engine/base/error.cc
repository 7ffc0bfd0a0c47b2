#include "engine/base/error.h"

#include <fmt/format.h>

namespace strata::base {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return "invalid argument";
    case ErrorCode::parse:
      return "parse error";
    case ErrorCode::not_found:
      return "not found";
    case ErrorCode::io:
      return "i/o error";
    case ErrorCode::corrupt:
      return "corrupt data";
    case ErrorCode::unsupported:
      return "unsupported";
    case ErrorCode::internal:
      return "internal error";
  }
  return "unknown error";
}

std::string Error::to_string() const {
  std::string text;
  if (range) {
    text = range->file;
    if (range->start.line > 0) {
      text += fmt::format(":{}", range->start.line);
      if (range->start.column > 0) text += fmt::format(":{}", range->start.column);
    }
    text += ": ";
  }
  text += message;
  if (cause) text += ": " + cause->to_string();
  return text;
}

bool Error::operator==(const Error& other) const {
  if (code != other.code || message != other.message || range != other.range) return false;
  if (!cause || !other.cause) return cause == other.cause;
  return *cause == *other.cause;
}

Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message), std::nullopt, nullptr};
}

Error make_error(ErrorCode code, std::string message, SourceRange range) {
  return Error{code, std::move(message), std::move(range), nullptr};
}

Error wrap_error(Error cause, std::string message) {
  Error wrapped{cause.code, std::move(message), cause.range, nullptr};
  wrapped.cause = std::make_shared<const Error>(std::move(cause));
  return wrapped;
}

}  // namespace strata::base
