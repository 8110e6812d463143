// pilot init: a new repository that validates clean, and never over an existing one.
#include <doctest/doctest.h>

#include <filesystem>

#include "shell.hpp"
#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

TEST_CASE("init: a new repository with folders, .gitattributes and a CI example validates clean") {
  TempDir dir;
  const std::string repo = (dir.path() / "school").string();
  RunResult r = run_pilot({"init", repo, "--name", "青川职业技术学院", "--as-of", "2026-11-15"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("pilot.toml\n") != std::string::npos);
  for (const char* folder : {"colleges", "majors", "certificates", "pilots", "quota-changes", "exams", "reports", "sites", "funds"}) {
    CAPTURE(folder);
    CHECK(fs::is_regular_file(fs::path(repo) / folder / ".gitkeep"));
  }
  std::string toml = dir.read("school/pilot.toml");
  CHECK(toml.find("name = \"青川职业技术学院\"") != std::string::npos);
  CHECK(toml.find("[calendar.2026]") != std::string::npos);
  CHECK(toml.find("application_window = [\"2026-03-01\", \"2026-05-31\"]") != std::string::npos);
  CHECK(dir.read("school/.gitattributes").find("*.yaml text eol=lf\n") != std::string::npos);
  std::string ci = dir.read("school/.gitlab-ci.yml");
  CHECK(ci.find("pilot validate --format junit > report.xml") != std::string::npos);
  CHECK(ci.find("junit: report.xml") != std::string::npos);
  CHECK(ci.find("--changed-since \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\"") != std::string::npos);

  RunResult v = run_pilot({"validate", "--repo", repo, "--as-of", "2026-11-15", "--strict"});
  INFO(v.out, v.err);
  CHECK(v.exit_code == 0);

  // The new repository takes records at once.
  RunResult add = run_pilot({"add", "college", "--repo", repo, "--as-of", "2026-11-15", "--id", "xinxi", "--name", "信息工程学院",
                             "--leader", "王建华"});
  CHECK(add.exit_code == 0);
  CHECK(run_pilot({"validate", "--repo", repo, "--as-of", "2026-11-15", "--strict"}).exit_code == 0);
}

TEST_CASE("init: refuses a folder that already holds a pilot.toml (exit 1, nothing touched)") {
  TempDir repo(fixture("base"));
  const std::string before = tree_hash(repo.path());
  RunResult r = run_pilot({"init", repo.str(), "--name", "x", "--as-of", "2026-11-15"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("pilot.toml") != std::string::npos);
  CHECK(tree_hash(repo.path()) == before);
}

TEST_CASE("init: the current folder by default, existing files are kept, --name is required") {
  TempDir dir;
  dir.write(".gitignore", "build/\n");
  CHECK(run_pilot({"init", "--as-of", "2026-11-15"}, {}, 60, dir.path()).exit_code == 2);  // no --name
  RunResult r = run_pilot({"init", "--name", "测试学院", "--as-of", "2027-01-05"}, {}, 60, dir.path());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(dir.read(".gitignore") == "build/\n");
  CHECK(r.err.find(".gitignore") != std::string::npos);
  CHECK(dir.read("pilot.toml").find("[calendar.2027]") != std::string::npos);
  CHECK(run_pilot({"validate", "--repo", dir.str(), "--as-of", "2027-01-05", "--strict"}).exit_code == 0);
}

TEST_CASE("init: the .gitignore it writes ignores the temporary files of an interrupted write") {
  TempDir dir;
  const fs::path repo = dir.path() / "school";
  REQUIRE(run_pilot({"init", repo.string(), "--name", "青川职业技术学院", "--as-of", "2026-11-15"}).exit_code == 0);
  CHECK(dir.read("school/.gitignore").find("\n.*.tmp-*\n") != std::string::npos);
  if (!need_tool("git", "git")) return;
  dir.write("school/colleges/.xinxi.yaml.tmp-4242-1f2e", "half a file");
  dir.write("school/colleges/xinxi.yaml", "id: xinxi\n");
  auto r = run_shell("git init -q . && git check-ignore -q colleges/.xinxi.yaml.tmp-4242-1f2e && "
                     "! git check-ignore -q colleges/xinxi.yaml && git check-ignore -q .pilot/lock",
                     repo);
  CHECK_MESSAGE(r.exit_code == 0, r.err);
}
