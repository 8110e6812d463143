// pilot status / report / compliance (SPEC §4–§5, issue 4) on tests/fixtures/views-progress
// and data-example: golden output, CSV and JSON read back, filters, exit codes, colour, width.
//
// Golden files live in tests/golden/ and are compared byte for byte. To regenerate them
// deliberately: `make golden` (this test with PILOT_UPDATE_GOLDEN=1), then review the diff
// before committing. Never in CI: with CI set the update is refused (docs/testing.md).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-26";  // views-progress is pinned to this date
const std::string k_bom = "\xEF\xBB\xBF";
// The date views say they were made: $PILOT_TODAY pins it (docs/output-formats.md); a day after
// as-of, so that goldens show the two apart.
const std::string k_made = "2026-11-27";

std::string views_repo() { return fixture("views-progress").string(); }

RunResult view(const std::string& command, const std::string& lang, const std::string& format,
               std::vector<std::string> extra = {}, const std::string& repo = views_repo()) {
  std::vector<std::string> args{command, "--repo", repo, "--as-of", k_as_of, "--lang", lang, "--format", format};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args, {{"PILOT_TODAY", k_made}});
}

// Compares with tests/golden/<name>, or rewrites it when PILOT_UPDATE_GOLDEN=1 (`make golden`).
// A CI run never rewrites them: with CI set, PILOT_UPDATE_GOLDEN fails the test instead.
void check_golden(const std::string& name, const std::string& actual) {
  fs::path path = fs::path(PILOT_SOURCE_DIR) / "tests" / "golden" / name;
  if (const char* update = std::getenv("PILOT_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    const char* ci = std::getenv("CI");
    REQUIRE_MESSAGE((ci == nullptr || *ci == '\0'),
                    "PILOT_UPDATE_GOLDEN is refused when CI is set: a person runs `make golden`");
    REQUIRE_FALSE(actual.empty());  // never record a crash as the expected output
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  INFO("golden file ", path.string(), "\n--- actual ---\n", actual);
  REQUIRE(fs::exists(path));
  CHECK(read_file(path) == actual);
}

// A small RFC 4180 reader: quoted fields with "" escapes, CRLF (or LF) line ends.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  REQUIRE_FALSE(quoted);
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

// CSV rows as maps from the header's column names; checks the BOM and the shape.
std::vector<std::map<std::string, std::string>> csv_records(const std::string& out) {
  REQUIRE(out.rfind(k_bom, 0) == 0);
  auto rows = parse_csv(out.substr(k_bom.size()));
  REQUIRE_FALSE(rows.empty());
  std::vector<std::map<std::string, std::string>> records;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == rows[0].size());
    std::map<std::string, std::string> rec;
    for (std::size_t c = 0; c < rows[0].size(); ++c) rec[rows[0][c]] = rows[r][c];
    records.push_back(rec);
  }
  return records;
}

// Display width for the fixture's text: CJK counts 2, everything else 1 (ANSI not expected).
int width_of(const std::string& line) {
  int w = 0;
  for (std::size_t i = 0; i < line.size();) {
    auto b = static_cast<unsigned char>(line[i]);
    std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    char32_t cp = b;
    if (n > 1) {
      cp = b & (0x3F >> (n - 1));
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
    }
    w += (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFF60) ? 2 : 1;
    i += n;
  }
  return w;
}

std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const nlohmann::json& row_of(const nlohmann::json& rows, const std::string& major) {
  for (const auto& r : rows) {
    if (r["major"] == major) return r;
  }
  FAIL("no row for major " << major);
  return rows;
}

}  // namespace

TEST_CASE("views: golden output of each view, format and language") {
  for (const std::string command : {"status", "report", "compliance"}) {
    for (const std::string lang : {"zh", "en"}) {
      INFO(command, " ", lang);
      auto table = view(command, lang, "table");
      CHECK(table.exit_code == 0);
      CHECK(table.err.empty());
      check_golden(command + ".table." + lang + ".txt", table.out);
      auto md = view(command, lang, "md");
      CHECK(md.exit_code == 0);
      check_golden(command + "." + lang + ".md", md.out);
    }
    // CSV and JSON carry codes and numbers only: the same bytes in both languages.
    for (const std::string format : {"csv", "json"}) {
      INFO(command, " ", format);
      auto zh = view(command, "zh", format);
      auto en = view(command, "en", format);
      CHECK(zh.exit_code == 0);
      CHECK(en.exit_code == 0);
      CHECK(zh.out == en.out);
      check_golden(command + "." + format, en.out);
    }
  }
  // A year that is over: compliance is final, not provisional.
  check_golden("compliance-2025.en.md", view("compliance", "en", "md", {"--year", "2025"}).out);
  check_golden("compliance-2025.zh.md", view("compliance", "zh", "md", {"--year", "2025"}).out);
}

