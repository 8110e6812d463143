#pragma once
// Renderers return strings: human and machine output are separate functions.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/rules.hpp"
#include "pilot/text.hpp"

namespace pilot {

enum class Color { no, yes };

struct DiagnosticsView {
  const Analysis* analysis = nullptr;
  Date as_of;
  Lang lang = Lang::en;
  bool show_waived = false;
};

// Receives a renderer's output piece by piece (a few KiB at a time, in order), so that a long
// output never sits in memory whole: the diagnostics renderers below hold one finding's text at
// a time, never a copy of all of them (60,000 findings stay far under the 150 MB of issue 16).
// The render_* functions return the same text as one string.
using Sink = std::function<void(std::string_view)>;

// `file:line:col: severity[ID] message`, a hint line, then a count (unless quiet). Text from
// the data is shown through printable(): no control or bidirectional character gets through.
void write_diagnostics_text(const DiagnosticsView& view, Color color, bool quiet, const Sink& sink);
std::string render_diagnostics_text(const DiagnosticsView& view, Color color, bool quiet);
// SPEC §5: {"schema_version": 1, "as_of", "summary", "diagnostics"[, "waived"]}. The text is
// kept exactly (JSON escapes it) except bytes that are not UTF-8 (a file's name), shown as \xFF.
void write_diagnostics_json(const DiagnosticsView& view, const Sink& sink);
std::string render_diagnostics_json(const DiagnosticsView& view);
// GitHub Actions workflow commands (::error file=...,line=...::message), one line each. File
// paths are `path_prefix` + the file, relative to the git work tree's root as GitHub wants them
// (see SarifOptions::uri_prefix); text through printable(), then the commands' own escaping.
void write_diagnostics_github(const DiagnosticsView& view, const std::string& path_prefix,
                              const Sink& sink);
std::string render_diagnostics_github(const DiagnosticsView& view,
                                      const std::string& path_prefix = "");
// JUnit XML for GitLab / Gitee test reports: only XML 1.0 characters (others as escapes such as
// \x1B or \uFFFF), line breaks in attributes as &#10;.
void write_diagnostics_junit(const DiagnosticsView& view, const Sink& sink);
std::string render_diagnostics_junit(const DiagnosticsView& view);
// SARIF 2.1.0 for code-scanning dashboards: one run, the rule table as tool.driver.rules
// (descriptions and help from the registry and docs/rules in view.lang), one result per reported
// finding. Artifact URIs are `uri_prefix` + the file ("data/" when the data repository is the
// folder data/ of the git work tree, so that dashboards find the file), percent-encoded (RFC
// 3986: everything but unreserved characters and '/'); informationUri only when
// information_uri is not empty.
struct SarifOptions {
  std::string uri_prefix;
  std::string information_uri;
};
void write_diagnostics_sarif(const DiagnosticsView& view, const SarifOptions& options,
                             const Sink& sink);
std::string render_diagnostics_sarif(const DiagnosticsView& view, const SarifOptions& options);

// ---- text from the data, shown safely (SPEC §5); shared by every renderer ----------------
// How printable() treats line breaks: as the escape \n; kept when the next line is indented
// (a hint's examples); kept (CSV cells). A kept break is escaped all the same when the next
// line would start with "::", which a GitHub Actions log runs as a workflow command.
enum class LineBreaks { escape, keep_indented, keep };
struct Printable {
  bool tab = false;  // keep tabs (else \t)
  LineBreaks line_breaks = LineBreaks::escape;
  bool line_start = false;  // the text starts a line: a leading "::" becomes \x3A:
};
// Text for a terminal, a CI log, a table cell or Markdown: C0 controls (\n, \x1B), DEL
// (\x7F), C1 controls (\u009B), bidirectional controls (\u202E), U+FFFE/U+FFFF (\uFFFF) and
// bytes that are not UTF-8 (\xFF) become visible escapes, so that a hostile value can neither
// drive the terminal, nor reorder what is shown, nor start a line of its own.
std::string printable(std::string_view s, const Printable& keep = {});
// A whole output line that starts (after blanks) with "::" gets its first ':' as \x3A.
void defuse_workflow_command(std::string& line);
// Bytes that are not UTF-8 as the text \xFF; everything else as it is (for JSON).
std::string escape_invalid_utf8(std::string_view s);
// Appends s as a JSON string, escaped as nlohmann::json::dump escapes it; bytes that are not
// UTF-8 become the text \xFF (never an exception).
void append_json_string(std::string& out, std::string_view s);

// The spreadsheet formula guard for a text cell (CSV now, xlsx too): text starting with '=',
// '+', '-', '@', tab or CR gets a leading "'", so that Excel never runs it as a formula.
std::string formula_safe(std::string_view text);
// "-12", "3.5": a number, which a spreadsheet may read as one (the guard leaves it alone).
bool is_plain_number(std::string_view s);
// One CSV cell: printable() keeping tabs and line breaks, the formula guard unless it is a
// plain number, then RFC 4180 quoting when needed (and when it starts with ':').
std::string csv_field(std::string_view s);
// XML 1.0 text or attribute value: markup characters as entities; characters XML 1.0 does not
// allow, C1 and bidirectional controls as the escapes printable() uses; in attributes line
// breaks and tabs as &#10; &#13; &#9; (a parser would turn them into spaces).
enum class XmlPlace { text, attribute };
std::string xml_escape(std::string_view s, XmlPlace place = XmlPlace::text);
// A relative path as a URI reference: percent-encoded but for unreserved characters and '/'.
std::string uri_path_escape(std::string_view path);
inline constexpr const char* k_utf8_bom = "\xEF\xBB\xBF";

// A table of text cells, rendered as aligned text, Markdown or CSV.
struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;  // per column; missing = left
  std::vector<std::size_t> separators_before;  // row indexes that get a rule line above (totals)
};

