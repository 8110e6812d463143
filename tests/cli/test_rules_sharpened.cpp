// The rules SPEC §0 sharpened on 2026-12-05: R302 (one pilot per certificate and level), R310
// (application dates), R501 with R505 (a past planned batch counts nothing), R502 (per
// certificate and level), R503 (dates, revised > 0, the certificate's full title), R605 (all the
// major's pilots), R606 (a report under another pilot), S007 (impossible calendars), S002 (a
// major listed twice; no placeholder dates). The January views are in test_views_january.cpp.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "findings.hpp"
#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;

namespace {

const std::string k_as_of = "2026-11-15";  // the base fixture's snapshot date
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";
const std::string k_pilot_rj = "pilots/2026/web-frontend-2026-rj.yaml";
const std::string k_change = "quota-changes/2026/web-frontend-2026.yaml";
const std::string k_report_201 = "reports/2026/510201/2026-11-10.yaml";
const std::string k_b2 = "exams/2026/web-frontend-2026-b2.yaml";

RunResult validate(const std::string& repo, const std::string& as_of = k_as_of,
                   std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"validate", "--repo", repo, "--as-of", as_of, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args);
}

// Replaces the one occurrence of `from` in a file of the temporary repository.
void edit(const TempDir& repo, const std::string& rel, const std::string& from,
          const std::string& to) {
  std::string text = repo.read(rel);
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, rel, " lacks ", from);
  text.replace(at, from.size(), to);
  repo.write(rel, text);
}

std::string message_of(const RunResult& r, std::size_t i = 0) {
  return r.json()["diagnostics"][i]["message"].get<std::string>();
}

const char* k_major_510203 = "id: \"510203\"\nname: 软件技术\ncollege: xinxi\n";

// A submitted 2026 pilot of major 510203 alone, with `certificate` and `level` as given.
std::string rj_pilot(const std::string& certificate = "web-frontend",
                     const std::string& level = "中级",
                     const std::string& status = "submitted\nsubmitted: 2026-05-12") {
  return "id: web-frontend-2026-rj\nyear: 2026\ncertificate: " + certificate + "\nlevel: " + level +
         "\nstatus: " + status + "\nmajors:\n  - { major: \"510203\", quota: 25, contact: 赵老师 }\n"
         "accounts: { admin: rj_admin_510203, exam: rj_exam_510203 }\n"
         "plan: 2026年软件技术专业试点工作计划\n";
}

}  // namespace

TEST_CASE("sharpened rules: each fixture raises its rule, at its place, and nothing else") {
  struct Case {
    const char* fixture;
    int exit_code;
    std::vector<Expected> findings;
  };
  const std::vector<Case> cases = {
      {"R302-same-certificate-level",
       1,
       {{"R302", k_pilot_rj, 3, "error"}, {"R302", k_pilot, 3, "error"}}},
      {"R310-approved-next-year", 1, {{"R310", k_pilot, 7, "error"}}},
      // Splitting one certificate over two pilots is R302; their two quota changes are R502.
      {"R502-two-pilots-one-certificate",
       1,
       {{"R302", k_pilot_rj, 3, "error"},
        {"R302", k_pilot, 3, "error"},
        {"R502", "quota-changes/2026/web-frontend-2026-rj.yaml", 1, "error"}}},
      {"R503-before-approval", 1, {{"R503", k_change, 13, "error"}}},
      {"R503-revised-zero", 1, {{"R503", k_change, 8, "error"}}},
      // Without the past batch's seats, neither major can reach its quota any more (R501).
      {"R505-past-planned-batch",
       0,
       {{"R505", k_b2, 4, "warning"},
        {"R501", k_pilot, 10, "warning"},
        {"R501", k_pilot, 11, "warning"}}},
      // 510201 in two pilots is R301; its report must count both pilots' batches.
      {"R605-two-pilots",
       0,
       {{"R301", "pilots/2026/cloud-ops-2026.yaml", 9, "warning"},
        {"R301", k_pilot, 10, "warning"},
        {"R605", k_report_201, 5, "warning"}}},
      {"R606-other-pilot", 1, {{"R606", "reports/2026/510203/2026-11-10.yaml", 2, "error"}}},
      {"S007-impossible-calendar", 1, {{"S007", "pilot.toml", 13, "error"}}},
      {"S002-major-twice", 1, {{"S002", k_pilot, 12, "error"}}},
      {"S002-approved-missing", 1, {{"S002", k_pilot, 1, "error"}}},
  };
  for (const auto& c : cases) {
    INFO(c.fixture);
    auto r = validate(fixture(c.fixture).string());
    CHECK(r.exit_code == c.exit_code);
    expect_findings(r, c.findings);
    CHECK(validate(fixture(c.fixture).string(), k_as_of, {"--strict"}).exit_code == 1);
  }
}

