#include "engine/dockerfile/instructions.h"

#include <fmt/format.h>

#include <charconv>

#include "engine/base/diagnostic.h"
#include "engine/dockerfile/flags.h"
#include "engine/dockerfile/heredoc.h"
#include "engine/dockerfile/text.h"

namespace strata::dockerfile {

namespace {

using base::ErrorCode;
using base::Result;
using Kind = FlagSet::Kind;

const std::vector<std::string> k_instruction_names = {
    "ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
    "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
    "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR"};

// Builds errors that point at the instruction, or at a word inside it when it can be found.
class Locator {
 public:
  Locator(const Node& node, std::string_view source) : m_node(node), m_source(source) {}

  base::Error at_instruction(std::string message) const {
    base::SourceRange range = m_node.range;
    std::string_view line = base::source_line(m_source, range.start.line);
    size_t first = line.find_first_not_of(" \t");
    range.start.column = first == std::string_view::npos ? 1 : static_cast<int>(first) + 1;
    return base::make_error(ErrorCode::parse, std::move(message), std::move(range));
  }

  base::Error at_word(std::string_view word, std::string message) const {
    for (int line = m_node.range.start.line; line <= m_node.range.end.line; ++line) {
      std::string_view text = base::source_line(m_source, line);
      size_t column = text.find(word);
      if (!word.empty() && column != std::string_view::npos) {
        int start = static_cast<int>(column) + 1;
        return base::make_error(
            ErrorCode::parse, std::move(message),
            {m_node.range.file, {line, start}, {line, start + static_cast<int>(word.size())}});
      }
    }
    return at_instruction(std::move(message));
  }

 private:
  const Node& m_node;
  std::string_view m_source;
};

struct Context {
  const Node& node;
  std::string keyword;  // upper case
  Locator locate;

