// The LSP workspace (src/lsp/workspace.cpp): buffers and disk changes replace one file's
// record; the result must be what a fresh load of the same files gives.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lsp/workspace.hpp"

using namespace pilot;
using namespace pilot::lsp;
namespace fs = std::filesystem;

namespace {

const Date k_as_of = *Date::parse("2026-11-15");  // the base fixture's snapshot date
const std::string k_report = "reports/2026/510201/2026-11-10.yaml";
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";

// A copy of the base fixture, removed at scope end.
struct Scratch {
  fs::path root;
  Scratch() {
    char tmpl[] = "/tmp/pilot-lsp-ws-XXXXXX";
    root = ::mkdtemp(tmpl);
    fs::copy(fs::path(PILOT_FIXTURES) / "base", root, fs::copy_options::recursive);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
};

std::vector<std::string> summary(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    out.push_back(fmt::format("{}:{}:{} {} {}", d.file, d.line, d.column, d.rule, d.message.en));
  }
  return out;
}

std::vector<std::string> rules_in(const Analysis& a, const std::string& file) {
  std::vector<std::string> out;
  for (const auto& d : a.diagnostics) {
    if (d.file == file) out.push_back(d.rule);
  }
  return out;
}

std::vector<std::string> fresh(const fs::path& root) {
  AnalyzeOptions options;
  options.as_of = k_as_of;
  return summary(analyze(load_repository(root), options).diagnostics);
}

}  // namespace

TEST_CASE("lsp workspace: which paths hold records") {
  CHECK(record_kind("reports/2026/510201/2026-11-10.yaml") == Kind::report);
  CHECK(record_kind("colleges/x.yml") == Kind::college);
  CHECK(record_kind("quota-changes/2026/p.yaml") == Kind::quota_change);
  CHECK_FALSE(record_kind("colleges/.hidden.yaml"));  // hidden from the walk (SPEC §2)
  CHECK_FALSE(record_kind("colleges/.#x.yaml"));      // an Emacs lock link
  CHECK_FALSE(record_kind("reports/.2026/510201/2026-11-10.yaml"));
  CHECK_FALSE(record_kind("pilot.toml"));
  CHECK_FALSE(record_kind("README.yaml"));
  CHECK_FALSE(record_kind("colleges/x.txt"));
  CHECK_FALSE(record_kind("colleges/.yaml"));
  CHECK_FALSE(record_kind("college/x.yaml"));
  CHECK_FALSE(record_kind("colleges/../x.yaml"));
  CHECK_FALSE(record_kind("colleges//x.yaml"));
  CHECK_FALSE(record_kind("colleges/x.yaml/"));
}

TEST_CASE("lsp workspace: a buffer replaces its file's record, closing it brings the disk back") {
  Scratch s;
  Workspace ws(s.root, 1);
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  std::string report = s.read(k_report);
  std::string changed = report;
  changed.replace(changed.find("attended: 18"), 12, "attended: 17");
  ws.set_buffer(k_report, changed);
  CHECK(ws.dirty());
  CHECK(rules_in(ws.analyze(k_as_of), k_report) == std::vector<std::string>{"R605"});
  CHECK_FALSE(ws.dirty());
  ws.set_buffer(k_report, report);
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  ws.set_buffer(k_report, changed);
  CHECK(ws.analyze(k_as_of).diagnostics.size() == 1);
  ws.close_buffer(k_report);  // never saved: the file on disk counts again
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  CHECK(ws.text(k_report) == report);
}

TEST_CASE("lsp workspace: a report deleted on disk raises R601 in its pilot, restored it clears") {
  Scratch s;
  Workspace ws(s.root, 1);
  std::string report = s.read(k_report);
  fs::remove(s.root / k_report);
  ws.disk_changed(k_report);
  CHECK(rules_in(ws.analyze(k_as_of), k_pilot) == std::vector<std::string>{"R601"});
  CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
  s.write(k_report, report);
  ws.disk_changed(k_report);
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  CHECK(ws.loads() == 1);  // one file read again, not the repository
}

TEST_CASE("lsp workspace: an open buffer wins over the disk, even when the file is deleted") {
  Scratch s;
  Workspace ws(s.root, 1);
  ws.set_buffer(k_report, s.read(k_report));
  fs::remove(s.root / k_report);
  ws.disk_changed(k_report);
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  ws.close_buffer(k_report);
  CHECK(rules_in(ws.analyze(k_as_of), k_pilot) == std::vector<std::string>{"R601"});
}

