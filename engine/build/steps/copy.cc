#include "engine/build/steps/copy.h"

#include <fmt/format.h>
#include <fnmatch.h>

#include <charconv>
#include <map>
#include <set>

namespace strata::build {

namespace {

using base::ErrorCode;
using base::make_error;
using context::ContextEntry;

bool has_wildcard(std::string_view text) {
  return text.find_first_of("*?[") != std::string_view::npos;
}

base::Result<uint32_t> parse_id(std::string_view text, std::string_view what) {
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return make_error(
        ErrorCode::unsupported,
        fmt::format("--chown {} \"{}\": only numeric ids are supported so far", what, text));
  }
  return value;
}

std::string join_path(const std::string& directory, std::string_view name) {
  if (directory.empty()) return std::string(name);
  return directory + "/" + std::string(name);
}

std::string base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// A context-relative source path, or an error when it climbs out of the context.
base::Result<std::string> context_path(std::string_view source) {
  std::string relative = std::filesystem::path(std::string(source))
                             .relative_path()
                             .lexically_normal()
                             .generic_string();
  if (source.starts_with("/")) {
    relative = std::filesystem::path(std::string(source))
                   .lexically_normal()
                   .relative_path()
                   .generic_string();
  }
  if (relative == "." || relative == "./") relative.clear();
  while (!relative.empty() && relative.back() == '/') relative.pop_back();
  if (relative == ".." || relative.starts_with("../")) {
    return make_error(ErrorCode::invalid_argument,
                      fmt::format("forbidden path outside the build context: {}", source));
  }
  return relative;
}

class Planner {
 public:
  explicit Planner(const CopyInputs& inputs) : m_in(inputs) {}

  base::Result<CopyPlan> run();

 private:
  base::Status add_matches(const std::vector<const ContextEntry*>& matches, bool dest_is_dir);
  base::Status add_entry(const ContextEntry& entry, const std::string& target);
  void ensure_parents(const std::string& path);
  const ContextEntry* find(std::string_view path) const;

