// The repository as it was in a git commit, read from git objects (never from the work tree),
// and the merge base a change is compared with.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "git.hpp"
#include "parse_files.hpp"
#include "pilot/changes.hpp"
#include "pilot/security.hpp"
#include "pilot/yaml.hpp"
#include "walk.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

using load::GitRun;
using load::run_git;

GitRun git_or_fail(const fs::path& root, const std::vector<std::string>& args,
                   std::string_view input = {},
                   const std::function<void(std::string_view)>& sink = nullptr) {
  GitRun r = run_git(root, args, input, sink);
  if (!r.started) {
    throw GitError({"需要 git，但找不到 git 命令：请安装 git（apt-get install git）",
                    "git is needed, and no git command was found: install git (apt-get install git)"});
  }
  return r;
}

[[noreturn]] void git_failed(const GitRun& r) {
  std::string why = load::first_line(r.err);
  throw GitError({fmt::format("git 出错：{}", why), fmt::format("git failed: {}", why)});
}

// The commit a revision names; GitError when it names none.
std::string commit_of(const fs::path& root, const std::string& rev) {
  if (rev.empty() || rev.front() == '-') {
    throw GitError({fmt::format("需要一个 git 版本（提交、分支或标签），而不是 “{}”", rev),
                    fmt::format("a git revision (a commit, branch or tag) is needed, not \"{}\"", rev)});
  }
  GitRun r = git_or_fail(root, {"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"});
  std::string sha = load::first_line(r.out);
  if (r.exit_code != 0 || sha.empty()) {
    throw GitError({fmt::format("git 中没有版本 “{}”；检查拼写，或先 git fetch 取得该分支", rev),
                    fmt::format("git knows no revision \"{}\"; check the spelling, or git fetch that "
                                "branch first",
                                rev)});
  }
  return sha;
}

// ------------------------------------------------------------------ the tree of a commit

enum class Mode { file, link, other };  // 100644/100755, 120000, anything else (submodules)

struct TreeEntry {
  Mode mode = Mode::other;
  std::string id;   // the blob
  std::string rel;  // relative to the repository's root
};

bool is_link(const TreeEntry& e) { return e.mode == Mode::link; }
bool is_blob_file(const TreeEntry& e) { return e.mode == Mode::file; }

// `git ls-tree -r -z` output: "<mode> <type> <id>\t<path>\0" per file, in path order.
std::vector<TreeEntry> parse_tree(std::string_view out) {
  std::vector<TreeEntry> entries;
  while (!out.empty()) {
    std::string_view line = out.substr(0, out.find('\0'));
    out.remove_prefix(std::min(out.size(), line.size() + 1));
    auto tab = line.find('\t');
    auto sp1 = line.find(' ');
    auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (tab == std::string_view::npos || sp2 == std::string_view::npos || sp2 > tab) continue;
    std::string_view mode = line.substr(0, sp1);
    TreeEntry& e = entries.emplace_back();
    e.mode = mode == "100644" || mode == "100755" ? Mode::file : mode == "120000" ? Mode::link : Mode::other;
    e.id = line.substr(sp2 + 1, tab - sp2 - 1);
    e.rel = line.substr(tab + 1);
  }
  auto by_path = [](const TreeEntry& a, const TreeEntry& b) { return a.rel < b.rel; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_path)) std::sort(entries.begin(), entries.end(), by_path);
  return entries;
}

const TreeEntry* find_entry(const std::vector<TreeEntry>& tree, std::string_view rel) {
  auto it = std::lower_bound(tree.begin(), tree.end(), rel,
                             [](const TreeEntry& e, std::string_view r) { return e.rel < r; });
  return it != tree.end() && it->rel == rel ? &*it : nullptr;
}

bool is_folder(const std::vector<TreeEntry>& tree, const std::string& rel) {
  if (rel.empty()) return true;
  std::string prefix = rel + "/";
  auto it = std::lower_bound(tree.begin(), tree.end(), prefix,
                             [](const TreeEntry& e, const std::string& p) { return e.rel < p; });
  return it != tree.end() && it->rel.compare(0, prefix.size(), prefix) == 0;
}

// Blobs fetched with one `git cat-file --batch`: the contents of those within `limit` bytes,
// the size of every one (a larger blob is skipped as it streams by, never held).
struct Blobs {
  std::vector<std::string> contents;
  std::vector<std::size_t> sizes;
  std::vector<char> found;
};

