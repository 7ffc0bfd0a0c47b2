#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/image/go_quote.h"
#include "engine/image/template_value.h"

namespace strata::image {

// Go's fmt package over TemplateValue, for text/template's printing and its print, printf and
// println functions. An argument that is invalid or nil_interface is Go's untyped nil.
// Supported verbs: %v %+v %s %q %d %t %x %X %o %b %c %U %e %E %f %F %g %G %T %%, with flags
// "-+# 0", width and precision (also `*`). %#v prints as %v (Go syntax is not reproduced).
std::string go_sprint(std::span<const TemplateValue> args);
std::string go_sprintln(std::span<const TemplateValue> args);
std::string go_sprintf(std::string_view format, std::span<const TemplateValue> args);

// What text/template writes for an action's value: pointers are dereferenced first, the
// invalid value is "<no value>", everything else is fmt.Sprint of it.
std::string template_print(const TemplateValue& value);

// Placeholder Go prints for a pointer nested inside another value (%v prints an address,
// which differs per run; we print a fixed one).
inline constexpr std::string_view k_pointer_placeholder = "0xc000010000";

}  // namespace strata::image
