#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/result.h"

namespace strata::cli {

// docker's formatter.Context for list commands (images, history): a Go template run once per
// row, with docker's "table" prefix for a header line and tab-aligned columns (tabwriter.h),
// "json" for `{{json .}}`, and literal "\t" / "\n" in the format turned into tab and newline.

// One row: field name -> value, as the docker CLI's context methods return them (strings).
using ListRow = std::vector<std::pair<std::string, std::string>>;

struct ListKind {
  std::string type_name;  // the Go type, for template errors: "*formatter.imageContext"
  ListRow headers;        // field -> column header ("ID" -> "IMAGE ID")
};

// Renders `rows` with `format`. Errors read as docker's: "template parsing error: template:
// :1: ...".
base::Result<std::string> render_list(std::string_view format, const ListKind& kind,
                                      const std::vector<ListRow>& rows);

}  // namespace strata::cli
