#pragma once

#include <span>

#include "engine/image/template_funcs.h"

namespace strata::image::tmpl {

// text/template's comparison functions. Basic kinds compare by value: integers with integers,
// strings with strings of any string type, floats with floats, bools with bools (eq and ne
// only); mixing kinds is "incompatible types for comparison". eq also takes nil and no value
// (equal only to each other), pointers and structs (same object), and errors on slices and
// maps. le is lt or eq, gt is not le, ge is not lt.
CallResult builtin_eq(std::span<const TemplateValue> args);
CallResult builtin_ne(std::span<const TemplateValue> args);
CallResult builtin_lt(std::span<const TemplateValue> args);
CallResult builtin_le(std::span<const TemplateValue> args);
CallResult builtin_gt(std::span<const TemplateValue> args);
CallResult builtin_ge(std::span<const TemplateValue> args);

}  // namespace strata::image::tmpl
