// --format xlsx -o FILE (issue 15, SPEC §5): the workbooks of status, report, compliance, funds
// and list, read back with python3-openpyxl (`make deps` installs it; tests call /usr/bin/python3)
// and checked cell by cell: the title block, one sheet per section, frozen header rows and an
// autofilter, ids and codes as text, counts as numbers, percentages and money with their number
// formats, widths from the contents, native charts, and the formula guard on text cells.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "run.hpp"
#include "shell.hpp"
#include "skip.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-26";
const std::string k_made = "2026-11-27";  // $PILOT_TODAY: the date made, apart from as-of

// Dumps a workbook as JSON: per sheet its name, frozen cell, autofilter range, column widths,
// chart kinds and every row's cells (value, Python type, number format); dates as YYYY-MM-DD.
constexpr const char* k_dump_py = R"PY(
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            if c.value is None:
                cells.append(None)
                continue
            v = c.value.date().isoformat() if hasattr(c.value, "isoformat") else c.value
            cells.append({"v": v, "t": type(c.value).__name__, "f": c.number_format})
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
                "charts": [type(c).__name__ for c in ws._charts], "rows": rows,
                "lines": [[(s.graphicalProperties.line.solidFill.srgbClr
                            if s.graphicalProperties and s.graphicalProperties.line
                            and s.graphicalProperties.line.solidFill else None,
                            s.graphicalProperties.line.w if s.graphicalProperties
                            and s.graphicalProperties.line else None) for s in c.series]
                          for c in ws._charts]})
print(json.dumps(out, ensure_ascii=False))
)PY";

// python3-openpyxl is a test dependency: a visible skip without it, a failure under CI=true.
bool need_openpyxl() {
  if (run_shell("/usr/bin/python3 -c 'import openpyxl'").exit_code == 0) return true;
  const std::string why =
      "/usr/bin/python3 cannot import openpyxl (Debian package python3-openpyxl, "
      "which `make deps` installs)";
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true") FAIL("CI=true and " << why);
  skip(why);
  return false;
}

struct Book {
  nlohmann::json sheets;
  const nlohmann::json& sheet(const std::string& name) const {
    for (const auto& s : sheets) {
      if (s["name"] == name) return s;
    }
    FAIL("no sheet " << name);
    return sheets;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> n;
    for (const auto& s : sheets) n.push_back(s["name"]);
    return n;
  }
};

// Runs `pilot args... --format xlsx -o FILE` and reads FILE back with openpyxl.
Book xlsx_of(std::vector<std::string> args, const std::string& lang) {
  TempDir dir;
  dir.write("dump.py", k_dump_py);
  const fs::path file = dir.path() / "out.xlsx";
  args.insert(args.end(),
              {"--as-of", k_as_of, "--lang", lang, "--format", "xlsx", "-o", file.string()});
  RunResult r = run_pilot(args, {{"PILOT_TODAY", k_made}});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());  // libxlsxwriter's warnings would land here
  CHECK(r.out.empty());
  REQUIRE(fs::exists(file));
  auto dump = run_shell("/usr/bin/python3 '" + (dir.path() / "dump.py").string() + "' '" +
                        file.string() + "'");
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  return Book{nlohmann::json::parse(dump.out)};
}

std::string views_repo() { return fixture("views-progress").string(); }

// The 1-based row of the table's header: the row the autofilter starts on ("A7:M13" -> 7).
int header_row(const nlohmann::json& sheet) {
  const std::string ref = sheet["filter"].get<std::string>();
  REQUIRE(ref.size() > 1);
  REQUIRE(ref[0] == 'A');
  return std::stoi(ref.substr(1, ref.find(':') - 1));
}

