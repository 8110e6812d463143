// R501–R504, R601–R605 on their fixtures and variants, and `pilot calendar`.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "findings.hpp"
#include "run.hpp"

using namespace pilot::test;

namespace {

const std::string k_as_of = "2026-11-15";  // the base fixture's snapshot date
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";
const std::string k_report_201 = "reports/2026/510201/2026-11-10.yaml";
const std::string k_change = "quota-changes/2026/web-frontend-2026.yaml";

RunResult validate(const std::string& repo, const std::string& as_of, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"validate", "--repo", repo, "--as-of", as_of, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args);
}

// A complete, consistent quota change for the base pilot (50 -> 48), with `edit` applied.
std::string quota_change(const std::string& from = "", const std::string& to = "") {
  std::string text =
      "pilot: web-frontend-2026\n"          // 1
      "certificate_name: Web前端开发\n"      // 2
      "level: 中级\n"                        // 3
      "original: 50\n"                       // 4
      "revised: 48\n"                        // 5
      "breakdown:\n"                         // 6
      "  \"510201\": 29\n"                   // 7
      "  \"510202\": 19\n"                   // 8
      "reason: 两名学生休学\n"               // 9
      "initiated_by: \"510201\"\n"           // 10
      "signed_by: 王建华\n"                  // 11
      "stamped: true\n"                      // 12
      "submitted: 2026-10-28\n";             // 13
  if (!from.empty()) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

TEST_CASE("rules R5/R6: each fixture breaks exactly its rule, at the right file and line") {
  struct Case {
    const char* fixture;
    std::vector<Expected> findings;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {"R501-quota-unreachable", {{"R501", k_pilot, 10, "warning"}}, 0},
      // A second change of one pilot in a year needs a second file named after the pilot: only
      // a .yml can be one, and that is S006 itself (SPEC §2), so R502 never comes alone.
      {"R502-second-quota-change",
       {{"S006", "quota-changes/2026/web-frontend-2026.yml", 1, "error"},
        {"R502", "quota-changes/2026/web-frontend-2026.yml", 1, "error"}},
       1},
      {"R503-not-stamped", {{"R503", k_change, 12, "error"}}, 1},
      {"R504-attended-over-registered", {{"R504", "exams/2026/web-frontend-2026-b1.yaml", 8, "error"}}, 1},
      {"R601-report-missing", {{"R601", k_pilot, 11, "error"}}, 1},
      {"R602-report-late", {{"R602", k_report_201, 4, "warning"}}, 0},
      {"R603-no-contact", {{"R603", k_pilot, 11, "error"}}, 1},
      {"R604-section-missing", {{"R604", k_report_201, 6, "warning"}}, 0},
      {"R605-attended-mismatch", {{"R605", k_report_201, 5, "warning"}}, 0},
  };
  for (const auto& c : cases) {
    INFO(c.fixture);
    auto r = validate(fixture(c.fixture).string(), k_as_of);
    CHECK(r.exit_code == c.exit_code);
    expect_findings(r, c.findings);
    auto strict = validate(fixture(c.fixture).string(), k_as_of, {"--strict"});
    CHECK(strict.exit_code == 1);
  }
}

TEST_CASE("rules R5/R6: messages name the record, the values and the missing path") {
  auto r501 = validate(fixture("R501-quota-unreachable").string(), k_as_of).json()["diagnostics"][0];
  std::string m = r501["message"];
  CHECK(m.find("web-frontend-2026") != std::string::npos);
  CHECK(m.find("510201") != std::string::npos);
  CHECK(m.find("quota 30") != std::string::npos);
  CHECK(m.find("attended 18 + planned 10 = 28, short by 2") != std::string::npos);
  CHECK(r501["hint"].get<std::string>().find("三(五)2") != std::string::npos);

  auto r601 = validate(fixture("R601-report-missing").string(), k_as_of).json()["diagnostics"][0];
  CHECK(r601["message"].get<std::string>().find("reports/2026/510202/2026-11-10.yaml") != std::string::npos);

  auto zh = run_pilot({"validate", "--repo", fixture("R604-section-missing").string(), "--as-of", k_as_of, "--lang", "zh",
                       "--format", "json"});
  std::string zm = zh.json()["diagnostics"][0]["message"];
  CHECK(zm.find("教材建设") != std::string::npos);
  CHECK(zm.find("textbooks") != std::string::npos);
}

TEST_CASE("R501: a warning until 31 Dec whatever [rules] says, an error from 1 Jan") {
  SUBCASE("[rules] R501 = \"error\" cannot raise the warning before the year ends; \"off\" silences it") {
    TempDir repo(fixture("R501-quota-unreachable"));
    std::string toml = repo.read("pilot.toml");
    repo.write("pilot.toml", toml + "\n[rules]\nR501 = \"error\"\n");
    auto r = validate(repo.str(), k_as_of);
    CHECK(r.exit_code == 0);
    expect_findings(r, {{"R501", k_pilot, 10, "warning"}});
    repo.write("pilot.toml", toml + "\n[rules]\nR501 = \"off\"\n");
    expect_findings(validate(repo.str(), k_as_of), {});
  }
  SUBCASE("up to 31 Dec: reachable quotas are quiet, unreachable ones warn") {
    // On the planned batch's own day (2026-12-05) its seats still count.
    expect_findings(validate(fixture("base").string(), "2026-12-05", {"--select", "R501"}), {});
    expect_findings(
        validate(fixture("R501-quota-unreachable").string(), "2026-12-05", {"--select", "R501"}),
        {{"R501", k_pilot, 10, "warning"}});
    // By 31 Dec that batch is past and still planned (R505): it counts nothing, yet it is 2026
    // still, so the missing seats are warnings.
    expect_findings(validate(fixture("base").string(), "2026-12-31", {"--select", "R501"}),
                    {{"R501", k_pilot, 10, "warning"}, {"R501", k_pilot, 11, "warning"}});
  }
  SUBCASE("1 Jan: every major below its quota is an error (planned batches no longer count)") {
    auto r = validate(fixture("base").string(), "2027-01-01", {"--select", "R501"});
    CHECK(r.exit_code == 1);
    expect_findings(r, {{"R501", k_pilot, 10, "error"}, {"R501", k_pilot, 11, "error"}});
  }
  SUBCASE("the year-end fixture: only the major that missed, as of early January") {
    auto r = validate(fixture("R501-after-31-dec").string(), "2027-01-05");
    CHECK(r.exit_code == 1);
    expect_findings(r, {{"R501", k_pilot, 11, "error"}});
    std::string m = r.json()["diagnostics"][0]["message"];
    CHECK(m.find("quota 20, attended in held batches 17, short by 3") != std::string::npos);
    // The same repository on 31 Dec: 510202 has no planned seats left, so it already warns.
    expect_findings(validate(fixture("R501-after-31-dec").string(), "2026-12-31"), {{"R501", k_pilot, 11, "warning"}});
  }
  SUBCASE("the quota after a quota change is what must be met") {
    TempDir repo(fixture("base"));
    // 510202's quota drops from 20 to 12: held 12 meets it even after the year.
    repo.write(k_change, quota_change("  \"510201\": 29\n  \"510202\": 19\n", "  \"510201\": 36\n  \"510202\": 12\n"));
    auto r = validate(repo.str(), "2027-01-01", {"--select", "R501,R503"});
    expect_findings(r, {{"R501", k_pilot, 10, "error"}});
    CHECK(r.json()["diagnostics"][0]["message"].get<std::string>().find("quota 36 (revised from 30") != std::string::npos);
  }
}

TEST_CASE("R502: a second quota change for a pilot, whatever its file name") {
  TempDir repo(fixture("base"));
  repo.write(k_change, quota_change());
  std::string again = quota_change("original: 50", "original: 48");
  again.replace(again.find("2026-10-28"), 10, "2026-11-02");
  repo.write("quota-changes/2026/web-frontend-2026-again.yaml", again);
  auto r = validate(repo.str(), k_as_of, {"--select", "R502"});
  expect_findings(r, {{"R502", "quota-changes/2026/web-frontend-2026-again.yaml", 1, "error"}});
  std::string m = r.json()["diagnostics"][0]["message"];
  CHECK(m.find(k_change) != std::string::npos);
  // One change alone is fine.
  TempDir one(fixture("base"));
  one.write(k_change, quota_change());
  expect_findings(validate(one.str(), k_as_of, {"--strict"}), {});
}

TEST_CASE("R503: one finding per problem of a quota change, at its key's line") {
  struct Case {
    const char* name;
    std::string from, to;
    int line;
  };
  const std::vector<Case> cases = {
      {"reason missing: at the mapping", "reason: 两名学生休学\n", "", 1},
      {"reason blank", "reason: 两名学生休学", "reason: \"\"", 9},
      {"signed_by missing", "signed_by: 王建华\n", "", 1},
      {"original is not the current quota", "original: 50", "original: 60", 4},
      {"certificate name differs from the list", "certificate_name: Web前端开发", "certificate_name: Web前端", 2},
      {"level differs from the pilot's", "level: 中级", "level: 高级", 3},
      // Findings about a nested mapping point at its key (`breakdown:`).
      {"breakdown does not add up to revised", "revised: 48", "revised: 47", 6},
      {"breakdown misses a major", "  \"510201\": 29\n  \"510202\": 19\n", "  \"510201\": 48\n", 6},
      {"breakdown missing on a pilot of two majors", "breakdown:\n  \"510201\": 29\n  \"510202\": 19\n", "", 1},
      {"not initiated by the lead major", "initiated_by: \"510201\"", "initiated_by: \"510202\"", 10},
      {"not signed by the college leader", "signed_by: 王建华", "signed_by: 李四", 11},
      {"not stamped", "stamped: true", "stamped: false", 12},
      {"submitted missing", "submitted: 2026-10-28\n", "", 1},
  };
  TempDir clean(fixture("base"));
  clean.write(k_change, quota_change());
  expect_findings(validate(clean.str(), k_as_of, {"--strict"}), {});
  for (const auto& c : cases) {
    INFO(c.name);
    TempDir repo(fixture("base"));
    repo.write(k_change, quota_change(c.from, c.to));
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R503"}), {{"R503", k_change, c.line, "error"}});
  }
  SUBCASE("a second change's original is the first change's revised") {
    TempDir repo(fixture("R502-second-quota-change"));
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R503"}), {});
    std::string second = repo.read("quota-changes/2026/web-frontend-2026.yml");
    second.replace(second.find("original: 48"), 12, "original: 50");
    repo.write("quota-changes/2026/web-frontend-2026.yml", second);
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R503"}),
                    {{"R503", "quota-changes/2026/web-frontend-2026.yml", 4, "error"}});
  }
  SUBCASE("a breakdown naming a major outside the pilot is reported at that key") {
    TempDir repo(fixture("base"));
    repo.write("majors/510203.yaml", "id: \"510203\"\nname: 软件技术\ncollege: xinxi\n");
    repo.write(k_change, quota_change("  \"510202\": 19\n", "  \"510202\": 19\n  \"510203\": 0\n"));
    expect_findings(validate(repo.str(), k_as_of), {{"R503", k_change, 9, "error"}});
  }
}

