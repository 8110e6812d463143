// pilot list KIND (SPEC §4, issue 9): every kind on tests/fixtures/base and data-example, its
// JSON keys and CSV columns (docs/list-format.md), effective quotas after a quota change,
// filters, the table, and usage errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_base_as_of = "2026-11-15";
const std::string k_bom = "\xEF\xBB\xBF";
const char* const k_kinds[] = {"college", "major", "certificate", "pilot", "quota-change",
                               "exam",    "report", "site",       "fund"};

RunResult list(const std::string& repo, const std::string& as_of, std::vector<std::string> args) {
  std::vector<std::string> all{"list", "--repo", repo, "--as-of", as_of};
  all.insert(all.end(), args.begin(), args.end());
  return run_pilot(all);
}

RunResult list_base(std::vector<std::string> args) { return list(fixture("base").string(), k_base_as_of, std::move(args)); }
RunResult list_example(std::vector<std::string> args) {
  return list(example().string(), PILOT_EXAMPLE_AS_OF, std::move(args));
}

nlohmann::json records(const RunResult& r) {
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.json().at("records");
}

// CSV lines split at commas (the cells used here have no quotes), BOM and CRLF checked.
std::vector<std::vector<std::string>> csv_rows(const RunResult& r, bool bom = true) {
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::string text = r.out;
  if (bom) {
    REQUIRE(text.starts_with(k_bom));
    text = text.substr(k_bom.size());
  }
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    REQUIRE(line.ends_with("\r"));
    line.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cs(line + ",");
    while (std::getline(cs, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

std::map<std::string, std::string> csv_record(const std::vector<std::vector<std::string>>& rows, std::size_t i) {
  std::map<std::string, std::string> m;
  REQUIRE(i + 1 < rows.size());
  REQUIRE(rows[i + 1].size() == rows[0].size());
  for (std::size_t c = 0; c < rows[0].size(); ++c) m[rows[0][c]] = rows[i + 1][c];
  return m;
}

nlohmann::json find_record(const nlohmann::json& recs, const std::string& key, const std::string& value) {
  for (const auto& r : recs) {
    if (r.at(key) == value) return r;
  }
  FAIL("no record with " << key << " = " << value);
  return {};
}

}  // namespace

TEST_CASE("list: every kind of the base fixture, with its file relative to the repository") {
  const std::map<std::string, std::vector<std::string>> expected{
      {"college", {"colleges/xinxi.yaml"}},
      {"major", {"majors/510201.yaml", "majors/510202.yaml"}},
      {"certificate", {"certificates/web-frontend.yaml"}},
      {"pilot", {"pilots/2026/web-frontend-2026.yaml"}},
      {"quota-change", {}},
      {"exam", {"exams/2026/web-frontend-2026-b1.yaml", "exams/2026/web-frontend-2026-b2.yaml"}},
      {"report", {"reports/2026/510201/2026-11-10.yaml", "reports/2026/510202/2026-11-10.yaml"}},
      {"site", {"sites/xinxi-site-01.yaml"}},
      {"fund", {"funds/2026/0001.yaml"}},
  };
  for (const char* kind : k_kinds) {
    CAPTURE(kind);
    RunResult r = list_base({kind, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    auto j = r.json();
    CHECK(j.at("schema_version") == 1);
    CHECK(j.at("view") == "list");
    CHECK(j.at("kind") == kind);
    CHECK(j.at("filters") == nlohmann::json{{"year", nullptr}, {"college", nullptr}, {"major", nullptr}});
    std::vector<std::string> files;
    for (const auto& rec : j.at("records")) files.push_back(rec.at("file"));
    CHECK(files == expected.at(kind));
    // CSV: a header and one line per record, "file" first.
    auto rows = csv_rows(list_base({kind, "--format", "csv"}));
    REQUIRE_FALSE(rows.empty());
    CHECK(rows[0].front() == "file");
    CHECK(rows.size() == files.size() + 1);
  }
}

TEST_CASE("list: the fields of each kind in JSON, lists flattened in CSV") {
  SUBCASE("college, major, certificate") {
    auto c = records(list_base({"college", "--format", "json"}))[0];
    CHECK(c == nlohmann::json{{"file", "colleges/xinxi.yaml"}, {"id", "xinxi"}, {"name", "信息工程学院"},
                              {"leader", "王建华"}, {"notes", nullptr}, {"waivers", nlohmann::json::object()}});
    auto m = records(list_base({"major", "--format", "json"}))[1];
    CHECK(m.at("id") == "510202");
    CHECK(m.at("name") == "计算机网络技术");
    CHECK(m.at("college") == "xinxi");
    auto cert = records(list_base({"certificate", "--format", "json"}))[0];
    CHECK(cert.at("levels") == nlohmann::json{"初级", "中级", "高级"});
    CHECK(cert.at("listed_from") == 2019);
    CHECK(cert.at("listed_to") == nullptr);
    auto csv = csv_record(csv_rows(list_base({"certificate", "--format", "csv"})), 0);
    CHECK(csv.at("levels") == "初级;中级;高级");
    CHECK(csv.at("listed_to") == "");
  }
  SUBCASE("pilot") {
    auto p = records(list_base({"pilot", "--format", "json"}))[0];
    CHECK(p.at("year") == 2026);
    CHECK(p.at("level") == "中级");
    CHECK(p.at("status") == "approved");
    CHECK(p.at("approved") == "2026-10-25");
    CHECK(p.at("rejected") == nullptr);
    CHECK(p.at("majors")[1] ==
          nlohmann::json{{"major", "510202"}, {"quota", 20}, {"effective_quota", 20}, {"contact", "王老师"}});
    CHECK(p.at("quota") == 50);
    CHECK(p.at("effective_quota") == 50);
    CHECK(p.at("quota_changed") == false);
    CHECK(p.at("accounts") == nlohmann::json{{"admin", "cs_admin_510201"}, {"exam", "cs_exam_510201"}});
    auto csv = csv_record(csv_rows(list_base({"pilot", "--format", "csv"})), 0);
    CHECK(csv.at("majors") == "510201:30;510202:20");
    CHECK(csv.at("effective_majors") == "510201:30;510202:20");
    CHECK(csv.at("contacts") == "510201:李老师;510202:王老师");
    CHECK(csv.at("admin_account") == "cs_admin_510201");
    CHECK(csv.at("quota_changed") == "no");
  }
  SUBCASE("exam, report, site, fund") {
    auto e = records(list_base({"exam", "--format", "json"}))[0];
    CHECK(e.at("status") == "held");
    CHECK(e.at("site") == "xinxi-site-01");
    CHECK(e.at("results")[0] ==
          nlohmann::json{{"major", "510201"}, {"registered", 20}, {"attended", 18}, {"passed", 15}});
    auto ecsv = csv_record(csv_rows(list_base({"exam", "--format", "csv"})), 0);
    CHECK(ecsv.at("results") == "510201:20/18/15;510202:12/12/10");

    auto r = records(list_base({"report", "--format", "json"}))[0];
    CHECK(r.at("progress") == nlohmann::json{{"trained", 35}, {"registered", 20}, {"attended", 18}, {"passed", 15}});
    CHECK(r.at("sections").at("faculty") == "2名教师完成师资培训");
    CHECK(r.at("sections").size() == 5);
    auto rcsv = csv_record(csv_rows(list_base({"report", "--format", "csv"})), 0);
    CHECK(rcsv.at("progress_attended") == "18");
    CHECK(rcsv.at("section_textbooks") == "选用活页式教材");

    auto s = records(list_base({"site", "--format", "json"}))[0];
    CHECK(s.at("signatory") == "college");
    CHECK(s.at("contract_process") == nullptr);
    CHECK(s.at("signed") == "2026-09-01");

    auto f = records(list_base({"fund", "--format", "json"}))[0];
    CHECK(f.at("year") == 2026);
    CHECK(f.at("id") == "0001");
    CHECK(f.at("amount") == 12000.0);
    CHECK(f.at("amount_fen") == 1200000);
    CHECK(f.at("direction") == "expense");
    auto fcsv = csv_record(csv_rows(list_base({"fund", "--format", "csv"})), 0);
    CHECK(fcsv.at("amount") == "12000.00");
    CHECK(fcsv.at("source") == "college-budget");
  }
}

TEST_CASE("list: a pilot's effective quotas after its quota change (data-example)") {
  auto pilots = records(list_example({"pilot", "--format", "json"}));
  CHECK(pilots.size() == 8);
  auto p = find_record(pilots, "id", "web-frontend-2026");
  CHECK(p.at("quota") == 140);
  CHECK(p.at("effective_quota") == 120);
  CHECK(p.at("quota_changed") == true);
  std::vector<std::pair<int, int>> quotas;
  for (const auto& m : p.at("majors")) quotas.emplace_back(m.at("quota"), m.at("effective_quota"));
  CHECK(quotas == std::vector<std::pair<int, int>>{{60, 55}, {50, 45}, {30, 20}});
  auto other = find_record(pilots, "id", "yecai-2026");
  CHECK(other.at("effective_quota") == other.at("quota"));
  CHECK(other.at("quota_changed") == false);

  auto rows = csv_rows(list_example({"pilot", "--year", "2026", "--format", "csv"}));
  std::map<std::string, std::string> wf;
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    auto rec = csv_record(rows, i);
    if (rec.at("id") == "web-frontend-2026") wf = rec;
  }
  REQUIRE_FALSE(wf.empty());
  CHECK(wf.at("majors") == "510201:60;510203:50;510205:30");
  CHECK(wf.at("effective_majors") == "510201:55;510203:45;510205:20");
  CHECK(wf.at("quota") == "140");
  CHECK(wf.at("effective_quota") == "120");
  CHECK(wf.at("quota_changed") == "yes");

  // The table shows the file's value and the effective one.
  RunResult table = list_example({"pilot", "--lang", "en", "--width", "0"});
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("510201:60→55, 510203:50→45, 510205:30→20") != std::string::npos);
  CHECK(table.out.find("140→120") != std::string::npos);

  auto changes = records(list_example({"quota-change", "--format", "json"}));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].at("in_effect") == true);
  CHECK(changes[0].at("breakdown") == nlohmann::json{{"510201", 55}, {"510203", 45}, {"510205", 20}});
  auto ccsv = csv_record(csv_rows(list_example({"quota-change", "--format", "csv"})), 0);
  CHECK(ccsv.at("breakdown") == "510201:55;510203:45;510205:20");
}