// The header's texts and the data rows below it, as maps from header to cell.
std::vector<std::string> headers(const nlohmann::json& sheet) {
  std::vector<std::string> h;
  for (const auto& c : sheet["rows"][header_row(sheet) - 1])
    h.push_back(c.is_null() ? "" : c["v"].get<std::string>());
  return h;
}
std::vector<std::map<std::string, nlohmann::json>> records(const nlohmann::json& sheet) {
  std::vector<std::map<std::string, nlohmann::json>> out;
  const auto h = headers(sheet);
  const auto& rows = sheet["rows"];
  for (std::size_t r = static_cast<std::size_t>(header_row(sheet)); r < rows.size(); ++r) {
    std::map<std::string, nlohmann::json> rec;
    for (std::size_t c = 0; c < h.size() && c < rows[r].size(); ++c) rec[h[c]] = rows[r][c];
    out.push_back(rec);
  }
  return out;
}
const std::map<std::string, nlohmann::json>& record_where(
    const std::vector<std::map<std::string, nlohmann::json>>& recs, const std::string& column,
    const std::string& value) {
  for (const auto& r : recs) {
    auto it = r.find(column);
    if (it != r.end() && !it->second.is_null() && it->second["v"] == value) return r;
  }
  FAIL("no row with " << column << " = " << value);
  return recs.front();
}

// Every sheet opens with the title block: school and office, the view's title, ..., the dates;
// its header row is frozen and carries the autofilter.
void check_title_block(const nlohmann::json& sheet, const std::string& title,
                       const std::string& dates) {
  INFO("sheet ", sheet["name"].get<std::string>());
  const auto& rows = sheet["rows"];
  REQUIRE(rows.size() > 3);
  CHECK(rows[0][0]["v"] == "测试职业技术学院 教务处");
  CHECK(rows[1][0]["v"] == title);
  bool dated = false;
  for (int r = 2; r < header_row(sheet) - 1; ++r) {
    if (!rows[r][0].is_null() && rows[r][0]["v"] == dates) dated = true;
  }
  CHECK(dated);
  CHECK(sheet["freeze"] == "A" + std::to_string(header_row(sheet) + 1));
}

void check_cell(const nlohmann::json& cell, const nlohmann::json& value, const std::string& type,
                const std::string& format) {
  INFO(cell.dump());
  REQUIRE_FALSE(cell.is_null());
  if (value.is_number_float()) {
    CHECK(cell["v"].get<double>() == doctest::Approx(value.get<double>()));
  } else {
    CHECK(cell["v"] == value);
  }
  if (type == "number") {
    CHECK((cell["t"] == "int" || cell["t"] == "float"));
  } else {
    CHECK(cell["t"] == type);
  }
  CHECK(cell["f"] == format);
}

}  // namespace

