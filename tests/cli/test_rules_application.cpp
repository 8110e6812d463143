// pilot validate and the application, money and security rules: R301–R309, R401–R403, X001, X002.
// Every fixture is tests/fixtures/base with one planted fault; it must raise that rule, at
// that place, and nothing else.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "run.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-15";  // the base fixture's snapshot date
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";

struct Where {
  std::string rule;
  std::string file;
  int line;
  int column;
};

RunResult validate_json(const std::string& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"validate", "--repo", repo, "--as-of", k_as_of, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args);
}

// The findings are exactly these (rule, file, line, column), in output order, each with a
// message and a hint. Column 0: any column (where the loader puts a mapping's position).
void expect_exactly(const RunResult& r, const std::vector<Where>& expected) {
  INFO(r.out, r.err);
  auto j = r.json();
  const auto& d = j.at("diagnostics");
  REQUIRE(d.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("finding ", i);
    CHECK(d[i]["rule"] == expected[i].rule);
    CHECK(d[i]["file"] == expected[i].file);
    CHECK(d[i]["line"] == expected[i].line);
    if (expected[i].column != 0) CHECK(d[i]["column"] == expected[i].column);
    CHECK_FALSE(d[i]["message"].get<std::string>().empty());
    CHECK_FALSE(d[i]["hint"].get<std::string>().empty());
  }
}

// Replaces the one occurrence of `from` in a file of the temporary repository.
void edit(const TempDir& repo, const std::string& rel, const std::string& from, const std::string& to) {
  std::string text = repo.read(rel);
  auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, rel, " lacks ", from);
  text.replace(at, from.size(), to);
  repo.write(rel, text);
}

const char* k_cloud_ops_certificate =
    "id: cloud-ops\nname: 云计算平台运维与开发\norganization: 北京百科融创科技有限公司\nlevels: [初级, 中级, 高级]\nlisted_from: 2020\n";

}  // namespace

TEST_CASE("rules-application: each fixture breaks exactly its rule") {
  struct Case {
    const char* fixture;
    int exit_code;
    std::vector<Where> findings;
  };
  const std::vector<Case> cases = {
      {"R301-two-pilots", 0,
       {{"R301", "pilots/2026/cloud-ops-2026.yaml", 9, 5}, {"R301", k_pilot, 10, 5}}},
      {"R302-no-lead", 1, {{"R302", k_pilot, 1, 1}}},
      {"R303-not-listed", 1, {{"R303", k_pilot, 3, 14}}},
      {"R303-no-level", 1, {{"R303", k_pilot, 4, 8}}},
      {"R304-senior-level", 0, {{"R304", k_pilot, 4, 8}}},
      {"R305-late-application", 0, {{"R305", k_pilot, 6, 12}}},
      {"R306-plan-file-missing", 1, {{"R306", k_pilot, 13, 7}}},
      {"R306-quota-zero", 1, {{"R306", k_pilot, 11, 31}}},
      {"R307-same-accounts", 1, {{"R307", k_pilot, 12, 43}}},
      {"R308-draft-pilot-fund", 1, {{"R308", "funds/2026/0002.yaml", 4, 8}}},
      {"R309-switch-after-missed-quota", 0, {{"R309", k_pilot, 10, 5}}},
      {"R401-school-no-oa", 1, {{"R401", "sites/xinxi-site-01.yaml", 1, 1}}},
      {"R401-bad-signatory", 1, {{"R401", "sites/xinxi-site-01.yaml", 4, 12}}},
      {"R402-student-fees", 1, {{"R402", "funds/2026/0002.yaml", 6, 9}}},
      {"R403-exam-fee-labor", 1, {{"R403", "funds/2026/0002.yaml", 7, 11}}},
      {"X001-password-in-notes", 1, {{"X001", k_pilot, 14, 8}}},
      {"X002-mobile-number", 1, {{"X002", k_pilot, 11, 44}}},
      {"X002-resident-id", 1, {{"X002", "reports/2026/510202/2026-11-10.yaml", 12, 8}}},
  };
  for (const auto& c : cases) {
    INFO(c.fixture);
    auto r = validate_json(fixture(c.fixture).string());
    CHECK(r.exit_code == c.exit_code);
    expect_exactly(r, c.findings);
    if (c.exit_code == 0) CHECK(validate_json(fixture(c.fixture).string(), {"--strict"}).exit_code == 1);
  }
}

