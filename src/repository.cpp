#include "pilot/repository.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "load/parse_files.hpp"
#include "load/walk.hpp"
#include "pilot/security.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

template <class T>
const T* lookup(const std::unordered_map<std::string, std::size_t>& index, const std::vector<T>& records,
                const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? nullptr : &records[it->second];
}

template <class T>
void index_records(std::unordered_map<std::string, std::size_t>& index, const std::vector<T>& records) {
  index.clear();
  index.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].id.valid) index.emplace(records[i].id.value, i);
  }
}

bool inside(const fs::path& child, const fs::path& root) {
  auto r = root.native();
  auto c = child.native();
  return c.size() > r.size() && c.compare(0, r.size(), r) == 0 && c[r.size()] == '/';
}

// Whether a plan path names a regular file inside root: relative, no '..' step, and (after
// following symlinks) still below the canonical root.
bool plan_file_inside(const fs::path& root, const std::string& plan) {
  if (root.empty() || plan.empty() || plan.front() == '/') return false;
  fs::path rel(plan);
  for (const auto& part : rel) {
    if (part == "..") return false;
  }
  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return false;
  fs::path target = fs::canonical(root / rel, ec);
  if (ec || !inside(target, canonical_root)) return false;
  return fs::is_regular_file(target, ec);
}

std::string stem_of(const std::string& rel) {
  auto slash = rel.rfind('/');
  std::string name = slash == std::string::npos ? rel : rel.substr(slash + 1);
  auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

// k_kind_records, AnyRecord and Kind list the kinds in one order.
template <std::size_t... I>
constexpr bool kinds_agree(std::index_sequence<I...>) {
  return ((std::is_same_v<std::remove_reference_t<decltype(std::declval<Repository&>().*std::get<I>(k_kind_records))>,
                          std::vector<std::variant_alternative_t<I, AnyRecord>>> &&
           k_all_kinds[I] == static_cast<Kind>(I)) &&
          ...);
}
static_assert(std::tuple_size_v<decltype(k_kind_records)> == std::size(k_all_kinds));
static_assert(std::variant_size_v<AnyRecord> == std::size(k_all_kinds));
static_assert(kinds_agree(std::make_index_sequence<std::size(k_all_kinds)>{}));

}  // namespace

const College* Repository::college(const std::string& id) const { return lookup(college_index, colleges, id); }
const Major* Repository::major(const std::string& id) const { return lookup(major_index, majors, id); }
const Certificate* Repository::certificate(const std::string& id) const {
  return lookup(certificate_index, certificates, id);
}
const Pilot* Repository::pilot(const std::string& id) const { return lookup(pilot_index, pilots, id); }
const Site* Repository::site(const std::string& id) const { return lookup(site_index, sites, id); }

bool Repository::knows(Kind kind, const std::string& id) const {
  bool found = false;
  switch (kind) {
    case Kind::college: found = college(id) != nullptr; break;
    case Kind::major: found = major(id) != nullptr; break;
    case Kind::certificate: found = certificate(id) != nullptr; break;
    case Kind::pilot: found = pilot(id) != nullptr; break;
    case Kind::site: found = site(id) != nullptr; break;
    default: break;
  }
  if (found) return true;
  auto it = unreadable_ids.find(kind);
  return it != unreadable_ids.end() && it->second.count(id) > 0;
}

void Repository::build_indexes() {
  index_records(college_index, colleges);
  index_records(major_index, majors);
  index_records(certificate_index, certificates);
  index_records(pilot_index, pilots);
  index_records(site_index, sites);
  plan_paths_present.clear();
  for (const auto& p : pilots) {
    if (p.plan.valid && plan_is_path(p.plan.value) && plan_file_inside(root, p.plan.value)) {
      plan_paths_present.insert(p.plan.value);
    }
  }
}

bool plan_is_path(std::string_view plan) {
  auto ends_with = [&](std::string_view suffix) {
    if (plan.size() < suffix.size()) return false;
    std::string tail(plan.substr(plan.size() - suffix.size()));
    for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == suffix;
  };
  return plan.find('/') != std::string_view::npos || ends_with(".pdf") || ends_with(".doc") || ends_with(".docx") ||
         ends_with(".md");
}

void add_parsed(Repository& repo, ParsedFile&& parsed) {
  ++repo.files_read;
  for (auto& d : parsed.diagnostics) repo.load_diagnostics.push_back(std::move(d));
  if (!parsed.record) {
    repo.unreadable_ids[parsed.kind].insert(stem_of(parsed.file));
    return;
  }
  std::visit([&](auto&& rec) { records_of<std::decay_t<decltype(rec)>>(repo).push_back(std::move(rec)); },
             std::move(*parsed.record));
}

void remove_file(Repository& repo, Kind kind, const std::string& rel) {
  std::size_t removed = 0;
  for_each_kind(repo, [&](auto& records) {
    removed += std::erase_if(records, [&](const auto& r) { return r.file == rel; });
  });
  std::size_t findings = std::erase_if(repo.load_diagnostics, [&](const Diagnostic& d) { return d.file == rel; });
  if (removed == 0 && findings > 0) {
    // It was a file that could not become a record.
    auto it = repo.unreadable_ids.find(kind);
    if (it != repo.unreadable_ids.end()) it->second.erase(stem_of(rel));
  }
  if ((removed > 0 || findings > 0) && repo.files_read > 0) --repo.files_read;
}

fs::path find_repository(const std::optional<fs::path>& explicit_dir, const fs::path& start) {
  auto check = [](const fs::path& dir, const char* how) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "pilot.toml", ec)) {
      throw RepositoryNotFound(Text{fmt::format("没有找到试点数据仓库：{} 中没有 pilot.toml（来自 {}）", dir.string(), how),
                                    fmt::format("no pilot repository found: {} has no pilot.toml (from {})", dir.string(), how)});
    }
    return fs::absolute(dir);
  };
  if (explicit_dir) return check(*explicit_dir, "--repo");
  if (const char* env = std::getenv("PILOT_REPO"); env != nullptr && env[0] != '\0') {
    return check(env, "$PILOT_REPO");
  }
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  std::string looked;
  while (true) {
    if (fs::is_regular_file(dir / "pilot.toml", ec)) return dir;
    looked += (looked.empty() ? "" : ", ") + dir.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  throw RepositoryNotFound(Text{
      fmt::format("没有找到试点数据仓库（pilot.toml），已查找：{}；请用 --repo DIR 或 $PILOT_REPO 指定，或用 pilot init 新建", looked),
      fmt::format("no pilot repository found (no pilot.toml), looked in {}; use --repo DIR or $PILOT_REPO, or create one with `pilot init`", looked)});
}

Repository load_repository(const fs::path& root, const LoadOptions& options) {
  Repository repo;
  repo.root = root;
  repo.config = load_config(root / "pilot.toml");
  scan_config_security(repo.config, repo.load_diagnostics);
  // The files of each entry of the root are parsed while the walk goes on to the next.
  load::ParallelParse parse(repo, load::read_from_disk, options.jobs);
  load::walk_disk(root, [&](load::Batch&& batch) { parse.add(std::move(batch)); });
  parse.finish();
  repo.build_indexes();
  return repo;
}

}  // namespace pilot
