// progress.hpp: quotas after quota changes, attended/planned from batches, report tallies.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "pilot/progress.hpp"

using namespace pilot;

namespace {

Date d(const char* text) { return *Date::parse(text); }

// A repository from in-memory files ("pilots/2026/x.yaml" -> text), as the loader builds it
// (in path order).
Repository make_repo(int grace_days, std::vector<std::pair<std::string, std::string>> files) {
  std::sort(files.begin(), files.end());
  Repository repo;
  repo.config = parse_config(
      "[calendar]\nreport_days = [10, 20]\nreport_grace_days = " + std::to_string(grace_days) +
      "\n[calendar.2026]\nvacations = [[\"2026-01-17\", \"2026-02-22\"], [\"2026-07-11\", \"2026-08-30\"]]\n");
  REQUIRE(repo.config.diagnostics.empty());
  for (const auto& [path, text] : files) {
    std::string folder = path.substr(0, path.find('/'));
    std::optional<Kind> kind;
    for (Kind k : k_all_kinds) {
      if (folder == kind_folder(k)) kind = k;
    }
    REQUIRE(kind.has_value());
    ParsedFile parsed = parse_record(*kind, path, text);
    INFO(path);
    REQUIRE(parsed.record.has_value());
    add_parsed(repo, std::move(parsed));
  }
  repo.build_indexes();
  return repo;
}

std::string exam(const char* id, const char* pilot, const char* date, const char* status, const std::string& results) {
  return std::string("id: ") + id + "\npilot: " + pilot + "\ndate: " + date + "\nstatus: " + status + "\nresults:\n" + results;
}

std::string report(const char* major, const char* due, const char* submitted, int attended) {
  return std::string("major: \"") + major + "\"\npilot: web-2026\ndue: " + due + "\nsubmitted: " + submitted +
         "\nprogress: { trained: 40, registered: 30, attended: " + std::to_string(attended) +
         ", passed: 10 }\nsections: { major_construction: a, faculty: b, textbooks: c, training: d, funding: e }\n";
}

std::vector<std::pair<std::string, std::string>> k_files = {
    {"pilots/2026/web-2026.yaml",
     "id: web-2026\nyear: 2026\ncertificate: web\nlevel: 中级\nstatus: approved\nsubmitted: 2026-04-15\n"
     "approved: 2026-10-25\nlead_major: \"510201\"\nmajors:\n"
     "  - { major: \"510201\", quota: 30, contact: 李老师 }\n  - { major: \"510202\", quota: 20, contact: 王老师 }\n"},
    {"pilots/2026/net-2026.yaml",
     "id: net-2026\nyear: 2026\ncertificate: net\nlevel: 中级\nstatus: approved\nsubmitted: 2026-04-15\n"
     "approved: 2026-06-01\nmajors:\n  - { major: \"510203\", quota: 40, contact: 张老师 }\n"},
    {"pilots/2026/ops-2026.yaml",
     "id: ops-2026\nyear: 2026\ncertificate: ops\nlevel: 中级\nstatus: approved\nsubmitted: 2026-04-15\n"
     "approved: 2026-09-15\nmajors:\n  - { major: \"510202\", quota: 10, contact: 王老师 }\n"},
    {"pilots/2026/draft-2026.yaml",
     "id: draft-2026\nyear: 2026\ncertificate: web\nstatus: draft\nmajors:\n  - { major: \"510201\", quota: 10 }\n"},
    {"quota-changes/2026/web-2026.yaml",
     "pilot: web-2026\noriginal: 50\nrevised: 45\nbreakdown: { \"510201\": 28, \"510202\": 17 }\nsubmitted: 2026-09-25\n"},
    {"quota-changes/2026/net-2026.yaml", "pilot: net-2026\noriginal: 35\nrevised: 30\nsubmitted: 2026-10-01\n"},
    {"quota-changes/2026/net-2026.yml", "pilot: net-2026\noriginal: 40\nrevised: 35\nsubmitted: 2026-09-01\n"},
    {"exams/2026/web-2026-b1.yaml",
     exam("web-2026-b1", "web-2026", "2026-11-05", "held",
          "  - { major: \"510201\", registered: 20, attended: 18, passed: 15 }\n"
          "  - { major: \"510202\", registered: 12, attended: 12, passed: 10 }\n"
          "  - { major: \"510203\", registered: 5, attended: 5, passed: 5 }\n")},
    {"exams/2026/web-2026-b2.yaml",
     exam("web-2026-b2", "web-2026", "2026-11-20", "held", "  - { major: \"510201\", registered: 6, attended: 5, passed: 5 }\n")},
    {"exams/2026/web-2026-b3.yaml",
     exam("web-2026-b3", "web-2026", "2026-12-05", "planned",
          "  - { major: \"510201\", registered: 12, attended: 0, passed: 0 }\n"
          "  - { major: \"510202\", registered: 8, attended: 0, passed: 0 }\n")},
    {"exams/2026/web-2026-b0.yaml",
     exam("web-2026-b0", "web-2026", "2026-10-01", "held", "  - { major: \"510201\", registered: 3, attended: 3, passed: 3 }\n")},
    {"exams/2025/web-2026-old.yaml",
     exam("web-2026-old", "web-2026", "2025-12-01", "held", "  - { major: \"510201\", registered: 9, attended: 9, passed: 9 }\n")},
    {"exams/2026/draft-2026-b1.yaml",
     exam("draft-2026-b1", "draft-2026", "2026-11-01", "held", "  - { major: \"510201\", registered: 7, attended: 7, passed: 7 }\n")},
    {"reports/2026/510201/2026-11-10.yaml", report("510201", "2026-11-10", "2026-11-09", 21)},
    {"reports/2026/510202/2026-11-10.yaml", report("510202", "2026-11-10", "2026-11-12", 12)},
};

}  // namespace