TEST_CASE("rules-application: severities follow the rule table") {
  auto warning = validate_json(fixture("R304-senior-level").string()).json();
  CHECK(warning["diagnostics"][0]["severity"] == "warning");
  CHECK(warning["summary"]["warnings"] == 1);
  auto error = validate_json(fixture("R302-no-lead").string()).json();
  CHECK(error["diagnostics"][0]["severity"] == "error");
  CHECK(error["summary"]["errors"] == 1);
}

TEST_CASE("rules-application: messages name the record and values in both languages") {
  auto en = validate_json(fixture("R301-two-pilots").string()).json();
  std::string first = en["diagnostics"][0]["message"];
  CHECK(first.find("510201") != std::string::npos);
  CHECK(first.find("web-frontend-2026") != std::string::npos);  // names the other pilot
  auto zh = validate_json(fixture("R305-late-application").string(), {"--lang", "zh"}).json();
  std::string message = zh["diagnostics"][0]["message"];
  CHECK(message.find("申报期") != std::string::npos);
  CHECK(message.find("2026-06-10") != std::string::npos);
  CHECK(message.find("2026-05-31") != std::string::npos);
}

TEST_CASE("rules-application: draft and rejected pilots are left to the S and X rules") {
  TempDir repo(fixture("base"));
  // Everything R301–R307 could object to: several majors without a lead, one of them already
  // in an approved pilot, a senior level, no accounts, a zero quota, no plan, a late date.
  std::string broken =
      "year: 2026\ncertificate: web-frontend\nlevel: 高级\nmajors:\n"
      "  - { major: \"510201\", quota: 0, contact: 李老师 }\n  - { major: \"510202\", contact: 王老师 }\n";
  SUBCASE("draft") {
    repo.write("pilots/2026/web-frontend-2026-senior.yaml", "id: web-frontend-2026-senior\nstatus: draft\n" + broken);
  }
  SUBCASE("rejected") {
    repo.write("pilots/2026/web-frontend-2026-senior.yaml",
               "id: web-frontend-2026-senior\nstatus: rejected\nsubmitted: 2026-07-01\nrejected: 2026-08-01\n" + broken);
  }
  expect_exactly(validate_json(repo.str(), {"--strict"}), {});
}

