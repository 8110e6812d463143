#include "pilot/repository.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <fmt/format.h>

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

Diagnostic s005(const std::string& file, Text message, Text hint) {
  Diagnostic d;
  d.rule = "S005";
  d.file = file;
  d.line = 1;
  d.column = 1;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

// A file found below a kind folder, before reading.
struct Candidate {
  Kind kind;
  std::string rel;
  fs::path path;  // what to open (a symlink's resolved target)
  std::optional<Diagnostic> refused;  // S005 without reading
};

bool is_record_name(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

bool inside(const fs::path& child, const fs::path& root) {
  auto r = root.native();
  auto c = child.native();
  return c.size() > r.size() && c.compare(0, r.size(), r) == 0 && c[r.size()] == '/';
}

void collect(const fs::path& root, const fs::path& canonical_root, Kind kind, std::vector<Candidate>& out) {
  fs::path dir = root / kind_folder(kind);
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    if (!is_record_name(entry.path())) continue;
    Candidate c{kind, entry.path().lexically_relative(root).generic_string(), entry.path(), std::nullopt};
    auto st = entry.symlink_status(ec);
    if (fs::is_symlink(st)) {
      std::error_code ec2;
      fs::path target = fs::canonical(entry.path(), ec2);
      if (ec2) {
        c.refused = s005(c.rel, {"符号链接循环或指向不存在的文件", "symlink loops or points to nothing"},
                         {"把链接换成真实文件", "replace the link with the real file"});
      } else if (!inside(target, canonical_root)) {
        c.refused = s005(c.rel, {"符号链接指向仓库之外", "symlink leads outside the repository"},
                         {"记录必须在仓库内：把文件复制进来", "records must live in the repository: copy the file in"});
      } else if (!fs::is_regular_file(fs::status(target, ec2))) {
        c.refused = s005(c.rel, {"符号链接指向的不是普通文件", "symlink does not point to a regular file"},
                         {"把链接换成真实文件", "replace the link with the real file"});
      } else {
        c.path = target;
      }
    } else if (fs::is_directory(st)) {
      continue;
    } else if (!fs::is_regular_file(st)) {
      c.refused = s005(c.rel, {"不是普通文件（例如管道或设备）", "not a regular file (a FIFO or a device?)"},
                       {"删除它，记录必须是普通文件", "remove it: records are regular files"});
    }
    out.push_back(std::move(c));
  }
}

// Reads a whole file without blocking on FIFOs and without exceeding the size limit.
std::optional<Diagnostic> read_file(const Candidate& c, std::string& bytes) {
  int fd = ::open(c.path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return s005(c.rel, {fmt::format("无法读取文件：{}", std::strerror(err)), fmt::format("cannot read the file: {}", std::strerror(err))},
                {err == EACCES ? "检查文件权限(chmod a+r)" : "检查文件是否存在且可读",
                 err == EACCES ? "check the file's permissions (chmod a+r)" : "check that the file exists and is readable"});
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return s005(c.rel, {"不是普通文件", "not a regular file"}, {"删除它，记录必须是普通文件", "remove it: records are regular files"});
  }
  if (static_cast<std::size_t>(st.st_size) > k_max_file_size) {
    ::close(fd);
    return s005(c.rel, {fmt::format("文件过大（{} 字节，上限 {} 字节）", st.st_size, k_max_file_size),
                        fmt::format("file is too large ({} bytes; the limit is {} bytes)", st.st_size, k_max_file_size)},
                {"一个记录只需要几 KB:检查是否误放了其他文件", "a record needs a few KB: check that this is the right file"});
  }
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  ::close(fd);
  return std::nullopt;
}

ParsedFile load_one(const Candidate& c) {
  if (c.refused) {
    ParsedFile p;
    p.kind = c.kind;
    p.file = c.rel;
    p.diagnostics.push_back(*c.refused);
    return p;
  }
  std::string bytes;
  if (auto problem = read_file(c, bytes)) {
    ParsedFile p;
    p.kind = c.kind;
    p.file = c.rel;
    p.diagnostics.push_back(*problem);
    return p;
  }
  return parse_record(c.kind, c.rel, bytes);
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
  std::visit(
      [&](auto&& rec) {
        using T = std::decay_t<decltype(rec)>;
        if constexpr (std::is_same_v<T, College>) repo.colleges.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Major>) repo.majors.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Certificate>) repo.certificates.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Pilot>) repo.pilots.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, QuotaChange>) repo.quota_changes.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Exam>) repo.exams.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Report>) repo.reports.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Site>) repo.sites.push_back(std::move(rec));
        else if constexpr (std::is_same_v<T, Fund>) repo.funds.push_back(std::move(rec));
      },
      std::move(*parsed.record));
}

fs::path find_repository(const std::optional<fs::path>& explicit_dir, const fs::path& start) {
  auto check = [](const fs::path& dir, const char* how) {
    std::error_code ec;
    if (!fs::is_regular_file(dir / "pilot.toml", ec)) {
      throw RepositoryNotFound(Text{fmt::format("没有找到试点数据仓库：{} 中没有 pilot.toml(来自 {})", dir.string(), how),
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
      fmt::format("没有找到试点数据仓库(pilot.toml),已查找：{};请用 --repo DIR 或 $PILOT_REPO 指定，或用 pilot init 新建", looked),
      fmt::format("no pilot repository found (no pilot.toml), looked in {}; use --repo DIR or $PILOT_REPO, or create one with `pilot init`", looked)});
}

Repository load_repository(const fs::path& root, const LoadOptions& options) {
  Repository repo;
  repo.root = root;
  repo.config = load_config(root / "pilot.toml");
  scan_config_security(repo.config, repo.load_diagnostics);

  std::error_code ec;
  fs::path canonical_root = fs::canonical(root, ec);
  if (ec) canonical_root = fs::absolute(root);
  std::vector<Candidate> candidates;
  for (Kind k : k_all_kinds) collect(root, canonical_root, k, candidates);
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.rel < b.rel; });

  std::vector<ParsedFile> parsed(candidates.size());
  unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, candidates.size() / 16)));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < candidates.size(); i = next++) {
      try {
        parsed[i] = load_one(candidates[i]);
      } catch (const std::exception& e) {  // e.g. out of memory on one file: report, go on
        parsed[i] = ParsedFile{candidates[i].kind, candidates[i].rel, std::nullopt,
                               {s005(candidates[i].rel, {std::string("无法读取：") + e.what(), std::string("cannot read: ") + e.what()},
                                     {"检查文件内容", "check the file's content"})}};
      }
    }
  };
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  for (auto& p : parsed) add_parsed(repo, std::move(p));
  repo.build_indexes();
  return repo;
}

}  // namespace pilot
