#include "engine/build/progress.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace strata::build {

namespace {

std::string_view kind_name(BuildEvent::Kind kind) {
  switch (kind) {
    case BuildEvent::Kind::started:
      return "started";
    case BuildEvent::Kind::status:
      return "status";
    case BuildEvent::Kind::log:
      return "log";
    case BuildEvent::Kind::cached:
      return "cached";
    case BuildEvent::Kind::done:
      return "done";
    case BuildEvent::Kind::failed:
      return "failed";
  }
  return "unknown";
}

}  // namespace

std::string PlainProgress::render(const BuildEvent& event) {
  switch (event.kind) {
    case BuildEvent::Kind::started:
      return fmt::format("#{} {}\n", event.vertex, event.name);
    case BuildEvent::Kind::status:
      return fmt::format("#{} {}\n", event.vertex, event.text);
    case BuildEvent::Kind::log:
      // BuildKit prefixes the elapsed time to each line a step prints.
      return fmt::format("#{} {:.3f} {}\n", event.vertex, event.seconds, event.text);
    case BuildEvent::Kind::cached:
      return fmt::format("#{} CACHED\n\n", event.vertex);
    case BuildEvent::Kind::done:
      return fmt::format("#{} DONE {:.1f}s\n\n", event.vertex, event.seconds);
    case BuildEvent::Kind::failed:
      return fmt::format("#{} ERROR: {}\n\n", event.vertex, event.text);
  }
  return {};
}

void PlainProgress::on_event(const BuildEvent& event) {
  std::string text = render(event);
  std::fwrite(text.data(), 1, text.size(), m_out);
  std::fflush(m_out);
}

std::string JsonProgress::render(const BuildEvent& event) {
  nlohmann::json json = {
      {"event", kind_name(event.kind)}, {"vertex", event.vertex}, {"name", event.name}};
  if (!event.text.empty()) json["text"] = event.text;
  if (event.kind == BuildEvent::Kind::done || event.kind == BuildEvent::Kind::failed) {
    json["seconds"] = event.seconds;
  }
  if (event.source) {
    json["source"] = {{"file", event.source->file},
                      {"line", event.source->start.line},
                      {"end_line", event.source->end.line}};
  }
  if (!event.instruction.empty()) json["instruction"] = event.instruction;
  if (!event.cache_key.empty()) json["cache_key"] = event.cache_key;
  if (event.kind == BuildEvent::Kind::cached) json["cached"] = true;
  if (event.kind == BuildEvent::Kind::done && !event.cache_key.empty()) {
    json["cached"] = false;
    json["miss_reasons"] = event.miss_reasons;
  }
  if (event.layer_diff_id) {
    json["layer"] = {{"diff_id", event.layer_diff_id->to_string()}, {"size", event.layer_size}};
  }
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void JsonProgress::on_event(const BuildEvent& event) {
  std::string text = render(event);
  std::fwrite(text.data(), 1, text.size(), m_out);
  std::fflush(m_out);
}

}  // namespace strata::build
