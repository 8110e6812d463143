#include "workspace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "pilot/config.hpp"
#include "pilot/security.hpp"
#include "pilot/yaml.hpp"
#include "../load/walk.hpp"

namespace fs = std::filesystem;

namespace pilot::lsp {

namespace {

constexpr std::string_view k_config = "pilot.toml";

std::string stem_of(std::string_view rel) {
  std::string_view name = rel.substr(rel.rfind('/') + 1);
  return std::string(name.substr(0, name.rfind('.')));
}

// Reads at most `limit` bytes of a regular file; nullopt when it cannot be opened.
std::optional<std::string> read_prefix(const fs::path& path, std::size_t limit) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  std::string bytes(std::min(limit, static_cast<std::size_t>(st.st_size)), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(got);
  return bytes;
}

Diagnostic config_diagnostic(const ConfigError& e) {
  Diagnostic d;
  d.rule = "S007";
  d.severity = Severity::error;
  d.file = std::string(k_config);
  d.line = std::max(1, e.line);
  d.column = std::max(1, e.column);
  if (e.line == 0) {
    d.message = {fmt::format("无法读取 pilot.toml：{}；在修好之前不检查任何记录", e.what()),
                 fmt::format("cannot read pilot.toml: {}; no record is checked until it is fixed",
                             e.what())};
    d.hint = {"pilot.toml 必须是可读的普通文件，且不超过 1 MiB",
              "pilot.toml must be a readable regular file of at most 1 MiB"};
  } else {
    d.message = {fmt::format("无法解析 pilot.toml：{}", e.what()),
                 fmt::format("cannot parse pilot.toml: {}", e.what())};
    d.hint = {"对照 pilot init 生成的模板检查该行",
              "compare that line with the template `pilot init` writes"};
  }
  return d;
}

// Whether the last part of a path ends in .yaml or .yml, in any case, and is not hidden.
bool yaml_name(std::string_view rel) {
  std::string_view name = rel.substr(rel.rfind('/') + 1);
  if (name.empty() || name.front() == '.') return false;
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(name.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace

std::optional<fs::path> find_root_upwards(const fs::path& dir) {
  std::error_code ec;
  fs::path at = dir;
  for (int depth = 0; depth < 256 && !at.empty(); ++depth) {
    if (fs::is_regular_file(at / k_config, ec)) return at;
    if (!at.has_parent_path() || at.parent_path() == at) break;
    at = at.parent_path();
  }
  return std::nullopt;
}

std::optional<Kind> record_kind(std::string_view rel) {
  auto slash = rel.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view folder = rel.substr(0, slash);
  std::optional<Kind> kind;
  for (Kind k : k_all_kinds) {
    if (folder == kind_folder(k)) kind = k;
  }
  if (!kind) return std::nullopt;
  std::string_view rest = rel;
  while (!rest.empty()) {
    auto next = rest.find('/');
    std::string_view part = rest.substr(0, next);
    if (part.empty() || part.front() == '.') return std::nullopt;  // hidden from the walk
    rest.remove_prefix(next == std::string_view::npos ? rest.size() : next + 1);
    if (next != std::string_view::npos && rest.empty()) return std::nullopt;  // ends in '/'
  }
  std::string_view name = rel.substr(rel.rfind('/') + 1);
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string_view ext = name.substr(dot);
  if (ext != ".yaml" && ext != ".yml") return std::nullopt;
  return kind;
}

void replace_file(Repository& repo, std::map<std::string, Kind>& unreadable, Kind kind,
                  const std::string& rel, std::optional<ParsedFile> parsed) {
  with_kind(repo, kind, [&](auto& records) {
    auto at = std::lower_bound(records.begin(), records.end(), rel,
                               [](const auto& r, const std::string& f) { return r.file < f; });
    auto end = at;
    while (end != records.end() && end->file == rel) ++end;
    records.erase(at, end);
  });
  std::erase_if(repo.load_diagnostics, [&](const Diagnostic& d) { return d.file == rel; });
  if (unreadable.erase(rel) > 0) {
    std::string stem = stem_of(rel);
    bool other = std::any_of(unreadable.begin(), unreadable.end(), [&](const auto& entry) {
      return entry.second == kind && stem_of(entry.first) == stem;
    });
    if (!other) repo.unreadable_ids[kind].erase(stem);
  }
  if (!parsed) return;
  // What the walk says of the file before it is read (S006 for a .yml name, ...), as a load does.
  load::Found placed;
  if (load::place_entry(std::string(rel), load::EntryType::file, std::string(), placed) ==
      load::Verdict::found) {
    for (auto& d : placed.findings) repo.load_diagnostics.push_back(std::move(d));
  }
  for (auto& d : parsed->diagnostics) repo.load_diagnostics.push_back(std::move(d));
  if (!parsed->record) {
    unreadable[rel] = kind;
    repo.unreadable_ids[kind].insert(stem_of(rel));
    return;
  }
  std::visit(
      [&](auto&& record) {
        auto& records = records_of<std::decay_t<decltype(record)>>(repo);
        auto at = std::lower_bound(records.begin(), records.end(), rel,
                                   [](const auto& r, const std::string& f) { return r.file < f; });
        records.insert(at, std::move(record));
      },
      std::move(*parsed->record));
}

Workspace::Workspace(fs::path root, unsigned jobs) : root_(std::move(root)), jobs_(jobs) {
  repo_.root = root_;
  reload();
}

std::optional<std::string> Workspace::relative(const std::string& absolute) const {
  auto strip = [](const std::string& path, const std::string& base) -> std::optional<std::string> {
    if (path.size() <= base.size() + 1 || path.compare(0, base.size(), base) != 0 ||
        path[base.size()] != '/') {
      return std::nullopt;
    }
    return path.substr(base.size() + 1);
  };
  fs::path abs = fs::path(absolute).lexically_normal();
  if (auto rel = strip(abs.string(), root_.string())) return rel;
  // The editor may name the folder through a symlink, or the root may be one.
  std::error_code ec;
  fs::path canonical_root = fs::weakly_canonical(root_, ec);
  if (ec) return std::nullopt;
  fs::path canonical = fs::weakly_canonical(abs, ec);
  if (ec) return std::nullopt;
  return strip(canonical.string(), canonical_root.string());
}

void Workspace::index_unreadable() {
  unreadable_.clear();
  for (const auto& d : repo_.load_diagnostics) {
    auto kind = record_kind(d.file);
    if (!kind || unreadable_.count(d.file) > 0) continue;
    bool has_record = false;
    with_kind(repo_, *kind, [&](const auto& records) {
      auto at = std::lower_bound(records.begin(), records.end(), d.file,
                                 [](const auto& r, const std::string& f) { return r.file < f; });
      has_record = at != records.end() && at->file == d.file;
    });
    if (!has_record) unreadable_[d.file] = *kind;
  }
}

void Workspace::reload() {
  dirty_ = true;
  ++loads_;
  try {
    Repository fresh = load_repository(root_, LoadOptions{jobs_});
    repo_ = std::move(fresh);
    records_loaded_ = true;
    config_problem_.reset();
  } catch (const ConfigError& e) {
    config_problem_ = config_diagnostic(e);
    if (!records_loaded_) {
      repo_ = Repository{};
      repo_.root = root_;
    }
  } catch (const std::exception& e) {  // e.g. the root cannot be read any more
    config_problem_ = config_diagnostic(ConfigError(e.what(), 0, 0));
    if (!records_loaded_) {
      repo_ = Repository{};
      repo_.root = root_;
    }
  }
  index_unreadable();
  for (const auto& [rel, text] : buffers_) apply_text(rel, text);
  repo_.build_indexes();
}

void Workspace::apply_config(std::string_view text) {
  try {
    Config config = parse_config(text);
    if (!records_loaded_) return;  // the problem of pilot.toml on disk stands until it is saved
    repo_.config = std::move(config);
    config_problem_.reset();
    std::erase_if(repo_.load_diagnostics, [](const Diagnostic& d) { return d.file == k_config; });
    scan_config_security(repo_.config, repo_.load_diagnostics);
  } catch (const ConfigError& e) {
    config_problem_ = config_diagnostic(e);
  }
}

void Workspace::apply_text(const std::string& rel, std::string_view text) {
  if (rel == k_config) {
    apply_config(text);
    return;
  }
  if (!records_loaded_) return;
  if (auto kind = record_kind(rel))
    replace_file(repo_, unreadable_, *kind, rel, parse_record(*kind, rel, text));
}

void Workspace::set_buffer(const std::string& rel, std::string text) {
  apply_text(rel, text);
  buffers_[rel] = std::move(text);
  repo_.build_indexes();
  dirty_ = true;
}

const std::string* Workspace::buffer(const std::string& rel) const {
  auto it = buffers_.find(rel);
  return it == buffers_.end() ? nullptr : &it->second;
}

void Workspace::close_buffer(const std::string& rel) {
  if (buffers_.erase(rel) == 0) return;
  apply_disk(rel);
  repo_.build_indexes();
  dirty_ = true;
}

void Workspace::apply_disk(const std::string& rel) {
  fs::path path = root_ / rel;
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  int lstat_error = exists ? 0 : errno;
  if (rel == k_config) {
    if (!records_loaded_) {
      reload();
      return;
    }
    std::optional<std::string> text;
    if (exists && S_ISREG(st.st_mode) &&
        static_cast<std::size_t>(st.st_size) <= k_max_config_size) {
      text = read_prefix(path, k_max_config_size);
    }
    if (text) {
      apply_config(*text);
    } else {
      reload();  // gone, not a regular file, too large: say it as a load does
    }
    return;
  }
  auto kind = record_kind(rel);
  if (!kind) {
    // A YAML file that is no record is a finding of the walk (S006: "did you mean funds/?"),
    // which only a load makes. A folder created, deleted, moved or linked below a kind folder
    // moves records with it. Any other file (an editor's backup, a scan) changes nothing.
    if (yaml_name(rel)) {
      reload();
    } else if (record_kind(rel + "/x.yaml") &&
               (exists ? S_ISDIR(st.st_mode) || S_ISLNK(st.st_mode) : holds_files(rel))) {
      reload();
    }
    return;
  }
  if (!records_loaded_) return;
  if (!exists) {
    if (lstat_error == ENOENT || lstat_error == ENOTDIR) {
      replace_file(repo_, unreadable_, *kind, rel, std::nullopt);
    } else {
      reload();
    }
    return;
  }
  if (!S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) > k_max_file_size) {
    reload();  // symlink, folder, FIFO, too large: the loader words each
    return;
  }
  std::optional<std::string> bytes = read_prefix(path, k_max_file_size);
  if (!bytes) {
    reload();  // unreadable (permissions): the loader words it
    return;
  }
  replace_file(repo_, unreadable_, *kind, rel, parse_record(*kind, rel, *bytes));
}

bool Workspace::holds_files(const std::string& folder) const {
  std::string prefix = folder + "/";
  auto below = [&](const std::string& file) { return file.compare(0, prefix.size(), prefix) == 0; };
  bool found = false;
  auto scan = [&](const auto& records) {
    for (const auto& r : records) found = found || below(r.file);
  };
  for_each_kind(repo_, scan);
  for (const auto& d : repo_.load_diagnostics) found = found || below(d.file);
  return found;
}

void Workspace::disk_changed(const std::string& rel) {
  dirty_ = true;  // even a file that is no record may be a pilot's plan (R306)
  if (buffers_.count(rel) > 0) {
    repo_.build_indexes();
    return;
  }
  apply_disk(rel);
  repo_.build_indexes();
}

void Workspace::saved(const std::string& rel) {
  if (rel == k_config && !records_loaded_) reload();
}

const Analysis& Workspace::analyze(const Date& as_of) {
  if (!dirty_ && analyzed_as_of_ == as_of) return analysis_;
  AnalyzeOptions options;
  options.as_of = as_of;
  if (records_loaded_) {
    analysis_ = pilot::analyze(repo_, options);
  } else {
    analysis_ = Analysis{};
  }
  if (config_problem_) {
    analysis_.diagnostics.push_back(*config_problem_);
    ++analysis_.errors;
    sort_diagnostics(analysis_.diagnostics);
  }
  dirty_ = false;
  analyzed_as_of_ = as_of;
  ++runs_;
  return analysis_;
}

std::optional<std::string> Workspace::text(const std::string& rel) const {
  if (const std::string* b = buffer(rel)) return *b;
  auto bytes = read_prefix(root_ / rel, k_max_file_size);
  if (bytes && bytes->compare(0, 3, "\xEF\xBB\xBF") == 0) bytes->erase(0, 3);
  return bytes;
}

}  // namespace pilot::lsp
