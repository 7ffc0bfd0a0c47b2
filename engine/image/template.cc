#include "engine/image/template.h"

#include <fmt/format.h>

#include "engine/image/go_print.h"
#include "engine/image/template_exec.h"
#include "engine/image/template_funcs.h"
#include "engine/image/template_parser.h"

namespace strata::image {

base::Result<Template> Template::parse(std::string_view text, std::string name) {
  auto root = tmpl::parse_template(
      text, [](std::string_view function) { return tmpl::find_function(function) != nullptr; });
  if (!root) return std::move(root).error();
  return Template(std::move(name), std::string(text),
                  std::shared_ptr<const tmpl::ListNode>(std::move(root).value()));
}

base::Result<std::string> Template::execute(const TemplateValue& data,
                                            ExecuteOptions options) const {
  std::string out;
  if (std::optional<tmpl::ExecFailure> failure = tmpl::execute_tree(*m_root, data, options, out)) {
    if (!failure->node) {
      return base::make_error(base::ErrorCode::invalid_argument, failure->message);
    }
    auto [line, column] = tmpl::line_and_column(m_text, failure->node->pos);
    std::string message = fmt::format("executing {} at <{}>: {}", go_quote(m_name),
                                      failure->node->to_string(), failure->message);
    return base::make_error(base::ErrorCode::invalid_argument, std::move(message),
                            base::SourceRange{m_name, {line, column + 1}, {line, column + 1}});
  }
  return out;
}

std::string go_error_text(const base::Error& error, std::string_view name) {
  if (!error.range) return fmt::format("template: {}: {}", name, error.message);
  const base::SourcePosition& start = error.range->start;
  if (error.code == base::ErrorCode::parse) {
    return fmt::format("template: {}:{}: {}", name, start.line, error.message);
  }
  return fmt::format("template: {}:{}:{}: {}", name, start.line, start.column - 1, error.message);
}

}  // namespace strata::image
