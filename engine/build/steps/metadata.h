#pragma once

#include "engine/base/result.h"
#include "engine/dockerfile/instructions.h"
#include "engine/image/image_config.h"

namespace strata::build {

// Applies an expanded metadata instruction (ENV, LABEL, EXPOSE, USER, WORKDIR's config part,
// CMD, ENTRYPOINT, VOLUME, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER, ARG) to the
// image config the way BuildKit does: ENTRYPOINT resets an inherited CMD, EXPOSE adds "/tcp"
// when no protocol is given, shell forms are wrapped in the current SHELL (default
// ["/bin/sh", "-c"]), and so on. Instructions that only change the filesystem are ignored.
// `strata import --change` uses it too.
// What a stage remembers between metadata instructions.
struct MetadataState {
  bool cmd_set = false;  // a CMD in this stage (then ENTRYPOINT keeps it)
};
base::Status apply_metadata(const dockerfile::Instruction& expanded, image::ImageConfig& config,
                            MetadataState& state);
base::Status apply_metadata(const dockerfile::Instruction& expanded, image::ImageConfig& config);

// The history entry BuildKit records for an instruction: CreatedBy as `docker history` shows
// it ("WORKDIR /app", "COPY app.py . # buildkit", "RUN /bin/sh -c apt-get update # buildkit",
// "CMD [\"python\" \"app.py\"]", "EXPOSE map[8080/tcp:{}]"), comment "buildkit.dockerfile.v0".
// EXPOSE's port spec ("8080", "53/udp", "8000-8002") added to `ports` as "8080/tcp" ...
base::Status expose(const std::string& spec, std::set<std::string>& ports);

image::HistoryEntry history_entry(const dockerfile::Instruction& expanded,
                                  const image::ImageConfig& config, bool empty_layer,
                                  const std::string& created);

}  // namespace strata::build
