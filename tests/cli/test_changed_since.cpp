// pilot validate --changed-since REV: every rule runs on the repository in the work tree and on
// the repository at the merge base of REV and HEAD (read from git objects); only the findings
// that are new, in any file, are reported and decide the exit (SPEC §4).
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-15";
const std::string k_git = "git -c user.name=t -c user.email=t@example.invalid ";

// A git work tree whose folder school/ is the base fixture plus an old debt (R402: money taken
// from students), committed.
struct GitRepo {
  TempDir work;
  fs::path data = work.path() / "school";

  GitRepo() {
    fs::copy(fixture("base"), data, fs::copy_options::recursive);
    write("funds/2026/0009.yaml",
          "id: \"0009\"\ndate: 2026-09-01\ncollege: xinxi\ndirection: income\nsource: student\ncategory: training\namount: 100.00\n");
    git("init -q -b master . && " + k_git + "add -A && " + k_git + "commit -qm base");
  }
  void write(const std::string& rel, const std::string& text) const { work.write("school/" + rel, text); }
  std::string read(const std::string& rel) const { return work.read("school/" + rel); }
  void git(const std::string& args) const {
    auto r = run_shell(k_git + args, work.path());
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  RunResult validate(const std::string& rev) const {
    std::vector<std::string> args{"validate", "--repo", data.string(), "--as-of", k_as_of, "--format", "json"};
    if (!rev.empty()) {
      args.push_back("--changed-since");
      args.push_back(rev);
    }
    return run_pilot(args);
  }
};

std::set<std::string> files_of(const RunResult& r) {
  std::set<std::string> files;
  auto j = r.json();
  for (const auto& d : j["diagnostics"]) files.insert(d["file"].get<std::string>());
  return files;
}

// The same major in a second pilot of 2026 (at another level: the same one is R302): R301 in
// both pilot files.
const std::string k_second_pilot =
    "id: web2-2026\nyear: 2026\ncertificate: web-frontend\nlevel: 初级\nstatus: submitted\nsubmitted: 2026-04-20\n"
    "lead_major: \"510201\"\nmajors:\n  - { major: \"510201\", quota: 10, contact: 李老师 }\n"
    "accounts: { admin: cs_admin_510201, exam: cs_exam_510201 }\nplan: 2026年第二个试点工作计划\n";

}  // namespace

TEST_CASE("changed-since: old debts in unchanged files are not reported, and do not fail the run") {
  GitRepo repo;
  auto all = repo.validate("");
  CHECK(all.exit_code == 1);
  CHECK(with_rule(all.json(), "R402").size() == 1);

  auto none = repo.validate("HEAD");
  INFO(none.out, none.err);
  CHECK(none.exit_code == 0);
  CHECK(none.json()["diagnostics"].empty());
  CHECK(none.json()["summary"]["errors"] == 0);
}

TEST_CASE("changed-since: findings in modified, staged, committed and untracked files are reported") {
  GitRepo repo;
  // Modified, not staged: a quota of 0 (R306).
  std::string pilot = repo.read("pilots/2026/web-frontend-2026.yaml");
  auto at = pilot.find("quota: 30");
  REQUIRE(at != std::string::npos);
  repo.write("pilots/2026/web-frontend-2026.yaml", pilot.replace(at, 9, "quota: 0"));
  // Untracked: a college without its leader (S002).
  repo.write("colleges/jidian.yaml", "id: jidian\nname: 机电学院\n");

  auto r = repo.validate("HEAD");
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(files_of(r) == std::set<std::string>{"colleges/jidian.yaml", "pilots/2026/web-frontend-2026.yaml"});
  CHECK(with_rule(r.json(), "R306").size() == 1);
  CHECK(with_rule(r.json(), "R402").empty());

  // Staged and then committed: still different from the first commit.
  repo.git("add -A");
  CHECK(files_of(repo.validate("HEAD")) == files_of(r));
  repo.git("commit -qm change");
  CHECK(files_of(repo.validate("HEAD~1")) == files_of(r));
  CHECK(repo.validate("HEAD").json()["diagnostics"].empty());
}

