#include "engine/cli/local_store.h"

#include <fmt/format.h>

#include "engine/base/diagnostic.h"

namespace strata::cli {

base::Result<std::unique_ptr<LocalStore>> open_local_store() {
  auto layout = store::StoreLayout::open(store::default_store_root());
  if (!layout) return std::move(layout).error();
  return std::make_unique<LocalStore>(std::move(*layout));
}

void print_error(std::string_view message) {
  fmt::print(stderr, "{}\n", base::printable(message, base::k_max_message_length));
}

void print_error(const base::Error& error) {
  print_error("Error: " + error.to_string());
}

int fail(const base::Error& error) {
  print_error(error);
  return 1;
}

int fail(std::string_view message) {
  print_error(message);
  return 1;
}

}  // namespace strata::cli
