#pragma once

#include <span>
#include <string_view>

#include "engine/image/template.h"
#include "engine/image/template_value.h"

namespace strata::image::testing {

// The value the Go oracle program executed templates on: a struct main.Data with one field
// per kind of value Go's printing tells apart (see go_fixture() for the Go definition), so
// expectations recorded from real Go apply unchanged. Test-only.
TemplateValue go_fixture();

// One template and what real Go printed for it: the output, or (error = true) the error text
// as Go renders it ("template: :1:2: executing ...").
struct GoCase {
  std::string_view text;
  std::string_view expected;
  bool error = false;
};

// Parses and executes each case on `data` and compares with what Go printed.
void expect_go_results(std::span<const GoCase> cases, const TemplateValue& data,
                       ExecuteOptions options = {});

}  // namespace strata::image::testing