// Columns padded by display width (CJK = 2 columns), two spaces apart, a rule under the header.
// Cells are shown through printable().
std::string render_table_text(const Table& table);
// GitHub-flavoured Markdown table ('|' in cells escaped, cells through printable()).
std::string render_table_markdown(const Table& table);
// RFC 4180 CSV, CRLF line ends, with a UTF-8 BOM unless bom is false; cells by csv_field().
std::string render_table_csv(const Table& table, bool bom);

// ANSI styling when color is on.
std::string paint(std::string_view text, const char* ansi, Color color);

// ---- the office's views (views.hpp): status, report, compliance, funds --------------------
// Text and Markdown follow --lang; CSV and JSON are the same in both languages (stable English
// column names and keys, codes and numbers). docs/output-formats.md documents CSV and JSON.
// Text, Markdown, HTML and xlsx name the school, the office, the as-of date and the date made
// (the view's Masthead); text from the data is shown with control and bidirectional characters
// escaped in text and Markdown, and CSV and xlsx text cells that could run as a formula start
// with '.
struct StatusView;
struct ReportView;
struct ComplianceView;
struct FundsView;
struct ListView;

// How a view is shown as text on a terminal.
struct ViewStyle {
  Lang lang = Lang::en;
  Color color = Color::no;
  int width = 0;  // columns to fit tables into (0 = no limit)
};

inline constexpr int k_views_schema_version = 1;

std::string render_status_text(const StatusView& view, const ViewStyle& style);
std::string render_status_markdown(const StatusView& view, Lang lang);
std::string render_status_csv(const StatusView& view, bool bom);
std::string render_status_json(const StatusView& view);

std::string render_report_text(const ReportView& view, const ViewStyle& style);
std::string render_report_markdown(const ReportView& view, Lang lang);
std::string render_report_csv(const ReportView& view, bool bom);
std::string render_report_json(const ReportView& view);

std::string render_compliance_text(const ComplianceView& view, const ViewStyle& style);
std::string render_compliance_markdown(const ComplianceView& view, Lang lang);
std::string render_compliance_csv(const ComplianceView& view, bool bom);
std::string render_compliance_json(const ComplianceView& view);

std::string render_funds_text(const FundsView& view, const ViewStyle& style);
std::string render_funds_markdown(const FundsView& view, Lang lang);
std::string render_funds_csv(const FundsView& view, bool bom);  // one row per entry
std::string render_funds_json(const FundsView& view);