TEST_CASE("R302: two applications of one year for the same certificate and level") {
  TempDir repo(fixture("base"));
  repo.write("majors/510203.yaml", k_major_510203);
  SUBCASE("each file names the other, in both languages") {
    repo.write(k_pilot_rj, rj_pilot());
    auto en = validate(repo.str());
    expect_findings(en, {{"R302", k_pilot_rj, 3, "error"}, {"R302", k_pilot, 3, "error"}});
    CHECK(message_of(en, 1).find("web-frontend-2026-rj") != std::string::npos);
    CHECK(message_of(en, 1).find("中级") != std::string::npos);
    auto zh = validate(repo.str(), k_as_of, {"--lang", "zh"});
    CHECK(message_of(zh, 0).find("牵头专业") != std::string::npos);
    CHECK(message_of(zh, 0).find(k_pilot) != std::string::npos);
  }
  SUBCASE("another level of the same certificate is another pilot") {
    repo.write(k_pilot_rj, rj_pilot("web-frontend", "初级"));
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R302"}), {});
  }
  SUBCASE("a draft or rejected second application does not count") {
    repo.write(k_pilot_rj, rj_pilot("web-frontend", "中级", "draft"));
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
    repo.write(k_pilot_rj, rj_pilot("web-frontend", "中级",
                                    "rejected\nsubmitted: 2026-05-12\nrejected: 2026-06-20"));
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  }
  SUBCASE("the same certificate and level in another year is a new application") {
    std::string last_year = rj_pilot();
    last_year.replace(last_year.find("web-frontend-2026-rj"), 20, "web-frontend-2025-rj");
    last_year.replace(last_year.find("year: 2026"), 10, "year: 2025");
    last_year.replace(last_year.find("2026-05-12"), 10, "2025-05-12");
    repo.write("pilots/2025/web-frontend-2025-rj.yaml", last_year);
    edit(repo, "pilot.toml", "[calendar.2026]",
         "[calendar.2025]\napplication_window = [\"2025-03-01\", \"2025-05-31\"]\n\n"
         "[calendar.2026]");
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  }
}

TEST_CASE("R310: decisions before the application, dates outside the pilot year") {
  TempDir repo(fixture("base"));
  SUBCASE("approved before submitted") {
    edit(repo, k_pilot, "submitted: 2026-04-15", "submitted: 2026-10-26");
    auto r = validate(repo.str(), k_as_of, {"--select", "R310"});
    expect_findings(r, {{"R310", k_pilot, 7, "error"}});
    CHECK(message_of(r).find("2026-10-25") != std::string::npos);
    CHECK(message_of(r).find("2026-10-26") != std::string::npos);
  }
  SUBCASE("approved on the day of the application is possible") {
    edit(repo, k_pilot, "approved: 2026-10-25", "approved: 2026-04-15");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R310"}), {});
  }
  SUBCASE("submitted the year before (a file copied from last year): R305 and R310, one line") {
    edit(repo, k_pilot, "submitted: 2026-04-15", "submitted: 2025-04-15");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R305,R310"}),
                    {{"R305", k_pilot, 6, "warning"}, {"R310", k_pilot, 6, "error"}});
  }
  SUBCASE("a submitted application with a rejection dated before it") {
    repo.write("majors/510203.yaml", k_major_510203);
    repo.write(k_pilot_rj, rj_pilot("web-frontend", "初级",
                                    "submitted\nsubmitted: 2026-05-12\nrejected: 2026-05-02"));
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R310"}),
                    {{"R310", k_pilot_rj, 7, "error"}});
  }
  SUBCASE("rejected and draft pilots are left to the S rules (SPEC §2.2)") {
    repo.write("majors/510203.yaml", k_major_510203);
    repo.write(k_pilot_rj, rj_pilot("web-frontend", "初级",
                                    "rejected\nsubmitted: 2026-05-12\nrejected: 2025-05-02"));
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  }
  SUBCASE("an approved pilot without its approved date: S002 alone, never a placeholder date") {
    edit(repo, k_pilot, "approved: 2026-10-25\n", "");
    auto r = validate(repo.str());
    expect_findings(r, {{"S002", k_pilot, 1, "error"}});
    for (const char* view : {"status", "report", "compliance"}) {
      INFO(view);
      std::vector<std::string> args{view,    "--repo",   repo.str(), "--as-of",
                                    k_as_of, "--format", "json"};
      auto v = run_pilot(args);
      CHECK(v.exit_code == 0);
      CHECK(v.out.find("0000-00-00") == std::string::npos);
    }
  }
}