TEST_CASE("R504: exam results that do not add up") {
  const std::string b1 = "exams/2026/web-frontend-2026-b1.yaml";
  const std::string b2 = "exams/2026/web-frontend-2026-b2.yaml";
  SUBCASE("passed > attended") {
    TempDir repo(fixture("base"));
    std::string text = repo.read(b1);
    text.replace(text.find("passed: 15"), 10, "passed: 19");
    repo.write(b1, text);
    expect_findings(validate(repo.str(), k_as_of), {{"R504", b1, 7, "error"}});
  }
  SUBCASE("a held batch dated after as-of") {
    TempDir repo(fixture("base"));
    std::string text = repo.read(b2);
    text.replace(text.find("status: planned"), 15, "status: held");
    repo.write(b2, text);
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R504"}), {{"R504", b2, 3, "error"}});
    // ... which is fine once that day has come.
    expect_findings(validate(repo.str(), "2026-12-05", {"--select", "R504"}), {});
  }
  SUBCASE("a held batch dated outside the pilot year") {
    TempDir repo(fixture("base"));
    repo.write("exams/2025/web-frontend-2026-b0.yaml",
               "id: web-frontend-2026-b0\npilot: web-frontend-2026\ndate: 2025-12-01\nstatus: held\n"
               "results:\n  - { major: \"510201\", registered: 3, attended: 3, passed: 3 }\n");
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R504"}),
                    {{"R504", "exams/2025/web-frontend-2026-b0.yaml", 3, "error"}});
  }
  SUBCASE("a result for a major not in the pilot") {
    TempDir repo(fixture("base"));
    repo.write("majors/510203.yaml", "id: \"510203\"\nname: 软件技术\ncollege: xinxi\n");
    std::string text = repo.read(b1) + "  - { major: \"510203\", registered: 2, attended: 2, passed: 2 }\n";
    repo.write(b1, text);
    expect_findings(validate(repo.str(), k_as_of), {{"R504", b1, 9, "error"}});
  }
}

