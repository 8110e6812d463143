// Every output safe and valid (issue 16 item 4, SPEC §5), and a failed write never exit 0 (item 5):
// hostile values and file names through every format of validate and the views.
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-15";

// A college's name that a spreadsheet would run as a formula.
const std::string k_formula = "=HYPERLINK(\"http://evil.example\",\"点我\")";

void write_bytes(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The base fixture with hostile values in records that stay readable (S002 findings only): the
// major's name drives a terminal, reverses text and starts a line of its own that GitHub Actions
// would run as a workflow command; so does a key; the college's name is a spreadsheet formula.
void plant_hostile_values(const TempDir& repo) {
  repo.write("majors/510201.yaml",
             "id: \"510201\"\nname: \"" +
                 std::string("计算机\\e[31m应用\\u202E技术\\n::error file=x.yaml::forged") +
                 "\"\ncollege: xinxi\n\"bad\\ekey\\n::warning::forged\": 1\n");
  repo.write("colleges/xinxi.yaml", "id: xinxi\nname: '" + k_formula + "'\nleader: 王建华\n");
}

RunResult pilot_in(const TempDir& repo, std::vector<std::string> args) {
  std::vector<std::string> all{"--repo",  repo.str(), "--as-of", k_as_of,
                               "--color", "never",    "--lang",  "en"};
  all.insert(all.end(), args.begin(), args.end());
  return run_pilot(all);
}

// Lines that GitHub Actions would run as workflow commands: "::" first after blanks.
std::vector<std::string> command_lines(const std::string& out) {
  std::vector<std::string> found;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 2, "::") == 0) found.push_back(line);
    start = end + 1;
  }
  return found;
}

bool has_raw_hostile_bytes(const std::string& out) {
  return out.find('\x1b') != std::string::npos || out.find("\xe2\x80\xae") != std::string::npos;
}

// Well-formed XML per Python's parser (Debian's python3 is a build dependency).
bool well_formed_xml(const std::string& xml) {
  TempDir dir;
  dir.write("in.xml", xml);
  return run_shell(
             "/usr/bin/python3 -c 'import sys, xml.dom.minidom; "
             "xml.dom.minidom.parse(sys.argv[1])' '" +
             (dir.path() / "in.xml").string() + "'")
             .exit_code == 0;
}

}  // namespace

TEST_CASE(
    "output safety: control and bidi characters are escapes in table, md, csv, text and github "
    "output") {
  TempDir repo(fixture("base"));
  plant_hostile_values(repo);
  const std::vector<std::vector<std::string>> runs = {
      {"status"},
      {"status", "--format", "md"},
      {"status", "--format", "csv"},
      {"report", "--format", "table"},
      {"report", "--format", "md"},
      {"report", "--format", "csv"},
      {"compliance"},
      {"compliance", "--format", "md"},
      {"list", "major"},
      {"list", "major", "--format", "csv"},
      {"validate"},
      {"validate", "--format", "github"},
  };
  for (const auto& args : runs) {
    CAPTURE(args[0]);
    CAPTURE(args.size() > 1 ? args.back() : "");
    RunResult r = pilot_in(repo, args);
    CHECK(r.exit_code <= 1);
    CHECK_FALSE(has_raw_hostile_bytes(r.out));
    for (const auto& line : command_lines(r.out)) {  // only pilot's own annotations
      CAPTURE(line);
      CHECK((line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0));
    }
  }
  RunResult table = pilot_in(repo, {"status"});
  CHECK(table.out.find("计算机\\x1B[31m应用\\u202E技术\\n::error") != std::string::npos);
  RunResult md = pilot_in(repo, {"status", "--format", "md"});
  CHECK(md.out.find("计算机\\x1B[31m应用\\u202E技术\\n::error") != std::string::npos);
  RunResult text = pilot_in(repo, {"validate"});
  CHECK(text.out.find("unknown key \"bad\\x1Bkey\\n::warning::forged\"") != std::string::npos);
  RunResult gh = pilot_in(repo, {"validate", "--format", "github", "-q"});
  CHECK(gh.out.find("bad\\x1Bkey\\n::warning::forged") != std::string::npos);
}

TEST_CASE("output safety: a CSV cell never runs as a spreadsheet formula") {
  TempDir repo(fixture("base"));
  plant_hostile_values(repo);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"status", "--format", "csv"},
        {"list", "college", "--format", "csv"},
        {"report", "--format", "csv"}}) {
    CAPTURE(args[0]);
    RunResult r = pilot_in(repo, args);
    CHECK(r.out.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"") !=
          std::string::npos);
    CHECK(r.out.find(",=HYPERLINK") == std::string::npos);
    CHECK(r.out.find(",\"=HYPERLINK") == std::string::npos);
  }
}

