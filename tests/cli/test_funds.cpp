// pilot funds [--year Y] [--college C] (issue 15, SPEC §4): income and expense per college by
// category and source, the balance, and the R402/R403 findings beside the entries they concern,
// in every format; and the status page (--format html). Numbers come from data-example and
// fixtures; JSON amounts are checked in exact fen.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "run.hpp"

using namespace pilot::test;

namespace {

const std::string k_as_of = "2026-11-26";
const std::string k_made = "2026-11-27";

RunResult funds(const std::string& repo, const std::string& format, const std::string& lang,
                std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"funds",  "--repo", repo,       "--as-of", k_as_of,
                                "--lang", lang,     "--format", format};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args, {{"PILOT_TODAY", k_made}});
}

const nlohmann::json& college_of(const nlohmann::json& colleges, const std::string& id) {
  for (const auto& c : colleges) {
    if (c["college"] == id) return c;
  }
  FAIL("no college " << id);
  return colleges;
}

}  // namespace

TEST_CASE("funds: data-example's income, expense and balance per college and for the school") {
  auto r = funds(example().string(), "json", "en");
  REQUIRE(r.exit_code == 0);
  auto j = r.json();
  CHECK(j["schema_version"] == 1);
  CHECK(j["view"] == "funds");
  CHECK(j["year"] == 2026);
  CHECK(j["school"] == "青川职业技术学院");
  CHECK(j["office"] == "教务处");
  CHECK(j["total"]["income_fen"] == 5615000);
  CHECK(j["total"]["expense_fen"] == 2304650);
  CHECK(j["total"]["balance_fen"] == 3310350);
  CHECK(j["total"]["entries"] == 8);
  CHECK(j["entries"].size() == 8);
  CHECK(college_of(j["colleges"], "jidian")["balance_fen"] == -1156000);  // expense only
  CHECK(college_of(j["colleges"], "xinxi")["balance_fen"] == 3031350);
  // Category and source sums add up to the college's.
  for (const auto& c : j["colleges"]) {
    long long by_category = 0, by_source = 0;
    for (const auto& g : c["by_category"]) by_category += g["balance_fen"].get<long long>();
    for (const auto& g : c["by_source"]) by_source += g["balance_fen"].get<long long>();
    CHECK(by_category == c["balance_fen"].get<long long>());
    CHECK(by_source == c["balance_fen"].get<long long>());
  }
  // --college and --year filter; a college that does not exist is a usage error.
  auto xinxi = funds(example().string(), "json", "en", {"--college", "xinxi"}).json();
  CHECK(xinxi["entries"].size() == 3);
  CHECK(xinxi["total"]["balance_fen"] == 3031350);
  auto y2025 = funds(example().string(), "json", "en", {"--year", "2025"}).json();
  CHECK(y2025["year"] == 2025);
  CHECK(y2025["total"]["entries"] == 3);
  auto bad = funds(example().string(), "table", "en", {"--college", "nosuch"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("nosuch") != std::string::npos);
}

TEST_CASE("funds: R402 and R403 stand beside the entries they concern, in every format") {
  TempDir repo(fixture("views-progress"));
  // R403: returned exam fees spent on internal labor (三(四)4); 0001 is R402 (from students).
  repo.write(
      "funds/2026/0002.yaml",
      "id: \"0002\"\ndate: 2026-11-10\ncollege: caijing\npilot: yecai-2026\ndirection: expense\n"
      "source: returned-exam-fee\ncategory: internal-labor\namount: 36.50\n");
  auto j = funds(repo.str(), "json", "en").json();
  REQUIRE(j["entries"].size() == 2);
  for (const auto& e : j["entries"]) {
    REQUIRE(e["findings"].size() == 1);
    CHECK(e["findings"][0]["rule"] == (e["id"] == "0001" ? "R402" : "R403"));
  }
  CHECK(j["total"]["balance_fen"] == 15000 - 3650);
  CHECK(j["total"]["errors"] == 2);

  auto csv = funds(repo.str(), "csv", "en", {"--no-bom"});
  CHECK(csv.out.starts_with(
      "year,id,date,college,college_name,pilot,direction,source,category,amount,"
      "amount_fen,findings,file,school,office,as_of,made\r\n"));
  // Every row names the school and office, the as-of date and the date made (SPEC §5).
  CHECK(csv.out.find(",funds/2026/0001.yaml,测试职业技术学院,教务处,2026-11-26,2026-11-27\r\n") !=
        std::string::npos);
  CHECK(csv.out.find("2026,0001,2026-11-08,caijing,财经学院,yecai-2026,income,student,exam-fee,150."
                     "00,15000,R402,") != std::string::npos);
  CHECK(csv.out.find(",returned-exam-fee,internal-labor,36.50,3650,R403,") != std::string::npos);
  CHECK(csv.out == funds(repo.str(), "csv", "zh", {"--no-bom"}).out);

  for (const std::string lang : {"zh", "en"}) {
    INFO(lang);
    auto md = funds(repo.str(), "md", lang);
    REQUIRE(md.exit_code == 0);
    CHECK(md.out.find(lang == "zh"
                          ? "测试职业技术学院 教务处 · 数据截至 2026-11-26 · 制表日期 2026-11-27"
                          : "测试职业技术学院 教务处 · data as of 2026-11-26 · made 2026-11-27") !=
          std::string::npos);
    CHECK(md.out.find("| R402 ") != std::string::npos);
    CHECK(md.out.find("| R403 ") != std::string::npos);
    auto table = funds(repo.str(), "table", lang);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("113.50") != std::string::npos);  // the balance 150.00 − 36.50
    auto html = funds(repo.str(), "html", lang);
    REQUIRE(html.exit_code == 0);
    CHECK(html.out.starts_with("<!DOCTYPE html>\n"));
    CHECK(html.out.find("<p class=\"school\">测试职业技术学院 教务处</p>") != std::string::npos);
    CHECK(html.out.find("<svg class=\"chart\"") != std::string::npos);
    CHECK(html.out.find("<script") == std::string::npos);
  }
}

TEST_CASE(
    "funds: status --format html is a page with the masthead, subtotals and the completion chart") {
  auto r = run_pilot({"status", "--repo", fixture("views-progress").string(), "--as-of", k_as_of,
                      "--lang", "zh", "--format", "html"},
                     {{"PILOT_TODAY", k_made}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.starts_with("<!DOCTYPE html>\n"));
  CHECK(r.out.find("<p class=\"school\">测试职业技术学院 教务处</p>") != std::string::npos);
  CHECK(r.out.find("制表日期 2026-11-27") != std::string::npos);
  CHECK(r.out.find("<svg class=\"chart\"") != std::string::npos);
  CHECK(r.out.find("小计（2 个专业）") != std::string::npos);
  // Completion coloured by state: met (510201), reachable with planned seats (510202: 12 + 8 of
  // 20), at risk (530302: 14 + 10 of 40); not every cell red.
  CHECK(r.out.find("<td class=\"num good\">100.0%</td>") != std::string::npos);
  CHECK(r.out.find("<td class=\"num warn\">60.0%</td>") != std::string::npos);
  CHECK(r.out.find("<td class=\"num bad\">35.0%</td>") != std::string::npos);
  // The report's headline table is not stretched over the page.
  const std::string repo = fixture("views-progress").string();
  auto report = run_pilot({"report", "--repo", repo, "--as-of", k_as_of, "--format", "html"},
                          {{"PILOT_TODAY", k_made}});
  REQUIRE(report.exit_code == 0);
  CHECK(report.out.find("<table class=\"narrow\">") != std::string::npos);
  CHECK(r.out.find("<script") == std::string::npos);
}
