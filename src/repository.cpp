#include "pilot/repository.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <system_error>
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
  std::string rel;   // relative to root, '/'-separated
  std::string path;  // what to open: the entry's path, or a symlink's resolved target
  std::unique_ptr<Diagnostic> refused;  // S005 without reading
};

// Whether a file name has the extension .yaml or .yml (as fs::path::extension() sees it: a
// leading dot does not start an extension).
bool is_record_name(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view ext = name.substr(dot);
  return ext == ".yaml" || ext == ".yml";
}

bool inside(const fs::path& child, const fs::path& root) {
  auto r = root.native();
  auto c = child.native();
  return c.size() > r.size() && c.compare(0, r.size(), r) == 0 && c[r.size()] == '/';
}

// One folder's entries: names and types (the listing's d_type, or lstat where the file system
// does not give it; DT_UNKNOWN when even that fails). `error` is 0, or the errno that stopped
// the listing (then the entries read so far are kept).
struct Listing {
  std::vector<std::pair<std::string, unsigned char>> entries;
  int error = 0;
};

Listing list_folder(const std::string& dir) {
  Listing listing;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    listing.error = errno;
    return listing;
  }
  while (true) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (e == nullptr) {
      listing.error = errno;
      break;
    }
    std::string_view name(e->d_name);
    if (name == "." || name == "..") continue;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {
      struct stat st {};
      if (::lstat((dir + "/" + std::string(name)).c_str(), &st) == 0) type = static_cast<unsigned char>(IFTODT(st.st_mode));
    }
    listing.entries.emplace_back(name, type);
  }
  ::closedir(d);
  return listing;
}

// Every *.yaml / *.yml below root/<kind folder>, in path order (each folder's entries sorted as
// their paths sort: a folder's name counts with its '/'), one folder open at a time and no
// recursion (a deep tree cannot run out of file descriptors or stack). A folder that cannot be
// listed is S005 at the folder: its records would otherwise be missed without a word.
// Symlinked folders are not followed; a file's type comes from the listing (no stat per file,
// except to resolve symlinks); paths are plain strings.
void collect(const fs::path& root, const fs::path& canonical_root, Kind kind, std::vector<Candidate>& out) {
  fs::path top = root / kind_folder(kind);
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(top, ec))) return;
  const std::size_t first = out.size();
  auto unlisted = [&](const std::string& dir, const std::string& rel, int err) {
    std::error_code why(err, std::generic_category());
    out.push_back(Candidate{kind, rel, dir, std::make_unique<Diagnostic>(s005(
        rel, {fmt::format("无法读取文件夹：{}；其中的记录没有检查", why.message()),
              fmt::format("cannot read the folder: {}; the records in it were not checked", why.message())},
        {err == EACCES ? "检查文件夹权限（chmod a+rx）" : "检查文件夹是否完好、可读",
         err == EACCES ? "check the folder's permissions (chmod a+rx)" : "check that the folder is intact and readable"}))});
  };
  // Entries still to visit, the next one last: (path, relative path, type).
  struct Pending {
    std::string path, rel;
    unsigned char type;
  };
  std::vector<Pending> pending{{top.native(), kind_folder(kind), DT_DIR}};
  while (!pending.empty()) {
    Pending item = std::move(pending.back());
    pending.pop_back();
    if (item.type == DT_DIR) {
      Listing listing = list_folder(item.path);
      auto& entries = listing.entries;
      for (auto& [name, type] : entries) {
        if (type == DT_DIR) name.push_back('/');  // sorts as the paths below it do
      }
      std::sort(entries.begin(), entries.end(), std::greater<>());
      for (auto& [name, type] : entries) {
        if (type == DT_DIR) name.pop_back();
        pending.push_back({item.path + "/" + name, item.rel + "/" + name, type});
      }
      if (listing.error != 0) unlisted(item.path, item.rel, listing.error);
      continue;
    }
    auto slash = item.rel.rfind('/');
    if (!is_record_name(std::string_view(item.rel).substr(slash + 1))) continue;
    Candidate c{kind, std::move(item.rel), std::move(item.path), nullptr};
    if (item.type == DT_LNK) {
      std::error_code ec2;
      fs::path target = fs::canonical(c.path, ec2);
      if (ec2) {
        c.refused = std::make_unique<Diagnostic>(
            s005(c.rel, {"符号链接循环或指向不存在的文件", "symlink loops or points to nothing"},
                 {"把链接换成真实文件", "replace the link with the real file"}));
      } else if (!inside(target, canonical_root)) {
        c.refused = std::make_unique<Diagnostic>(
            s005(c.rel, {"符号链接指向仓库之外", "symlink leads outside the repository"},
                 {"记录必须在仓库内：把文件复制进来", "records must live in the repository: copy the file in"}));
      } else if (!fs::is_regular_file(fs::status(target, ec2))) {
        c.refused = std::make_unique<Diagnostic>(
            s005(c.rel, {"符号链接指向的不是普通文件", "symlink does not point to a regular file"},
                 {"把链接换成真实文件", "replace the link with the real file"}));
      } else {
        c.path = target.native();
      }
    } else if (item.type != DT_REG) {
      c.refused = std::make_unique<Diagnostic>(
          s005(c.rel, {"不是普通文件（例如管道或设备）", "not a regular file (a FIFO or a device?)"},
               {"删除它，记录必须是普通文件", "remove it: records are regular files"}));
    }
    out.push_back(std::move(c));
  }
  // Only a folder that could not be listed ("x" before "x.yaml" as a path, after it as "x/")
  // can stand out of order.
  auto by_path = [](const Candidate& a, const Candidate& b) { return a.rel < b.rel; };
  if (!std::is_sorted(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), by_path)) {
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), by_path);
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