TEST_CASE(
    "output safety: JUnit holds only XML 1.0 characters, line breaks in attributes as a character reference") {
  TempDir repo(fixture("base"));
  write_bytes(repo.path() / "colleges/x\xef\xbf\xbfy.yaml",
              "id: xy\nname: a\nleader: b\n");  // U+FFFF in a name
  repo.write("colleges/nl.yaml", "id: \"n\\nl\"\nname: a\nleader: b\n");
  RunResult r = pilot_in(repo, {"validate", "--format", "junit"});
  INFO(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\xef\xbf\xbf") == std::string::npos);
  CHECK(r.out.find("x\\uFFFFy.yaml") != std::string::npos);
  CHECK(r.out.find("&#10;") != std::string::npos);  // the id's line break, inside message="..."
  CHECK(well_formed_xml(r.out));
}

TEST_CASE("output safety: SARIF URIs are percent-encoded") {
  TempDir repo(fixture("base"));
  repo.write("colleges/信 息%.yaml", "id: xinxi2\nname: a\nleader: b\n");
  auto log = pilot_in(repo, {"validate", "--format", "sarif"}).json();
  bool found = false;
  for (const auto& result : log["runs"][0]["results"]) {
    std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    CAPTURE(uri);
    for (std::size_t i = 0; i < uri.size(); ++i) {  // unreserved characters, '/', or %XX
      unsigned char c = static_cast<unsigned char>(uri[i]);
      bool escape = c == '%' && i + 2 < uri.size() &&
                    std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
                    std::isxdigit(static_cast<unsigned char>(uri[i + 2]));
      CHECK(
          (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || escape));
    }
    found = found || uri == "colleges/%E4%BF%A1%20%E6%81%AF%25.yaml";
  }
  CHECK(found);
}

TEST_CASE("output safety: a file name that is not UTF-8 is shown escaped in every format") {
  TempDir repo(fixture("base"));
  write_bytes(repo.path() / "colleges/x\xff.yaml", "id: xx\nname: a\nleader: b\n");
  RunResult json = pilot_in(repo, {"validate", "--format", "json"});
  INFO(json.err);
  CHECK(json.exit_code == 1);
  bool named = false;
  const nlohmann::json j = json.json();  // kept: a range-for over a temporary's member dangles
  for (const auto& d : j["diagnostics"]) named = named || d["file"] == "colleges/x\\xFF.yaml";
  CHECK(named);
  RunResult sarif = pilot_in(repo, {"validate", "--format", "sarif"});
  CHECK(sarif.exit_code == 1);
  CHECK(sarif.json()["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
                    ["artifactLocation"]["uri"] == "colleges/x%FF.yaml");
  for (const std::string format : {"text", "github", "junit"}) {
    CAPTURE(format);
    RunResult r = pilot_in(repo, {"validate", "--format", format});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("x\\xFF.yaml") != std::string::npos);
    CHECK(r.out.find("x\xff") == std::string::npos);
  }
  CHECK(well_formed_xml(pilot_in(repo, {"validate", "--format", "junit"}).out));
  RunResult list = pilot_in(repo, {"list", "college", "--format", "json"});
  CHECK(list.exit_code == 0);
  CHECK(list.json()["records"].dump().find("x\\\\xFF.yaml") != std::string::npos);
  for (const std::string format : {"table", "csv"}) {
    RunResult r = pilot_in(repo, {"list", "college", "--format", format});
    CHECK(r.out.find("x\\xFF.yaml") != std::string::npos);
  }
}

TEST_CASE("output safety: GitHub annotation paths are relative to the git root") {
  if (!need_tool("git", "git")) return;
  TempDir work;
  fs::create_directories(work.path() / "data");
  fs::copy(fixture("R302-no-lead"), work.path() / "data" / "pilot", fs::copy_options::recursive);
  auto g = run_shell(
      "git init -q . && git add -A && git -c user.name=t -c user.email=t@example.invalid commit "
      "-qm x",
      work.path());
  REQUIRE_MESSAGE(g.exit_code == 0, g.err);
  std::string repo = (work.path() / "data" / "pilot").string();
  auto r = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of, "--format", "github", "-q"});
  CHECK(r.out.rfind("::error file=data/pilot/pilots/2026/web-frontend-2026.yaml,line=1,", 0) == 0);
  TempDir alone(fixture("R302-no-lead"));  // in no git work tree: relative to the repository
  auto outside = run_pilot(
      {"validate", "--repo", alone.str(), "--as-of", k_as_of, "--format", "github", "-q"});
  CHECK(outside.out.find("file=pilots/2026/web-frontend-2026.yaml,") != std::string::npos);
}

TEST_CASE("output safety: JSON and SARIF are written as nlohmann::json would print them") {
  // The renderers stream one finding at a time; the bytes stay those of a JSON library's dump.
  for (const std::string format : {"json", "sarif"}) {
    CAPTURE(format);
    RunResult r = run_pilot({"validate", "--repo", fixture("R302-no-lead").string(), "--as-of",
                             k_as_of, "--format", format, "--show-waived"});
    CHECK(r.exit_code == 1);
    CHECK(nlohmann::ordered_json::parse(r.out).dump(2) + "\n" == r.out);
  }
  RunResult clean = run_pilot(
      {"validate", "--repo", fixture("base").string(), "--as-of", k_as_of, "--format", "sarif"});
  CHECK(nlohmann::ordered_json::parse(clean.out).dump(2) + "\n" == clean.out);
}

TEST_CASE(
    "output safety: a failed write to stdout is exit 2 with a message, never exit 0 with a cut "
    "output") {
  if (!fs::exists("/dev/full")) {
    MESSAGE("skipped: no /dev/full on this system");
    return;
  }
  std::string base = fixture("base").string();
  std::string findings = fixture("R302-no-lead").string();
  for (const std::string& command : std::vector<std::string>{
           "validate --repo '" + base + "'", "validate --repo '" + findings + "'",
           "validate --repo '" + findings + "' --format sarif",
           "status --repo '" + base + "' --format csv", "rules", "--help", "validate --help"}) {
    CAPTURE(command);
    auto r = run_shell("\"$PILOT\" " + command + " --as-of " + k_as_of + " --lang en >/dev/full");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("pilot: error: cannot write the output (No space left on device)") !=
          std::string::npos);
  }
  auto zh = run_shell("\"$PILOT\" validate --repo '" + base + "' --as-of " + k_as_of +
                      " --lang zh >/dev/full");
  CHECK(zh.exit_code == 2);
  CHECK(zh.err.find("pilot: 错误：无法写出输出（磁盘空间不足）") != std::string::npos);
}
