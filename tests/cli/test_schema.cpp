// pilot schema: JSON Schema (draft 2020-12) of each record kind. An independent validator
// (ajv-cli 5 with ajv-formats, installed from tests/schema/package-lock.json by `npm ci` into the
// build directory) accepts every file of data-example/ and rejects broken records that pilot's
// loader rejects too.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> k_folders{
    {"college", "colleges"}, {"major", "majors"},   {"certificate", "certificates"},
    {"pilot", "pilots"},     {"quota-change", "quota-changes"}, {"exam", "exams"},
    {"report", "reports"},   {"site", "sites"},     {"fund", "funds"}};

const fs::path k_tools_source = fs::path(PILOT_SOURCE_DIR) / "tests" / "schema";

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// ajv, installed once per build directory (a lock keeps parallel tests from racing).
fs::path ajv() {
  fs::path tools = build_dir() / "schema-tools";
  fs::path bin = tools / "node_modules" / ".bin" / "ajv";
  auto r = run_shell("set -e\nmkdir -p " + q(tools) + "\nexec 9>" + q(tools / "install.lock") + "\nflock 9\n" +
                     "if [ ! -x " + q(bin) + " ] || ! cmp -s " + q(k_tools_source / "package-lock.json") + " " +
                     q(tools / "package-lock.json") + "; then\n" +
                     "  command -v npm >/dev/null || { echo 'npm is not installed: `make test-deps` installs it (apt-get install nodejs npm)' >&2; exit 3; }\n"
                     "  cp " + q(k_tools_source / "package.json") + " " + q(k_tools_source / "package-lock.json") + " " + q(tools) + "\n" +
                     "  cd " + q(tools) + " && npm ci --no-audit --no-fund --loglevel=error >&2\nfi\n");
  REQUIRE_MESSAGE(r.exit_code == 0, "installing ajv-cli with npm ci failed: " << r.err);
  return bin;
}

struct AjvRun {
  int exit_code = -1;
  int valid = 0;
  int invalid = 0;
  std::string report;
};

// Converts the YAML files to JSON (tests/schema/yaml2json.py) and validates them against `schema`.
AjvRun validate_with_ajv(const fs::path& schema, const std::vector<fs::path>& files) {
  TempDir work;
  std::string list;
  for (const auto& f : files) list += " " + q(f);
  auto conv = run_shell("python3 " + q(k_tools_source / "yaml2json.py") + " " + q(work.path() / "json") + list);
  REQUIRE_MESSAGE(conv.exit_code == 0, conv.err);
  auto r = run_shell(q(ajv()) + " validate --spec=draft2020 -c ajv-formats --strict=true --allow-union-types --all-errors --errors=line -s " +
                         q(schema) + " -d " + q(work.path() / "json" / "*.json"),
                     build_dir() / "schema-tools");
  AjvRun out;
  out.exit_code = r.exit_code;
  out.report = conv.out + r.out + r.err;
  std::istringstream in(r.out + r.err);
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 8 && line.compare(line.size() - 8, 8, " invalid") == 0) {
      ++out.invalid;
    } else if (line.size() > 6 && line.compare(line.size() - 6, 6, " valid") == 0) {
      ++out.valid;
    }
  }
  return out;
}

