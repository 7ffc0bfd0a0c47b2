#pragma once

#include <cstdio>
#include <string>

#include "engine/build/events.h"

namespace strata::build {

// BuildKit's `--progress=plain` rendering:
//   #6 [2/3] WORKDIR /app
//   #6 CACHED
//   <blank line>
//   #7 [3/3] COPY app.py .
//   #7 DONE 0.1s
// Output goes through `write` so tests can capture it.
class PlainProgress : public EventSink {
 public:
  explicit PlainProgress(std::FILE* out) : m_out(out) {}
  void on_event(const BuildEvent& event) override;
  static std::string render(const BuildEvent& event);

 private:
  std::FILE* m_out;
};

// One JSON object per line: the machine-readable stream the conformance runner reads.
class JsonProgress : public EventSink {
 public:
  explicit JsonProgress(std::FILE* out) : m_out(out) {}
  void on_event(const BuildEvent& event) override;
  static std::string render(const BuildEvent& event);

 private:
  std::FILE* m_out;
};

}  // namespace strata::build
