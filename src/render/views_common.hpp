#pragma once
// Helpers shared by the view renderers (views_status.cpp, views_report.cpp, views_compliance.cpp).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pilot/render.hpp"
#include "pilot/views.hpp"

namespace pilot::view_render {

using Json = nlohmann::ordered_json;

inline constexpr const char* k_green = "32";
inline constexpr const char* k_yellow = "33";
inline constexpr const char* k_red = "31";
inline constexpr const char* k_bold = "1";

// The label in the language.
inline const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::zh ? zh : en; }

// "60.0%" in tables, "—" without a quota.
std::string percent_text(const std::optional<Percent>& p);
// "60.0" in CSV, "" without a quota.
std::string percent_csv(const std::optional<Percent>& p);
// 60.0 in JSON, null without a quota.
Json percent_json(const std::optional<Percent>& p);

// Display labels: names when known, else ids.
std::string college_label(const PilotMajorId& who);
std::string major_label(const PilotMajorId& who);  // "510201 计算机应用技术"
std::string certificate_label(const PilotMajorId& who);
std::string level_label(const std::optional<Level>& level, Lang lang);
std::string level_code(const std::optional<Level>& level);  // 初级 | 中级 | 高级 | ""

// The identity columns of a JSON row: college, college_name, major, major_name, pilot, year,
// certificate, certificate_name, level, lead.
void put_identity(Json& row, const PilotMajorId& who);
// The identity columns of a CSV row, matching k_identity_columns (render_table_csv guards them).
inline constexpr const char* k_identity_columns[] = {"college", "college_name", "major", "major_name", "pilot",
                                                     "certificate", "certificate_name", "level", "lead"};
std::vector<std::string> identity_cells(const PilotMajorId& who);
// The masthead as the last CSV columns (SPEC §5: every human-facing output names the school):
// school, office, as_of, made on every row, appended so that earlier columns keep their places.
void append_masthead_columns(Table& t, const Masthead& head);

// "{n} 个X" / "{n} X(s)" for totals rows.
std::string count_label(long long n, Lang lang, const char* zh_unit, const char* en_singular, const char* en_plural);

// A section heading and the "none" line, for text and Markdown.
std::string heading_text(const std::string& title, Color color);
std::string heading_markdown(const std::string& title, int level);
const char* none_label(Lang lang);

// ---- typed tables: one description for tables, Markdown, HTML and xlsx ------------------

// What a cell holds. Tables, Markdown and HTML show Cell::text; a spreadsheet stores the value
// with its type: text and codes as text (a code such as 0001 or 510201 stays text), counts as
// integers, percentages as fractions with a percent format, money in yuan, dates as dates.
enum class CellType { text, code, count, percent, money, date };
bool is_numeric(CellType t);  // count, percent, money: right-aligned

struct Cell {
  CellType type = CellType::text;
  std::string text;             // as tables show it ("—" for no value)
  bool blank = false;           // no value: an empty spreadsheet cell
  long long number = 0;         // count; percent in tenths; money in fen
  Date date;                    // date
  const char* style = nullptr;  // k_green, k_yellow, k_red, k_bold or nullptr
};
// Text from the data or a label; `text` is shown as it is (escaped by each format).
Cell text_cell(std::string text, const char* style = nullptr);
Cell code_cell(std::string code);  // ids and codes: text, "—" when empty
Cell count_cell(long long n, const char* style = nullptr);
Cell signed_cell(long long n);  // "+7", "0", "-2"
Cell percent_cell(const std::optional<Percent>& p, const char* style = nullptr);
Cell money_cell(const std::optional<long long>& fen, const char* style = nullptr);
Cell date_cell(const std::optional<Date>& d);

// Where a column appears: a spreadsheet can afford a column a terminal cannot (the major's code
// apart from its name), and a table may join what a spreadsheet keeps apart.
enum class Show { everywhere, tables, sheets };
struct Column {
  std::string header;
  CellType type = CellType::text;  // numeric columns are right-aligned
  Show show = Show::everywhere;
};

// Subtotal and total rows are bold; a total row has a rule above it in text tables.
enum class RowKind { detail, subtotal, total };

struct Grid {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // one cell per column
  std::vector<RowKind> kinds;           // one per row
  std::vector<std::size_t> drop_order;  // column indexes, for terminals (StyledTable)
  std::vector<std::size_t> shrinkable;  // column indexes
  void add(std::vector<Cell> row, RowKind kind = RowKind::detail);
};

// The columns a table shows (Show::everywhere and Show::tables), as text (the table renderers
// show every cell through printable()).
StyledTable styled_table(const Grid& grid);

// A titled part of a view: an optional paragraph and an optional table ("none" when the table
// has no rows). `sheet`: the short name of its spreadsheet tab (at most 31 characters).
struct Section {
  std::string title;
  std::string sheet;
  std::string intro;
  std::optional<Grid> grid;
};

// A document: a title, the masthead (school, office, as-of, made), lines under it, then the
// sections.
struct Document {
  std::string title;
  Masthead head;
  std::vector<std::string> lines;
  std::vector<Section> sections;
};
// "青川职业技术学院 教务处 · 数据截至 2026-11-26 · 制表日期 2026-12-05" (school omitted when empty).
std::string masthead_line(const Masthead& head, Lang lang);
std::string school_office(const Masthead& head);  // "青川职业技术学院 教务处"
std::string document_text(const Document& doc, const ViewStyle& style);
std::string document_markdown(const Document& doc, Lang lang);

// A line of a document as printable() shows it at the start of a line.
std::string shown_line(const std::string& line);

// The documents that render_*_text and render_*_markdown print; the HTML pages (html_*.cpp)
// and the workbooks (xlsx_views.cpp) show the same sections.
Document status_document(const StatusView& view, Lang lang);
Document report_document(const ReportView& view, Lang lang);
Document compliance_document(const ComplianceView& view, Lang lang);
Document funds_document(const FundsView& view, Lang lang);

// The JSON keys every view starts with after schema_version and view: as_of, school, office.
void put_masthead(Json& j, const Masthead& head);

// Findings counted by rule, as a table (rules with nothing open, and nothing waived when
// `with_waived`, are left out). Defined in views_report.cpp.
Section findings_section(const std::vector<RuleCount>& counts, Lang lang, bool with_waived);

// JSON document end: two-space indent, newline.
inline std::string dump(const Json& j) { return j.dump(2) + "\n"; }

}  // namespace pilot::view_render