TEST_CASE("progress: one row per major of each approved pilot, in file order") {
  Repository repo = make_repo(0, k_files);
  ProgressBook book(repo, d("2026-11-15"));
  std::vector<std::string> keys;
  for (const auto& row : book.rows()) keys.push_back(row.pilot->id.value + "/" + row.major);
  // Files are read in path order: net, ops, web; the draft pilot has no row.
  CHECK(keys == std::vector<std::string>{"net-2026/510203", "ops-2026/510202", "web-2026/510201", "web-2026/510202"});
  CHECK(book.find("draft-2026", "510201") == nullptr);
  CHECK(book.find("web-2026", "510203") == nullptr);
  REQUIRE(book.find("web-2026", "510201") != nullptr);
  CHECK(book.find("web-2026", "510201")->entry->pos.line == 10);
}

TEST_CASE("progress: the quota change replaces the quotas, the last by submitted applies") {
  Repository repo = make_repo(0, k_files);
  ProgressBook book(repo, d("2026-11-15"));
  const MajorProgress* a = book.find("web-2026", "510201");
  const MajorProgress* b = book.find("web-2026", "510202");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  CHECK(a->original_quota == 30);
  CHECK(a->quota == 28);  // breakdown
  CHECK(a->quota_changed);
  CHECK(b->quota == 17);

  // Single major without breakdown: revised is its quota; of two changes the later one counts.
  const MajorProgress* n = book.find("net-2026", "510203");
  REQUIRE(n != nullptr);
  CHECK(n->original_quota == 40);
  CHECK(n->quota == 30);
  const auto& changes = book.quota_changes_of("net-2026");
  REQUIRE(changes.size() == 2);
  CHECK(changes[0]->file == "quota-changes/2026/net-2026.yml");  // submitted 09-01
  CHECK(changes[1]->file == "quota-changes/2026/net-2026.yaml");  // submitted 10-01
  CHECK(book.quota_change("net-2026") == changes[1]);
  CHECK(book.quota_change("ops-2026") == nullptr);
  CHECK(book.quota_changes_of("ops-2026").empty());
  const MajorProgress* o = book.find("ops-2026", "510202");
  REQUIRE(o != nullptr);
  CHECK(o->quota == 10);
  CHECK_FALSE(o->quota_changed);
  CHECK(book.original_quota(*repo.pilot("web-2026")) == 50);
}

TEST_CASE("progress: attended counts held batches of the pilot year up to as-of, planned adds seats") {
  Repository repo = make_repo(0, k_files);
  ProgressBook book(repo, d("2026-11-15"));
  const MajorProgress* a = book.find("web-2026", "510201");
  REQUIRE(a != nullptr);
  // b0 (10-01) 3 + b1 (11-05) 18; not b2 (11-20, after as-of), not the 2025 batch, not the draft pilot's.
  CHECK(a->attended == 21);
  CHECK(a->registered == 23);
  CHECK(a->passed == 18);
  CHECK(a->planned == 12);
  CHECK_FALSE(a->met());       // 21 < 28
  CHECK(a->reachable());       // 21 + 12 >= 28
  const MajorProgress* b = book.find("web-2026", "510202");
  REQUIRE(b != nullptr);
  CHECK(b->attended == 12);
  CHECK(b->planned == 8);
  CHECK(b->reachable());  // 20 >= 17
  CHECK(book.find("ops-2026", "510202")->attended == 0);  // batches of another pilot do not count

  SUBCASE("attended_until stops at the date and at as-of") {
    CHECK(book.attended_until("web-2026", "510201", d("2026-10-31")) == 3);
    CHECK(book.attended_until("web-2026", "510201", d("2026-11-05")) == 21);
    CHECK(book.attended_until("web-2026", "510201", d("2026-12-31")) == 21);  // b2 is after as-of
    CHECK(book.attended_until("web-2026", "510203", d("2026-12-31")) == 0);
    CHECK(book.attended_until("nope", "510201", d("2026-12-31")) == 0);
  }
  SUBCASE("a later as-of counts the later batch") {
    ProgressBook later(repo, d("2026-11-20"));
    CHECK(later.find("web-2026", "510201")->attended == 26);
    CHECK(later.attended_until("web-2026", "510201", d("2026-11-20")) == 26);
  }
}