TEST_CASE("R601: missing reports, as-of and grace days") {
  const std::string base = fixture("base").string();
  SUBCASE("on the due day and until due + grace nothing is missing yet") {
    expect_findings(validate(base, "2026-11-20", {"--select", "R601"}), {});
    auto r = validate(base, "2026-11-21", {"--select", "R601"});
    expect_findings(r, {{"R601", k_pilot, 10, "error"}, {"R601", k_pilot, 11, "error"}});
    CHECK(r.json()["diagnostics"][0]["message"].get<std::string>().find("reports/2026/510201/2026-11-20.yaml") !=
          std::string::npos);
  }
  SUBCASE("grace days postpone it") {
    TempDir repo(fixture("base"));
    std::string toml = repo.read("pilot.toml");
    toml.replace(toml.find("report_grace_days = 0"), 21, "report_grace_days = 3");
    repo.write("pilot.toml", toml);
    expect_findings(validate(repo.str(), "2026-11-23", {"--select", "R601"}), {});
    expect_findings(validate(repo.str(), "2026-11-24", {"--select", "R601"}),
                    {{"R601", k_pilot, 10, "error"}, {"R601", k_pilot, 11, "error"}});
  }
  SUBCASE("one finding per missing date") {
    auto r = validate(base, "2027-01-01", {"--select", "R601"});
    CHECK(r.json()["diagnostics"].size() == 6);  // 11-20, 12-10, 12-20 for each major
  }
  SUBCASE("a year without [calendar.YEAR] is S007, and R601 is skipped rather than guessed") {
    TempDir repo(fixture("R601-report-missing"));
    std::string toml = repo.read("pilot.toml");
    toml.erase(toml.find("[calendar.2026]"), toml.find("[scoring]") - toml.find("[calendar.2026]"));
    repo.write("pilot.toml", toml);
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R601,S007"}), {{"S007", "pilot.toml", 1, "error"}});
  }
}