TEST_CASE("changed-since: the whole repository is still checked, new findings are found in every file") {
  GitRepo repo;
  repo.write("pilots/2026/web2-2026.yaml", k_second_pilot);
  auto all = repo.validate("");
  auto r301 = with_rule(all.json(), "R301");
  REQUIRE(r301.size() == 2);  // in both pilot files

  auto changed = repo.validate("HEAD");
  auto reported = with_rule(changed.json(), "R301");
  REQUIRE(reported.size() == 2);  // both are new: the unchanged pilot file's too
  CHECK(reported[0]["file"] == "pilots/2026/web-frontend-2026.yaml");
  CHECK(reported[1]["file"] == "pilots/2026/web2-2026.yaml");
  CHECK(with_rule(changed.json(), "R402").empty());  // the old debt stays unreported
  CHECK(changed.exit_code == 0);  // R301 is a warning
  auto strict = run_pilot({"validate", "--repo", repo.data.string(), "--as-of", k_as_of, "--changed-since", "HEAD", "--strict"});
  CHECK(strict.exit_code == 1);
}

TEST_CASE("changed-since: a deleted report is a new R601 in its pilot file, and fails the run") {
  GitRepo repo;
  repo.git("checkout -qb feature");
  repo.git("rm -q school/reports/2026/510201/2026-11-10.yaml");
  repo.git("commit -qm 'drop a report'");
  auto r = repo.validate("master");
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  auto r601 = with_rule(r.json(), "R601");
  REQUIRE(r601.size() == 1);
  CHECK(r601[0]["file"] == "pilots/2026/web-frontend-2026.yaml");
  CHECK(r601[0]["message"].get<std::string>().find("2026-11-10") != std::string::npos);
  CHECK(r.json()["diagnostics"].size() == 1);
  CHECK(r.json()["summary"]["errors"] == 1);
}

TEST_CASE("changed-since: compared with the merge base, not with the target branch's tip") {
  GitRepo repo;
  repo.git("checkout -qb feature");
  repo.write("colleges/jidian.yaml", "id: jidian\nname: 机电学院\n");  // S002: the branch's own
  repo.git("add -A");
  repo.git("commit -qm 'a college without its leader'");
  // Meanwhile the target fixes the old debt and adds a debt of its own.
  repo.git("checkout -q master");
  repo.git("rm -q school/funds/2026/0009.yaml");
  repo.write("sites/bad.yaml", "id: bad\n");
  repo.git("add -A");
  repo.git("commit -qm 'target moves on'");
  repo.git("checkout -q feature");
  for (const char* rev : {"master", "master...feature", "master...HEAD", "master..."}) {
    CAPTURE(rev);
    auto r = repo.validate(rev);
    INFO(r.out, r.err);
    CHECK(r.exit_code == 1);
    // Against master's tip the branch would "add" the R402 that master removed, and hide nothing.
    CHECK(files_of(r) == std::set<std::string>{"colleges/jidian.yaml"});
  }
}

TEST_CASE("changed-since: only the merge base is read from git, the work tree and index stay as they were") {
  GitRepo repo;
  repo.write("colleges/jidian.yaml", "id: jidian\nname: 机电学院\n");
  std::string pilot = repo.read("pilots/2026/web-frontend-2026.yaml");
  repo.write("pilots/2026/web-frontend-2026.yaml", pilot + "# edited, not staged\n");
  repo.git("add school/colleges/jidian.yaml");
  auto status = run_shell("git status --porcelain && git diff --stat && git diff --cached --stat", repo.work.path());
  std::string before = tree_hash(repo.work.path());
  auto r = repo.validate("HEAD");
  CHECK(r.exit_code == 1);
  CHECK(tree_hash(repo.work.path()) == before);  // .git included: no index refresh written
  CHECK(run_shell("git status --porcelain && git diff --stat && git diff --cached --stat", repo.work.path()).out == status.out);
}

