// pilot status as text, Markdown, CSV and JSON.
#include <fmt/format.h>

#include "views_common.hpp"

namespace pilot {

using namespace view_render;

namespace {

enum Column : std::size_t {
  c_college, c_major, c_certificate, c_level, c_lead, c_quota, c_registered, c_attended, c_completion,
  c_planned, c_due, c_on_time, c_late, c_missing, c_errors, c_warnings, c_count
};

std::vector<std::string> headers(Lang lang) {
  if (lang == Lang::zh) {
    return {"学院", "专业", "证书", "等级", "牵头", "指标", "报名", "参考", "完成率",
            "计划", "应报", "按时", "迟报", "缺报", "错误", "警告"};
  }
  return {"College", "Major", "Certificate", "Level", "Lead", "Quota", "Registered", "Attended", "Completion",
          "Planned", "Due", "On time", "Late", "Missing", "Errors", "Warnings"};
}

std::string quota_cell(const StatusRow& r, Lang lang) {
  if (!r.quota_changed || r.quota == r.original_quota) return std::to_string(r.quota);
  if (lang == Lang::zh) return fmt::format("{}（原{}）", r.quota, r.original_quota);
  return fmt::format("{} (was {})", r.quota, r.original_quota);
}

const char* completion_style(const StatusRow& r) {
  if (r.met) return k_green;
  return r.reachable ? k_yellow : k_red;
}

std::vector<std::string> counts_cells(const ReportCounts& reports, const FindingCounts& findings) {
  return {std::to_string(reports.due), std::to_string(reports.on_time), std::to_string(reports.late),
          std::to_string(reports.missing), std::to_string(findings.errors), std::to_string(findings.warnings)};
}

// The table in the language, with the cells' colours.
StyledTable build(const StatusView& view, Lang lang) {
  StyledTable st;
  Table& t = st.table;
  t.headers = headers(lang);
  t.right_align.assign(c_count, false);
  for (std::size_t c = c_quota; c < c_count; ++c) t.right_align[c] = true;
  for (const StatusRow& r : view.rows) {
    std::vector<std::string> cells{college_label(r.who),
                                   major_label(r.who),
                                   certificate_label(r.who),
                                   level_label(r.who.level, lang),
                                   r.who.lead ? tr(lang, "牵头", "lead") : "",
                                   quota_cell(r, lang),
                                   std::to_string(r.registered),
                                   std::to_string(r.attended),
                                   percent_text(r.completion),
                                   std::to_string(r.planned)};
    for (auto& cell : counts_cells(r.reports, r.findings)) cells.push_back(std::move(cell));
    t.rows.push_back(std::move(cells));
    std::vector<const char*> styles(c_count, nullptr);
    styles[c_completion] = completion_style(r);
    if (r.reports.late > 0) styles[c_late] = k_yellow;
    if (r.reports.missing > 0) styles[c_missing] = k_red;
    if (r.findings.errors > 0) styles[c_errors] = k_red;
    if (r.findings.warnings > 0) styles[c_warnings] = k_yellow;
    st.styles.push_back(std::move(styles));
  }
  const StatusTotals& tot = view.totals;
  std::vector<std::string> total{tr(lang, "合计", "Total"),
                                 count_label(tot.majors, lang, "专业", "major", "majors"),
                                 count_label(tot.pilots, lang, "试点", "pilot", "pilots"),
                                 "",
                                 "",
                                 std::to_string(tot.quota),
                                 std::to_string(tot.registered),
                                 std::to_string(tot.attended),
                                 percent_text(tot.completion),
                                 std::to_string(tot.planned)};
  for (auto& cell : counts_cells(tot.reports, tot.findings)) total.push_back(std::move(cell));
  t.separators_before.push_back(t.rows.size());
  t.rows.push_back(std::move(total));
  st.styles.push_back(std::vector<const char*>(c_count, k_bold));
  st.drop_order = {c_level, c_college, c_lead, c_registered, c_due, c_on_time, c_planned, c_warnings, c_late};
  st.shrinkable = {c_major, c_certificate};
  return st;
}

std::string title(const StatusView& view, Lang lang) {
  std::string s = lang == Lang::zh ? fmt::format("{} 年试点进度（截至 {}）", view.filter.year, view.as_of.str())
                                   : fmt::format("Pilot status {} (as of {})", view.filter.year, view.as_of.str());
  const StatusFilter& f = view.filter;
  for (const auto& [value, zh, en] : {std::tuple{&f.college, "学院", "college"}, std::tuple{&f.major, "专业", "major"},
                                      std::tuple{&f.certificate, "证书", "certificate"}}) {
    if (!value->empty()) s += lang == Lang::zh ? fmt::format(" {} {}", zh, *value) : fmt::format(", {} {}", en, *value);
  }
  return s;
}

}  // namespace

namespace {

Document document(const StatusView& view, Lang lang) {
  Document doc;
  doc.title = title(view, lang);
  Section s;
  s.table = build(view, lang);
  s.totals_row = true;
  if (view.rows.empty()) s.table->table.rows.clear();
  doc.sections.push_back(std::move(s));
  return doc;
}

}  // namespace

std::string render_status_text(const StatusView& view, const ViewStyle& style) {
  return document_text(document(view, style.lang), style);
}

std::string render_status_markdown(const StatusView& view, Lang lang) { return document_markdown(document(view, lang), lang); }

std::string render_status_csv(const StatusView& view, bool bom) {
  Table t;
  for (const char* c : k_identity_columns) t.headers.emplace_back(c);
  for (const char* c : {"quota", "original_quota", "registered", "attended", "completion_pct", "planned", "reports_due",
                        "reports_on_time", "reports_late", "reports_missing", "errors", "warnings"}) {
    t.headers.emplace_back(c);
  }
  auto numbers = [](long long quota, long long original, long long registered, long long attended,
                    const std::optional<Percent>& completion, long long planned, const ReportCounts& reports,
                    const FindingCounts& findings) {
    std::vector<std::string> cells{std::to_string(quota),    std::to_string(original), std::to_string(registered),
                                   std::to_string(attended), percent_csv(completion),  std::to_string(planned)};
    for (auto& cell : counts_cells(reports, findings)) cells.push_back(std::move(cell));
    return cells;
  };
  for (const StatusRow& r : view.rows) {
    std::vector<std::string> cells = identity_cells(r.who);
    for (auto& cell : numbers(r.quota, r.original_quota, r.registered, r.attended, r.completion, r.planned, r.reports,
                              r.findings)) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  const StatusTotals& tot = view.totals;
  std::vector<std::string> total(std::size(k_identity_columns), "");
  total[0] = "total";
  long long original = 0;
  for (const StatusRow& r : view.rows) original += r.original_quota;
  for (auto& cell : numbers(tot.quota, original, tot.registered, tot.attended, tot.completion, tot.planned,
                            tot.reports, tot.findings)) {
    total.push_back(std::move(cell));
  }
  t.rows.push_back(std::move(total));
  return render_table_csv(t, bom);
}

namespace {

Json reports_json(const ReportCounts& r) {
  return Json{{"due", r.due}, {"on_time", r.on_time}, {"late", r.late}, {"missing", r.missing}};
}

}  // namespace

std::string render_status_json(const StatusView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "status";
  j["as_of"] = view.as_of.str();
  j["year"] = view.filter.year;
  auto filter = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  j["filters"] = Json{{"college", filter(view.filter.college)},
                      {"major", filter(view.filter.major)},
                      {"certificate", filter(view.filter.certificate)}};
  Json rows = Json::array();
  for (const StatusRow& r : view.rows) {
    Json row;
    put_identity(row, r.who);
    row["quota"] = r.quota;
    row["original_quota"] = r.original_quota;
    row["quota_changed"] = r.quota_changed;
    row["registered"] = r.registered;
    row["attended"] = r.attended;
    row["completion"] = percent_json(r.completion);
    row["planned"] = r.planned;
    row["met"] = r.met;
    row["reachable"] = r.reachable;
    row["reports"] = reports_json(r.reports);
    row["errors"] = r.findings.errors;
    row["warnings"] = r.findings.warnings;
    rows.push_back(std::move(row));
  }
  j["rows"] = std::move(rows);
  const StatusTotals& t = view.totals;
  j["totals"] = Json{{"pilots", t.pilots},
                     {"majors", t.majors},
                     {"quota", t.quota},
                     {"registered", t.registered},
                     {"attended", t.attended},
                     {"completion", percent_json(t.completion)},
                     {"planned", t.planned},
                     {"reports", reports_json(t.reports)},
                     {"errors", t.findings.errors},
                     {"warnings", t.findings.warnings}};
  return dump(j);
}

}  // namespace pilot