TEST_CASE("R602: late reports and reports for dates that are not due") {
  SUBCASE("a report for a day that is not a report day") {
    TempDir repo(fixture("base"));
    std::string text = repo.read(k_report_201);
    text.replace(text.find("due: 2026-11-10"), 15, "due: 2026-11-15");
    repo.write("reports/2026/510201/2026-11-15.yaml", text);
    auto r = validate(repo.str(), k_as_of, {"--select", "R602"});
    expect_findings(r, {{"R602", "reports/2026/510201/2026-11-15.yaml", 3, "warning"}});
    CHECK(r.json()["diagnostics"][0]["message"].get<std::string>().find("2026-11-20") != std::string::npos);
  }
  SUBCASE("a report for a due day on or before the approval date") {
    TempDir repo(fixture("base"));
    std::string text = repo.read(k_report_201);
    text.replace(text.find("due: 2026-11-10"), 15, "due: 2026-10-20");
    repo.write("reports/2026/510201/2026-10-20.yaml", text);
    expect_findings(validate(repo.str(), k_as_of, {"--select", "R602"}),
                    {{"R602", "reports/2026/510201/2026-10-20.yaml", 3, "warning"}});
  }
  SUBCASE("a major in two pilots: the message names the earliest approval") {
    // 510201 is also in cloud-ops-2026, approved on 2026-09-15, before web-frontend-2026
    // (2026-10-25): its due dates start after 09-15, and a report for 09-10 says so, whichever
    // of its pilots the report names.
    TempDir repo(fixture("base"));
    repo.write("certificates/cloud-ops.yaml",
               "id: cloud-ops\nname: 云计算平台运维与开发\norganization: 北京百科融创科技有限公司\n"
               "levels: [初级, 中级, 高级]\nlisted_from: 2020\n");
    repo.write("pilots/2026/cloud-ops-2026.yaml",
               "id: cloud-ops-2026\nyear: 2026\ncertificate: cloud-ops\nlevel: 中级\n"
               "status: approved\nsubmitted: 2026-05-10\napproved: 2026-09-15\nmajors:\n"
               "  - { major: \"510201\", quota: 5, contact: 李老师 }\n"
               "accounts: { admin: cs_admin_510201, exam: cs_exam_510201 }\n"
               "plan: 2026年云计算试点工作计划\n");
    std::string text = repo.read(k_report_201);
    text.replace(text.find("due: 2026-11-10"), 15, "due: 2026-09-10");
    text.replace(text.find("submitted: 2026-11-09"), 21, "submitted: 2026-09-09");
    repo.write("reports/2026/510201/2026-09-10.yaml", text);
    auto r = validate(repo.str(), k_as_of, {"--select", "R602", "--lang", "en"});
    expect_findings(r, {{"R602", "reports/2026/510201/2026-09-10.yaml", 3, "warning"}});
    std::string m = r.json()["diagnostics"][0]["message"];
    CHECK(m.find("the pilot was approved on 2026-09-15") != std::string::npos);
    CHECK(m.find("the next due date is 2026-09-20") != std::string::npos);
  }
  SUBCASE("grace days make the same report on time") {
    TempDir repo(fixture("R602-report-late"));
    std::string toml = repo.read("pilot.toml");
    toml.replace(toml.find("report_grace_days = 0"), 21, "report_grace_days = 2");
    repo.write("pilot.toml", toml);
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
    toml.replace(toml.find("report_grace_days = 2"), 21, "report_grace_days = 1");
    repo.write("pilot.toml", toml);
    expect_findings(validate(repo.str(), k_as_of), {{"R602", k_report_201, 4, "warning"}});
  }
}

