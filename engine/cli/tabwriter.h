#pragma once

#include <string>
#include <string_view>

namespace strata::cli {

// Go's text/tabwriter with the settings of docker's table output
// (tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)): tab-terminated cells in consecutive lines form
// a column as wide as its widest cell plus `padding`, at least `min_width`; the text after a
// line's last tab is not part of any column. Widths count code points.
std::string tabwrite(std::string_view text, size_t min_width = 10, size_t padding = 3);

}  // namespace strata::cli