// Reads and parses one candidate; `bytes` is the calling thread's buffer, reused file after file.
ParsedFile load_one(const Candidate& c, std::string& bytes) {
  if (c.refused) {
    ParsedFile p;
    p.kind = c.kind;
    p.file = c.rel;
    p.diagnostics.push_back(*c.refused);
    return p;
  }
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

// The records of type T in a repository.
template <class T>
std::vector<T>& records_of(Repository& repo) {
  if constexpr (std::is_same_v<T, College>) return repo.colleges;
  else if constexpr (std::is_same_v<T, Major>) return repo.majors;
  else if constexpr (std::is_same_v<T, Certificate>) return repo.certificates;
  else if constexpr (std::is_same_v<T, Pilot>) return repo.pilots;
  else if constexpr (std::is_same_v<T, QuotaChange>) return repo.quota_changes;
  else if constexpr (std::is_same_v<T, Exam>) return repo.exams;
  else if constexpr (std::is_same_v<T, Report>) return repo.reports;
  else if constexpr (std::is_same_v<T, Site>) return repo.sites;
  else return repo.funds;
}

// Calls f with the vector of records of kind k.
template <class F>
void with_records(Repository& repo, Kind k, F&& f) {
  switch (k) {
    case Kind::college: f(repo.colleges); break;
    case Kind::major: f(repo.majors); break;
    case Kind::certificate: f(repo.certificates); break;
    case Kind::pilot: f(repo.pilots); break;
    case Kind::quota_change: f(repo.quota_changes); break;
    case Kind::exam: f(repo.exams); break;
    case Kind::report: f(repo.reports); break;
    case Kind::site: f(repo.sites); break;
    case Kind::fund: f(repo.funds); break;
  }
}

std::size_t kind_index(Kind k) { return static_cast<std::size_t>(k); }

// The files of one kind, sorted by path, and what parsing each one gave.
struct KindFiles {
  std::vector<Candidate> candidates;
  std::vector<std::vector<Diagnostic>> findings;
  std::vector<char> has_record;  // char, not bool: threads write neighbouring elements
};

// Hands out, in chunks, the files of the kinds the walk has finished, while it goes on.
class WorkQueue {
 public:
  // Every file of kind k (count of them) is ready to be parsed.
  void publish(Kind k, std::size_t count) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ready_.emplace_back(k, count);
    }
    wake_.notify_all();
  }
  // The walk is over: no kind will be published any more.
  void finish() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finished_ = true;
    }
    wake_.notify_all();
  }
  // The next files [begin, end) of a kind to parse; false once all are handed out and the
  // walk is over. Waits while the walk has nothing ready.
  bool claim(Kind& kind, std::size_t& begin, std::size_t& end) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      while (at_ < ready_.size() && next_ >= ready_[at_].second) {
        ++at_;
        next_ = 0;
      }
      if (at_ < ready_.size()) {
        kind = ready_[at_].first;
        begin = next_;
        end = std::min(ready_[at_].second, next_ + k_chunk);
        next_ = end;
        return true;
      }
      if (finished_) return false;
      wake_.wait(lock);
    }
  }

 private:
  static constexpr std::size_t k_chunk = 32;  // files per claim
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::pair<Kind, std::size_t>> ready_;  // published kinds, in order
  std::size_t at_ = 0;    // the kind being handed out
  std::size_t next_ = 0;  // its next file
  bool finished_ = false;
};

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
  auto drop = [&](auto& records) {
    removed += std::erase_if(records, [&](const auto& r) { return r.file == rel; });
  };
  drop(repo.colleges);
  drop(repo.majors);
  drop(repo.certificates);
  drop(repo.pilots);
  drop(repo.quota_changes);
  drop(repo.exams);
  drop(repo.reports);
  drop(repo.sites);
  drop(repo.funds);
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

  // The walk goes kind by kind in the order of the folder names, so that concatenating each
  // kind's sorted files gives every file in path order. Once a kind is walked, its records'
  // slots are made and its files handed to the parsing threads, which start while the next
  // kinds are walked. Each record is moved into its slot (threads write disjoint elements);
  // findings wait per file, to be added in path order when every file is parsed.
  std::array<Kind, std::size(k_all_kinds)> order;
  std::copy(std::begin(k_all_kinds), std::end(k_all_kinds), order.begin());
  std::sort(order.begin(), order.end(), [](Kind a, Kind b) { return std::string_view(kind_folder(a)) < kind_folder(b); });
  std::array<KindFiles, std::size(k_all_kinds)> kinds;
  WorkQueue queue;

  unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  auto work = [&] {
    std::string buffer;
    Kind kind{};
    std::size_t begin = 0, end = 0;
    while (queue.claim(kind, begin, end)) {
      KindFiles& files = kinds[kind_index(kind)];
      for (std::size_t i = begin; i < end; ++i) {
        const Candidate& c = files.candidates[i];
        ParsedFile parsed;
        try {
          parsed = load_one(c, buffer);
        } catch (const std::exception& e) {  // e.g. out of memory on one file: report, go on
          parsed = ParsedFile{c.kind, c.rel, std::nullopt,
                              {s005(c.rel, {std::string("无法读取：") + e.what(), std::string("cannot read: ") + e.what()},
                                    {"检查文件内容", "check the file's content"})}};
        }
        files.findings[i] = std::move(parsed.diagnostics);
        if (parsed.record) {
          files.has_record[i] = 1;
          std::visit([&](auto&& rec) { records_of<std::decay_t<decltype(rec)>>(repo)[i] = std::move(rec); },
                     std::move(*parsed.record));
        }
      }
    }
  };
  // At most `jobs` threads parse: jobs - 1 helpers, started as the walk finds files (one per
  // 16 files, so a small repository is read by one thread), then this thread after the walk.
  std::vector<std::thread> pool;
  auto join = [&] {
    queue.finish();
    for (auto& t : pool) t.join();
  };
  try {
    std::size_t walked = 0;
    for (Kind k : order) {
      KindFiles& files = kinds[kind_index(k)];
      collect(root, canonical_root, k, files.candidates);  // in path order
      const std::size_t n = files.candidates.size();
      files.findings.resize(n);
      files.has_record.assign(n, 0);
      with_records(repo, k, [&](auto& records) { records.resize(n); });
      queue.publish(k, n);
      walked += n;
      try {
        while (pool.size() + 1 < jobs && walked / 16 > pool.size()) pool.emplace_back(work);
      } catch (const std::system_error&) {  // no more threads: those running do the work
        jobs = static_cast<unsigned>(pool.size()) + 1;
      }
    }
  } catch (...) {
    join();
    throw;
  }
  queue.finish();
  work();
  join();

  // As add_parsed would, in path order: count, findings, unreadable ids; then close the gaps
  // that files without a record left in their kind's vector.
  for (Kind k : order) {
    KindFiles& files = kinds[kind_index(k)];
    std::size_t kept = 0;
    for (std::size_t i = 0; i < files.candidates.size(); ++i) {
      ++repo.files_read;
      for (auto& d : files.findings[i]) repo.load_diagnostics.push_back(std::move(d));
      if (!files.has_record[i]) {
        repo.unreadable_ids[k].insert(stem_of(files.candidates[i].rel));
        continue;
      }
      if (kept != i) with_records(repo, k, [&](auto& records) { records[kept] = std::move(records[i]); });
      ++kept;
    }
    with_records(repo, k, [&](auto& records) { records.resize(kept); });
  }
  repo.build_indexes();
  return repo;
}

}  // namespace pilot