TEST_CASE("R603: blank contacts, and submitted pilots too") {
  TempDir repo(fixture("base"));
  std::string text = repo.read(k_pilot);
  text.replace(text.find("contact: 李老师"), std::string("contact: 李老师").size(), "contact: \"　\"");
  repo.write(k_pilot, text);
  expect_findings(validate(repo.str(), k_as_of), {{"R603", k_pilot, 10, "error"}});

  // Block style: the entry's line (where its mapping starts), not the contact's.
  TempDir block(fixture("base"));
  std::string b = block.read(k_pilot);
  b.replace(b.find("  - { major: \"510201\", quota: 30, contact: 李老师 }\n"),
            std::string("  - { major: \"510201\", quota: 30, contact: 李老师 }\n").size(),
            "  - major: \"510201\"\n    quota: 30\n    contact: \" \"\n");
  block.write(k_pilot, b);
  expect_findings(validate(block.str(), k_as_of), {{"R603", k_pilot, 10, "error"}});

  TempDir submitted(fixture("R603-no-contact"));
  std::string p = submitted.read(k_pilot);
  p.replace(p.find("status: approved"), 16, "status: submitted");
  p.erase(p.find("approved: 2026-10-25\n"), 21);
  submitted.write(k_pilot, p);
  expect_findings(validate(submitted.str(), k_as_of, {"--select", "R603"}), {{"R603", k_pilot, 10, "error"}});

  // A draft is left to the S and X rules (SPEC §2.2): the same missing contact stays silent.
  TempDir draft(fixture("R603-no-contact"));
  std::string d = draft.read(k_pilot);
  d.replace(d.find("status: approved"), 16, "status: draft");
  d.erase(d.find("submitted: 2026-04-15\n"), 22);
  d.erase(d.find("approved: 2026-10-25\n"), 21);
  draft.write(k_pilot, d);
  expect_findings(validate(draft.str(), k_as_of, {"--select", "R603"}), {});
  CHECK(validate(draft.str(), k_as_of, {"--select", "R603,S002"}).json()["diagnostics"].empty());
}

