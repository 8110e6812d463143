// The user-facing documents hold together: their links lead somewhere, the CI examples and the
// pre-commit hooks are valid YAML that runs `pilot validate`, and the hooks' commands work.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_source = PILOT_SOURCE_DIR;

// Parses YAML with python3-yaml and prints it back as JSON.
nlohmann::json yaml_as_json(const fs::path& file) {
  auto r = run_shell("python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"))))' '" +
                     file.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, file.string() << ": " << r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("docs: every relative link of the guides and references leads to a file that exists") {
  const char* documents[] = {"docs/guide-zh.md", "docs/guide-en.md", "docs/data-format.md", "docs/exit-codes.md",
                             "docs/ci/README.md", "docs/testing.md"};
  std::regex link(R"(\]\(([^)#\s]+)(#[^)]*)?\))");
  for (std::string doc : documents) {
    CAPTURE(doc);
    fs::path path = k_source / doc;
    REQUIRE(fs::exists(path));
    std::string text = read_file(path);
    int links = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
      std::string target = (*it)[1];
      if (target.find("://") != std::string::npos) continue;
      CAPTURE(target);
      CHECK(fs::exists(path.parent_path() / target));
      ++links;
    }
    CHECK(links > 0);
  }
  // The guides cover the first hour: install, init, add, validate, report.
  for (std::string guide : {"docs/guide-zh.md", "docs/guide-en.md"}) {
    std::string text = read_file(k_source / guide);
    for (std::string command : {"make install", "apt install", "pilot init", "pilot add", "pilot validate", "pilot report",
                                "rules/README.md", "output-formats.md", "exit-codes.md", "data-format.md"}) {
      CAPTURE(guide);
      CAPTURE(command);
      CHECK(text.find(command) != std::string::npos);
    }
  }
  // Every rule has its page, linked from the rule index.
  std::string index = read_file(k_source / "docs/rules/README.md");
  const nlohmann::json rules = run_pilot({"rules", "--format", "json"}).json();  // kept: a range-for over a temporary's member dangles
  for (const auto& r : rules["rules"]) {
    std::string id = r["id"];
    CAPTURE(id);
    CHECK(fs::exists(k_source / "docs/rules" / (id + ".md")));
    CHECK(index.find("(" + id + ".md)") != std::string::npos);
  }
}

TEST_CASE("docs: the CI examples are YAML that runs pilot validate") {
  for (const char* file : {"gitlab-ci.yml", "gitee-go.yml", "github-actions.yml"}) {
    CAPTURE(file);
    auto yaml = yaml_as_json(k_source / "docs/ci" / file);
    CHECK(yaml.is_object());
    CHECK(yaml.dump().find("pilot validate") != std::string::npos);
    CHECK(yaml.dump().find("--changed-since") != std::string::npos);
  }
  auto github = yaml_as_json(k_source / "docs/ci/github-actions.yml");
  CHECK(github.dump().find("--format sarif") != std::string::npos);
  auto gitlab = yaml_as_json(k_source / "docs/ci/gitlab-ci.yml");
  CHECK(gitlab["pilot-validate"]["artifacts"]["reports"]["junit"] == "report.xml");
}

TEST_CASE("docs: the pre-commit hooks are well formed and their commands work") {
  auto hooks = yaml_as_json(k_source / ".pre-commit-hooks.yaml");
  REQUIRE(hooks.is_array());
  REQUIRE(hooks.size() == 2);
  TempDir work;
  fs::copy(fixture("base"), work.path(), fs::copy_options::recursive);
  auto init = run_shell("git init -q . && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm x", work.path());
  REQUIRE(init.exit_code == 0);
  for (const auto& hook : hooks) {
    CAPTURE(hook.dump());
    for (const char* key : {"id", "name", "entry", "language"}) CHECK(hook.contains(key));
    CHECK(hook["language"] == "system");
    CHECK(hook["pass_filenames"] == false);
    std::string entry = hook["entry"];
    REQUIRE(entry.rfind("pilot validate", 0) == 0);
    // What pre-commit runs, with the pilot under test, in the data repository.
    std::string command = "\"$PILOT\"" + entry.substr(5) + " --as-of 2026-11-15";
    CHECK(run_shell(command, work.path()).exit_code == 0);
    work.write("colleges/bad.yaml", "id: bad\n");
    CHECK(run_shell(command, work.path()).exit_code == 1);
    fs::remove(work.path() / "colleges/bad.yaml");
    std::string files = hook["files"];
    std::regex pattern(files);
    CHECK(std::regex_search("pilots/2026/x.yaml", pattern));
    CHECK(std::regex_search("pilot.toml", pattern));
    CHECK_FALSE(std::regex_search("README.md", pattern));
  }
}