TEST_CASE("views: report defaults to Markdown for the latest due date") {
  auto r = run_pilot({"report", "--repo", views_repo(), "--as-of", k_as_of, "--lang", "zh"}, {{"PILOT_TODAY", k_made}});
  CHECK(r.exit_code == 0);
  CHECK(r.out == view("report", "zh", "md").out);
  CHECK(r.out.rfind("# 双周报汇总（2026-11-20）\n", 0) == 0);
  // status and compliance default to the table.
  auto s = run_pilot({"status", "--repo", views_repo(), "--as-of", k_as_of, "--lang", "en"}, {{"PILOT_TODAY", k_made}});
  CHECK(s.out == view("status", "en", "table").out);
}

TEST_CASE("views: status JSON read back field by field") {
  auto r = view("status", "en", "json");
  REQUIRE(r.exit_code == 0);
  auto j = r.json();
  CHECK(j["schema_version"] == 1);
  CHECK(j["view"] == "status");
  CHECK(j["as_of"] == k_as_of);
  CHECK(j["year"] == 2026);
  REQUIRE(j["rows"].size() == 3);

  const auto& lead = row_of(j["rows"], "510201");
  CHECK(lead["college"] == "xinxi");
  CHECK(lead["college_name"] == "信息工程学院");
  CHECK(lead["major_name"] == "计算机应用技术");
  CHECK(lead["pilot"] == "web-frontend-2026");
  CHECK(lead["certificate"] == "web-frontend");
  CHECK(lead["certificate_name"] == "Web前端开发");
  CHECK(lead["level"] == "中级");
  CHECK(lead["lead"] == true);
  CHECK(lead["quota"] == 25);  // after the quota change
  CHECK(lead["original_quota"] == 30);
  CHECK(lead["quota_changed"] == true);
  CHECK(lead["registered"] == 28);
  CHECK(lead["attended"] == 25);
  CHECK(lead["completion"] == 100.0);
  CHECK(lead["planned"] == 5);
  CHECK(lead["met"] == true);
  CHECK(lead["reports"] == nlohmann::json{{"due", 2}, {"on_time", 2}, {"late", 0}, {"missing", 0}});
  CHECK(lead["errors"] == 0);
  CHECK(lead["warnings"] == 0);

  const auto& second = row_of(j["rows"], "510202");
  CHECK(second["lead"] == false);
  CHECK(second["quota"] == 20);
  CHECK(second["attended"] == 12);
  CHECK(second["completion"] == 60.0);
  CHECK(second["reachable"] == true);
  CHECK(second["reports"]["missing"] == 1);
  CHECK(second["errors"] == 1);  // R601 at its entry in the pilot file

  const auto& yecai = row_of(j["rows"], "530302");
  CHECK(yecai["college"] == "caijing");
  CHECK(yecai["lead"] == true);  // a single major leads itself
  CHECK(yecai["quota"] == 40);
  CHECK(yecai["attended"] == 14);
  CHECK(yecai["completion"] == 35.0);
  CHECK(yecai["planned"] == 10);
  CHECK(yecai["reachable"] == false);
  CHECK(yecai["reports"] == nlohmann::json{{"due", 3}, {"on_time", 1}, {"late", 1}, {"missing", 1}});
  CHECK(yecai["errors"] == 2);    // R601 in the pilot file, R402 in its fund entry
  CHECK(yecai["warnings"] == 1);  // R501 (cannot reach the quota as planned)

  const auto& t = j["totals"];
  CHECK(t["pilots"] == 2);
  CHECK(t["majors"] == 3);
  CHECK(t["quota"] == 85);
  CHECK(t["registered"] == 55);
  CHECK(t["attended"] == 51);
  CHECK(t["completion"] == 60.0);
  CHECK(t["planned"] == 23);
  CHECK(t["reports"] == nlohmann::json{{"due", 7}, {"on_time", 4}, {"late", 1}, {"missing", 2}});
  CHECK(t["errors"] == 3);
  CHECK(t["warnings"] == 1);
}

