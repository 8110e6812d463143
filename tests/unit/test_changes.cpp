// What a change adds (src/changes.cpp, src/load/git_tree.cpp): the findings that are new, and
// the repository at a commit read from git objects with the same findings as from disk.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "pilot/changes.hpp"
#include "scratch.hpp"

using namespace pilot;
namespace fs = std::filesystem;

namespace {

Diagnostic finding(const std::string& rule, const std::string& file, int line, const std::string& message,
                   Severity severity = Severity::error) {
  Diagnostic d;
  d.rule = rule;
  d.file = file;
  d.line = line;
  d.column = 1;
  d.severity = severity;
  d.message = {message + "（中文）", message};
  return d;
}

std::vector<std::string> lines_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.rule + " " + d.file + ":" + std::to_string(d.line) + " " + d.message.en);
  return out;
}

bool have_git() { return std::system("git --version >/dev/null 2>&1") == 0; }

// Runs git in `dir` (a throw-away identity for commits); true when it succeeded.
bool git(const fs::path& dir, const std::string& args) {
  std::string command = "cd '" + dir.string() + "' && git -c user.name=t -c user.email=t@example.invalid " + args +
                        " >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// A repository's load findings and records as sorted lines (one string, so that a failed
// comparison prints both), to compare two loads.
std::string load_picture(const Repository& repo) {
  std::vector<std::string> out;
  for (const auto& d : repo.load_diagnostics) {
    out.push_back(d.rule + " " + d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
                  d.message.en + " | " + d.hint.en);
  }
  for_each_kind(repo, [&](const auto& records) {
    for (const auto& r : records) out.push_back("record " + r.file + " " + r.stem);
  });
  for (const auto& [kind, ids] : repo.unreadable_ids) {
    for (const auto& id : ids) out.push_back(std::string("unreadable ") + kind_name(kind) + " " + id);
  }
  for (const auto& p : repo.plan_paths_present) out.push_back("plan " + p);
  std::sort(out.begin(), out.end());
  std::string text;
  for (const auto& line : out) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("changes: a finding is the same when rule, file and message agree, lines may move") {
  Analysis before, now;
  before.diagnostics = {finding("R301", "pilots/2026/a.yaml", 5, "two pilots"),
                        finding("R601", "pilots/2026/a.yaml", 9, "report missing")};
  now.diagnostics = {finding("R301", "pilots/2026/a.yaml", 7, "two pilots"),          // moved: same
                     finding("R601", "pilots/2026/a.yaml", 11, "report missing"),      // moved: same
                     finding("R601", "pilots/2026/a.yaml", 11, "another report missing"),  // new message
                     finding("R301", "pilots/2026/b.yaml", 7, "two pilots", Severity::warning)};  // new file
  keep_new_findings(now, before);
  CHECK(lines_of(now.diagnostics) == std::vector<std::string>{"R601 pilots/2026/a.yaml:11 another report missing",
                                                              "R301 pilots/2026/b.yaml:7 two pilots"});
  CHECK(now.errors == 1);
  CHECK(now.warnings == 1);
}

TEST_CASE("changes: findings count with multiplicity, and the one at a new place is the new one") {
  Analysis before, now;
  before.diagnostics = {finding("S002", "colleges/x.yaml", 3, "unknown key"), finding("S002", "colleges/x.yaml", 5, "unknown key")};
  now.diagnostics = {finding("S002", "colleges/x.yaml", 3, "unknown key"), finding("S002", "colleges/x.yaml", 4, "unknown key"),
                     finding("S002", "colleges/x.yaml", 5, "unknown key")};
  keep_new_findings(now, before);
  CHECK(lines_of(now.diagnostics) == std::vector<std::string>{"S002 colleges/x.yaml:4 unknown key"});
  CHECK(now.errors == 1);

  Analysis fewer;  // three before, two now: nothing is new
  fewer.diagnostics = {finding("S002", "colleges/x.yaml", 8, "unknown key")};
  keep_new_findings(fewer, before);
  CHECK(fewer.diagnostics.empty());
  CHECK(fewer.errors == 0);
}

TEST_CASE("changes: waived findings are compared with the waived ones, a dropped waiver shows its finding") {
  Analysis before, now;
  before.waived = {finding("R301", "pilots/2026/a.yaml", 5, "two pilots")};
  now.diagnostics = {finding("R301", "pilots/2026/a.yaml", 5, "two pilots", Severity::warning)};
  now.waived = {finding("R402", "funds/2026/1.yaml", 4, "student money")};
  keep_new_findings(now, before);
  CHECK(now.diagnostics.size() == 1);  // was waived, is reported now: new
  CHECK(now.waived.size() == 1);
  CHECK(now.warnings == 1);
}

TEST_CASE("changes: the repository at a commit, from git objects, has the load findings it has on disk") {
  if (!have_git()) {
    MESSAGE("skipped: git is not installed");
    return;
  }
  pilot::test::Scratch work;
  fs::path data = work.path() / "school";  // a subfolder of the work tree
  fs::copy(fs::path(PILOT_FIXTURES) / "base", data, fs::copy_options::recursive);
  auto write = [&](const std::string& rel, const std::string& text) { work.write("school/" + rel, text); };
  // Every kind of load finding: S001, S002, S005 (GBK, too large, symlinks), S006 (misplaced,
  // .yml, stray YAML, a typo folder), X001, a symlinked folder; hidden files are ignored.
  write("colleges/broken.yaml", "id: broken\nname: [\n");
  write("colleges/gbk.yaml", "id: gbk\nname: \xD0\xC5\xCF\xA2\nleader: x\n");
  write("colleges/big.yaml", "id: big\nname: x\nleader: y\nnotes: " + std::string(1100000, 'x') + "\n");
  write("majors/510299.yml", "id: \"510299\"\nname: x\ncollege: xinxi\npassword: hunter2x\n");
  write("fund/2026/1.yaml", "id: \"1\"\n");
  write("mkdocs.yml", "site_name: x\n");
  write("pilots/20x6/p.yaml", "id: p\n");
  write("sites/.xinxi-site-01.yaml.tmp-1-ab", "half a file");
  write(".hidden/x.yaml", "id: [\n");
  write("plans/plan-2026.md", "# plan\n");
  std::string pilot = work.read("school/pilots/2026/web-frontend-2026.yaml");
  auto plan = pilot.find("plan: ");
  REQUIRE(plan != std::string::npos);
  pilot.replace(plan, pilot.find('\n', plan) - plan, "plan: plans/plan-2026.md");
  write("pilots/2026/web-frontend-2026.yaml", pilot);
  write("archive/2025/notes.txt", "not a record\n");  // git keeps no empty folder
  fs::create_symlink("../../archive", data / "pilots/2026/old");              // a symlinked folder
  fs::create_symlink("xinxi.yaml", data / "colleges/alias.yaml");             // a link to a record
  fs::create_symlink("../../../../etc/hostname", data / "colleges/out.yaml");  // leaves the repository
  fs::create_symlink("loop2.yaml", data / "colleges/loop1.yaml");
  fs::create_symlink("loop1.yaml", data / "colleges/loop2.yaml");
  REQUIRE(git(work.path(), "init -q ."));
  REQUIRE(git(work.path(), "add -A"));
  REQUIRE(git(work.path(), "commit -qm base"));

  Repository disk = load_repository(data, LoadOptions{2});
  CHECK(disk.plan_paths_present.count("plans/plan-2026.md") == 1);
  const std::string on_disk = load_picture(disk);
  std::optional<Repository> from_git = load_repository_at(data, "HEAD", nullptr, LoadOptions{2});
  REQUIRE(from_git);
  CHECK(load_picture(*from_git) == on_disk);
  // Taking the unchanged files' records from the disk's repository changes nothing either.
  std::optional<Repository> donated = load_repository_at(data, "HEAD", &disk, LoadOptions{2});
  REQUIRE(donated);
  CHECK(load_picture(*donated) == on_disk);

  // The work tree moves on; the commit's repository stays as it was, and the work tree is not
  // touched by reading it.
  fs::remove(data / "colleges/broken.yaml");
  fs::remove(data / "plans/plan-2026.md");  // the commit still holds the plan
  write("colleges/new.yaml", "id: new\n");
  write("majors/510299.yml", "id: \"510299\"\nname: y\ncollege: xinxi\n");
  struct stat index_before {};
  REQUIRE(::stat((work.path() / ".git/index").c_str(), &index_before) == 0);
  Repository moved = load_repository(data, LoadOptions{2});
  std::optional<Repository> again = load_repository_at(data, "HEAD", &moved, LoadOptions{2});
  REQUIRE(again);
  CHECK(load_picture(*again) == on_disk);
  struct stat index_after {};
  REQUIRE(::stat((work.path() / ".git/index").c_str(), &index_after) == 0);
  CHECK(index_after.st_mtim.tv_sec == index_before.st_mtim.tv_sec);
  CHECK(index_after.st_mtim.tv_nsec == index_before.st_mtim.tv_nsec);
  CHECK(fs::exists(data / "colleges/new.yaml"));
  CHECK_FALSE(fs::exists(data / "colleges/broken.yaml"));
}

TEST_CASE("changes: the merge base of REV and HEAD, or of A...B, nothing to compare with") {
  if (!have_git()) {
    MESSAGE("skipped: git is not installed");
    return;
  }
  pilot::test::Scratch work;
  work.write("README.md", "no data yet\n");
  REQUIRE(git(work.path(), "init -q -b main ."));
  REQUIRE(git(work.path(), "add -A"));
  REQUIRE(git(work.path(), "commit -qm first"));
  REQUIRE(git(work.path(), "checkout -qb feature"));
  fs::copy(fs::path(PILOT_FIXTURES) / "base", work.path() / "school", fs::copy_options::recursive);
  REQUIRE(git(work.path(), "add -A"));
  REQUIRE(git(work.path(), "commit -qm data"));
  REQUIRE(git(work.path(), "checkout -q main"));
  work.write("other.txt", "main moves on\n");
  REQUIRE(git(work.path(), "add -A"));
  REQUIRE(git(work.path(), "commit -qm main"));
  REQUIRE(git(work.path(), "checkout -q feature"));
  const fs::path data = work.path() / "school";

  std::string first = merge_base(data, "HEAD~1");
  CHECK(merge_base(data, "main") == first);  // not main's tip
  CHECK(merge_base(data, "main...feature") == first);
  CHECK(merge_base(data, "main...") == first);
  CHECK(merge_base(data, "HEAD") != first);
  // The data folder did not exist at the merge base: nothing to compare with.
  CHECK_FALSE(load_repository_at(data, first, nullptr));
  CHECK(load_repository_at(data, "HEAD", nullptr));

  CHECK_THROWS_AS(merge_base(data, "no-such-branch"), GitError);
  CHECK_THROWS_AS(merge_base(data, "--output=x"), GitError);
  try {
    merge_base(data, "no-such-branch");
  } catch (const GitError& e) {
    CHECK(e.text.zh.find("没有版本") != std::string::npos);
    CHECK(e.text.en.find("no-such-branch") != std::string::npos);
  }
  pilot::test::Scratch plain;
  CHECK_THROWS_AS(merge_base(plain.path(), "HEAD"), GitError);
}