TEST_CASE("R603: one step short of the fixture, a contact of one character, is silent") {
  TempDir repo(fixture("R603-no-contact"));
  std::string text = repo.read(k_pilot);
  const std::string entry = "{ major: \"510202\", quota: 20 }";
  text.replace(text.find(entry), entry.size(), "{ major: \"510202\", quota: 20, contact: 王 }");
  repo.write(k_pilot, text);
  expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
}

TEST_CASE("R604: blank sections and reports without sections") {
  SUBCASE("a blank section is reported at its line") {
    TempDir repo(fixture("base"));
    std::string text = repo.read(k_report_201);
    text.replace(text.find("funding: 学院经费投入2万元"), std::string("funding: 学院经费投入2万元").size(), "funding: \"\"");
    repo.write(k_report_201, text);
    expect_findings(validate(repo.str(), k_as_of), {{"R604", k_report_201, 11, "warning"}});
  }
  SUBCASE("one step short of the fixture: one character padded with full-width blanks") {
    TempDir repo(fixture("R604-section-missing"));
    std::string text = repo.read(k_report_201);
    text.replace(text.find("  training:"), 11, "  textbooks: \"　无　\"\n  training:");
    repo.write(k_report_201, text);
    expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
    text.replace(text.find("\"　无　\""), std::string("\"　无　\"").size(), "\"　　\"");
    repo.write(k_report_201, text);
    expect_findings(validate(repo.str(), k_as_of), {{"R604", k_report_201, 9, "warning"}});
  }
  SUBCASE("no sections at all: all five are missing") {
    TempDir repo(fixture("base"));
    std::string text = repo.read(k_report_201);
    text.erase(text.find("sections:"));
    repo.write(k_report_201, text);
    auto r = validate(repo.str(), k_as_of);
    expect_findings(r, std::vector<Expected>(5, {"R604", k_report_201, 1, "warning"}));
  }
}

TEST_CASE("R605: batches held after the due date do not count for that report") {
  TempDir repo(fixture("base"));
  repo.write("exams/2026/web-frontend-2026-b3.yaml",
             "id: web-frontend-2026-b3\npilot: web-frontend-2026\ndate: 2026-11-12\nstatus: held\n"
             "results:\n  - { major: \"510201\", registered: 2, attended: 2, passed: 2 }\n");
  expect_findings(validate(repo.str(), k_as_of, {"--strict"}), {});
  auto r = validate(fixture("R605-attended-mismatch").string(), k_as_of);
  std::string m = r.json()["diagnostics"][0]["message"];
  CHECK(m.find("the report's cumulative attended is 20, but the held batches of major 510201 "
               "up to 2026-11-10 (pilot web-frontend-2026) add up to 18") != std::string::npos);
  std::string hint = r.json()["diagnostics"][0]["hint"];
  CHECK(hint.find("set progress.attended to 18;") != std::string::npos);
}