TEST_CASE("views: status CSV read back by an RFC 4180 reader") {
  auto r = view("status", "zh", "csv");
  REQUIRE(r.exit_code == 0);
  auto records = csv_records(r.out);
  REQUIRE(records.size() == 4);  // three pilot majors and the totals row
  auto header = parse_csv(r.out.substr(k_bom.size()))[0];
  CHECK(header == std::vector<std::string>{"college", "college_name", "major", "major_name", "pilot", "certificate",
                                           "certificate_name", "level", "lead", "quota", "original_quota",
                                           "registered", "attended", "completion_pct", "planned", "reports_due",
                                           "reports_on_time", "reports_late", "reports_missing", "errors", "warnings",
                                           "passed", "pass_rate_pct",  // new columns go last
                                           "school", "office", "as_of", "made"});
  CHECK(r.out.find("\r\n") != std::string::npos);
  const auto& yecai = records[2];
  CHECK(yecai.at("major") == "530302");
  CHECK(yecai.at("major_name") == "大数据与会计");
  CHECK(yecai.at("lead") == "yes");
  CHECK(yecai.at("level") == "中级");
  CHECK(yecai.at("quota") == "40");
  CHECK(yecai.at("completion_pct") == "35.0");
  CHECK(yecai.at("reports_late") == "1");
  CHECK(yecai.at("errors") == "2");
  CHECK(yecai.at("passed") == "12");
  CHECK(yecai.at("pass_rate_pct") == "85.7");
  CHECK(yecai.at("school") == "测试职业技术学院");
  CHECK(yecai.at("office") == "教务处");
  CHECK(yecai.at("as_of") == k_as_of);
  CHECK(yecai.at("made") == k_made);
  const auto& total = records[3];
  CHECK(total.at("college") == "total");
  CHECK(total.at("major").empty());
  CHECK(total.at("quota") == "85");
  CHECK(total.at("original_quota") == "90");
  CHECK(total.at("attended") == "51");
  CHECK(total.at("completion_pct") == "60.0");

  auto no_bom = view("status", "zh", "csv", {"--no-bom"});
  CHECK(no_bom.out == r.out.substr(k_bom.size()));
}

TEST_CASE("views: a CSV field with a comma or quote is quoted") {
  TempDir repo(fixture("views-progress"));
  repo.write("majors/530302.yaml", "id: \"530302\"\nname: 大数据与会计, \"智能财税\"方向\ncollege: caijing\n");
  auto r = view("status", "en", "csv", {}, repo.str());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"大数据与会计, \"\"智能财税\"\"方向\"") != std::string::npos);
  auto records = csv_records(r.out);
  CHECK(records[2].at("major_name") == "大数据与会计, \"智能财税\"方向");
}

TEST_CASE("views: report JSON read back field by field") {
  auto r = view("report", "en", "json");
  REQUIRE(r.exit_code == 0);
  auto j = r.json();
  CHECK(j["schema_version"] == 1);
  CHECK(j["view"] == "report");
  CHECK(j["as_of"] == k_as_of);
  CHECK(j["due"] == "2026-11-20");
  CHECK(j["previous_due"] == "2026-11-10");
  CHECK(j["headline"] == nlohmann::json{{"pilots", 2}, {"majors", 3}, {"quota", 85}, {"attended", 51},
                                        {"completion", 60.0}, {"days_to_year_end", 41}, {"passed", 43},
                                        {"pass_rate", 84.3}, {"days_left", 35}});  // 35: from as-of
  REQUIRE(j["progress"].size() == 3);
  const auto& lead = row_of(j["progress"], "510201");
  CHECK(lead["attended"] == 25);
  CHECK(lead["attended_previous"] == 18);  // the 2026-11-15 batch came after 2026-11-10
  CHECK(lead["change"] == 7);
  CHECK(lead["report"] == "on-time");
  CHECK(lead["at_risk"] == false);
  CHECK(row_of(j["progress"], "510202")["report"] == "missing");
  CHECK(row_of(j["progress"], "530302")["at_risk"] == true);

  REQUIRE(j["not_reported"].size() == 2);
  CHECK(j["not_reported"][0]["major"] == "510202");
  CHECK(j["not_reported"][0]["contact"] == "王老师");
  CHECK(j["not_reported"][0]["overdue"] == true);
  CHECK(j["not_reported"][1]["major"] == "530302");

  REQUIRE(j["at_risk"].size() == 1);
  const auto& risk = j["at_risk"][0];
  CHECK(risk["major"] == "530302");
  CHECK(risk["deadline"] == "2026-12-31");
  CHECK(risk["days_left"] == 35);
  CHECK(risk["quota"] == 40);
  CHECK(risk["attended"] == 14);
  CHECK(risk["planned"] == 10);
  CHECK(risk["shortfall"] == 16);

  CHECK(j["findings_by_rule"] == nlohmann::json::parse(R"([
    {"rule": "R402", "errors": 1, "warnings": 0},
    {"rule": "R501", "errors": 0, "warnings": 1},
    {"rule": "R601", "errors": 2, "warnings": 0}])"));
}