  const CopyInputs& m_in;
  std::string m_dest;  // layer path of the destination
  uint32_t m_uid = 0, m_gid = 0;
  std::optional<uint32_t> m_mode;
  std::map<std::string, layer::LayerEntry> m_entries;  // by target path: a later source wins
  std::map<std::string, std::string> m_sources;        // target -> key value
};

const ContextEntry* Planner::find(std::string_view path) const {
  for (const ContextEntry& entry : m_in.context) {
    if (entry.path == path) return &entry;
  }
  return nullptr;
}

void Planner::ensure_parents(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return;
  std::string parent = path.substr(0, slash);
  if (parent.empty() || m_entries.contains(parent) || m_in.parent.is_directory(parent)) return;
  ensure_parents(parent);
  layer::LayerEntry directory = layer::LayerEntry::directory(parent, 0755);
  m_entries[parent] = directory;
}

base::Status Planner::add_entry(const ContextEntry& entry, const std::string& target) {
  layer::LayerEntry out;
  std::string kind;
  if (entry.type == ContextEntry::Type::file) {
    out = layer::LayerEntry::host_file(target, m_in.context_root / entry.path, entry.size,
                                       m_mode.value_or(entry.mode));
    kind = "file";
  } else if (entry.type == ContextEntry::Type::directory) {
    out = layer::LayerEntry::directory(target, m_mode.value_or(entry.mode));
    kind = "dir";
  } else if (entry.type == ContextEntry::Type::symlink) {
    out = layer::LayerEntry::symlink(target, entry.link_target);
    kind = "symlink";
  } else {
    return make_error(ErrorCode::unsupported,
                      fmt::format("{}: cannot copy a device, socket or fifo", entry.path));
  }
  out.uid = m_uid;
  out.gid = m_gid;
  out.mtime = entry.mtime_ns / 1'000'000'000;
  std::string content;
  if (entry.type != ContextEntry::Type::directory) {
    auto digest = m_in.digests.digest(entry);
    if (!digest) return std::move(digest).error();
    content = digest->to_string();
  }
  ensure_parents(target);
  m_sources["source:" + entry.path] =
      fmt::format("{} {:o} {}:{} {} -> /{}", kind, out.mode, m_uid, m_gid, content, target);
  m_entries[target] = std::move(out);
  return {};
}

base::Status Planner::add_matches(const std::vector<const ContextEntry*>& matches,
                                  bool dest_is_dir) {
  for (const ContextEntry* match : matches) {
    if (match->type == ContextEntry::Type::directory || match->path.empty()) {
      // A directory source copies what is inside it, not the directory itself.
      std::string prefix = match->path.empty() ? "" : match->path + "/";
      if (!m_dest.empty() && !m_in.parent.is_directory(m_dest) && !m_entries.contains(m_dest)) {
        ensure_parents(m_dest);
        m_entries[m_dest] = layer::LayerEntry::directory(m_dest, 0755);
      }
      for (const ContextEntry& entry : m_in.context) {
        if (!entry.path.starts_with(prefix) || entry.path == match->path) continue;
        if (auto added = add_entry(entry, join_path(m_dest, entry.path.substr(prefix.size())));
            !added) {
          return added;
        }
      }
      continue;
    }
    std::string target = dest_is_dir ? join_path(m_dest, base_name(match->path)) : m_dest;
    if (auto added = add_entry(*match, target); !added) return added;
  }
  return {};
}

base::Result<CopyPlan> Planner::run() {
  const dockerfile::CopyInstruction& copy = m_in.copy;
  const char* keyword = copy.is_add ? "ADD" : "COPY";
  if (!copy.from.empty()) {
    return make_error(ErrorCode::unsupported,
                      fmt::format("{} --from is not supported yet", keyword));
  }
  if (!copy.chown.empty()) {
    std::string_view chown = copy.chown;
    size_t colon = chown.find(':');
    auto uid = parse_id(chown.substr(0, colon), "user");
    if (!uid) return std::move(uid).error();
    m_uid = m_gid = *uid;
    if (colon != std::string_view::npos) {
      auto gid = parse_id(chown.substr(colon + 1), "group");
      if (!gid) return std::move(gid).error();
      m_gid = *gid;
    }
  }
  if (!copy.chmod.empty()) {
    uint32_t mode = 0;
    auto [end, ec] =
        std::from_chars(copy.chmod.data(), copy.chmod.data() + copy.chmod.size(), mode, 8);
    if (ec != std::errc() || end != copy.chmod.data() + copy.chmod.size() || mode > 07777) {
      return make_error(ErrorCode::invalid_argument, fmt::format("invalid chmod {}", copy.chmod));
    }
    m_mode = mode;
  }

  std::string destination = copy.destination;
  bool dest_dir_syntax =
      destination.ends_with("/") || destination == "." || destination.ends_with("/.");
  if (destination.empty() || destination.front() != '/') {
    destination = m_in.working_dir + "/" + destination;
  }
  m_dest = layer_path_of(destination);

  std::vector<const ContextEntry*> matches;
  bool wildcard = false;
  for (const std::string& source : copy.sources) {
    if (copy.is_add && (source.starts_with("http://") || source.starts_with("https://") ||
                        source.starts_with("git@"))) {
      return make_error(ErrorCode::unsupported, "ADD from a URL is not supported yet");
    }
    auto relative = context_path(source);
    if (!relative) return std::move(relative).error();
    if (has_wildcard(*relative)) {
      wildcard = true;
      size_t before = matches.size();
      for (const ContextEntry& entry : m_in.context) {
        if (::fnmatch(relative->c_str(), entry.path.c_str(), FNM_PATHNAME) == 0) {
          matches.push_back(&entry);
        }
      }
      if (matches.size() == before) {
        return make_error(ErrorCode::not_found,
                          fmt::format("lstat {}: no source files were specified", source));
      }
      continue;
    }
    if (relative->empty()) {
      static const ContextEntry k_root{};
      matches.push_back(&k_root);
      continue;
    }
    const ContextEntry* entry = find(*relative);
    if (!entry) {
      return make_error(ErrorCode::not_found, fmt::format("\"/{}\": not found", *relative));
    }
    matches.push_back(entry);
  }
  size_t source_count = matches.size() + copy.inline_sources.size();
  bool several = source_count > 1 || (wildcard && source_count != 1);
  bool dest_is_dir = dest_dir_syntax || m_in.parent.is_directory(m_dest) || several;
  if (several && !dest_dir_syntax && !m_in.parent.is_directory(m_dest)) {
    return make_error(ErrorCode::invalid_argument,
                      fmt::format("When using {} with more than one source file, the destination "
                                  "must be a directory and end with a /",
                                  keyword));
  }
  if (auto added = add_matches(matches, dest_is_dir); !added) return std::move(added).error();
  for (const dockerfile::Heredoc& heredoc : copy.inline_sources) {
    std::string target = dest_is_dir ? join_path(m_dest, heredoc.name) : m_dest;
    layer::LayerEntry file =
        layer::LayerEntry::file(target, heredoc.content, m_mode.value_or(0644));
    file.uid = m_uid;
    file.gid = m_gid;
    ensure_parents(target);
    m_sources["source:<<" + heredoc.name] =
        fmt::format("file {:o} {}:{} {} -> /{}", file.mode, m_uid, m_gid,
                    base::Digest::of(heredoc.content).to_string(), target);
    m_entries[target] = std::move(file);
  }

  CopyPlan plan;
  plan.key_components.push_back({"destination", "/" + m_dest});
  for (auto& [target, entry] : m_entries) plan.entries.push_back(std::move(entry));
  for (auto& [name, value] : m_sources) plan.key_components.push_back({name, value});
  return plan;
}

}  // namespace

base::Result<CopyPlan> plan_copy(const CopyInputs& inputs) {
  return Planner(inputs).run();
}

}  // namespace strata::build