  Result<FlagSet> flags(FlagSet set) const {
    if (auto parsed = set.parse(node.flags); !parsed) {
      return locate.at_word(set.bad_flag(), parsed.error().message);
    }
    return set;
  }
  base::Error error(std::string message) const { return locate.at_instruction(std::move(message)); }
  Command command() const { return Command{node.args, !node.json_form}; }
};

// ^[a-z][a-z0-9-_.]*$
bool is_valid_stage_name(std::string_view name) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Result<InstructionBody> type_from(const Context& c) {
  auto flags = c.flags(FlagSet().add("platform", Kind::string));
  if (!flags) return std::move(flags).error();
  const auto& args = c.node.args;
  if (args.size() != 1 && !(args.size() == 3 && to_lower(args[1]) == "as")) {
    return c.error("FROM requires either one or three arguments");
  }
  FromInstruction from{args[0], "", flags->value("platform")};
  if (args.size() == 3) {
    from.stage_name = to_lower(args[2]);
    if (!is_valid_stage_name(from.stage_name)) {
      return c.locate.at_word(args[2],
                              fmt::format("invalid name for build stage: {}, name can't start "
                                          "with a number or contain symbols",
                                          go_quote(args[2])));
    }
  }
  return InstructionBody(std::move(from));
}

Result<InstructionBody> type_run(const Context& c) {
  auto flags = c.flags(FlagSet()
                           .add("mount", Kind::strings)
                           .add("network", Kind::string)
                           .add("security", Kind::string));
  if (!flags) return std::move(flags).error();
  const std::string& network = flags->value("network");
  if (!network.empty() && network != "default" && network != "none" && network != "host") {
    return c.locate.at_word("--network", "unsupported network mode: " + network);
  }
  const std::string& security = flags->value("security");
  if (!security.empty() && security != "sandbox" && security != "insecure") {
    return c.locate.at_word("--security", "unsupported security mode: " + security);
  }
  if (c.node.args.empty()) return c.error("RUN requires at least one argument");
  std::vector<RunMount> mounts;
  for (const std::string& spec : flags->values("mount")) {
    auto mount = parse_run_mount(spec);
    if (!mount) return c.locate.at_word(spec, "--mount=" + spec + ": " + mount.error().message);
    mounts.push_back(std::move(*mount));
  }
  return InstructionBody(
      RunInstruction{c.command(), c.node.heredocs, std::move(mounts), network, security});
}

Result<InstructionBody> type_copy(const Context& c, bool is_add) {
  FlagSet set;
  set.add("chown", Kind::string).add("chmod", Kind::string).add("link", Kind::boolean);
  set.add("exclude", Kind::strings);
  if (is_add) {
    set.add("checksum", Kind::string).add("keep-git-dir", Kind::boolean);
  } else {
    set.add("from", Kind::string).add("parents", Kind::boolean);
  }
  auto flags = c.flags(std::move(set));
  if (!flags) return std::move(flags).error();
  if (c.node.args.size() < 2) {
    return c.error(
        fmt::format("{} requires at least two arguments, but only one was provided. "
                    "Destination could not be determined.",
                    c.keyword));
  }
  CopyInstruction copy;
  copy.is_add = is_add;
  copy.json_form = c.node.json_form;
  copy.destination = c.node.args.back();
  if (!c.node.json_form && !c.node.heredocs.empty()) {
    if (auto dest = parse_heredoc(copy.destination); dest.ok() && dest->has_value()) {
      return c.error("dest path for " + c.keyword + " cannot be a heredoc");
    }
  }
  for (size_t i = 0; i + 1 < c.node.args.size(); ++i) {
    const std::string& source = c.node.args[i];
    std::optional<Heredoc> inline_source;
    if (!c.node.json_form) {
      if (auto heredoc = parse_heredoc(source); heredoc.ok() && heredoc->has_value()) {
        for (const Heredoc& body : c.node.heredocs) {
          if (body.name == (*heredoc)->name) inline_source = body;
        }
      }
    }
    if (inline_source) {
      copy.inline_sources.push_back(std::move(*inline_source));
    } else {
      copy.sources.push_back(source);
    }
  }
  copy.from = flags->value("from");
  copy.chown = flags->value("chown");
  copy.chmod = flags->value("chmod");
  copy.link = flags->boolean("link");
  copy.parents = flags->boolean("parents");
  copy.excludes = flags->values("exclude");
  copy.checksum = flags->value("checksum");
  copy.keep_git_dir = flags->boolean("keep-git-dir");
  return InstructionBody(std::move(copy));
}

Result<std::vector<KeyValue>> key_values(const Context& c) {
  std::vector<KeyValue> pairs;
  const auto& args = c.node.args;
  if (args.empty()) return c.error(c.keyword + " requires at least one argument");
  for (size_t i = 0; i + 1 < args.size(); i += 3) {
    if (args[i].empty()) return c.error(c.keyword + " names can not be blank");
    pairs.push_back(KeyValue{args[i], args[i + 1]});
  }
  return pairs;
}

Result<InstructionBody> type_arg(const Context& c) {
  if (c.node.args.empty()) return c.error("ARG requires at least one argument");
  ArgInstruction arg;
  for (const std::string& word : c.node.args) {
    size_t equals = word.find('=');
    ArgDeclaration declaration{word.substr(0, equals), std::nullopt};
    if (equals != std::string::npos) declaration.default_value = word.substr(equals + 1);
    if (declaration.name.empty()) return c.locate.at_word(word, "ARG names can not be blank");
    arg.args.push_back(std::move(declaration));
  }
  return InstructionBody(std::move(arg));
}

Result<std::string> exactly_one(const Context& c) {
  if (c.node.args.size() != 1) return c.error(c.keyword + " requires exactly one argument");
  return c.node.args[0];
}

Result<InstructionBody> type_healthcheck(const Context& c) {
  auto flags = c.flags(FlagSet()
                           .add("interval", Kind::string)
                           .add("timeout", Kind::string)
                           .add("start-period", Kind::string)
                           .add("start-interval", Kind::string)
                           .add("retries", Kind::string));
  if (!flags) return std::move(flags).error();
  const auto& args = c.node.args;
  if (args.empty()) return c.error("HEALTHCHECK requires an argument");
  HealthcheckInstruction health;
  std::string type = to_lower(args[0]);
  if (type == "none") {
    if (args.size() != 1) return c.error("HEALTHCHECK NONE takes no arguments");
    health.disabled = true;
    return InstructionBody(std::move(health));
  }
  if (type != "cmd") {
    return c.error(fmt::format("Unknown type {} in HEALTHCHECK (try CMD)", go_quote(args[0])));
  }
  if (args.size() < 2) return c.error("Missing command after HEALTHCHECK CMD");
  health.test = Command{{args.begin() + 1, args.end()}, !c.node.json_form};
  const std::pair<const char*, long long*> durations[] = {
      {"interval", &health.interval_ns},
      {"timeout", &health.timeout_ns},
      {"start-period", &health.start_period_ns},
      {"start-interval", &health.start_interval_ns}};
  for (const auto& [name, target] : durations) {
    if (!flags->was_set(name)) continue;
    auto duration = parse_go_duration(flags->value(name));
    if (!duration) {
      return c.locate.at_word(std::string("--") + name,
                              std::string("--") + name + ": " + duration.error().message);
    }
    if (*duration != 0 && *duration < 1'000'000) {
      return c.locate.at_word(std::string("--") + name,
                              fmt::format("{} cannot be less than 1ms", name));
    }
    *target = *duration;
  }
  if (flags->was_set("retries")) {
    const std::string& text = flags->value("retries");
    int retries = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), retries);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return c.locate.at_word("--retries", "invalid --retries value: " + text);
    }
    if (retries < 0) return c.locate.at_word("--retries", "--retries cannot be negative");
    health.retries = retries;
  }
  return InstructionBody(std::move(health));
}