TEST_CASE(
    "xlsx: the report is a workbook of its sections, each with the title block, typed cells and "
    "charts") {
  if (!need_openpyxl()) return;
  Book book = xlsx_of({"report", "--repo", views_repo()}, "en");
  CHECK(book.names() == std::vector<std::string>{"Headline", "Completion", "Punctuality",
                                                 "Progress", "Not reported", "Missing reports",
                                                 "At risk", "Trend", "Findings"});
  for (const auto& sheet : book.sheets) {
    check_title_block(sheet, "Fortnightly summary for 2026-11-20",
                      "Data as of 2026-11-26 · made 2026-11-27");
  }

  const auto& progress = book.sheet("Progress");
  auto rows = records(progress);
  const auto& lead = record_where(rows, "Major code", "510201");
  check_cell(lead.at("Major code"), "510201", "str", "@");  // a code stays text
  check_cell(lead.at("Pilot"), "web-frontend-2026", "str", "@");
  check_cell(lead.at("Quota"), 25, "int", "0");
  check_cell(lead.at("Attended"), 25, "int", "0");
  check_cell(lead.at("Change"), 7, "int", "0");
  check_cell(lead.at("Passed"), 21, "int", "0");
  check_cell(lead.at("Pass rate"), 0.84, "number", "0.0%");
  check_cell(lead.at("Completion"), 1.0, "number", "0.0%");
  // Per-college subtotals and the school total are rows of the table.
  const auto& xinxi = record_where(rows, "Major name", "Subtotal (2 majors)");
  check_cell(xinxi.at("College"), "信息工程学院", "str", "@");
  check_cell(xinxi.at("Quota"), 45, "int", "0");
  check_cell(xinxi.at("Attended"), 37, "int", "0");
  const auto& total = rows.back();
  check_cell(total.at("College"), "Total", "str", "@");
  check_cell(total.at("Quota"), 85, "int", "0");
  check_cell(total.at("Completion"), 0.6, "number", "0.0%");
  // Widths from the display width of the contents: CJK counts 2.
  const auto h = headers(progress);
  const auto name_col = std::string(
      1, static_cast<char>('A' + (std::find(h.begin(), h.end(), "Major name") - h.begin())));
  CHECK(progress["widths"][name_col].get<double>() >= 14);  // 计算机应用技术 and 计算机网络技术

  // Every missing report of the year, its due date a date.
  auto missing = records(book.sheet("Missing reports"));
  REQUIRE(missing.size() == 2);
  check_cell(missing[0].at("Due date"), "2026-11-20", "datetime", "yyyy-mm-dd");
  check_cell(missing[0].at("Days overdue"), 6, "int", "0");
  // Days left count from as-of.
  auto risk = records(book.sheet("At risk"));
  REQUIRE(risk.size() == 1);
  check_cell(risk[0].at("Days left"), 35, "int", "0");
  check_cell(risk[0].at("Major code"), "530302", "str", "@");

  // The trend: completion of each pilot major at each due date, the school last; a line chart.
  const auto& trend = book.sheet("Trend");
  CHECK(headers(trend) ==
        std::vector<std::string>{"Major", "Certificate", "Quota", "10-20", "11-10", "11-20"});
  auto t = records(trend);
  REQUIRE(t.size() == 4);
  check_cell(t[0].at("11-10"), 0.72, "number", "0.0%");
  check_cell(t[3].at("Major"), "School", "str", "@");
  check_cell(t[3].at("11-10"), 0.518, "number", "0.0%");
  CHECK(trend["charts"] == nlohmann::json::array({"LineChart"}));
  // A line per pilot major, each its own colour; the school's last, black and thick (3 pt).
  const auto& lines = trend["lines"][0];
  REQUIRE(lines.size() == 4);
  CHECK(lines[0][0] != lines[1][0]);
  CHECK(lines[3][0] == "000000");
  CHECK(lines[3][1] == 38100);  // EMU
  // Native charts where the page has SVG ones.
  CHECK(book.sheet("Completion")["charts"] == nlohmann::json::array({"BarChart"}));
  CHECK(book.sheet("Punctuality")["charts"] == nlohmann::json::array({"BarChart"}));
  auto headline = records(book.sheet("Headline"));
  check_cell(record_where(headline, "Item", "Completion").at("Value"), 0.6, "number", "0.0%");
}

TEST_CASE("xlsx: headers and titles follow --lang") {
  if (!need_openpyxl()) return;
  Book book = xlsx_of({"report", "--repo", views_repo()}, "zh");
  CHECK(book.names().size() == 9);
  const auto& progress = book.sheets[3];
  check_title_block(progress, "双周报汇总（2026-11-20）",
                    "数据截至 2026-11-26 · 制表日期 2026-11-27");
  auto h = headers(progress);
  CHECK(std::find(h.begin(), h.end(), "专业代码") != h.end());
  CHECK(std::find(h.begin(), h.end(), "完成率") != h.end());
}