TEST_CASE("views: report for an earlier due date and on the due date itself") {
  auto r = view("report", "en", "json", {"--date", "2026-11-10"});
  REQUIRE(r.exit_code == 0);
  auto j = r.json();
  CHECK(j["due"] == "2026-11-10");
  CHECK(j["previous_due"] == "2026-10-20");
  CHECK(j["headline"]["attended"] == 44);  // 18 + 12 + 14: batches held on or before 2026-11-10
  CHECK(j["headline"]["days_to_year_end"] == 51);
  CHECK(row_of(j["progress"], "510201")["change"] == 18);
  CHECK(row_of(j["progress"], "530302")["report"] == "late");
  CHECK(j["not_reported"].empty());

  // Run on the due date itself, the missing reports are still within time.
  auto today = run_pilot({"report", "--repo", views_repo(), "--as-of", "2026-11-20", "--format", "json"});
  REQUIRE(today.exit_code == 0);
  auto t = today.json();
  CHECK(t["due"] == "2026-11-20");
  REQUIRE(t["not_reported"].size() == 2);
  CHECK(t["not_reported"][0]["overdue"] == false);
  CHECK(row_of(t["progress"], "510202")["report"] == "pending");
}

TEST_CASE("views: report CSV has one row per pilot major") {
  auto r = view("report", "en", "csv");
  REQUIRE(r.exit_code == 0);
  auto records = csv_records(r.out);
  REQUIRE(records.size() == 3);
  CHECK(records[0].at("due") == "2026-11-20");
  CHECK(records[0].at("change") == "7");
  CHECK(records[1].at("report") == "missing");
  CHECK(records[2].at("at_risk") == "yes");
  CHECK(records[2].at("completion_pct") == "35.0");
}

TEST_CASE("views: compliance JSON and CSV read back") {
  auto r = view("compliance", "en", "json");
  REQUIRE(r.exit_code == 0);
  auto j = r.json();
  CHECK(j["schema_version"] == 1);
  CHECK(j["view"] == "compliance");
  CHECK(j["year"] == 2026);
  CHECK(j["provisional"] == true);
  CHECK(j["points_per_item"] == 10);
  REQUIRE(j["rows"].size() == 3);
  CHECK(row_of(j["rows"], "510201")["met"] == true);
  CHECK(row_of(j["rows"], "510201")["points"] == 10);
  CHECK(row_of(j["rows"], "510202")["met"] == false);
  CHECK(row_of(j["rows"], "510202")["points"] == 0);
  const auto& yecai = row_of(j["rows"], "530302");
  CHECK(yecai["waived"] == 1);
  CHECK(yecai["waivers"] == nlohmann::json::array({"R602"}));
  CHECK(yecai["reports"]["late"] == 1);
  REQUIRE(j["colleges"].size() == 2);
  CHECK(j["colleges"][0]["college"] == "caijing");
  CHECK(j["colleges"][0]["points"] == 0);
  CHECK(j["colleges"][1]["college"] == "xinxi");
  CHECK(j["colleges"][1]["majors"] == 2);
  CHECK(j["colleges"][1]["met"] == 1);
  CHECK(j["colleges"][1]["points"] == 10);
  CHECK(j["colleges"][1]["max_points"] == 20);
  CHECK(j["total"]["points"] == 10);
  CHECK(j["total"]["quota"] == 85);
  bool waived_r602 = false;
  for (const auto& c : j["findings_by_rule"]) waived_r602 = waived_r602 || (c["rule"] == "R602" && c["waived"] == 1);
  CHECK(waived_r602);

  auto final_year = view("compliance", "en", "json", {"--year", "2025"}).json();
  CHECK(final_year["provisional"] == false);
  REQUIRE(final_year["rows"].size() == 1);
  CHECK(final_year["rows"][0]["attended"] == 15);
  CHECK(final_year["rows"][0]["met"] == false);
  CHECK(final_year["rows"][0]["points"] == 0);
  CHECK(final_year["findings_by_rule"] == nlohmann::json::parse(R"([{"rule": "R501", "errors": 1, "warnings": 0, "waived": 0}])"));

  auto csv = csv_records(view("compliance", "en", "csv").out);
  REQUIRE(csv.size() == 3);
  CHECK(csv[0].at("provisional") == "yes");
  CHECK(csv[0].at("met") == "yes");
  CHECK(csv[0].at("points") == "10");
  CHECK(csv[2].at("waivers") == "R602");
}