TEST_CASE("calendar: the due dates of a year, vacations marked") {
  const std::string base = fixture("base").string();
  SUBCASE("json") {
    auto r = run_pilot({"calendar", "--repo", base, "--as-of", k_as_of, "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto j = r.json();
    CHECK(j["schema_version"] == 1);
    CHECK(j["year"] == 2026);  // the year of --as-of
    CHECK(j["report_days"] == nlohmann::json::array({10, 20}));
    CHECK(j["vacations"].size() == 2);
    REQUIRE(j["dates"].size() == 24);
    int due = 0;
    for (const auto& d : j["dates"]) due += d["due"].get<bool>() ? 1 : 0;
    CHECK(due == 18);
    CHECK(j["dates"][0]["date"] == "2026-01-10");
    CHECK(j["dates"][0]["weekday"] == 6);
    CHECK(j["dates"][0]["due"] == true);
    CHECK(j["dates"][1]["date"] == "2026-01-20");
    CHECK(j["dates"][1]["due"] == false);
    CHECK(j["dates"][1]["vacation"]["from"] == "2026-01-17");
  }
  SUBCASE("table, in English and Chinese") {
    auto en = run_pilot({"calendar", "--repo", base, "--year", "2026", "--as-of", k_as_of, "--lang", "en"});
    REQUIRE(en.exit_code == 0);
    CHECK(en.out.find("2026-01-20  Tue      skipped (vacation 2026-01-17 – 2026-02-22)") != std::string::npos);
    CHECK(en.out.find("2026-11-10  Tue      due") != std::string::npos);
    auto zh = run_pilot({"calendar", "--repo", base, "--as-of", k_as_of, "--lang", "zh"});
    REQUIRE(zh.exit_code == 0);
    CHECK(zh.out.find("2026-07-20  周一  不报（寒暑假 2026-07-11 – 2026-08-30）") != std::string::npos);
    CHECK(zh.out.find("2026-12-20  周日  应报") != std::string::npos);
  }
  SUBCASE("csv has a BOM unless --no-bom, md is a table") {
    auto csv = run_pilot({"calendar", "--repo", base, "--as-of", k_as_of, "--format", "csv", "--lang", "en"});
    CHECK(csv.out.rfind("\xEF\xBB\xBF" "Date,Weekday,Status\r\n", 0) == 0);
    auto plain = run_pilot({"calendar", "--repo", base, "--as-of", k_as_of, "--format", "csv", "--no-bom", "--lang", "en"});
    CHECK(plain.out.rfind("Date,Weekday,Status\r\n2026-01-10,Sat,due\r\n", 0) == 0);
    auto md = run_pilot({"calendar", "--repo", base, "--as-of", k_as_of, "--format", "md", "--lang", "en"});
    CHECK(md.out.find("| 2026-02-10 | Tue | skipped (vacation 2026-01-17 – 2026-02-22) |") != std::string::npos);
  }
  SUBCASE("a year without [calendar.YEAR] is a usage error") {
    auto r = run_pilot({"calendar", "--repo", base, "--as-of", k_as_of, "--year", "2027", "--lang", "en"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("[calendar.2027]") != std::string::npos);
    auto by_as_of = run_pilot({"calendar", "--repo", base, "--as-of", "2027-03-01"});
    CHECK(by_as_of.exit_code == 2);
  }
}

TEST_CASE("rules R5/R6: data-example raises none of them at its snapshot date") {
  auto r = validate(example().string(), PILOT_EXAMPLE_AS_OF, {"--select", "R5,R6", "--strict"});
  CHECK(r.exit_code == 0);
  expect_findings(r, {});
}