TEST_CASE("rules-application: R301 reaches every pilot of the major, and a waiver in each accepts it") {
  TempDir repo(fixture("R301-two-pilots"));
  // Each extra pilot pilots a certificate of its own: one certificate and level twice is R302.
  auto certificate = [&](const std::string& id) {
    repo.write("certificates/" + id + ".yaml",
               "id: " + id + "\nname: " + id +
                   "\norganization: 某培训评价组织\nlevels: [中级]\nlisted_from: 2020\n");
  };
  auto extra_pilot = [&](const std::string& id, const std::string& certificate_id) {
    repo.write("pilots/2026/" + id + ".yaml",
               "id: " + id + "\nyear: 2026\ncertificate: " + certificate_id +
                   "\nlevel: 中级\nstatus: submitted\nsubmitted: 2026-05-11\n"
                   "majors:\n  - { major: \"510201\", quota: 5, contact: 李老师 }\n"
                   "accounts: { admin: cs_admin_510201, exam: cs_exam_510201 }\nplan: 补充计划\n");
  };
  SUBCASE("a third pilot is named in each finding") {
    certificate("extra-b");
    extra_pilot("web-frontend-2026-b", "extra-b");
    auto j = validate_json(repo.str()).json();
    auto d = with_rule(j, "R301");
    REQUIRE(d.size() == 3);
    CHECK(j["diagnostics"].size() == 3);
    std::string message = d[0]["message"];
    CHECK(message.find("web-frontend-2026 ") != std::string::npos);
    CHECK(message.find("web-frontend-2026-b") != std::string::npos);
  }
  SUBCASE("many pilots: each finding names five and counts the rest") {
    for (int i = 1; i <= 6; ++i) {
      std::string id = "extra-" + std::to_string(i);
      certificate(id);
      extra_pilot(id, id);
    }
    auto j = validate_json(repo.str()).json();
    auto d = with_rule(j, "R301");
    REQUIRE(d.size() == 8);
    CHECK(j["diagnostics"].size() == 8);
    for (const auto& x : d) CHECK(x["message"].get<std::string>().find("and 2 more") != std::string::npos);
  }
  SUBCASE("waived in both files") {
    for (const char* f : {"pilots/2026/cloud-ops-2026.yaml", "pilots/2026/web-frontend-2026.yaml"}) {
      repo.write(f, repo.read(f) + "waivers: { R301: 省1+X办公室同意该专业试点两个证书 }\n");
    }
    auto r = validate_json(repo.str(), {"--strict"});
    CHECK(r.exit_code == 0);
    auto j = r.json();
    CHECK(j["diagnostics"].empty());
    CHECK(j["summary"]["waived"] == 2);
  }
  SUBCASE("a rejected second pilot does not count") {
    edit(repo, "pilots/2026/cloud-ops-2026.yaml", "status: submitted", "status: rejected\nrejected: 2026-06-20");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
}

TEST_CASE("rules-application: R302 lead major not among the majors, a single major leads itself") {
  TempDir repo(fixture("base"));
  repo.write("majors/510203.yaml", "id: \"510203\"\nname: 软件技术\ncollege: xinxi\n");
  SUBCASE("lead outside the pilot") {
    edit(repo, k_pilot, "lead_major: \"510201\"", "lead_major: \"510203\"");
    expect_exactly(validate_json(repo.str()), {{"R302", k_pilot, 8, 13}});
  }
  SUBCASE("one major, no lead_major") {
    edit(repo, k_pilot, "lead_major: \"510201\"\n", "");
    edit(repo, k_pilot, "  - { major: \"510202\", quota: 20, contact: 王老师 }\n", "");
    edit(repo, "exams/2026/web-frontend-2026-b1.yaml", "  - { major: \"510202\", registered: 12, attended: 12, passed: 10 }\n", "");
    edit(repo, "exams/2026/web-frontend-2026-b2.yaml", "  - { major: \"510202\", registered: 8, attended: 0, passed: 0 }\n", "");
    fs::remove_all(repo.path() / "reports/2026/510202");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
}

TEST_CASE("rules-application: R303 the list's first year and level boundaries") {
  TempDir repo(fixture("base"));
  SUBCASE("listed from a later year") {
    edit(repo, "certificates/web-frontend.yaml", "listed_from: 2019", "listed_from: 2027");
    expect_exactly(validate_json(repo.str()), {{"R303", k_pilot, 3, 14}});
  }
  SUBCASE("listed exactly from and to the pilot's year") {
    edit(repo, "certificates/web-frontend.yaml", "listed_from: 2019", "listed_from: 2026\nlisted_to: 2026");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("an unknown certificate is S004's, not R303's") {
    edit(repo, k_pilot, "certificate: web-frontend", "certificate: web-backend");
    auto j = validate_json(repo.str()).json();
    CHECK(with_rule(j, "S004").size() == 1);
    CHECK(with_rule(j, "R303").empty());
  }
}

TEST_CASE("rules-application: R304 follows school.expected_level") {
  TempDir repo(fixture("R304-senior-level"));
  edit(repo, "pilot.toml", "expected_level = \"中级\"", "expected_level = \"高级\"");
  expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  TempDir base(fixture("base"));
  edit(base, "pilot.toml", "expected_level = \"中级\"", "expected_level = \"初级\"");
  expect_exactly(validate_json(base.str()), {{"R304", k_pilot, 4, 8}});
}

TEST_CASE("rules-application: R305 window bounds are inclusive, no window, no finding") {
  TempDir repo(fixture("base"));
  SUBCASE("first day") { edit(repo, k_pilot, "submitted: 2026-04-15", "submitted: 2026-03-01"); }
  SUBCASE("last day") { edit(repo, k_pilot, "submitted: 2026-04-15", "submitted: 2026-05-31"); }
  SUBCASE("no application_window in [calendar.2026]") {
    edit(repo, k_pilot, "submitted: 2026-04-15", "submitted: 2026-06-10");
    edit(repo, "pilot.toml", "application_window = [\"2026-03-01\", \"2026-05-31\"]\n", "");
  }
  expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  TempDir early(fixture("base"));
  edit(early, k_pilot, "submitted: 2026-04-15", "submitted: 2026-02-28");
  expect_exactly(validate_json(early.str()), {{"R305", k_pilot, 6, 12}});
}

TEST_CASE("rules-application: R306 plan paths resolve inside the repository only") {
  TempDir repo(fixture("R306-plan-file-missing"));
  SUBCASE("the file exists") {
    repo.write("docs/2026-web-frontend-plan.pdf", "%PDF-1.4\n");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("a .md name without a folder is a path too") {
    edit(repo, k_pilot, "plan: docs/2026-web-frontend-plan.pdf", "plan: plan-2026.md");
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 13, 7}});
    repo.write("plan-2026.md", "# 计划\n");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("'..' may not leave the repository, even to a file that exists") {
    TempDir outside;
    outside.write("plan.pdf", "x");
    std::string rel = "../" + outside.path().filename().string() + "/plan.pdf";
    REQUIRE(fs::exists(repo.path() / rel));
    edit(repo, k_pilot, "plan: docs/2026-web-frontend-plan.pdf", "plan: " + rel);
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 13, 7}});
  }
  SUBCASE("an absolute path") {
    edit(repo, k_pilot, "plan: docs/2026-web-frontend-plan.pdf", "plan: /etc/hostname.md");
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 13, 7}});
  }
  SUBCASE("a symlink inside the repository that leads outside") {
    TempDir outside;
    outside.write("plan.pdf", "x");
    fs::create_directories(repo.path() / "docs");
    fs::create_symlink(outside.path() / "plan.pdf", repo.path() / "docs/2026-web-frontend-plan.pdf");
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 13, 7}});
  }
  SUBCASE("a folder is not a plan file") {
    fs::create_directories(repo.path() / "docs/2026-web-frontend-plan.pdf");
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 13, 7}});
  }
}

