#include "engine/cli/report.h"

#include <fmt/format.h>

#include "engine/base/diagnostic.h"

namespace strata::cli {

void report_error(const base::Error& error, std::string_view source) {
  std::string text = base::render_diagnostic(error, source);
  fmt::print(stderr, "{}{}\n", error.range ? "" : "strata: ", text);
}

void report_warning(std::string_view file, int line, std::string_view message) {
  fmt::print(stderr, "{}:{}: warning: {}\n", base::printable(file, base::k_max_message_length),
             line, base::printable(message, base::k_max_message_length));
}

}  // namespace strata::cli
