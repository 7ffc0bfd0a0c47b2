#include "engine/cli/list_format.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "engine/cli/tabwriter.h"
#include "engine/image/go_json.h"
#include "engine/image/template.h"

namespace strata::cli {

namespace {

// A row as the template sees it: a struct of string fields. docker's contexts have their own
// MarshalJSON (json.Marshal of a map: keys sorted, < > & escaped), which `json .` prints.
image::TemplateValue row_value(const ListKind& kind, ListRow row) {
  std::sort(row.begin(), row.end());
  nlohmann::ordered_json marshaled = nlohmann::ordered_json::object();
  std::vector<image::TemplateField> fields;
  for (auto& [name, value] : row) {
    marshaled[name] = value;
    fields.emplace_back(name, image::TemplateValue::string(std::move(value)));
  }
  return image::TemplateValue::structure(kind.type_name, std::move(fields))
      .with_json_method(image::go_json(marshaled));
}

base::Error template_error(const base::Error& error) {
  return base::make_error(base::ErrorCode::invalid_argument,
                          "template parsing error: " + image::go_error_text(error));
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

base::Result<std::string> render_list(std::string_view format, const ListKind& kind,
                                      const std::vector<ListRow>& rows) {
  bool table = format.starts_with("table");
  std::string text(table ? format.substr(5) : format);
  if (format == "json") text = "{{json .}}";
  size_t first = text.find_first_not_of(' ');
  text =
      first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(' ') - first + 1);
  replace_all(text, "\\t", "\t");
  replace_all(text, "\\n", "\n");
  auto tmpl = image::Template::parse(text);
  if (!tmpl) return template_error(tmpl.error());
  std::string body;
  for (const ListRow& row : rows) {
    auto line = tmpl->execute(row_value(kind, row));
    if (!line) return template_error(line.error());
    body += *line + "\n";
  }
  if (!table) return body;
  // The header is the same template run over the column titles; like docker, a header that
  // fails to render is left as far as it got.
  auto header = tmpl->execute(row_value(kind, kind.headers));
  return tabwrite((header ? *header : std::string()) + "\n" + body);
}

}  // namespace strata::cli