TEST_CASE("list: a single-major pilot leads itself, waivers and notes are listed") {
  TempDir repo(fixture("base"));
  repo.write("pilots/2026/solo-2026.yaml",
             "id: solo-2026\nyear: 2026\ncertificate: web-frontend\nlevel: 中级\nstatus: draft\n"
             "majors:\n  - { major: \"510202\", quota: 10, contact: 王老师 }\n"
             "plan: 计划\nnotes: 草稿\nwaivers: { R301: \"省1+X办公室同意\" }\n");
  auto pilots = records(list(repo.str(), k_base_as_of, {"pilot", "--format", "json"}));
  REQUIRE(pilots.size() == 2);
  auto solo = find_record(pilots, "id", "solo-2026");
  CHECK(solo.at("lead_major") == nullptr);
  CHECK(solo.at("effective_lead_major") == "510202");
  CHECK(solo.at("status") == "draft");
  CHECK(solo.at("effective_quota") == 10);  // not approved: no quota change applies
  CHECK(solo.at("notes") == "草稿");
  CHECK(solo.at("waivers") == nlohmann::json{{"R301", "省1+X办公室同意"}});
  auto rows = csv_rows(list(repo.str(), k_base_as_of, {"pilot", "--format", "csv"}));
  auto rec = csv_record(rows, 0);
  REQUIRE(rec.at("id") == "solo-2026");  // sorted by file: pilots/2026/solo… before web…
  CHECK(rec.at("waivers") == "R301:省1+X办公室同意");
  CHECK(rec.at("lead_major") == "");
  CHECK(rec.at("effective_lead_major") == "510202");
}

