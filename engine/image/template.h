#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/base/result.h"
#include "engine/image/template_value.h"

namespace strata::image {

namespace tmpl {
struct ListNode;
}

// What a missing map key evaluates to (text/template's "missingkey" option).
enum class MissingKey {
  invalid,  // default: prints "<no value>"
  zero,     // the map's zero element
  error,    // an execution error; docker uses it when it falls back to the raw JSON
};

struct ExecuteOptions {
  MissingKey missing_key = MissingKey::invalid;
};

// A parsed Go text/template (docker's --format), with Go's and docker's functions.
//
// Errors follow Go's wording. The message is Go's text after its location prefix, e.g.
//   parse:   code parse,            `function "foo" not defined`
//   execute: code invalid_argument, `executing "" at <.Foo>: can't evaluate field Foo in type T`
// and the range holds the 1-based line and column of the action, so Error::to_string()
// reads ":1:3: executing ...". go_error_text() renders exactly what Go prints.
class Template {
 public:
  static base::Result<Template> parse(std::string_view text, std::string name = "");

  base::Result<std::string> execute(const TemplateValue& data, ExecuteOptions options = {}) const;

  const std::string& text() const { return m_text; }
  const std::string& name() const { return m_name; }

 private:
  Template(std::string name, std::string text, std::shared_ptr<const tmpl::ListNode> root)
      : m_name(std::move(name)), m_text(std::move(text)), m_root(std::move(root)) {}

  std::string m_name;
  std::string m_text;
  std::shared_ptr<const tmpl::ListNode> m_root;
};

// Go's rendering of a template error: "template: NAME:LINE: msg" for parse errors and
// "template: NAME:LINE:COL: msg" (COL a 0-based byte offset) for execution errors.
std::string go_error_text(const base::Error& error, std::string_view name = "");

}  // namespace strata::image