Blobs fetch_blobs(const fs::path& root, const std::vector<std::string>& ids, std::size_t limit) {
  Blobs blobs;
  blobs.contents.resize(ids.size());
  blobs.sizes.resize(ids.size());
  blobs.found.resize(ids.size());
  if (ids.empty()) return blobs;
  std::string input;
  for (const auto& id : ids) input += id + "\n";
  // The output, for each id in turn: "<id> <type> <size>\n<bytes>\n", or "<id> missing\n".
  std::size_t at = 0;          // the blob being read
  std::string header;          // its header line, while incomplete
  std::size_t remaining = 0;   // its bytes still to come, then its "\n"
  bool in_body = false;
  auto sink = [&](std::string_view piece) {
    while (!piece.empty() && at < ids.size()) {
      if (!in_body) {
        auto nl = piece.find('\n');
        header.append(piece.substr(0, nl));
        if (nl == std::string_view::npos) return;
        piece.remove_prefix(nl + 1);
        auto last = header.rfind(' ');
        if (header.size() >= 8 && header.compare(header.size() - 8, 8, " missing") == 0) {
          ++at;
        } else if (last != std::string::npos) {
          std::size_t size = std::strtoull(header.c_str() + last + 1, nullptr, 10);
          blobs.sizes[at] = size;
          blobs.found[at] = 1;
          if (size <= limit) blobs.contents[at].reserve(size);
          remaining = size + 1;
          in_body = true;
        }
        header.clear();
        continue;
      }
      std::size_t take = std::min(remaining, piece.size());
      std::size_t body = std::min(take, remaining - 1);  // without the closing "\n"
      if (blobs.sizes[at] <= limit) blobs.contents[at].append(piece.substr(0, body));
      remaining -= take;
      piece.remove_prefix(take);
      if (remaining == 0) {
        in_body = false;
        ++at;
      }
    }
  };
  GitRun r = git_or_fail(root, {"cat-file", "--batch"}, input, sink);
  if (r.exit_code != 0) git_failed(r);
  return blobs;
}

// ------------------------------------------------------------------ symlinks inside the tree

std::vector<std::string> components(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

std::string joined(const std::vector<std::string>& dir, std::string_view name) {
  std::string out;
  for (const auto& d : dir) out += d + "/";
  return out + std::string(name);
}

// What a symlink whose target leaves the repository's folder is, judged on the file system as
// walk_disk judges it (the world outside the repository is not in git).
load::EntryType outside_type(const fs::path& path) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) return load::EntryType::link_loops;
  if (fs::is_directory(target, ec)) return load::EntryType::link_to_folder;
  return load::EntryType::link_outside;
}

// Resolves the symlink `link` inside the commit's tree, component by component (a link in
// the middle of a path is followed too, at most 40 in all, as the kernel does), the way
// walk_disk resolves one on disk. For a file, `blob` is set to the file's id.
load::EntryType resolve_link(const std::vector<TreeEntry>& tree,
                             const std::unordered_map<std::string, std::string>& targets,
                             const TreeEntry& link, const fs::path& root_on_disk, std::string& blob) {
  std::vector<std::string> dir = components(link.rel);
  dir.pop_back();
  std::deque<std::string> todo;
  int hops = 0;
  // Queues a link's target, relative to `dir`; an absolute one restarts at the disk's root.
  auto follow = [&](const std::string& target) -> std::optional<load::EntryType> {
    if (++hops > 40 || target.empty()) return load::EntryType::link_loops;
    std::vector<std::string> parts = components(target);
    if (target.front() == '/') {
      fs::path absolute = fs::path(target).lexically_normal();
      fs::path rel = absolute.lexically_relative(root_on_disk);
      if (rel.empty() || *rel.begin() == "..") return outside_type(absolute);
      dir.clear();
      parts = components(rel.generic_string());
    }
    todo.insert(todo.begin(), parts.begin(), parts.end());
    return std::nullopt;
  };
  if (auto t = follow(targets.at(link.id))) return *t;
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (dir.empty()) {  // leaves the repository's folder
        fs::path outside = root_on_disk.parent_path();
        for (const auto& p : todo) outside /= p;
        return outside_type(outside.lexically_normal());
      }
      dir.pop_back();
      continue;
    }
    std::string path = joined(dir, part);
    if (const TreeEntry* e = find_entry(tree, path)) {
      if (is_link(*e)) {
        if (auto t = follow(targets.at(e->id))) return *t;
        continue;
      }
      if (!is_blob_file(*e)) {  // a submodule: a folder with nothing of this repository in it
        dir.push_back(part);
        continue;
      }
      bool rest = std::any_of(todo.begin(), todo.end(), [](const auto& p) { return !p.empty() && p != "."; });
      if (rest) return load::EntryType::link_loops;  // a file used as a folder
      blob = e->id;
      return load::EntryType::file;
    }
    if (!is_folder(tree, path)) return load::EntryType::link_loops;
    dir.push_back(part);
  }
  return load::EntryType::link_to_folder;
}

}  // namespace