TEST_CASE("list: --year, --college and --major") {
  auto count = [](const RunResult& r) { return records(r).size(); };
  CHECK(count(list_example({"pilot", "--format", "json"})) == 8);
  CHECK(count(list_example({"pilot", "--year", "2025", "--format", "json"})) == 2);
  CHECK(count(list_example({"pilot", "--year", "2026", "--format", "json"})) == 6);
  CHECK(count(list_example({"exam", "--year", "2025", "--format", "json"})) == 4);
  CHECK(count(list_example({"fund", "--year", "2025", "--format", "json"})) == 3);
  CHECK(count(list_example({"college", "--year", "2025", "--format", "json"})) == 3);  // no year: all stay

  // Reports of one major, of one year.
  auto reports = records(list_example({"report", "--major", "510201", "--year", "2025", "--format", "json"}));
  CHECK(reports.size() == 11);
  for (const auto& r : reports) {
    CHECK(r.at("major") == "510201");
    CHECK(r.at("due").get<std::string>().starts_with("2025-"));
  }
  // A college's majors; the pilots that concern one of its majors.
  auto majors = records(list_example({"major", "--college", "jidian", "--format", "json"}));
  std::vector<std::string> codes;
  for (const auto& m : majors) codes.push_back(m.at("id"));
  CHECK(codes == std::vector<std::string>{"460301", "460305"});
  auto pilots = records(list_example({"pilot", "--major", "510203", "--format", "json"}));
  REQUIRE(pilots.size() == 1);
  CHECK(pilots[0].at("id") == "web-frontend-2026");
  auto caijing = records(list_example({"pilot", "--college", "caijing", "--year", "2026", "--format", "json"}));
  std::vector<std::string> ids;
  for (const auto& p : caijing) ids.push_back(p.at("id"));
  CHECK(ids == std::vector<std::string>{"online-store-2026", "yecai-2026"});
  // The college of a major filters colleges; the certificates its pilots use.
  auto college = records(list_example({"college", "--major", "530701", "--format", "json"}));
  REQUIRE(college.size() == 1);
  CHECK(college[0].at("id") == "caijing");
  auto certs = records(list_example({"certificate", "--major", "510201", "--format", "json"}));
  REQUIRE(certs.size() == 1);
  CHECK(certs[0].at("id") == "web-frontend");
  // A site concerns its college's majors; a fund without a pilot, likewise.
  auto sites = records(list_example({"site", "--major", "530701", "--format", "json"}));
  REQUIRE(sites.size() == 1);
  CHECK(sites[0].at("id") == "caijing-site-01");
  for (const auto& f : records(list_example({"fund", "--college", "caijing", "--format", "json"}))) {
    CHECK(f.at("college") == "caijing");
  }
  // The filters are echoed in JSON.
  auto j = list_example({"report", "--major", "510201", "--year", "2025", "--format", "json"}).json();
  CHECK(j.at("filters") == nlohmann::json{{"year", 2025}, {"college", nullptr}, {"major", "510201"}});
}

