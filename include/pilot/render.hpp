#pragma once
// Renderers return strings: human and machine output are separate functions.
#include <string>
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

// `file:line:col: severity[ID] message`, a hint line, then a count (unless quiet).
std::string render_diagnostics_text(const DiagnosticsView& view, Color color, bool quiet);
// SPEC §5: {"schema_version": 1, "as_of", "summary", "diagnostics"[, "waived"]}.
std::string render_diagnostics_json(const DiagnosticsView& view);
// GitHub Actions workflow commands (::error file=...,line=...::message).
std::string render_diagnostics_github(const DiagnosticsView& view);
// JUnit XML for GitLab / Gitee test reports.
std::string render_diagnostics_junit(const DiagnosticsView& view);

// Escaping helpers shared by the renderers.
std::string xml_escape(std::string_view s);
std::string csv_field(std::string_view s);  // RFC 4180 quoting when needed
inline constexpr const char* k_utf8_bom = "\xEF\xBB\xBF";

// A table of text cells, rendered as aligned text, Markdown or CSV.
struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_align;  // per column; missing = left
  std::vector<std::size_t> separators_before;  // row indexes that get a rule line above (totals)
};

// Columns padded by display width (CJK = 2 columns), two spaces apart, a rule under the header.
std::string render_table_text(const Table& table);
// GitHub-flavoured Markdown table ('|' in cells escaped).
std::string render_table_markdown(const Table& table);
// RFC 4180 CSV, CRLF line ends, with a UTF-8 BOM unless bom is false.
std::string render_table_csv(const Table& table, bool bom);

// ANSI styling when color is on.
std::string paint(std::string_view text, const char* ansi, Color color);

}  // namespace pilot