TEST_CASE("rules-application: R306 missing level, plan, majors and quotas point at the record or entry") {
  TempDir repo(fixture("base"));
  SUBCASE("no level and a blank plan") {
    edit(repo, k_pilot, "level: 中级\n", "");
    edit(repo, k_pilot, "plan: 2026年Web前端开发试点工作计划", "plan: \"  \"");
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 1, 1}, {"R306", k_pilot, 12, 7}});
  }
  SUBCASE("no plan key") {
    edit(repo, k_pilot, "plan: 2026年Web前端开发试点工作计划\n", "");
    expect_exactly(validate_json(repo.str()), {{"R306", k_pilot, 1, 1}});
  }
  SUBCASE("an empty majors list is R306's alone") {
    edit(repo, k_pilot, "majors:\n  - { major: \"510201\", quota: 30, contact: 李老师 }\n  - { major: \"510202\", quota: 20, contact: 王老师 }\n",
         "majors: []\n");
    auto j = validate_json(repo.str()).json();
    auto d = with_rule(j, "R306");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["line"] == 9);
    CHECK(with_rule(j, "R302").empty());
  }
  SUBCASE("a missing and a negative quota") {
    edit(repo, k_pilot, "quota: 30, ", "");
    edit(repo, k_pilot, "quota: 20,", "quota: -5,");
    auto r = validate_json(repo.str());
    auto d = with_rule(r.json(), "R306");
    REQUIRE(d.size() == 2);
    CHECK(d[0]["line"] == 10);
    CHECK(d[0]["column"] == 5);
    CHECK(d[0]["message"].get<std::string>().find("510201") != std::string::npos);
    CHECK(d[1]["line"] == 11);
    CHECK(d[1]["message"].get<std::string>().find("-5") != std::string::npos);
  }
}

