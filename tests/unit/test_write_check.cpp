#include <algorithm>
// Validate before write (src/write/check.cpp), the defaults of `pilot add`
// (src/write/defaults.cpp) and the files of `pilot init` (src/write/init.cpp).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <random>

#include "pilot/rules.hpp"
#include "pilot/write.hpp"

using namespace pilot;
namespace fs = std::filesystem;

namespace {

const Date k_as_of = *Date::parse("2026-11-15");  // the base fixture's snapshot date

Repository base() { return load_repository(fs::path(PILOT_FIXTURES) / "base"); }

std::vector<std::string> rules_of(const std::vector<Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.rule + " " + d.file + ":" + std::to_string(d.line));
  return out;
}

const char* k_pilot_with_unknown_key =
    "id: extra-2026\n"                // 1
    "year: 2026\n"                    // 2
    "certificate: web-frontend\n"     // 3
    "level: 中级\n"                   // 4
    "status: submitted\n"             // 5
    "submitted: 2026-04-20\n"         // 6
    "majors:\n"                       // 7
    "  - { major: \"510202\", quota: 5, contact: 王老师 }\n"
    "accounts: { admin: ex_admin, exam: ex_exam }\n"
    "plan: 计划\n"
    "colour: blue\n";                 // 11: S002 unknown key

}  // namespace

TEST_CASE("write check: a clean record adds no error, a bad reference adds S004") {
  Repository repo = base();
  CHECK(errors_added(repo, Kind::college, "colleges/jidian.yaml", "id: jidian\nname: 机电工程学院\nleader: 张三\n", k_as_of).empty());
  CHECK(repo.college("jidian") != nullptr);  // the repository keeps the change
  auto added = errors_added(repo, Kind::major, "majors/510204.yaml", "id: \"510204\"\nname: 软件技术\ncollege: nosuch\n", k_as_of);
  CHECK(rules_of(added) == std::vector<std::string>{"S004 majors/510204.yaml:3"});
}

TEST_CASE("write check: errors that were there before do not count, new ones do") {
  Repository repo = base();
  add_parsed(repo, parse_record(Kind::major, "majors/510209.yaml", "id: \"510209\"\nname: x\ncollege: nosuch\n"));
  repo.build_indexes();
  CHECK(errors_added(repo, Kind::college, "colleges/jidian.yaml", "id: jidian\nname: 机电\nleader: 张三\n", k_as_of).empty());
  auto added = errors_added(repo, Kind::major, "majors/510208.yaml", "id: \"510208\"\nname: y\ncollege: nosuch\n", k_as_of);
  CHECK(rules_of(added) == std::vector<std::string>{"S004 majors/510208.yaml:3"});
}

TEST_CASE("write check: replacing a file drops what the old one had") {
  Repository repo = base();
  auto added = errors_added(repo, Kind::college, "colleges/xinxi.yaml", "id: xinxi\nname: 信息工程学院\n", k_as_of);
  REQUIRE(added.size() == 1);
  CHECK(added[0].rule == "S002");
  CHECK(added[0].message.en.find("leader") != std::string::npos);
  CHECK(repo.colleges.size() == 1);  // replaced, not added
}

TEST_CASE("write check: an edit's line map keeps a moved old error from counting as new") {
  Repository repo = base();
  const std::string rel = "pilots/2026/extra-2026.yaml";
  add_parsed(repo, parse_record(Kind::pilot, rel, k_pilot_with_unknown_key));
  repo.build_indexes();
  // The same file with one line inserted after line 6: the S002 of line 11 moves to 12.
  std::string edited = k_pilot_with_unknown_key;
  edited.insert(edited.find("majors:"), "approved: 2026-11-14\n");
  edited.replace(edited.find("submitted\n"), 9, "approved");
  Repository copy = repo;
  auto unmapped = errors_added(copy, Kind::pilot, rel, edited, k_as_of);
  CHECK(rules_of(unmapped) == std::vector<std::string>{"S002 pilots/2026/extra-2026.yaml:12"});
  LineMap lines;
  for (int i = 1; i <= 11; ++i) lines.new_line_of.push_back(i <= 6 ? i : i + 1);
  CHECK(errors_added(repo, Kind::pilot, rel, edited, k_as_of, lines).empty());
}