TEST_CASE("R501 and R505: a planned batch dated before as-of counts nothing and is flagged") {
  SUBCASE("the fixture: the seats are gone from R501, status and report") {
    const std::string repo = fixture("R505-past-planned-batch").string();
    auto r = validate(repo);
    CHECK(message_of(r, 0).find("20 planned seats") != std::string::npos);
    CHECK(message_of(r, 1).find("attended 18 + planned 0 = 18") != std::string::npos);
    auto status = run_pilot({"status", "--repo", repo, "--as-of", k_as_of, "--format", "json"});
    REQUIRE(status.exit_code == 0);
    auto s = status.json();
    for (const auto& row : s["rows"]) CHECK(row["planned"] == 0);
    auto report = run_pilot({"report", "--repo", repo, "--as-of", k_as_of, "--format", "json"});
    REQUIRE(report.exit_code == 0);
    auto j = report.json();
    CHECK(j["at_risk"].size() == 2);
    for (const auto& row : j["progress"]) CHECK(row["planned"] == 0);
  }
  SUBCASE("a planned batch dated on the as-of date still counts, and is not flagged") {
    expect_findings(validate(fixture("R505-past-planned-batch").string(), "2026-11-12"), {});
    auto status = run_pilot({"status", "--repo", fixture("R505-past-planned-batch").string(),
                             "--as-of", "2026-11-12", "--format", "json"});
    CHECK(status.json()["totals"]["planned"] == 20);
  }
  SUBCASE("a held batch is never R505's, a planned one of a pilot not approved is not either") {
    TempDir repo(fixture("R505-past-planned-batch"));
    edit(repo, k_b2, "status: planned", "status: held");
    edit(repo, k_b2, "registered: 12, attended: 0, passed: 0",
         "registered: 12, attended: 12, passed: 9");
    edit(repo, k_b2, "registered: 8, attended: 0, passed: 0",
         "registered: 8, attended: 8, passed: 8");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R501,R505"}), {});
    TempDir draft(fixture("R505-past-planned-batch"));
    edit(draft, k_pilot, "status: approved", "status: submitted");
    expect_findings(validate(draft.str(), k_as_of, {"--select", "R505"}), {});
  }
  SUBCASE("after the year every planned batch left is past") {
    auto r = validate(fixture("base").string(), "2027-01-01", {"--select", "R505"});
    expect_findings(r, {{"R505", k_b2, 4, "warning"}});
  }
}

TEST_CASE("R502: counted per certificate and level across pilots") {
  TempDir repo(fixture("R502-two-pilots-one-certificate"));
  SUBCASE("the message names the certificate and the first change") {
    auto r = validate(repo.str(), k_as_of, {"--select", "R502"});
    CHECK(message_of(r).find("web-frontend") != std::string::npos);
    CHECK(message_of(r).find(k_change) != std::string::npos);
    CHECK(message_of(r).find("2026-10-28") != std::string::npos);
  }
  SUBCASE("the earlier submitted change is the first, whichever pilot it belongs to") {
    edit(repo, "quota-changes/2026/web-frontend-2026-rj.yaml", "submitted: 2026-11-14",
         "submitted: 2026-10-27");
    edit(repo, k_pilot_rj, "approved: 2026-11-12", "approved: 2026-10-26");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R502"}),
                    {{"R502", k_change, 1, "error"}});
  }
  SUBCASE("another level is another certificate of the list: one change each is fine") {
    edit(repo, k_pilot_rj, "level: 中级", "level: 初级");
    edit(repo, "quota-changes/2026/web-frontend-2026-rj.yaml", "level: 中级", "level: 初级");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R302,R502,R503"}), {});
  }
  SUBCASE("a change without a submitted date counts last, and no placeholder is shown") {
    edit(repo, k_change, "submitted: 2026-10-28\n", "");
    auto r = validate(repo.str(), k_as_of, {"--select", "R502"});
    expect_findings(r, {{"R502", k_change, 1, "error"}});
    CHECK(message_of(r).find("without a submitted date") == std::string::npos);
    CHECK(message_of(r).find("2026-11-14") != std::string::npos);
  }
}

