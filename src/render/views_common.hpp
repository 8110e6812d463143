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
// The identity columns of a CSV row, matching k_identity_columns.
inline constexpr const char* k_identity_columns[] = {"college", "college_name", "major", "major_name", "pilot",
                                                     "certificate", "certificate_name", "level", "lead"};
std::vector<std::string> identity_cells(const PilotMajorId& who);

// "{n} 个X" / "{n} X(s)" for totals rows.
std::string count_label(long long n, Lang lang, const char* zh_unit, const char* en_singular, const char* en_plural);

// A section heading and the "none" line, for text and Markdown.
std::string heading_text(const std::string& title, Color color);
std::string heading_markdown(const std::string& title, int level);
const char* none_label(Lang lang);

// A titled part of a view: an optional paragraph and an optional table ("none" when the table
// has no rows). `totals_row`: the last row sums the others (bold in Markdown).
struct Section {
  std::string title;
  std::string intro;
  std::optional<StyledTable> table;
  bool totals_row = false;
};

// A document: a title, lines under it, then the sections.
struct Document {
  std::string title;
  std::vector<std::string> lines;
  std::vector<Section> sections;
};
std::string document_text(const Document& doc, const ViewStyle& style);
std::string document_markdown(const Document& doc, Lang lang);

// The documents that render_report_* and render_compliance_* print (the HTML pages of
// html_*.cpp show the same sections).
Document report_document(const ReportView& view, Lang lang);
Document compliance_document(const ComplianceView& view, Lang lang);

// Findings counted by rule, as a table (rules with nothing open, and nothing waived when
// `with_waived`, are left out). Defined in views_report.cpp.
Section findings_section(const std::vector<RuleCount>& counts, Lang lang, bool with_waived);

// JSON document end: two-space indent, newline.
inline std::string dump(const Json& j) { return j.dump(2) + "\n"; }

}  // namespace pilot::view_render