TEST_CASE("list: the table in both languages, and CSV without a BOM") {
  RunResult zh = list_base({"major", "--lang", "zh"});
  REQUIRE(zh.exit_code == 0);
  CHECK(zh.out.starts_with("专业代码"));
  CHECK(zh.out.find("\n510201    计算机应用技术  xinxi  majors/510201.yaml\n") != std::string::npos);
  CHECK(zh.out.ends_with("共 2 条专业记录\n"));
  RunResult en = list_base({"major", "--lang", "en"});
  CHECK(en.out.starts_with("Code"));
  CHECK(en.out.ends_with("2 major records\n"));
  RunResult empty = list_base({"quota-change", "--lang", "en"});
  REQUIRE(empty.exit_code == 0);
  CHECK(empty.out.ends_with("0 quota-change records\n"));

  RunResult bom = list_base({"college", "--format", "csv"});
  RunResult no_bom = list_base({"college", "--format", "csv", "--no-bom"});
  CHECK(bom.out == k_bom + no_bom.out);
  CHECK(no_bom.out == "file,id,name,leader,notes,waivers\r\ncolleges/xinxi.yaml,xinxi,信息工程学院,王建华,,\r\n");
  // An empty list still has its header.
  auto rows = csv_rows(list_base({"quota-change", "--format", "csv"}));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].size() == 16);
  // JSON and CSV do not depend on the language.
  CHECK(list_base({"pilot", "--format", "json", "--lang", "zh"}).out ==
        list_base({"pilot", "--format", "json", "--lang", "en"}).out);
}

TEST_CASE("list: usage errors are exit 2") {
  RunResult no_kind = list_base({});
  CHECK(no_kind.exit_code == 2);
  RunResult bad_kind = list_base({"pilots"});
  CHECK(bad_kind.exit_code == 2);
  CHECK(bad_kind.err.find("pilots") != std::string::npos);
  RunResult md = list_base({"pilot", "--format", "md"});
  CHECK(md.exit_code == 2);
  RunResult year = list_base({"pilot", "--year", "26"});
  CHECK(year.exit_code == 2);
  RunResult college = list_base({"major", "--college", "xinx"});
  CHECK(college.exit_code == 2);
  CHECK(college.err.find("did you mean \"xinxi\"") != std::string::npos);
  RunResult major = list_base({"report", "--major", "510299"});
  CHECK(major.exit_code == 2);
  CHECK(major.out.empty());
}

TEST_CASE("list: docs/list-format.md names every CSV column and JSON key of every kind") {
  std::string doc = read_file(fs::path(PILOT_SOURCE_DIR) / "docs" / "list-format.md");
  REQUIRE_FALSE(doc.empty());
  for (const char* kind : k_kinds) {
    CAPTURE(kind);
    CHECK(doc.find(std::string("### `") + kind + "`") != std::string::npos);
    auto rows = csv_rows(list_base({kind, "--format", "csv"}));
    for (const auto& column : rows[0]) {
      CAPTURE(column);
      CHECK(doc.find("`" + column + "`") != std::string::npos);
    }
    auto recs = records(list_example({kind, "--format", "json"}));
    REQUIRE_FALSE(recs.empty());
    for (const auto& [key, value] : recs[0].items()) {
      CAPTURE(key);
      CHECK(doc.find("`" + key + "`") != std::string::npos);
    }
  }
}

TEST_CASE("list: completions offer the kinds as list's first argument") {
  std::string words = "words";
  for (const char* kind : k_kinds) words += std::string(" ") + kind;
  for (const std::string shell : {"bash", "zsh"}) {
    RunResult r = run_pilot({"completions", shell});
    REQUIRE(r.exit_code == 0);
    CHECK_MESSAGE(r.out.find("'list|0') echo '" + words + "' ;;") != std::string::npos, shell);
  }
  RunResult fish = run_pilot({"completions", "fish"});
  REQUIRE(fish.exit_code == 0);
  CHECK(fish.out.find("case 'list|0'\n            echo '" + words + "'") != std::string::npos);
}