TEST_CASE(
    "R503: submitted between the approval and 31 Dec, revised quotas above 0, the full title") {
  const std::string change = read_file(fixture("R502-two-pilots-one-certificate") / k_change);
  TempDir repo(fixture("base"));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = change;
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    repo.write(k_change, text);
  };
  SUBCASE("submitted on the approval day is fine") {
    with("submitted: 2026-10-28", "submitted: 2026-10-25");
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  }
  SUBCASE("submitted after 31 Dec of the pilot year") {
    with("submitted: 2026-10-28", "submitted: 2027-01-04");
    auto r = validate(repo.str(), "2027-01-05", {"--select", "R503"});
    expect_findings(r, {{"R503", k_change, 13, "error"}});
    CHECK(message_of(r).find("31 Dec") != std::string::npos);
    with("submitted: 2026-10-28", "submitted: 2026-12-31");
    expect_findings(validate(repo.str(), "2027-01-05", {"--select", "R503"}), {});
  }
  SUBCASE("revised 0 for a single-major pilot") {
    edit(repo, k_pilot, "  - { major: \"510202\", quota: 20, contact: 王老师 }\n", "");
    edit(repo, k_pilot, "lead_major: \"510201\"\n", "");
    repo.write(
        k_change,
        "pilot: web-frontend-2026\ncertificate_name: Web前端开发\nlevel: 中级\noriginal: 30\n"
        "revised: 0\nreason: 全部学生转入顶岗实习\ninitiated_by: \"510201\"\n"
        "signed_by: 王建华\nstamped: true\nsubmitted: 2026-10-28\n");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R503"}),
                    {{"R503", k_change, 5, "error"}});
  }
  SUBCASE("the form's full title, or spaces, are the certificate's name") {
    with("certificate_name: Web前端开发", "certificate_name: Web前端开发职业技能等级证书");
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
    with("certificate_name: Web前端开发", "certificate_name: Web 前端开发　职业技能等级证书");
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
    with("certificate_name: Web前端开发", "certificate_name: 职业技能等级证书");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R503"}),
                    {{"R503", k_change, 2, "error"}});
    with("certificate_name: Web前端开发", "certificate_name: Web后端开发职业技能等级证书");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R503"}),
                    {{"R503", k_change, 2, "error"}});
  }
}

TEST_CASE("R605 and R606: a report belongs to its major, across the major's pilots") {
  SUBCASE("the corrected two-pilot report is quiet, one pilot's message names that pilot") {
    TempDir repo(fixture("R605-two-pilots"));
    edit(repo, k_report_201, "attended: 18", "attended: 23");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R605"}), {});
    auto single = validate(fixture("R605-attended-mismatch").string());
    CHECK(message_of(single).find("(pilot web-frontend-2026)") != std::string::npos);
  }
  SUBCASE("a report naming the other pilot of its major is fine") {
    TempDir repo(fixture("R605-two-pilots"));
    edit(repo, k_report_201, "pilot: web-frontend-2026", "pilot: cloud-ops-2026");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R605,R606"}),
                    {{"R605", k_report_201, 5, "warning"}});
  }
  SUBCASE("R606's hint names the major's own pilot") {
    auto r = validate(fixture("R606-other-pilot").string());
    CHECK(r.json()["diagnostics"][0]["hint"].get<std::string>().find("pilot: cloud-ops-2026") !=
          std::string::npos);
    TempDir repo(fixture("R606-other-pilot"));
    edit(repo, "reports/2026/510203/2026-11-10.yaml", "pilot: web-frontend-2026",
         "pilot: cloud-ops-2026");
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  }
  SUBCASE("a major in no approved pilot of the year: R606 says so, R605 keeps quiet") {
    TempDir repo(fixture("R606-other-pilot"));
    edit(repo, "pilots/2026/cloud-ops-2026.yaml", "status: approved", "status: submitted");
    std::filesystem::remove(repo.path() / "exams/2026/cloud-ops-2026-b1.yaml");
    auto r = validate(repo.str(), k_as_of, {"--select", "R605,R606"});
    expect_findings(r, {{"R606", "reports/2026/510203/2026-11-10.yaml", 2, "error"}});
    CHECK(r.json()["diagnostics"][0]["hint"].get<std::string>().find("no approved pilot") !=
          std::string::npos);
  }
}