std::string git_prefix(const fs::path& root) {
  GitRun r = run_git(root, {"rev-parse", "--show-prefix"});
  if (!r.started || r.exit_code != 0) return "";
  std::string prefix = r.out;
  while (!prefix.empty() && (prefix.back() == '\n' || prefix.back() == '\r')) prefix.pop_back();
  return prefix;
}

std::string merge_base(const fs::path& root, const std::string& rev) {
  GitRun inside = git_or_fail(root, {"rev-parse", "--is-inside-work-tree"});
  if (inside.exit_code != 0 || load::first_line(inside.out) != "true") {
    std::string why = load::first_line(inside.err);
    throw GitError({fmt::format("{} 不在 git 工作区中（git 说：{}）", root.string(), why),
                    fmt::format("{} is not inside a git work tree (git says: {})", root.string(), why)});
  }
  std::string a = rev, b = "HEAD";
  if (auto dots = rev.find("..."); dots != std::string::npos) {
    a = rev.substr(0, dots);
    b = rev.substr(dots + 3);
    if (a.empty()) a = "HEAD";
    if (b.empty()) b = "HEAD";
  }
  std::string sa = commit_of(root, a), sb = commit_of(root, b);
  GitRun r = git_or_fail(root, {"merge-base", sa, sb});
  std::string base = load::first_line(r.out);
  if (r.exit_code == 1 && base.empty()) {
    throw GitError({fmt::format("“{}” 与 “{}” 没有共同的祖先（merge base）；浅克隆中先 git fetch "
                                "--unshallow，或加大 fetch 深度",
                                a, b),
                    fmt::format("\"{}\" and \"{}\" have no common ancestor (merge base); in a "
                                "shallow clone, git fetch --unshallow or fetch deeper first",
                                a, b)});
  }
  if (r.exit_code != 0 || base.empty()) git_failed(r);
  return base;
}