TEST_CASE(
    "lsp workspace: edits keep records in path order, so duplicates resolve as a fresh load does") {
  Scratch s;
  // Two majors claim 510201; the index keeps the first by path, which S003 and S004 depend on.
  s.write("majors/510299.yaml", "id: \"510201\"\nname: 重复\ncollege: nosuch\n");
  Workspace ws(s.root, 1);
  ws.analyze(k_as_of);
  CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
  // Edit the first one: a remove + append would move it behind its duplicate.
  std::string first = s.read("majors/510201.yaml") + "notes: 改过\n";
  ws.set_buffer("majors/510201.yaml", first);
  s.write("majors/510201.yaml", first);
  ws.analyze(k_as_of);
  CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
  CHECK(ws.repository().majors.front().file == "majors/510201.yaml");
  CHECK(ws.repository().major("510201")->file == "majors/510201.yaml");
}

TEST_CASE(
    "lsp workspace: a file that cannot become a record keeps its id known, and only while it "
    "exists") {
  Scratch s;
  Workspace ws(s.root, 1);
  const std::string college = "colleges/xinxi.yaml";
  ws.set_buffer(college, "id: [broken\n");
  ws.analyze(k_as_of);
  // S001 in the college file, and no S004 cascade into the majors that name it.
  CHECK(rules_in(ws.analysis(), college) == std::vector<std::string>{"S001"});
  CHECK(ws.analysis().diagnostics.size() == 1);
  CHECK(ws.repository().knows(Kind::college, "xinxi"));
  fs::remove(s.root / college);
  ws.close_buffer(college);
  ws.analyze(k_as_of);
  CHECK_FALSE(ws.repository().knows(Kind::college, "xinxi"));
  CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
}

TEST_CASE("lsp workspace: a sequence of edits, saved, analyses as a fresh load of the saved tree") {
  Scratch s;
  Workspace ws(s.root, 1);
  const std::vector<std::pair<std::string, std::string>> edits = {
      {k_report, "major: \"510201\"\npilot: nosuch-2026\ndue: 2026-11-10\nsubmitted: 2026-11-12\n"},
      {"reports/2026/510202/2026-11-20.yaml",
       "major: \"510202\"\npilot: web-frontend-2026\ndue: 2026-11-20\n"},
      {"colleges/jidian.yaml",
       "id: jidian\nname: 机电学院\nleader: 张三\nwaivers: { R301: 同意 }\n"},
      {"funds/2026/0002.yaml",
       "id: \"0002\"\ndate: 2026-05-01\ncollege: xinxi\ndirection: income\n"
       "source: student\ncategory: training\namount: 10\n"},
      {"exams/2026/web-frontend-2026-b1.yaml",
       "\xEF\xBB\xBFid: web-frontend-2026-b1\npilot: web-frontend-2026\n"},
      {"majors/510202.yaml", "id: \"510202\"\nname: 软件\ncollege: xinxi\ncolour: red\n"},
      {"sites/x.yml", "id: x\n密码: 123456\n"},
  };
  for (const auto& [rel, text] : edits) {
    ws.set_buffer(rel, text);
    s.write(rel, text);
    ws.analyze(k_as_of);
    CAPTURE(rel);
    CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
  }
  for (const auto& [rel, text] : edits) ws.close_buffer(rel);
  ws.analyze(k_as_of);
  CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
}

TEST_CASE(
    "lsp workspace: pilot.toml from a buffer, one that does not parse is S007 at its line until "
    "fixed") {
  Scratch s;
  Workspace ws(s.root, 1);
  std::string config = s.read("pilot.toml");
  std::string overridden = config + "\n[rules]\nR605 = \"off\"\nR999 = \"error\"\n";
  ws.set_buffer("pilot.toml", overridden);
  CHECK(rules_in(ws.analyze(k_as_of), "pilot.toml") == std::vector<std::string>{"S007"});  // R999
  // While the buffer does not parse, the last configuration that did stays (its S007 too).
  ws.set_buffer("pilot.toml", overridden + "\n[calendar\n");
  const Analysis& broken = ws.analyze(k_as_of);
  REQUIRE(broken.diagnostics.size() == 2);
  CHECK(broken.diagnostics[1].rule == "S007");
  CHECK(broken.diagnostics[1].line == std::count(overridden.begin(), overridden.end(), '\n') + 2);
  CHECK(broken.diagnostics[1].message.en.find("cannot parse pilot.toml") == 0);
  CHECK(broken.errors == 2);
  ws.set_buffer("pilot.toml", config);
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
}