TEST_CASE("views: compliance is labelled provisional until 31 Dec, final after") {
  auto before = view("compliance", "zh", "md");
  CHECK(before.out.find("（临时）") != std::string::npos);
  auto en = view("compliance", "en", "table");
  CHECK(en.out.find("(provisional)") != std::string::npos);
  auto on_31_dec = run_pilot({"compliance", "--repo", views_repo(), "--as-of", "2026-12-31", "--format", "json"});
  CHECK(on_31_dec.json()["provisional"] == true);
  auto after = run_pilot({"compliance", "--repo", views_repo(), "--as-of", "2027-01-05", "--year", "2026",
                          "--lang", "zh", "--format", "md"});
  CHECK(after.exit_code == 0);
  CHECK(after.out.find("临时") == std::string::npos);
}

TEST_CASE("views: status filters by year, college, major and certificate") {
  auto majors = [](const RunResult& r) {
    std::vector<std::string> out;
    const nlohmann::json j = r.json();
    for (const auto& row : j["rows"]) out.push_back(row["major"].get<std::string>());
    return out;
  };
  CHECK(majors(view("status", "en", "json", {"--college", "caijing"})) == std::vector<std::string>{"530302"});
  CHECK(majors(view("status", "en", "json", {"--major", "510202"})) == std::vector<std::string>{"510202"});
  CHECK(majors(view("status", "en", "json", {"--certificate", "web-frontend"})) ==
        std::vector<std::string>{"510201", "510202"});
  auto y2025 = view("status", "en", "json", {"--year", "2025"});
  CHECK(majors(y2025) == std::vector<std::string>{"510201"});
  CHECK(y2025.json()["rows"][0]["errors"] == 1);  // R501 in the 2025 pilot file
  CHECK(y2025.json()["filters"]["college"] == nullptr);
  auto none = view("status", "en", "table", {"--year", "2024"});
  CHECK(none.exit_code == 0);
  CHECK(none.out.find("None.") != std::string::npos);
}

