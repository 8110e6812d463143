// Editors (docs/editors-*.md): `pilot init` and `pilot schema --write` store the schemas and a
// .vscode/settings.json mapping each record folder to its schema, merged into the user's own
// settings; `add` names a schema only when it is there; and yaml-language-server — what VS Code's
// YAML extension, Vim, Neovim and Helix run — installed from tests/editors/package-lock.json by
// `npm ci` into the build directory, reports an unknown key in a record without a `$schema` line.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"
#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_tools_source = fs::path(PILOT_SOURCE_DIR) / "tests" / "editors";
const char* const k_as_of = "2026-11-15";

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// yaml-language-server's entry point, installed once per build directory (a lock keeps parallel
// tests from racing); empty, with the reason in `why`, when npm is not installed.
fs::path yaml_language_server(std::string& why) {
  fs::path tools = build_dir() / "editor-tools";
  fs::path server =
      tools / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server";
  auto r = run_shell(
      "set -e\nmkdir -p " + q(tools) + "\nexec 9>" + q(tools / "install.lock") + "\nflock 9\n" +
      "if [ ! -f " + q(server) + " ] || ! cmp -s " + q(k_tools_source / "package-lock.json") + " " +
      q(tools / "package-lock.json") + "; then\n" + "  command -v npm >/dev/null || exit 3\n" +
      "  cp " + q(k_tools_source / "package.json") + " " + q(k_tools_source / "package-lock.json") +
      " " + q(tools) + "\n" + "  cd " + q(tools) +
      " && npm ci --no-audit --no-fund --loglevel=error >&2\nfi\n");
  if (r.exit_code == 3) {
    why = "npm is not installed: `make test-deps` installs it (apt-get install nodejs npm)";
    return {};
  }
  REQUIRE_MESSAGE(r.exit_code == 0,
                  "installing yaml-language-server with npm ci failed: " << r.err);
  return server;
}

nlohmann::ordered_json settings_of(const TempDir& repo) {
  return nlohmann::ordered_json::parse(repo.read(".vscode/settings.json"));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("editors: pilot init writes the schemas and maps every record folder to its schema") {
  TempDir dir;
  RunResult r = run_pilot({"init", dir.str(), "--name", "青川职业技术学院", "--as-of", k_as_of});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(".pilot/schema/pilot.json\n") != std::string::npos);
  CHECK(r.out.find(".vscode/settings.json\n") != std::string::npos);
  auto schemas = settings_of(dir)["yaml.schemas"];
  CHECK(schemas.size() == 9);
  for (const auto& [schema, globs] : schemas.items()) {
    CAPTURE(schema);
    CHECK(schema.rfind("./.pilot/schema/", 0) == 0);
    CHECK(fs::is_regular_file(dir.path() / schema));  // every schema named is there
    REQUIRE(globs.size() == 1);
    std::string glob = globs[0];
    CHECK(fs::is_directory(dir.path() /
                           glob.substr(0, glob.find('/'))));  // a record folder init made
  }
  CHECK(schemas["./.pilot/schema/report.json"][0] == "reports/*/*/*.yaml");
  CHECK(run_pilot({"validate", "--repo", dir.str(), "--as-of", k_as_of, "--strict"}).exit_code ==
        0);
}

TEST_CASE(
    "editors: init and schema --write merge into the user's settings, never clobbering them") {
  SUBCASE("plain JSON: other keys stay, pilot's entries are added") {
    TempDir dir;
    dir.write(
        ".vscode/settings.json",
        "{\n  \"editor.tabSize\": 2,\n  \"yaml.schemas\": {\"kubernetes\": \"k8s/*.yaml\"}\n}\n");
    RunResult r = run_pilot({"init", dir.str(), "--name", "x学院", "--as-of", k_as_of});
    REQUIRE(r.exit_code == 0);
    auto s = settings_of(dir);
    CHECK(s["editor.tabSize"] == 2);
    CHECK(s["yaml.schemas"]["kubernetes"] == "k8s/*.yaml");
    CHECK(s["yaml.schemas"]["./.pilot/schema/exam.json"][0] == "exams/*/*.yaml");
    CHECK(r.err.find("settings.json") == std::string::npos);  // merged, not "kept"
  }
  SUBCASE("with comments: the file stays byte for byte; the warning shows what to add") {
    TempDir repo(fixture("base"));
    const std::string mine = "{\n  // 我的设置\n  \"editor.tabSize\": 2\n}\n";
    repo.write(".vscode/settings.json", mine);
    RunResult r = run_pilot({"schema", "--write", "--repo", repo.str()});
    INFO(r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(repo.read(".vscode/settings.json") == mine);
    CHECK(r.err.find("pilot: warning: left .vscode/settings.json as it is: it has comments") !=
          std::string::npos);
    CHECK(r.err.find("\"./.pilot/schema/pilot.json\": [\"pilots/*/*.yaml\"]") != std::string::npos);
    CHECK(fs::is_regular_file(repo.path() / ".pilot/schema/pilot.json"));
    RunResult zh = run_pilot({"schema", "--write", "--repo", repo.str(), "--lang", "zh"});
    CHECK(zh.err.find("未修改 .vscode/settings.json：它含有注释") != std::string::npos);
  }
}

TEST_CASE("editors: schema --write says what it wrote, then that all is up to date") {
  TempDir repo(fixture("base"));
  RunResult first = run_pilot({"schema", "--write", "--repo", repo.str()});
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("wrote .pilot/schema/college.json\n") != std::string::npos);
  CHECK(first.out.find("wrote .vscode/settings.json\n") != std::string::npos);
  RunResult again = run_pilot({"schema", "--write", "--repo", repo.str()});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("wrote") == std::string::npos);
  CHECK(again.out.find(".vscode/settings.json is up to date\n") != std::string::npos);
  CHECK(run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of}).exit_code == 0);
}