TEST_CASE("write defaults: a quota change takes certificate name, level and current quota from its pilot") {
  Repository repo = base();
  QuotaChange q;
  q.pilot.value = "web-frontend-2026";
  q.pilot.present = q.pilot.valid = true;
  CHECK(quota_change_year(q, repo, k_as_of) == 2026);
  QuotaChange first = q;
  fill_quota_change_defaults(first, repo, k_as_of, "quota-changes/2026/web-frontend-2026.yaml");
  CHECK(first.certificate_name.value == "Web前端开发");
  CHECK(first.level.value == Level::intermediate);
  CHECK(first.original.value == 50);  // 30 + 20
  CHECK(first.submitted.value == k_as_of);
  CHECK_FALSE(first.initiated_by.present);
  CHECK_FALSE(first.signed_by.present);
  CHECK_FALSE(first.stamped.present);

  // Once a change is recorded, the current quota is its revised total — unless that very
  // file is the one being replaced.
  add_parsed(repo, parse_record(Kind::quota_change, "quota-changes/2026/web-frontend-2026.yaml",
                                "pilot: web-frontend-2026\nrevised: 40\nsubmitted: 2026-09-01\n"));
  repo.build_indexes();
  QuotaChange second = q;
  fill_quota_change_defaults(second, repo, k_as_of, "quota-changes/2026/web-frontend-2026-b.yaml");
  CHECK(second.original.value == 40);
  QuotaChange replacing = q;
  fill_quota_change_defaults(replacing, repo, k_as_of, "quota-changes/2026/web-frontend-2026.yaml");
  CHECK(replacing.original.value == 50);

  QuotaChange unknown;
  unknown.pilot.value = "nosuch";
  unknown.pilot.present = unknown.pilot.valid = true;
  CHECK(quota_change_year(unknown, repo, k_as_of) == 2026);
  fill_quota_change_defaults(unknown, repo, k_as_of, "quota-changes/2026/nosuch.yaml");
  CHECK_FALSE(unknown.original.present);
}

TEST_CASE("write defaults: a report is due on the latest due date, submitted today, for the major's pilot") {
  Repository repo = base();
  Report r;
  r.major.value = "510202";
  r.major.present = r.major.valid = true;
  Report a = r;
  CHECK(fill_report_defaults(a, repo, k_as_of).empty());
  CHECK(a.due.value == *Date::parse("2026-11-10"));
  CHECK(a.submitted.value == k_as_of);
  CHECK(a.pilot.value == "web-frontend-2026");
  Report b = r;
  CHECK(fill_report_defaults(b, repo, *Date::parse("2026-11-20")).empty());
  CHECK(b.due.value == *Date::parse("2026-11-20"));
  Report c = r;
  c.major.value = "510299";
  CHECK_FALSE(fill_report_defaults(c, repo, k_as_of).empty());  // in no approved pilot
  Report d = r;
  CHECK_FALSE(fill_report_defaults(d, repo, *Date::parse("2030-06-01")).empty());  // no calendar
}

TEST_CASE("write init: pilot.toml parses clean, with the year's calendar and the school name") {
  const std::string name = "青川\"职业\\技术\"学院";
  auto files = init_files(name, 2027);
  auto toml = std::find_if(files.begin(), files.end(), [](const InitFile& f) { return f.rel == "pilot.toml"; });
  REQUIRE(toml != files.end());
  // The editor files (schemas, settings) are write_editor_files' (test_write_editors.cpp).
  CHECK(std::count_if(files.begin(), files.end(), [](const InitFile& f) { return f.rel.rfind(".pilot/", 0) == 0; }) == 0);
  CHECK(files.back().rel == "pilot.toml");
  Config config = parse_config(toml->text);
  CHECK(config.diagnostics.empty());
  CHECK(config.school_name == name);
  const YearCalendar* cal = config.calendar(2027);
  REQUIRE(cal != nullptr);
  REQUIRE(cal->application_window);
  CHECK(cal->application_window->from == *Date::parse("2027-03-01"));
  CHECK(cal->vacations.size() == 2);
  CHECK(config.report_days == std::vector<int>{10, 20});
  bool gitattributes = false, ci = false;
  for (const auto& f : files) {
    if (f.rel == ".gitattributes") gitattributes = f.text.find("*.yaml text eol=lf") != std::string::npos;
    if (f.rel == ".gitlab-ci.yml") {
      ci = f.text.find("pilot validate --format junit > report.xml") != std::string::npos &&
           f.text.find("junit: report.xml") != std::string::npos;
    }
  }
  CHECK(gitattributes);
  CHECK(ci);
}

TEST_CASE("write init: a new repository validates clean") {
  std::mt19937_64 rng{std::random_device{}()};
  fs::path dir = fs::temp_directory_path() / ("pilot-unit-init-" + std::to_string(::getpid()) + "-" + std::to_string(rng()));
  fs::create_directories(dir);
  for (const auto& f : init_files("测试职业技术学院", 2026)) {
    write_file_atomically(dir, f.rel, f.text, Overwrite::no, posix_file_system());
  }
  for (Kind k : k_all_kinds) CHECK(fs::is_regular_file(dir / kind_folder(k) / ".gitkeep"));
  Repository repo = load_repository(dir);
  AnalyzeOptions options;
  options.as_of = k_as_of;
  Analysis a = analyze(repo, options);
  CHECK(a.diagnostics.empty());
  CHECK(a.errors == 0);
  std::error_code ec;
  fs::remove_all(dir, ec);
}