TEST_CASE("changed-since: files read from git get the same load findings as from disk") {
  // Hostile files committed, then touched in a way that keeps their findings: they differ from
  // the merge base, so the merge base's copies are parsed from git objects, and nothing is new.
  GitRepo repo;
  const std::map<std::string, std::string> files{
      {"colleges/broken.yaml", "id: broken\nname: [\n"},
      {"colleges/gbk.yaml", "id: gbk\nname: \xD0\xC5\xCF\xA2\nleader: x\n"},
      {"colleges/secret.yaml", "id: secret\nname: x\nleader: y\nnotes: \"密码: abc12345\"\n"},
      {"majors/510299.yml", "id: \"510299\"\nname: x\ncollege: xinxi\n"},
      {"fund/2026/1.yaml", "id: \"1\"\n"},
      {"mkdocs.yml", "site_name: x\n"},
      {"pilots/20x6/p.yaml", "id: p\n"},
  };
  for (const auto& [rel, text] : files) repo.write(rel, text);
  repo.git("add -A");
  repo.git("commit -qm 'hostile files'");
  auto all = repo.validate("");
  CHECK(all.exit_code == 1);
  CHECK(all.json()["diagnostics"].size() >= files.size());
  for (const auto& [rel, text] : files) {
    if (rel != "colleges/gbk.yaml") repo.write(rel, text + "# touched\n");
  }
  repo.write("colleges/gbk.yaml", "id: gbk\nname: \xD0\xC5\xCF\xA2\nleader: x\n# touched\n");
  CHECK(run_shell("git diff --name-only | wc -l", repo.work.path()).out == std::to_string(files.size()) + "\n");
  auto r = repo.validate("HEAD");
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.json()["diagnostics"].empty());
}

TEST_CASE("changed-since: a repository that did not exist at the merge base has only new findings") {
  TempDir work;
  auto init = run_shell(k_git + "init -q . && echo x > README && " + k_git + "add -A && " + k_git + "commit -qm first",
                        work.path());
  REQUIRE(init.exit_code == 0);
  fs::copy(fixture("base"), work.path() / "school", fs::copy_options::recursive);
  work.write("school/colleges/jidian.yaml", "id: jidian\nname: 机电学院\n");
  auto r = run_pilot({"validate", "--repo", (work.path() / "school").string(), "--as-of", k_as_of, "--format", "json",
                      "--changed-since", "HEAD"});
  CHECK(r.exit_code == 1);
  CHECK(files_of(r) == std::set<std::string>{"colleges/jidian.yaml"});
}

TEST_CASE("changed-since: an unknown revision, a folder outside git, or no git at all is exit 2") {
  GitRepo repo;
  auto bad = run_pilot({"validate", "--repo", repo.data.string(), "--as-of", k_as_of, "--changed-since", "no-such-branch"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("no-such-branch") != std::string::npos);
  auto zh = run_pilot({"validate", "--repo", repo.data.string(), "--as-of", k_as_of, "--changed-since", "no-such-branch", "--lang", "zh"});
  CHECK(zh.err.find("没有版本") != std::string::npos);
  auto option = run_pilot({"validate", "--repo", repo.data.string(), "--as-of", k_as_of, "--changed-since=--output=x"});
  CHECK(option.exit_code == 2);

  TempDir plain(fixture("base"));
  auto outside = run_pilot({"validate", "--repo", plain.str(), "--as-of", k_as_of, "--changed-since", "HEAD"});
  CHECK(outside.exit_code == 2);
  CHECK(outside.err.find("git") != std::string::npos);

  auto no_git = run_pilot({"validate", "--repo", repo.data.string(), "--as-of", k_as_of, "--changed-since", "HEAD"},
                          {{"PATH", "/nonexistent"}});
  CHECK(no_git.exit_code == 2);
  CHECK(no_git.err.find("install git") != std::string::npos);
}