TEST_CASE(
    "lsp workspace: a pilot.toml broken on disk at start checks nothing but says so, fixed on disk "
    "all loads") {
  Scratch s;
  std::string config = s.read("pilot.toml");
  s.write("pilot.toml", "[school\n");
  Workspace ws(s.root, 1);
  const Analysis& a = ws.analyze(k_as_of);
  REQUIRE(a.diagnostics.size() == 1);
  CHECK(a.diagnostics[0].file == "pilot.toml");
  CHECK(a.diagnostics[0].rule == "S007");
  CHECK(ws.repository().reports.empty());
  s.write("pilot.toml", config);
  ws.disk_changed("pilot.toml");
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  CHECK_FALSE(ws.repository().reports.empty());
}

TEST_CASE("lsp workspace: a folder deleted or a symlink on disk loads everything again") {
  Scratch s;
  Workspace ws(s.root, 1);
  fs::remove_all(s.root / "reports/2026/510201");
  ws.disk_changed("reports/2026/510201");
  CHECK(rules_in(ws.analyze(k_as_of), k_pilot) == std::vector<std::string>{"R601"});
  fs::create_symlink("/etc/hostname", s.root / "colleges/link.yaml");
  ws.disk_changed("colleges/link.yaml");
  CHECK(rules_in(ws.analyze(k_as_of), "colleges/link.yaml") == std::vector<std::string>{"S005"});
  CHECK(summary(ws.analysis().diagnostics) == fresh(s.root));
}

TEST_CASE("lsp workspace: paths below the root, also through a symlinked root") {
  Scratch s;
  Workspace ws(s.root, 1);
  CHECK(ws.relative((s.root / k_report).string()) == k_report);
  CHECK(ws.relative((s.root / "a/../pilot.toml").string()) == "pilot.toml");
  CHECK_FALSE(ws.relative("/etc/passwd"));
  CHECK_FALSE(ws.relative(s.root.string()));
  fs::path link = s.root.string() + "-link";
  fs::create_directory_symlink(s.root, link);
  CHECK(ws.relative((link / k_report).string()) == k_report);
  fs::remove(link);
  CHECK(find_root_upwards(s.root / "reports/2026") == s.root);
}

TEST_CASE(
    "lsp workspace: an editor's backup file in a kind folder changes nothing and loads nothing "
    "again") {
  Scratch s;
  Workspace ws(s.root, 1);
  ws.analyze(k_as_of);
  std::size_t reports = ws.repository().reports.size();
  s.write("reports/2026/510201/2026-11-10.yamlX1b2.bck", "not: [a record\n");
  ws.disk_changed("reports/2026/510201/2026-11-10.yamlX1b2.bck");
  fs::remove(s.root / "reports/2026/510201/2026-11-10.yamlX1b2.bck");
  ws.disk_changed("reports/2026/510201/2026-11-10.yamlX1b2.bck");
  CHECK(ws.analyze(k_as_of).diagnostics.empty());
  CHECK(ws.repository().reports.size() == reports);
  CHECK(ws.loads() == 1);
  // A folder that disappears with its records: they go too.
  fs::remove_all(s.root / "reports/2026/510202");
  ws.disk_changed("reports/2026/510202");
  CHECK(ws.repository().reports.size() == reports - 1);
  CHECK(ws.loads() == 2);
  // A YAML file outside the record folders: what a load says of it, a load decides.
  s.write("fund/2026/0009.yaml", "id: \"0009\"\n");
  ws.disk_changed("fund/2026/0009.yaml");
  CHECK(ws.loads() == 3);
  CHECK(summary(ws.analyze(k_as_of).diagnostics) == fresh(s.root));
  ws.disk_changed("notes/plan.pdf");  // no record, no YAML: nothing to read
  CHECK(ws.loads() == 3);
}