std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("schema: every kind is a draft 2020-12 schema with bilingual titles, closed to unknown keys") {
  for (const auto& [kind, folder] : k_folders) {
    CAPTURE(kind);
    auto r = run_pilot({"schema", kind});
    REQUIRE(r.exit_code == 0);
    auto s = r.json();
    CHECK(s["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(s["type"] == "object");
    CHECK(s["additionalProperties"] == false);
    std::string title = s["title"];
    CHECK(title.find(" / ") != std::string::npos);
    CHECK(s["properties"].contains("notes"));
    CHECK(s["properties"].contains("waivers"));
    for (const auto& [key, prop] : s["properties"].items()) {
      CAPTURE(key);
      CHECK(prop.contains("title"));
    }
  }
  auto pilot = run_pilot({"schema", "pilot"}).json();
  CHECK(pilot["required"] == nlohmann::json::array({"id", "year", "certificate", "status"}));
  auto level = pilot["properties"]["level"]["enum"];
  CHECK(std::find(level.begin(), level.end(), "中级") != level.end());
  CHECK(std::find(level.begin(), level.end(), "intermediate") != level.end());
  CHECK(pilot["properties"]["submitted"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  auto quota = pilot["properties"]["majors"]["items"]["properties"]["quota"];
  CHECK(quota["maximum"] == 1000000);
  auto exam = run_pilot({"schema", "exam"}).json();
  CHECK(exam["properties"]["results"]["items"]["properties"]["attended"]["minimum"] == 0);
  auto major = run_pilot({"schema", "major"}).json();
  CHECK(major["properties"]["id"]["anyOf"][0]["pattern"] == "^[0-9]{6}$");

  auto all = run_pilot({"schema"});
  REQUIRE(all.exit_code == 0);
  CHECK(all.json()["$defs"].size() == k_folders.size());
  CHECK(run_pilot({"schema", "student"}).exit_code == 2);
}

TEST_CASE("schema: every file of data-example validates with ajv") {
  TempDir schemas;
  for (const auto& [kind, folder] : k_folders) {
    CAPTURE(kind);
    auto r = run_pilot({"schema", kind});
    REQUIRE(r.exit_code == 0);
    schemas.write(kind + ".json", r.out);
    auto files = yaml_files(example() / folder);
    REQUIRE_FALSE(files.empty());
    auto result = validate_with_ajv(schemas.path() / (kind + ".json"), files);
    INFO(result.report);
    CHECK(result.exit_code == 0);
    CHECK(result.invalid == 0);
    CHECK(result.valid == static_cast<int>(files.size()));
  }
}

TEST_CASE("schema: broken records are rejected by ajv and by pilot alike") {
  struct Case {
    const char* kind;
    const char* rel;  // inside a copy of the base fixture
    const char* text;
    const char* rule;  // what pilot validate reports in that file
  };
  const Case cases[] = {
      {"college", "colleges/jidian.yaml", "id: jidian\nname: 机电学院\nleadr: 王院长\n", "S002"},  // unknown key
      {"major", "majors/51020.yaml", "id: \"51020\"\nname: 软件技术\ncollege: xinxi\n", "S002"},  // 5 digits
      {"pilot", "pilots/2026/web-2026.yaml",
       "id: web-2026\nyear: 2026\ncertificate: web-frontend\nlevel: 中等\nstatus: draft\n", "S002"},  // bad enum
      {"pilot", "pilots/2026/web2-2026.yaml",
       "id: web2-2026\nyear: 2026\ncertificate: web-frontend\nstatus: approved\nsubmitted: 2026-04-15\n", "S002"},  // approved without its date
      {"exam", "exams/2026/web-frontend-2026-b9.yaml",
       "id: web-frontend-2026-b9\npilot: web-frontend-2026\ndate: 2026-11-01\nstatus: held\n"
       "results:\n  - { major: \"510201\", registered: 3, attended: \"3\", passed: 2 }\n",
       "S002"},  // quoted count
      {"report", "reports/2026/510201/2026-11-20.yaml",
       "major: \"510201\"\npilot: web-frontend-2026\ndue: 2026-11-20\nsubmitted: 2026-02-30\n"
       "progress: { trained: 1, registered: 1, attended: 1, passed: 1 }\n",
       "S002"},  // a date that does not exist
      {"fund", "funds/2026/0009.yaml",
       "id: \"0009\"\ndate: 2026-11-01\ncollege: xinxi\ndirection: expense\nsource: college-budget\n"
       "category: training\namount: -5\n",
       "S002"},  // negative amount
      {"site", "sites/xinxi-site-02.yaml",
       "id: xinxi-site-02\ncollege: xinxi\norganization: 某公司\nsignatory: 学院\nsigned: 2026-05-01\n", "R401"},
  };
  TempDir schemas;
  for (const auto& c : cases) {
    CAPTURE(c.rel);
    TempDir repo(fixture("base"));
    repo.write(c.rel, c.text);
    auto r = run_pilot({"validate", "--repo", repo.str(), "--as-of", "2026-11-15", "--format", "json"});
    auto found = with_rule(r.json(), c.rule);
    CHECK(std::any_of(found.begin(), found.end(), [&](const nlohmann::json& d) { return d["file"] == c.rel; }));

    fs::path schema = schemas.path() / (std::string(c.kind) + ".json");
    if (!fs::exists(schema)) schemas.write(std::string(c.kind) + ".json", run_pilot({"schema", c.kind}).out);
    auto result = validate_with_ajv(schema, {repo.path() / c.rel});
    INFO(result.report);
    CHECK(result.exit_code != 0);
    CHECK(result.invalid == 1);
  }
}

TEST_CASE("schema: --write stores the schemas under .pilot/schema, and records that name them stay clean") {
  TempDir repo(fixture("base"));
  auto w = run_pilot({"schema", "--write", "--repo", repo.str()});
  REQUIRE(w.exit_code == 0);
  CHECK(w.out.find("wrote .pilot/schema/pilot.json") != std::string::npos);
  for (const auto& [kind, folder] : k_folders) {
    CAPTURE(kind);
    CHECK(repo.read(".pilot/schema/" + kind + ".json") == run_pilot({"schema", kind}).out);
  }
  // The modeline `pilot init` and `pilot add` write: relative to the record, it names the stored schema.
  std::string rel = "pilots/2026/web-frontend-2026.yaml";
  std::string modeline = "# yaml-language-server: $schema=../../.pilot/schema/pilot.json\n";
  CHECK(fs::exists(repo.path() / "pilots" / "2026" / "../../.pilot/schema/pilot.json"));
  repo.write(rel, modeline + repo.read(rel));
  auto v = run_pilot({"validate", "--repo", repo.str(), "--as-of", "2026-11-15", "--strict"});
  CHECK(v.exit_code == 0);
  CHECK(run_pilot({"schema", "pilot", "--write", "--repo", repo.str()}).exit_code == 2);
}
