#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/digest.h"
#include "engine/base/error.h"

namespace strata::build {

// What a build reports, vertex by vertex (BuildKit's word for one unit of progress, "#N").
// Progress output (plain, tty) and the JSON event stream are views of these events.
struct BuildEvent {
  enum class Kind { started, status, log, cached, done, failed };
  Kind kind = Kind::started;
  int vertex = 0;      // 1-based, in the order vertices start
  std::string name;    // "[2/3] WORKDIR /app", "[internal] load build context"
  std::string text;    // status/log line, or the error for `failed`
  double seconds = 0;  // elapsed, for done/failed
  // Step details (empty for internal vertices).
  std::optional<base::SourceRange> source;
  std::string instruction;  // canonical, expanded
  std::string cache_key;    // "sha256:..."
  std::vector<std::string> miss_reasons;
  std::optional<base::Digest> layer_diff_id;
  uint64_t layer_size = 0;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(const BuildEvent& event) = 0;
};

}  // namespace strata::build