// ---- xlsx workbooks (xlsx*.cpp, libxlsxwriter) ---------------------------------------------
// The bytes of an .xlsx file, for people: headers in `lang`; every sheet opens with a title
// block (school and office, the view's title, the sheet's section, as-of and the date made),
// its header row frozen below it and an autofilter over the table; ids and codes as text
// (0001 stays 0001), counts as numbers, percentages with a percent format, money in yuan,
// dates as dates; column widths from the display width of the contents. One sheet per section
// of the Markdown document, plus native charts where the HTML page has SVG ones. Throws
// std::runtime_error when libxlsxwriter cannot write the file.
std::string render_status_xlsx(const StatusView& view, Lang lang);
std::string render_report_xlsx(const ReportView& view, const ComplianceView& year, Lang lang);
std::string render_compliance_xlsx(const ComplianceView& view, Lang lang);
std::string render_funds_xlsx(const FundsView& view, Lang lang);
// `school` names the school and office of the title block (the list view has no masthead).
struct Masthead;
std::string render_list_xlsx(const ListView& view, const Masthead& head, Lang lang);

// A table for a terminal. Cells may carry an ANSI style (painted only when colour is on, and
// never counted in widths). When the table is wider than `width`, columns are dropped in
// `drop_order`, then the `shrinkable` columns are abbreviated with "…" (never below
// k_min_shrunk_width); a table that still does not fit is printed as it is. Without styles
// and width it prints exactly what render_table_text prints.
struct StyledTable {
  Table table;
  std::vector<std::vector<const char*>> styles;  // [row][column]; missing or nullptr = plain
  std::vector<std::size_t> drop_order;           // column indexes, dropped first to last
  std::vector<std::size_t> shrinkable;           // column indexes
};
inline constexpr int k_min_shrunk_width = 8;
std::string render_styled_table_text(const StyledTable& table, Color color, int width);

// ---- self-contained HTML pages (html_*.cpp) ----------------------------------------------
// One HTML5 document per view, to mail or forward in chat apps: UTF-8 (`<meta charset>`),
// `lang="zh-CN"` or `en`, inline CSS and inline SVG only (no script, no external resource; a
// Content-Security-Policy meta forbids both), responsive (viewport meta; tables scroll
// sideways on a phone), A4 and grey-scale friendly in print (@page, @media print; chart
// series differ in lightness and pattern and carry their numbers), fonts from the system
// (Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif). Every value from the data is
// escaped (html_escape).
//
// The report page has the sections of render_report_markdown plus charts: completion per pilot
// major against its quota (held, planned, remaining), report punctuality per college (on time
// / late / missing), the latter from `year`'s colleges (compute_compliance for the due date's
// year, from the same ProgressBook), and the year's trend (a line per pilot major).
std::string render_report_html(const ReportView& view, const ComplianceView& year, Lang lang);
// The status page: the status table and completion per pilot major (held, planned, remaining).
std::string render_status_html(const StatusView& view, Lang lang);
// The funds page: its sections and a chart of income and expense per college.
std::string render_funds_html(const FundsView& view, Lang lang);
// The compliance page: the sections of render_compliance_markdown plus charts of points per
// college, completion per pilot major and report punctuality per college.
std::string render_compliance_html(const ComplianceView& view, Lang lang);

// `&`, `<`, `>`, `"` and `'` as character references: safe in HTML text, attribute values and SVG.
std::string html_escape(std::string_view s);

// ---- pilot calendar (src/render/calendar.cpp) ----------------------------------------------
// Text and Markdown: a heading (report days, grace days), the table of report days (date,
// weekday, due or skipped for which vacation), then the vacations and the application window.
// CSV: that table, column titles in `lang`. JSON: {"schema_version": 1, "year", "as_of",
// "report_days", "report_grace_days", "application_window", "vacations", "dates"}.
struct CalendarView;
std::string render_calendar_text(const CalendarView& view, Lang lang);
std::string render_calendar_markdown(const CalendarView& view, Lang lang);
std::string render_calendar_csv(const CalendarView& view, Lang lang, bool bom);
std::string render_calendar_json(const CalendarView& view);

// ---- pilot list (src/render/list.cpp) -----------------------------------------------------
// docs/list-format.md documents the JSON keys and CSV columns of every kind. JSON and CSV are
// the same in both languages; the table's column titles follow `style.lang`.
std::string render_list_json(const ListView& view);
std::string render_list_csv(const ListView& view, bool bom);
std::string render_list_text(const ListView& view, const ViewStyle& style);

// The longest prefix of `text` no wider than `width` display columns, with "…" appended when
// anything was cut (the result, "…" included, is at most `width` wide).
std::string truncate_to_width(std::string_view text, int width);

}  // namespace pilot
