#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/base/result.h"
#include "engine/dockerfile/ast.h"
#include "engine/dockerfile/run_mount.h"

namespace strata::dockerfile {

// Typed instructions: the parser's nodes checked for arity and flags. Words are kept as written
// (unexpanded); VariableScope expands them when a stage is built, as BuildKit does at dispatch.

// RUN/CMD/ENTRYPOINT/HEALTHCHECK command: exec form (argv) or shell form (one string).
struct Command {
  std::vector<std::string> args;
  bool shell_form = true;
  bool operator==(const Command&) const = default;
};

struct KeyValue {
  std::string key;
  std::string value;
  bool operator==(const KeyValue&) const = default;
};

struct FromInstruction {
  std::string image;
  std::string stage_name;  // lower-cased; empty when no `AS`
  std::string platform;
  bool operator==(const FromInstruction&) const = default;
};
struct RunInstruction {
  Command command;
  std::vector<Heredoc> heredocs;
  std::vector<RunMount> mounts;
  std::string network;   // "", "default", "none", "host"
  std::string security;  // "", "sandbox", "insecure"
  bool operator==(const RunInstruction&) const = default;
};
// COPY and ADD share a shape; ADD adds the flags that only it accepts.
struct CopyInstruction {
  bool is_add = false;
  std::vector<std::string> sources;
  std::vector<Heredoc> inline_sources;  // `COPY <<EOF /dest`
  std::string destination;
  std::string from;  // COPY --from
  std::string chown;
  std::string chmod;
  bool link = false;
  bool parents = false;
  std::vector<std::string> excludes;
  std::string checksum;       // ADD --checksum
  bool keep_git_dir = false;  // ADD --keep-git-dir
  bool json_form = false;
  bool operator==(const CopyInstruction&) const = default;
};
struct EnvInstruction {
  std::vector<KeyValue> variables;
  bool operator==(const EnvInstruction&) const = default;
};
struct LabelInstruction {
  std::vector<KeyValue> labels;
  bool operator==(const LabelInstruction&) const = default;
};
struct ArgDeclaration {
  std::string name;
  std::optional<std::string> default_value;
  bool operator==(const ArgDeclaration&) const = default;
};
struct ArgInstruction {
  std::vector<ArgDeclaration> args;
  bool operator==(const ArgInstruction&) const = default;
};
struct ExposeInstruction {
  std::vector<std::string> ports;
  bool operator==(const ExposeInstruction&) const = default;
};
struct WorkdirInstruction {
  std::string path;
  bool operator==(const WorkdirInstruction&) const = default;
};
struct UserInstruction {
  std::string user;
  bool operator==(const UserInstruction&) const = default;
};
struct CmdInstruction {
  Command command;
  bool operator==(const CmdInstruction&) const = default;
};
struct EntrypointInstruction {
  Command command;
  bool operator==(const EntrypointInstruction&) const = default;
};
struct VolumeInstruction {
  std::vector<std::string> paths;
  bool operator==(const VolumeInstruction&) const = default;
};
struct StopSignalInstruction {
  std::string signal;
  bool operator==(const StopSignalInstruction&) const = default;
};
struct HealthcheckInstruction {
  bool disabled = false;  // HEALTHCHECK NONE
  Command test;
  long long interval_ns = 0;  // 0 = inherit
  long long timeout_ns = 0;
  long long start_period_ns = 0;
  long long start_interval_ns = 0;
  int retries = 0;
  bool operator==(const HealthcheckInstruction&) const = default;
};
struct ShellInstruction {
  std::vector<std::string> shell;
  bool operator==(const ShellInstruction&) const = default;
};
struct OnbuildInstruction {
  std::string trigger;  // the nested instruction's text, run when a child image builds FROM this
  bool operator==(const OnbuildInstruction&) const = default;
};
struct MaintainerInstruction {
  std::string maintainer;
  bool operator==(const MaintainerInstruction&) const = default;
};

using InstructionBody =
    std::variant<FromInstruction, RunInstruction, CopyInstruction, EnvInstruction, LabelInstruction,
                 ArgInstruction, ExposeInstruction, WorkdirInstruction, UserInstruction,
                 CmdInstruction, EntrypointInstruction, VolumeInstruction, StopSignalInstruction,
                 HealthcheckInstruction, ShellInstruction, OnbuildInstruction,
                 MaintainerInstruction>;

struct Instruction {
  InstructionBody body;
  std::string keyword;   // upper case, e.g. "COPY"
  std::string original;  // the logical line as written
  base::SourceRange range;
  bool operator==(const Instruction&) const = default;
};

// Types one parsed node. `source` is the Dockerfile text, used to point errors at a column.
base::Result<Instruction> type_instruction(const Node& node, std::string_view source);

// A Go duration ("30s", "1m30s", "500ms") in nanoseconds.
base::Result<long long> parse_go_duration(std::string_view text);

}  // namespace strata::dockerfile