TEST_CASE("progress: report tallies with grace days") {
  SUBCASE("no grace: a report submitted two days after the due date is late") {
    Repository repo = make_repo(0, k_files);
    ProgressBook book(repo, d("2026-11-15"));
    auto a = book.tally(*book.find("web-2026", "510201"));
    CHECK(a.due == 1);
    CHECK(a.on_time == 1);
    CHECK(a.late == 0);
    CHECK(a.missing == 0);
    auto b = book.tally(*book.find("web-2026", "510202"));
    CHECK(b.late == 1);
    REQUIRE(b.late_dates.size() == 1);
    CHECK(b.late_dates[0] == d("2026-11-10"));
  }
  SUBCASE("two grace days: the same report is on time") {
    Repository repo = make_repo(2, k_files);
    ProgressBook book(repo, d("2026-11-15"));
    auto b = book.tally(*book.find("web-2026", "510202"));
    CHECK(b.on_time == 1);
    CHECK(b.late == 0);
  }
  SUBCASE("missing only once as-of is past due + grace") {
    Repository repo = make_repo(2, k_files);
    // 510203 (net-2026, approved 06-01) has filed nothing: 06-10, 06-20, 07-10, 09-10 ... 11-10.
    ProgressBook on_grace_end(repo, d("2026-11-12"));
    auto t = on_grace_end.tally(*on_grace_end.find("net-2026", "510203"));
    CHECK(t.missing == 7);  // 11-10 not yet: grace runs through 11-12
    CHECK(t.missing_dates.back() == d("2026-10-20"));
    ProgressBook after(repo, d("2026-11-13"));
    auto u = after.tally(*after.find("net-2026", "510203"));
    CHECK(u.missing == 8);
    CHECK(u.due == 8);
    CHECK(u.missing_dates.front() == d("2026-06-10"));
    CHECK(u.missing_dates.back() == d("2026-11-10"));
  }
  SUBCASE("a report filed under another pilot of the same major counts") {
    Repository repo = make_repo(0, k_files);
    ProgressBook book(repo, d("2026-11-15"));
    // ops-2026 (approved 09-15) shares major 510202 with web-2026; its 11-10 report names web-2026.
    auto t = book.tally(*book.find("ops-2026", "510202"));
    CHECK(t.late == 1);  // 11-10 (submitted 11-12)
    CHECK(t.missing == 3);  // 09-20, 10-10, 10-20
    CHECK(book.report("510202", d("2026-11-10")) != nullptr);
    CHECK(book.report("510202", d("2026-11-20")) == nullptr);
  }
}

TEST_CASE("progress: a major's pilots and due dates in a year") {
  Repository repo = make_repo(0, k_files);
  ProgressBook book(repo, d("2026-11-15"));
  auto pilots = book.pilots_of("510202", 2026);
  REQUIRE(pilots.size() == 2);
  CHECK(pilots[0]->id.value == "ops-2026");
  CHECK(pilots[1]->id.value == "web-2026");
  CHECK(book.pilots_of("510201", 2025).empty());
  // The union: ops-2026 approved 09-15 starts at 09-20.
  auto dates = book.due_dates_of_major("510202", 2026);
  REQUIRE_FALSE(dates.empty());
  CHECK(dates.front() == d("2026-09-20"));
  CHECK(dates.size() == 7);
  CHECK(book.due_dates(*book.find("web-2026", "510202")).size() == 4);  // 11-10 .. 12-20
}

TEST_CASE("progress: approved_pilot finds only approved pilots") {
  Repository repo = make_repo(0, k_files);
  CHECK(approved_pilot(repo, "web-2026") == repo.pilot("web-2026"));
  CHECK(approved_pilot(repo, "draft-2026") == nullptr);
  CHECK(approved_pilot(repo, "missing") == nullptr);
}

TEST_CASE("progress: a report file that exists but cannot be read is not also missing") {
  Repository repo = make_repo(0, k_files);
  // 510202 of ops-2026 is due 09-20, 10-10, 10-20 without reports; two of them are broken files.
  add_parsed(repo, parse_record(Kind::report, "reports/2026/510202/2026-09-20.yaml", "major: [\"510202\"\n"));
  add_parsed(repo, parse_record(Kind::report, "reports/2026/510202/2026-10-10.yaml",
                                "major: \"510202\"\npilot: web-2026\ndue: 2026-10-32\nsubmitted: 2026-10-09\n"));
  repo.build_indexes();
  CHECK(repo.reports.size() == 3);  // the second one is a record with an invalid due
  ProgressBook book(repo, d("2026-11-15"));
  auto t = book.tally(*book.find("ops-2026", "510202"));
  CHECK(t.missing == 1);
  REQUIRE(t.missing_dates.size() == 1);
  CHECK(t.missing_dates[0] == d("2026-10-20"));
  CHECK(t.late == 1);  // 11-10
}