TEST_CASE("views: a wrong lead_major is no lead anywhere, and a single major leads itself") {
  // One definition (model.hpp lead_major): R302 reports a lead that is not one of the pilot's
  // majors; no rule then judges against it and no view shows it as the lead.
  TempDir repo(fixture("base"));
  const std::string pilot_file = "pilots/2026/web-frontend-2026.yaml";
  std::string text = repo.read(pilot_file);
  text.replace(text.find("lead_major: \"510201\""), 20, "lead_major: \"510299\"");
  repo.write(pilot_file, text);
  repo.write("quota-changes/2026/web-frontend-2026.yaml",
             "pilot: web-frontend-2026\ncertificate_name: Web前端开发\nlevel: 中级\noriginal: 50\nrevised: 40\n"
             "breakdown: { \"510201\": 20, \"510202\": 20 }\nreason: 调整\ninitiated_by: \"510202\"\n"
             "signed_by: 某人\nstamped: true\nsubmitted: 2026-11-01\n");
  repo.write("pilots/2026/solo-2026.yaml",
             "id: solo-2026\nyear: 2026\ncertificate: web-frontend\nlevel: 高级\nstatus: approved\n"
             "submitted: 2026-04-15\napproved: 2026-10-25\nlead_major: \"12345\"\n"
             "majors:\n  - { major: \"510202\", quota: 5, contact: 王老师 }\n"
             "accounts: { admin: solo_admin, exam: solo_exam }\nplan: 计划\n");

  const nlohmann::json findings =
      run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of, "--format", "json"}).json();
  CHECK(with_rule(findings, "R302").size() == 1);
  for (const auto& d : findings["diagnostics"]) {
    INFO(d.dump());
    std::string message = d["message"];
    // The wrong lead is named only where it is wrong (R302) or unknown (S004).
    if (message.find("510299") != std::string::npos) CHECK((d["rule"] == "R302" || d["rule"] == "S004"));
    if (d["file"] == "quota-changes/2026/web-frontend-2026.yaml") {
      CHECK(message.find("initiated") == std::string::npos);  // who leads is not known
      CHECK(message.find("signed by") == std::string::npos);
    }
  }

  auto pilots = run_pilot({"list", "pilot", "--repo", repo.str(), "--as-of", k_as_of, "--format", "json"});
  REQUIRE(pilots.exit_code == 0);
  const nlohmann::json listed = pilots.json();
  REQUIRE(listed["records"].size() == 2);
  for (const auto& p : listed["records"]) {
    INFO(p.dump());
    if (p["id"] == "web-frontend-2026") {
      CHECK(p["lead_major"] == "510299");  // the field as written
      CHECK(p["effective_lead_major"] == nullptr);
    } else {
      CHECK(p["id"] == "solo-2026");
      CHECK(p["lead_major"] == nullptr);  // not a major code (S002)
      CHECK(p["effective_lead_major"] == "510202");
    }
  }

  auto status = view("status", "en", "json", {}, repo.str());
  REQUIRE(status.exit_code == 0);
  const nlohmann::json shown = status.json();
  int rows = 0;
  for (const auto& row : shown["rows"]) {
    INFO(row.dump());
    CHECK(row["lead"] == (row["pilot"] == "solo-2026"));
    ++rows;
  }
  CHECK(rows == 3);
  auto table = view("status", "en", "table", {}, repo.str());
  CHECK(table.exit_code == 0);
}

TEST_CASE("views: findings never change the exit code, usage errors exit 2") {
  // views-progress has errors: validate fails, the views do not.
  CHECK(run_pilot({"validate", "--repo", views_repo(), "--as-of", k_as_of}).exit_code == 1);
  for (const std::string command : {"status", "report", "compliance"}) CHECK(view(command, "en", "table").exit_code == 0);

  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  for (const Case& c : std::vector<Case>{
           {{"status", "--format", "xml"}, "--format"},
           {{"status", "--college", "xinxy"}, "did you mean \"xinxi\""},
           {{"status", "--major", "999999"}, "no major \"999999\""},
           {{"status", "--certificate", "nope"}, "no certificate"},
           {{"status", "--year", "26"}, "--year"},
           {{"report", "--date", "2026-11-11"}, "not a due date"},
           {{"report", "--date", "2026-12-10"}, "after the as-of date"},
           {{"report", "--date", "11/20"}, "YYYY-MM-DD"},
           {{"compliance", "--format", "pdf"}, "--format"},
       }) {
    std::vector<std::string> args = c.args;
    for (const std::string& a : std::vector<std::string>{"--repo", views_repo(), "--as-of", k_as_of}) args.push_back(a);
    auto r = run_pilot(args);
    INFO(args[0], " ", args[1], " ", args[2], "\n", r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(c.message) != std::string::npos);
  }
  auto no_repo = run_pilot({"status", "--repo", "/nonexistent", "--as-of", k_as_of});
  CHECK(no_repo.exit_code == 2);
}

TEST_CASE("views: colour only when asked, and it does not disturb alignment") {
  for (const std::string command : {"status", "report", "compliance"}) {
    INFO(command);
    auto plain = view(command, "zh", "table");
    auto never = view(command, "zh", "table", {"--color", "never"});
    auto always = view(command, "zh", "table", {"--color", "always"});
    CHECK(plain.out.find('\x1b') == std::string::npos);  // stdout is not a terminal
    CHECK(never.out == plain.out);
    CHECK(always.out.find("\x1b[") != std::string::npos);
    CHECK(strip_ansi(always.out) == plain.out);
  }
  // The status cells: missing reports red, a quota out of reach red, a met quota green.
  auto s = view("status", "en", "table", {"--color", "always"});
  CHECK(s.out.find("\x1b[32m100.0%\x1b[0m") != std::string::npos);
  CHECK(s.out.find("\x1b[31m35.0%\x1b[0m") != std::string::npos);
  CHECK(s.out.find("\x1b[33m60.0%\x1b[0m") != std::string::npos);
  auto env = run_pilot({"status", "--repo", views_repo(), "--as-of", k_as_of, "--color", "always"}, {{"NO_COLOR", "1"}});
  CHECK(env.out.find('\x1b') != std::string::npos);  // --color always wins over NO_COLOR
}