TEST_CASE(
    "editors: schema --write goes through the atomic writer: a failed step leaves nothing behind") {
  for (const char* step : {"open", "write", "fsync", "rename"}) {
    CAPTURE(step);
    TempDir repo(fixture("base"));
    const std::string before = records_hash(repo.path());
    RunResult r =
        run_pilot({"schema", "--write", "--repo", repo.str()}, {{"PILOT_TEST_FAIL_AT", step}});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot write .pilot/schema/") != std::string::npos);
    CHECK(r.err.find("nothing was written") != std::string::npos);
    CHECK(records_hash(repo.path()) == before);
    for (const auto& e : fs::recursive_directory_iterator(repo.path())) {
      CAPTURE(e.path());
      CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    }
  }
}

TEST_CASE("editors: add writes the $schema line only when the repository has that schema") {
  TempDir repo(fixture("base"));
  auto add_site = [&] {
    return run_pilot({"add", "site", "--repo", repo.str(), "--as-of", k_as_of, "--id", "s2",
                      "--college", "xinxi", "--organization", "某组织", "--signatory", "college",
                      "--signed", "2026-10-01", "--dry-run"});
  };
  RunResult without = add_site();
  CHECK(without.exit_code == 0);
  CHECK(without.out.rfind("id: s2\n", 0) == 0);
  REQUIRE(run_pilot({"schema", "--write", "--repo", repo.str()}).exit_code == 0);
  RunResult with = add_site();
  CHECK(with.out.rfind("# yaml-language-server: $schema=../.pilot/schema/site.json\nid: s2\n", 0) ==
        0);
}

TEST_CASE(
    "editors: yaml-language-server checks records without a $schema line through the settings") {
  std::string why;
  fs::path server = yaml_language_server(why);
  if (server.empty()) return missing_tool(why);
  TempDir repo(fixture("base"));
  REQUIRE(run_pilot({"schema", "--write", "--repo", repo.str()}).exit_code == 0);
  // Records at each folder depth, none with a $schema line; three with a key their schema lacks.
  repo.write("colleges/jidian.yaml", "id: jidian\nname: 机电学院\nleadr: 王院长\n");
  repo.write("pilots/2026/web-frontend-2026.yaml",
             repo.read("pilots/2026/web-frontend-2026.yaml") + "majro: \"510201\"\n");
  repo.write("reports/2026/510201/2026-11-10.yaml",
             "progres: {}\n" + repo.read("reports/2026/510201/2026-11-10.yaml"));
  auto probe = run_shell("node " + q(k_tools_source / "lsp_probe.js") + " " + q(server) + " " +
                         q(repo.path()) +
                         " colleges/xinxi.yaml --finding colleges/jidian.yaml --finding "
                         "pilots/2026/web-frontend-2026.yaml"
                         " --finding reports/2026/510201/2026-11-10.yaml");
  INFO(probe.out, probe.err);
  REQUIRE(probe.exit_code == 0);
  auto got = nlohmann::json::parse(probe.out);
  CHECK(got["colleges/xinxi.yaml"] == nlohmann::json::array());  // a clean record: nothing
  struct Expect {
    const char* file;
    const char* message;
    int line;
  };
  for (const Expect& e :
       {Expect{"colleges/jidian.yaml", "Property leadr is not allowed.", 3},
        Expect{"pilots/2026/web-frontend-2026.yaml", "Property majro is not allowed.", 14},
        Expect{"reports/2026/510201/2026-11-10.yaml", "Property progres is not allowed.", 1}}) {
    CAPTURE(e.file);
    bool found = false;
    for (const auto& d : got[e.file]) {
      if (d["message"] == e.message) {
        found = true;
        CHECK(d["line"] == e.line);
        CHECK(d["source"].get<std::string>().find("yaml-schema") != std::string::npos);
      }
    }
    CHECK(found);
  }
  // And pilot agrees: each is S002 ("unknown key").
  auto v =
      run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of, "--format", "json"}).json();
  CHECK(with_rule(v, "S002").size() >= 3);
}

TEST_CASE("editors: the docs show the very settings pilot writes") {
  TempDir repo(fixture("base"));
  REQUIRE(run_pilot({"schema", "--write", "--repo", repo.str()}).exit_code == 0);
  const std::string vscode = slurp(fs::path(PILOT_SOURCE_DIR) / "docs" / "editors-vscode.md");
  const std::string vim = slurp(fs::path(PILOT_SOURCE_DIR) / "docs" / "editors-vim.md");
  const nlohmann::json settings = settings_of(repo);  // a range-for over a temporary's member
  for (const auto& [schema, globs] : settings["yaml.schemas"].items()) {  // would dangle
    std::string glob = globs[0];
    CAPTURE(schema);
    CHECK(vscode.find("\"" + schema + "\": [\"" + glob + "\"]") != std::string::npos);  // JSON
    CHECK(vim.find("[\"" + schema + "\"] = \"" + glob + "\"") != std::string::npos);    // Lua
    CHECK(vim.find("\"" + schema + "\" = \"" + glob + "\"") != std::string::npos);      // TOML
    CHECK(vim.find("\"" + schema + "\": [\"" + glob + "\"]") != std::string::npos);     // coc.nvim
  }
}