TEST_CASE(
    "xlsx: status and compliance workbooks carry subtotals, pass rates and the completion chart") {
  if (!need_openpyxl()) return;
  Book status = xlsx_of({"status", "--repo", views_repo()}, "en");
  REQUIRE_FALSE(status.sheets.empty());
  check_title_block(status.sheets[0], "Pilot status 2026 (as of 2026-11-26)",
                    "Data as of 2026-11-26 · made 2026-11-27");
  auto rows = records(status.sheets[0]);
  const auto& yecai = record_where(rows, "Major code", "530302");
  check_cell(yecai.at("Quota"), 40, "int", "0");
  check_cell(yecai.at("Passed"), 12, "int", "0");
  check_cell(yecai.at("Pass rate"), 0.857, "number", "0.0%");
  check_cell(rows.back().at("Attended"), 51, "int", "0");
  bool chart = false;
  for (const auto& s : status.sheets)
    chart = chart || s["charts"] == nlohmann::json::array({"BarChart"});
  CHECK(chart);

  Book compliance = xlsx_of({"compliance", "--repo", views_repo()}, "en");
  REQUIRE(compliance.sheets.size() >= 3);
  for (const auto& sheet : compliance.sheets)
    CHECK(sheet["rows"][0][0]["v"] == "测试职业技术学院 教务处");
}

TEST_CASE("xlsx: fund ids stay text and amounts are money, in funds and in list fund") {
  if (!need_openpyxl()) return;
  Book funds = xlsx_of({"funds", "--repo", views_repo()}, "en");
  auto entries = records(funds.sheet("Entries"));
  REQUIRE(entries.size() == 1);
  check_cell(entries[0].at("ID"), "0001", "str", "@");
  check_cell(entries[0].at("Date"), "2026-11-08", "datetime", "yyyy-mm-dd");
  check_cell(entries[0].at("Amount (yuan)"), 150, "number", "#,##0.00");
  // The findings beside the entry they concern: R402, money from students.
  CHECK(entries[0].at("Findings")["v"].get<std::string>().starts_with("R402"));
  auto colleges = records(funds.sheet("Per college"));
  check_cell(colleges.back().at("Balance (yuan)"), 150, "number", "#,##0.00");

  Book list = xlsx_of({"list", "fund", "--repo", views_repo()}, "zh");
  REQUIRE(list.sheets.size() == 1);
  auto rows = records(list.sheets[0]);
  REQUIRE(rows.size() == 1);
  check_cell(rows[0].at("编号"), "0001", "str", "@");
  check_cell(rows[0].at("日期"), "2026-11-08", "datetime", "yyyy-mm-dd");
  check_cell(rows[0].at("金额（元）"), 150, "number", "#,##0.00");
}

TEST_CASE("xlsx: a text cell that could run as a formula starts with ', as in CSV") {
  if (!need_openpyxl()) return;
  TempDir repo(fixture("views-progress"));
  repo.write("majors/530302.yaml", "id: \"530302\"\nname: \"=1+2\"\ncollege: caijing\n");
  Book book = xlsx_of({"status", "--repo", repo.str()}, "en");
  auto rows = records(book.sheets[0]);
  const auto& yecai = record_where(rows, "Major code", "530302");
  check_cell(yecai.at("Major name"), "'=1+2", "str", "@");
  auto csv = run_pilot(
      {"status", "--repo", repo.str(), "--as-of", k_as_of, "--format", "csv", "--no-bom"});
  CHECK(csv.out.find(",530302,'=1+2,") != std::string::npos);
}

TEST_CASE("xlsx: data-example's views all make workbooks openpyxl reads") {
  if (!need_openpyxl()) return;
  const std::string repo = example().string();
  for (const std::string command : {"status", "report", "compliance", "funds"}) {
    INFO(command);
    Book book = xlsx_of({command, "--repo", repo}, "zh");
    CHECK_FALSE(book.sheets.empty());
    for (const auto& sheet : book.sheets)
      CHECK(sheet["rows"][0][0]["v"] == "青川职业技术学院 教务处");
  }
}

TEST_CASE("xlsx: a workbook is never written to a terminal") {
  if (!need_tool("script", "bsdutils")) return;
  auto r = run_shell("script -qec \"$PILOT status --repo '" + views_repo() + "' --as-of " +
                     k_as_of + " --format xlsx\" /dev/null");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("-o FILE.xlsx") != std::string::npos);
  CHECK(r.out.find("PK") == std::string::npos);
}