TEST_CASE("rules-application: R307 accounts missing, and shared between lead majors of a year") {
  TempDir repo(fixture("base"));
  SUBCASE("no accounts at all") {
    edit(repo, k_pilot, "accounts: { admin: cs_admin_510201, exam: cs_exam_510201 }\n", "");
    expect_exactly(validate_json(repo.str()), {{"R307", k_pilot, 1, 1}});
  }
  SUBCASE("no exam account") {
    edit(repo, k_pilot, ", exam: cs_exam_510201", "");
    expect_exactly(validate_json(repo.str()), {{"R307", k_pilot, 12, 0}});
  }
  SUBCASE("an empty admin account") {
    edit(repo, k_pilot, "admin: cs_admin_510201", "admin: \"\"");
    expect_exactly(validate_json(repo.str()), {{"R307", k_pilot, 12, 20}});
  }
  SUBCASE("another lead major uses this pilot's exam account") {
    repo.write("majors/510203.yaml", "id: \"510203\"\nname: 软件技术\ncollege: xinxi\n");
    repo.write("certificates/cloud-ops.yaml", k_cloud_ops_certificate);
    repo.write("pilots/2026/cloud-ops-2026.yaml",
               "id: cloud-ops-2026\nyear: 2026\ncertificate: cloud-ops\nlevel: 中级\nstatus: submitted\nsubmitted: 2026-05-10\n"
               "majors:\n  - { major: \"510203\", quota: 25, contact: 赵老师 }\n"
               "accounts: { admin: rj_admin_510203, exam: cs_exam_510201 }\nplan: 2026年云计算试点工作计划\n");
    auto r = validate_json(repo.str());
    expect_exactly(r, {{"R307", "pilots/2026/cloud-ops-2026.yaml", 9, 43}, {"R307", k_pilot, 12, 43}});
    std::string message = r.json()["diagnostics"][1]["message"];
    CHECK(message.find("510203") != std::string::npos);
    CHECK(message.find("cloud-ops-2026") != std::string::npos);
  }
  SUBCASE("the same lead major may use its accounts for two pilots, other years do not count") {
    repo.write("certificates/cloud-ops.yaml", k_cloud_ops_certificate);
    repo.write("pilots/2025/cloud-ops-2025.yaml",
               "id: cloud-ops-2025\nyear: 2025\ncertificate: cloud-ops\nlevel: 中级\nstatus: submitted\nsubmitted: 2025-05-10\n"
               "majors:\n  - { major: \"510202\", quota: 25, contact: 王老师 }\n"
               "accounts: { admin: cs_admin_510201, exam: cs_exam_510201 }\nplan: 2025年云计算试点工作计划\n");
    edit(repo, "pilot.toml", "[calendar.2026]", "[calendar.2025]\napplication_window = [\"2025-03-01\", \"2025-05-31\"]\n\n[calendar.2026]");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
}

TEST_CASE("rules-application: R308 only the year's approved pilots take exams, reports and funds") {
  TempDir repo(fixture("R308-draft-pilot-fund"));
  SUBCASE("once approved for 2026, the fund entry is fine") {
    fs::remove(repo.path() / "pilots/2026/web-frontend-2026-senior.yaml");
    edit(repo, "funds/2026/0002.yaml", "pilot: web-frontend-2026-senior", "pilot: web-frontend-2026");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("a submitted pilot is not approved yet") {
    edit(repo, "pilots/2026/web-frontend-2026-senior.yaml", "status: draft", "status: submitted");
    auto d = with_rule(validate_json(repo.str()).json(), "R308");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["file"] == "funds/2026/0002.yaml");
    CHECK(d[0]["message"].get<std::string>().find("submitted") != std::string::npos);
  }
  SUBCASE("a fund without a pilot, and an unknown pilot (S004), are not R308's") {
    edit(repo, "funds/2026/0002.yaml", "pilot: web-frontend-2026-senior\n", "");
    repo.write("funds/2026/0003.yaml",
               "id: \"0003\"\ndate: 2026-11-09\ncollege: xinxi\npilot: nowhere-2026\ndirection: expense\nsource: other\n"
               "category: other\namount: 1.00\n");
    expect_exactly(validate_json(repo.str()), {{"S004", "funds/2026/0003.yaml", 4, 8}});
  }
}

TEST_CASE("rules-application: R309 a met quota, or continuing the certificate, is no switch") {
  TempDir repo(fixture("R309-switch-after-missed-quota"));
  SUBCASE("the 2025 quota was met") {
    repo.write("exams/2025/cloud-ops-2025-b1.yaml",
               "id: cloud-ops-2025-b1\npilot: cloud-ops-2025\ndate: 2025-12-28\nstatus: held\n"
               "results:\n  - { major: \"510201\", registered: 42, attended: 40, passed: 33 }\n");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("one short of the 2025 quota") {
    repo.write("exams/2025/cloud-ops-2025-b1.yaml",
               "id: cloud-ops-2025-b1\npilot: cloud-ops-2025\ndate: 2025-12-28\nstatus: held\n"
               "results:\n  - { major: \"510201\", registered: 42, attended: 39, passed: 33 }\n");
    auto r = validate_json(repo.str());
    expect_exactly(r, {{"R309", k_pilot, 10, 5}});
    std::string message = r.json()["diagnostics"][0]["message"];
    CHECK(message.find("39") != std::string::npos);
    CHECK(message.find("40") != std::string::npos);
  }
  SUBCASE("the same certificate as last year") {
    edit(repo, "pilots/2025/cloud-ops-2025.yaml", "certificate: cloud-ops", "certificate: web-frontend");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
}

TEST_CASE("rules-application: R401 a school-signed agreement needs the process and the OA reference") {
  TempDir repo(fixture("R401-school-no-oa"));
  SUBCASE("both recorded") {
    repo.write("sites/xinxi-site-01.yaml", repo.read("sites/xinxi-site-01.yaml") + "oa_ref: \"OA-2026-0412\"\n");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("neither recorded: two findings at the agreement") {
    edit(repo, "sites/xinxi-site-01.yaml", "contract_process: non-procurement\n", "");
    expect_exactly(validate_json(repo.str()), {{"R401", "sites/xinxi-site-01.yaml", 1, 1}, {"R401", "sites/xinxi-site-01.yaml", 1, 1}});
  }
  SUBCASE("a contract process other than non-procurement is R401's, not S002's") {
    edit(repo, "sites/xinxi-site-01.yaml", "contract_process: non-procurement", "contract_process: 采购合同\noa_ref: OA-1");
    expect_exactly(validate_json(repo.str()), {{"R401", "sites/xinxi-site-01.yaml", 5, 19}});
  }
  SUBCASE("no signatory") {
    edit(repo, "sites/xinxi-site-01.yaml", "signatory: school\n", "");
    expect_exactly(validate_json(repo.str()), {{"R401", "sites/xinxi-site-01.yaml", 1, 1}});
  }
  SUBCASE("Chinese aliases are accepted") {
    edit(repo, "sites/xinxi-site-01.yaml", "signatory: school\ncontract_process: non-procurement\n",
         "signatory: 学校\ncontract_process: 非采购合同\noa_ref: OA-2026-0412\n");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
}

TEST_CASE("rules-application: R402 and R403 look at direction, source and category together") {
  TempDir repo(fixture("base"));
  auto fund = [&](const std::string& direction, const std::string& source, const std::string& category) {
    repo.write("funds/2026/0002.yaml", "id: \"0002\"\ndate: 2026-11-07\ncollege: xinxi\ndirection: " + direction +
                                           "\nsource: " + source + "\ncategory: " + category + "\namount: 100\n");
    return validate_json(repo.str(), {"--strict"});
  };
  expect_exactly(fund("income", "student", "exam-fee"), {{"R402", "funds/2026/0002.yaml", 5, 9}});
  expect_exactly(fund("expense", "student", "exam-fee"), {});
  expect_exactly(fund("收入", "学生缴费", "培训"), {{"R402", "funds/2026/0002.yaml", 5, 9}});
  expect_exactly(fund("expense", "returned-exam-fee", "materials"), {});
  expect_exactly(fund("income", "returned-exam-fee", "internal-labor"), {});
  expect_exactly(fund("expense", "college-budget", "internal-labor"), {});
  expect_exactly(fund("支出", "考务费返还", "校内劳务"), {{"R403", "funds/2026/0002.yaml", 6, 11}});
}

TEST_CASE("rules-application: X001 and X002 in records and pilot.toml, never echoing the value") {
  TempDir repo(fixture("base"));
  SUBCASE("a key named like a password, in any record") {
    edit(repo, k_pilot, "exam: cs_exam_510201 }", "exam: cs_exam_510201, admin_password: Abc12345 }");
    auto r = validate_json(repo.str());
    auto j = r.json();
    auto x = with_rule(j, "X001");
    REQUIRE(x.size() == 1);
    CHECK(x[0]["line"] == 12);
    CHECK(x[0]["column"] == 59);
    CHECK(with_rule(j, "S002").size() == 1);  // and it is an unknown key
    CHECK(r.out.find("Abc12345") == std::string::npos);
  }
  SUBCASE("a secret in pilot.toml") {
    edit(repo, "pilot.toml", "name = \"测试职业技术学院\"", "name = \"测试职业技术学院 token=9f8e7d6c5b\"");
    auto r = validate_json(repo.str());
    expect_exactly(r, {{"X001", "pilot.toml", 3, 1}});
    CHECK(r.out.find("9f8e7d6c5b") == std::string::npos);
  }
  SUBCASE("a mobile number after +86, masked") {
    repo.write("colleges/xinxi.yaml", repo.read("colleges/xinxi.yaml") + "notes: 联系电话 +86 13812345678\n");
    auto r = validate_json(repo.str());
    expect_exactly(r, {{"X002", "colleges/xinxi.yaml", 4, 8}});
    CHECK(r.out.find("13812345678") == std::string::npos);
    CHECK(r.out.find("138****5678") != std::string::npos);
  }
  SUBCASE("not personal data: account numbers, dates, a 12-digit number, a bad check digit") {
    repo.write("colleges/xinxi.yaml", repo.read("colleges/xinxi.yaml") +
                                          "notes: 批次 2026-11-05,合同号 138123456789,编号 110105194912310021\n");
    expect_exactly(validate_json(repo.str(), {"--strict"}), {});
  }
  SUBCASE("scanned whatever the status, and in waivers too") {
    repo.write("pilots/2026/draft-2026.yaml",
               "id: draft-2026\nyear: 2026\ncertificate: web-frontend\nstatus: draft\n"
               "notes: 口令:Qwerty!9\n");
    edit(repo, "sites/xinxi-site-01.yaml", "signed: 2026-09-01", "signed: 2026-09-01\nwaivers: { R401: 经办人 15000001111 }");
    auto r = validate_json(repo.str());
    auto j = r.json();
    auto x1 = with_rule(j, "X001");
    REQUIRE(x1.size() == 1);
    CHECK(x1[0]["file"] == "pilots/2026/draft-2026.yaml");
    auto x2 = with_rule(j, "X002");
    REQUIRE(x2.size() == 1);
    CHECK(x2[0]["file"] == "sites/xinxi-site-01.yaml");
  }
}

TEST_CASE("rules-application: data-example raises none of these rules") {
  auto r = run_pilot({"validate", "--repo", example().string(), "--as-of", PILOT_EXAMPLE_AS_OF, "--strict", "--format", "json"});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.json()["diagnostics"].empty());
}
