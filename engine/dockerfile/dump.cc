#include "engine/dockerfile/dump.h"

#include <nlohmann/json.hpp>

#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

std::string dump_node(const Node& node) {
  std::string out = to_lower(node.keyword);
  if (!node.flags.empty()) {
    out += " [";
    for (size_t i = 0; i < node.flags.size(); ++i) {
      if (i > 0) out += " ";
      out += go_quote(node.flags[i]);
    }
    out += "]";
  }
  for (const std::string& arg : node.args) out += " " + go_quote(arg);
  for (const Node& nested : node.nested) out += " (" + dump_node(nested) + ")";
  return out;
}

std::string dump_tree(const Ast& ast) {
  std::string out;
  for (const Node& node : ast.instructions) out += "(" + dump_node(node) + ")\n";
  return out;
}

namespace {

nlohmann::json range_json(const base::SourceRange& range) {
  return {{"start", {{"line", range.start.line}, {"column", range.start.column}}},
          {"end", {{"line", range.end.line}, {"column", range.end.column}}}};
}

nlohmann::json node_json(const Node& node) {
  nlohmann::json heredocs = nlohmann::json::array();
  for (const Heredoc& heredoc : node.heredocs) {
    heredocs.push_back({{"name", heredoc.name},
                        {"content", heredoc.content},
                        {"expand", heredoc.expand},
                        {"chomp", heredoc.chomp},
                        {"fd", heredoc.file_descriptor}});
  }
  nlohmann::json json = {
      {"keyword", to_lower(node.keyword)}, {"flags", node.flags},       {"args", node.args},
      {"json_form", node.json_form},       {"original", node.original}, {"heredocs", heredocs},
      {"range", range_json(node.range)}};
  if (!node.nested.empty()) json["nested"] = node_json(node.nested.front());
  return json;
}

}  // namespace

std::string dump_json(const Ast& ast) {
  nlohmann::json instructions = nlohmann::json::array();
  for (const Node& node : ast.instructions) instructions.push_back(node_json(node));
  nlohmann::json directives = nlohmann::json::array();
  for (const Directive& directive : ast.directives) {
    directives.push_back(
        {{"name", directive.name}, {"value", directive.value}, {"line", directive.line}});
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const Warning& warning : ast.warnings) {
    warnings.push_back({{"short", warning.short_text},
                        {"detail", warning.detail},
                        {"range", range_json(warning.range)}});
  }
  nlohmann::json json = {{"file", ast.file},
                         {"escape", std::string(1, ast.escape)},
                         {"directives", directives},
                         {"warnings", warnings},
                         {"instructions", instructions}};
  // Invalid UTF-8 in a Dockerfile must not abort the dump: replace it in the JSON view only.
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace strata::dockerfile