TEST_CASE("views: tables fit --width, and COLUMNS matters only on a terminal") {
  for (const std::string command : {"status", "report", "compliance"}) {
    for (const std::string lang : {"zh", "en"}) {
      INFO(command, " ", lang);
      auto full = view(command, lang, "table");
      auto narrow = view(command, lang, "table", {"--width", "90"});
      CHECK(narrow.exit_code == 0);
      int widest = 0;
      for (const auto& line : lines_of(full.out)) widest = std::max(widest, width_of(line));
      if (command == "status") CHECK(widest > 90);
      for (const auto& line : lines_of(narrow.out)) {
        // Headings and notes are prose; every table line must fit.
        if (line.find("  ") != std::string::npos || line.find("--") == 0) CHECK(width_of(line) <= 90);
      }
    }
  }
  auto narrow = view("status", "en", "table", {"--width", "90"});
  CHECK(narrow.out.find("Registered") == std::string::npos);  // a low-value column went first
  CHECK(narrow.out.find("Missing") != std::string::npos);
  auto columns = run_pilot({"status", "--repo", views_repo(), "--as-of", k_as_of, "--lang", "en"},
                           {{"COLUMNS", "40"}, {"PILOT_TODAY", k_made}});
  CHECK(columns.out == view("status", "en", "table").out);
}

TEST_CASE("views: on a terminal, tables fit $COLUMNS and colour is on by default") {
  if (!need_tool("script", "bsdutils")) return;  // util-linux's script gives the command a terminal
  auto on_terminal = [](const std::string& env) {
    std::string command = "$PILOT status -q --repo '" + views_repo() + "' --as-of " + k_as_of + " --lang en";
    auto r = run_shell(env + " PILOT_TODAY=" + k_made + " script -qec \"" + command + "\" /dev/null");
    std::string out;
    for (char c : r.out) {
      if (c != '\r') out += c;  // the terminal turns \n into \r\n
    }
    return std::make_pair(r.exit_code, out);
  };
  auto [code, out] = on_terminal("COLUMNS=70 NO_COLOR=1");
  CHECK(code == 0);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find("Registered") == std::string::npos);
  for (const auto& line : lines_of(out)) CHECK(width_of(line) <= 70);
  CHECK(out == view("status", "en", "table", {"--width", "70"}).out);

  auto [wide_code, wide] = on_terminal("COLUMNS=200");
  CHECK(wide_code == 0);
  CHECK(wide.find("\x1b[") != std::string::npos);
  CHECK(strip_ansi(wide) == view("status", "en", "table").out);
}

TEST_CASE("views: data-example produces all three views in every format") {
  const std::string repo = example().string();
  for (const std::string command : {"status", "report", "compliance"}) {
    for (const std::string format : {"table", "md", "csv", "json"}) {
      for (const std::string lang : {"zh", "en"}) {
        INFO(command, " ", format, " ", lang);
        auto r = run_pilot({command, "--repo", repo, "--as-of", PILOT_EXAMPLE_AS_OF, "--lang", lang, "--format", format});
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK_FALSE(r.out.empty());
        if (format == "json") CHECK(r.json()["schema_version"] == 1);
        if (format == "csv") CHECK(csv_records(r.out).size() >= 10);
      }
    }
  }
  auto status = run_pilot({"status", "--repo", repo, "--as-of", PILOT_EXAMPLE_AS_OF, "--format", "json"}).json();
  CHECK(status["rows"].size() == 10);
  CHECK(status["totals"]["pilots"] == 6);
  CHECK(status["totals"]["errors"] == 0);
  CHECK(status["totals"]["warnings"] == 0);
  auto report = run_pilot({"report", "--repo", repo, "--as-of", PILOT_EXAMPLE_AS_OF, "--format", "json"}).json();
  CHECK(report["due"] == "2026-11-20");
  CHECK(report["not_reported"].empty());
  CHECK(report["findings_by_rule"].empty());
}