Result<InstructionBody> type_body(const Context& c) {
  const std::string& k = c.keyword;
  if (k == "FROM") return type_from(c);
  if (k == "RUN") return type_run(c);
  if (k == "COPY" || k == "ADD") return type_copy(c, k == "ADD");
  if (k == "HEALTHCHECK") return type_healthcheck(c);
  if (auto flags = c.flags(FlagSet()); !flags) return std::move(flags).error();
  if (k == "ENV" || k == "LABEL") {
    auto pairs = key_values(c);
    if (!pairs) return std::move(pairs).error();
    if (k == "ENV") return InstructionBody(EnvInstruction{std::move(*pairs)});
    return InstructionBody(LabelInstruction{std::move(*pairs)});
  }
  if (k == "ARG") return type_arg(c);
  if (k == "EXPOSE") {
    if (c.node.args.empty()) return c.error("EXPOSE requires at least one argument");
    return InstructionBody(ExposeInstruction{c.node.args});
  }
  if (k == "CMD") return InstructionBody(CmdInstruction{c.command()});
  if (k == "ENTRYPOINT") return InstructionBody(EntrypointInstruction{c.command()});
  if (k == "SHELL") {
    if (!c.node.json_form) return c.error("SHELL requires the arguments to be in JSON form");
    if (c.node.args.empty()) return c.error("SHELL requires at least one argument");
    return InstructionBody(ShellInstruction{c.node.args});
  }
  if (k == "VOLUME") {
    if (c.node.args.empty()) return c.error("VOLUME requires at least one argument");
    for (const std::string& path : c.node.args) {
      if (trim_space(path).empty()) return c.error("VOLUME specified can not be an empty string");
    }
    return InstructionBody(VolumeInstruction{c.node.args});
  }
  auto single = exactly_one(c);
  if (!single) return std::move(single).error();
  if (k == "WORKDIR") return InstructionBody(WorkdirInstruction{*single});
  if (k == "USER") return InstructionBody(UserInstruction{*single});
  if (k == "STOPSIGNAL") return InstructionBody(StopSignalInstruction{*single});
  return InstructionBody(MaintainerInstruction{*single});
}

bool is_known(const std::string& keyword) {
  for (const std::string& name : k_instruction_names) {
    if (name == keyword) return true;
  }
  return false;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return out;
}

}  // namespace

Result<Instruction> type_instruction(const Node& node, std::string_view source) {
  Context c{node, upper(node.keyword), Locator(node, source)};
  if (!is_known(c.keyword)) {
    return c.locate.at_word(node.keyword, "unknown instruction: " + node.keyword +
                                              suggest(node.keyword, k_instruction_names));
  }
  Instruction instruction{MaintainerInstruction{}, c.keyword, node.original, node.range};
  if (c.keyword == "ONBUILD") {
    if (auto flags = c.flags(FlagSet()); !flags) return std::move(flags).error();
    if (node.nested.empty()) return c.error("ONBUILD requires at least one argument");
    std::string trigger = upper(node.nested.front().keyword);
    if (trigger == "ONBUILD")
      return c.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    if (trigger == "FROM" || trigger == "MAINTAINER") {
      return c.error(trigger + " isn't allowed as an ONBUILD trigger");
    }
    // The trigger must itself be a valid instruction; its line is the ONBUILD line.
    Node nested = node.nested.front();
    nested.range = node.range;
    if (auto typed = type_instruction(nested, source); !typed) return std::move(typed).error();
    instruction.body = OnbuildInstruction{nested.original};
    return instruction;
  }
  auto body = type_body(c);
  if (!body) return std::move(body).error();
  instruction.body = std::move(*body);
  return instruction;
}

Result<long long> parse_go_duration(std::string_view text) {
  auto invalid = [&] {
    return base::make_error(ErrorCode::parse,
                            fmt::format("time: invalid duration {}", go_quote(text)));
  };
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) {
    negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  if (rest == "0") return 0LL;
  if (rest.empty()) return invalid();
  const std::pair<std::string_view, double> units[] = {
      {"ns", 1.0}, {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"\xCE\xBCs", 1e3},
      {"ms", 1e6}, {"s", 1e9},  {"m", 60e9},        {"h", 3600e9}};
  double total = 0;
  while (!rest.empty()) {
    size_t digits = 0;
    while (digits < rest.size() &&
           ((rest[digits] >= '0' && rest[digits] <= '9') || rest[digits] == '.')) {
      ++digits;
    }
    if (digits == 0) return invalid();
    double number = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + digits, number);
    if (ec != std::errc() || end != rest.data() + digits) return invalid();
    rest.remove_prefix(digits);
    size_t unit_length = 0;
    while (unit_length < rest.size() &&
           !((rest[unit_length] >= '0' && rest[unit_length] <= '9') || rest[unit_length] == '.')) {
      ++unit_length;
    }
    std::string_view unit = rest.substr(0, unit_length);
    double scale = 0;
    for (const auto& [name, factor] : units) {
      if (name == unit) scale = factor;
    }
    if (scale == 0) {
      return base::make_error(ErrorCode::parse,
                              unit.empty()
                                  ? fmt::format("time: missing unit in duration {}", go_quote(text))
                                  : fmt::format("time: unknown unit {} in duration {}",
                                                go_quote(unit), go_quote(text)));
    }
    total += number * scale;
    rest.remove_prefix(unit_length);
  }
  if (total > 9.2e18) return invalid();
  long long nanoseconds = static_cast<long long>(total);
  return negative ? -nanoseconds : nanoseconds;
}

}  // namespace strata::dockerfile