std::optional<Repository> load_repository_at(const fs::path& root, const std::string& commit,
                                             Repository* donor, const LoadOptions& options) {
  std::string prefix = git_prefix(root);
  if (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  GitRun ls = git_or_fail(root, {"ls-tree", "-r", "-z", "--full-tree", commit + ":" + prefix});
  if (ls.exit_code != 0) return std::nullopt;  // the repository's folder is not in the commit
  std::vector<TreeEntry> tree = parse_tree(ls.out);
  std::string().swap(ls.out);
  const TreeEntry* toml = find_entry(tree, "pilot.toml");
  if (toml == nullptr || !is_blob_file(*toml)) return std::nullopt;

  // The files that differ between the commit and the work tree (tracked ones; the others are
  // not in the commit anyway), relative to root.
  std::unordered_set<std::string> changed;
  if (donor != nullptr) {
    GitRun diff = git_or_fail(root, {"diff", "--name-only", "-z", "--no-renames", "--relative", commit, "--"});
    if (diff.exit_code != 0) git_failed(diff);
    for (auto& p : load::split_nul(diff.out)) changed.insert(std::move(p));
  }

  // First pilot.toml and the targets of symlinks.
  std::vector<std::string> first_ids{toml->id};
  for (const auto& e : tree) {
    if (is_link(e)) first_ids.push_back(e.id);
  }
  Blobs first = fetch_blobs(root, first_ids, k_max_config_size);
  if (!first.found[0] || first.sizes[0] > k_max_config_size) return std::nullopt;
  Repository repo;
  try {
    repo.config = parse_config(first.contents[0]);
  } catch (const ConfigError&) {
    return std::nullopt;  // nothing to compare with
  }
  scan_config_security(repo.config, repo.load_diagnostics);
  std::unordered_map<std::string, std::string> targets;
  for (std::size_t i = 1; i < first_ids.size(); ++i) targets[first_ids[i]] = std::move(first.contents[i]);

  std::error_code ec;
  fs::path root_on_disk = fs::absolute(root, ec).lexically_normal();
  if (!root_on_disk.empty() && !root_on_disk.has_filename()) root_on_disk = root_on_disk.parent_path();

  // The walk's decisions over the tree; each record file is either taken from `donor` or read
  // from its blob. tag: an index into `sources`.
  struct Source {
    bool donated = false;
    Kind kind = Kind::college;
    std::size_t record = SIZE_MAX;            // donated: the index of its record in donor, if any
    std::vector<Diagnostic*> findings;        // donated: its load findings
    std::size_t blob = SIZE_MAX;              // read: the index of its blob in `ids`
  };
  std::unordered_map<std::string_view, std::vector<Diagnostic*>> donor_findings;
  if (donor != nullptr) {
    for (auto& d : donor->load_diagnostics) donor_findings[d.file].push_back(&d);
  }
  std::array<std::size_t, std::size(k_all_kinds)> next_record{};  // per kind, in donor
  std::vector<Source> sources;
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::size_t> id_index;
  load::Batch batch;
  for (const TreeEntry& e : tree) {
    if (load::is_hidden(e.rel) || e.rel.find("/.") != std::string::npos) continue;
    load::EntryType type = load::EntryType::file;
    std::string blob = e.id;
    if (is_link(e)) {
      type = resolve_link(tree, targets, e, root_on_disk, blob);
    } else if (!is_blob_file(e)) {
      continue;  // a submodule: its files are not in this repository
    }
    load::Found found;
    std::string rel = e.rel;
    if (load::place_entry(std::move(rel), type, std::move(blob), found) != load::Verdict::found) continue;
    if (found.kind && found.readable) {
      Source s;
      s.kind = *found.kind;
      std::size_t k = static_cast<std::size_t>(s.kind);
      if (donor != nullptr && !is_link(e) && changed.count(found.rel) == 0) {
        // donor's records of this kind are in path order, as the tree is.
        with_kind(*donor, s.kind, [&](const auto& records) {
          while (next_record[k] < records.size() && records[next_record[k]].file < found.rel) ++next_record[k];
          if (next_record[k] < records.size() && records[next_record[k]].file == found.rel) s.record = next_record[k];
        });
        if (auto it = donor_findings.find(found.rel); it != donor_findings.end()) s.findings = it->second;
        s.donated = s.record != SIZE_MAX || !s.findings.empty();
      }
      if (!s.donated) {
        auto [it, added] = id_index.emplace(found.source, ids.size());
        if (added) ids.push_back(found.source);
        s.blob = it->second;
      }
      found.tag = sources.size();
      sources.push_back(std::move(s));
    }
    batch.push_back(std::move(found));
  }
  Blobs blobs = fetch_blobs(root, ids, k_max_file_size);

  auto read = [&](const load::Found& file, std::string&) -> ParsedFile {
    const Source& s = sources[file.tag];
    if (s.donated) {  // each donated record and finding is moved out by one thread only
      ParsedFile p;
      p.kind = s.kind;
      p.file = file.rel;
      if (s.record != SIZE_MAX) {
        with_kind(*donor, s.kind, [&](auto& records) { p.record.emplace(std::move(records[s.record])); });
      }
      for (Diagnostic* d : s.findings) p.diagnostics.push_back(std::move(*d));
      return p;
    }
    if (!blobs.found[s.blob]) {
      return load::without_record(file, load::s005(file.rel, {"git 中缺少这个文件的对象", "git lacks this file's object"},
                                                   {"git fetch 取得完整历史", "git fetch the full history"}));
    }
    if (blobs.sizes[s.blob] > k_max_file_size) return load::without_record(file, load::too_large(file.rel, blobs.sizes[s.blob]));
    return load::parse_found(file, blobs.contents[s.blob]);
  };
  load::ParallelParse parse(repo, read, options.jobs);
  parse.add(std::move(batch));
  parse.finish();
  repo.build_indexes();  // root is empty: plans are looked up in the tree below

  for (const auto& p : repo.pilots) {
    if (!p.plan.valid || !plan_is_path(p.plan.value) || p.plan.value.front() == '/') continue;
    fs::path rel(p.plan.value);
    if (std::any_of(rel.begin(), rel.end(), [](const fs::path& part) { return part == ".."; })) continue;
    std::string path = rel.lexically_normal().generic_string();
    const TreeEntry* e = find_entry(tree, path);
    std::string blob;
    bool present = e != nullptr && (is_blob_file(*e) ||
                                    (is_link(*e) && resolve_link(tree, targets, *e, root_on_disk, blob) ==
                                                        load::EntryType::file));
    if (present) repo.plan_paths_present.insert(p.plan.value);
  }
  repo.root = root;
  return repo;
}

}  // namespace pilot