TEST_CASE("S007: a calendar that cannot be right") {
  struct Case {
    const char* name;
    std::string from, to;
    int line;
  };
  const std::string days = "report_days = [10, 20]";
  const std::string window = "application_window = [\"2026-03-01\", \"2026-05-31\"]";
  const std::string summer = "[\"2026-07-11\", \"2026-08-30\"]";
  const std::vector<Case> cases = {
      {"no report day", days, "report_days = []", 8},
      {"a report day not in every month", days, "report_days = [10, 30]", 8},
      {"a report day 0", days, "report_days = [0, 10, 20]", 8},
      {"a window that ends before it starts", window,
       "application_window = [\"2026-05-31\", \"2026-03-01\"]", 12},
      {"a window of another year", window, "application_window = [\"2025-03-01\", \"2025-05-31\"]",
       12},
      {"a window across the year end", window,
       "application_window = [\"2026-12-01\", \"2027-01-31\"]", 12},
      {"a vacation that ends before it starts", summer, "[\"2026-08-30\", \"2026-07-11\"]", 13},
      {"a vacation of another year", summer, "[\"2027-07-11\", \"2027-08-30\"]", 13},
      {"a vacation of 101 days", summer, "[\"2026-06-01\", \"2026-09-09\"]", 13},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    TempDir repo(fixture("base"));
    edit(repo, "pilot.toml", c.from, c.to);
    auto r = validate(repo.str(), k_as_of, {"--select", "S007"});
    CHECK(r.exit_code == 1);
    expect_findings(r, {{"S007", "pilot.toml", c.line, "error"}});
  }
  SUBCASE("a winter break from December before, and a vacation of exactly 100 days, are possible") {
    TempDir repo(fixture("base"));
    edit(repo, "pilot.toml", "[\"2026-01-17\", \"2026-02-22\"]",
         "[\"2025-12-27\", \"2026-02-22\"]");
    edit(repo, "pilot.toml", summer, "[\"2026-06-01\", \"2026-09-08\"]");
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  }
  SUBCASE("without report days no report is judged against a guessed day") {
    TempDir repo(fixture("base"));
    edit(repo, "pilot.toml", days, "report_days = []");
    expect_findings(validate(repo.str()), {{"S007", "pilot.toml", 8, "error"}});
  }
  SUBCASE("the dropped vacation is not used: reports fall due in what it would have covered") {
    TempDir repo(fixture("S007-impossible-calendar"));
    auto cal = run_pilot({"calendar", "--repo", repo.str(), "--as-of", k_as_of, "--year", "2026"});
    CHECK(cal.out.find("2026-07-20") != std::string::npos);
  }
}

TEST_CASE("S002: a major listed twice in one exam's results, at the second entry") {
  TempDir repo(fixture("base"));
  edit(repo, "exams/2026/web-frontend-2026-b1.yaml",
       "  - { major: \"510202\", registered: 12, attended: 12, passed: 10 }\n",
       "  - { major: \"510202\", registered: 12, attended: 12, passed: 10 }\n  - { major: "
       "\"510201\", registered: 2, attended: 2, passed: 2 }\n");
  auto r = validate(repo.str());
  // The first entry counts: the reports' attended (18) still agree, no R605.
  expect_findings(r, {{"S002", "exams/2026/web-frontend-2026-b1.yaml", 9, "error"}});
  CHECK(message_of(r).find("line 7") != std::string::npos);
}
