// pilot validate --format sarif: SARIF 2.1.0 that code-scanning dashboards accept, and the
// GitHub annotations chosen by themselves under GitHub Actions.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-15";

RunResult sarif(const std::string& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"validate", "--repo", repo, "--as-of", k_as_of, "--format", "sarif"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args);
}

}  // namespace

TEST_CASE("sarif: a log of one run with the rule table and one result per finding") {
  TempDir repo(fixture("R302-no-lead"));
  auto r = sarif(repo.str());
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);  // the same exit code as every format
  auto log = r.json();
  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];

  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "pilot");
  CHECK("pilot " + driver["version"].get<std::string>() + "\n" == run_pilot({"--version"}).out);
  if (driver.contains("informationUri")) CHECK(driver["informationUri"].get<std::string>().find("://") != std::string::npos);
  auto table = run_pilot({"rules", "--format", "json"}).json()["rules"];
  REQUIRE(driver["rules"].size() == table.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& rule = driver["rules"][i];
    CAPTURE(rule["id"]);
    CHECK(rule["id"] == table[i]["id"]);
    ids.insert(rule["id"]);
    CHECK(rule["shortDescription"]["text"] == table[i]["summary_en"]);
    CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    CHECK(rule["help"]["text"].get<std::string>().find(rule["id"].get<std::string>()) != std::string::npos);
    CHECK(rule["defaultConfiguration"]["level"] == table[i]["severity"]);
  }
  CHECK(ids.size() == table.size());

  auto expected = run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of, "--format", "json"}).json()["diagnostics"];
  REQUIRE(run["results"].size() == expected.size());
  REQUIRE_FALSE(expected.empty());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& res = run["results"][i];
    const auto& d = expected[i];
    CHECK(res["ruleId"] == d["rule"]);
    CHECK(driver["rules"][res["ruleIndex"].get<std::size_t>()]["id"] == d["rule"]);
    CHECK(res["level"] == d["severity"]);
    std::string text = res["message"]["text"];
    CHECK(text.find(d["message"].get<std::string>()) == 0);
    CHECK(text.find(d["hint"].get<std::string>()) != std::string::npos);
    const auto& loc = res["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == d["file"]);  // relative: the repository is not in git here
    CHECK(loc["region"]["startLine"] == d["line"]);
    CHECK(loc["region"]["startColumn"] == d["column"]);
  }
  CHECK(run["results"][0]["ruleId"] == "R302");
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pilots/2026/web-frontend-2026.yaml");
}

TEST_CASE("sarif: warnings, languages and a clean repository") {
  auto warn = sarif(fixture("R304-senior-level").string()).json()["runs"][0]["results"];
  REQUIRE(warn.size() == 1);
  CHECK(warn[0]["ruleId"] == "R304");
  CHECK(warn[0]["level"] == "warning");

  auto zh = sarif(fixture("R302-no-lead").string(), {"--lang", "zh"}).json()["runs"][0];
  CHECK(zh["tool"]["driver"]["rules"][8]["shortDescription"]["text"] ==
        run_pilot({"rules", "--format", "json"}).json()["rules"][8]["summary_zh"]);
  CHECK(zh["results"][0]["message"]["text"].get<std::string>().find("提示") != std::string::npos);

  auto clean = sarif(fixture("base").string());
  CHECK(clean.exit_code == 0);
  CHECK(clean.json()["runs"][0]["results"].empty());
}

TEST_CASE("sarif: URIs are relative to the git work tree when the data repository is a subfolder of it") {
  TempDir work;
  fs::create_directories(work.path() / "data");
  fs::copy(fixture("R302-no-lead"), work.path() / "data" / "pilot", fs::copy_options::recursive);
  auto g = run_shell("git init -q . && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm x", work.path());
  REQUIRE_MESSAGE(g.exit_code == 0, g.err);
  auto r = sarif((work.path() / "data" / "pilot").string());
  auto uri = r.json()["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri == "data/pilot/pilots/2026/web-frontend-2026.yaml");
}

TEST_CASE("sarif: GitHub annotations are chosen by themselves under GitHub Actions, unless --format says otherwise") {
  TempDir copy(fixture("R302-no-lead"));  // in no git work tree: GitHub paths relative to it
  std::string repo = copy.str();
  auto gha = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of}, {{"GITHUB_ACTIONS", "true"}});
  CHECK(gha.exit_code == 1);
  CHECK(gha.out.rfind("::error file=pilots/2026/web-frontend-2026.yaml,line=1,", 0) == 0);
  auto chosen = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of, "--format", "sarif"}, {{"GITHUB_ACTIONS", "true"}});
  CHECK(chosen.json()["version"] == "2.1.0");
  auto local = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of});
  CHECK(local.out.rfind("pilots/2026/web-frontend-2026.yaml:1:1: error[R302]", 0) == 0);
}
