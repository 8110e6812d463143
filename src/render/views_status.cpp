// pilot status as text, Markdown, CSV and JSON (HTML in html_views.cpp, xlsx in xlsx_views.cpp).
#include <fmt/format.h>

#include "views_common.hpp"

namespace pilot {

using namespace view_render;

namespace {

enum Col : std::size_t {
  c_college,
  c_major,
  c_major_code,
  c_major_name,
  c_pilot,
  c_certificate,
  c_level,
  c_lead,
  c_quota,
  c_original_quota,
  c_registered,
  c_attended,
  c_passed,
  c_pass_rate,
  c_completion,
  c_planned,
  c_due,
  c_on_time,
  c_late,
  c_missing,
  c_errors,
  c_warnings,
  c_count
};

std::vector<Column> columns(Lang lang) {
  const bool zh = lang == Lang::zh;
  auto col = [&](const char* z, const char* e, CellType type = CellType::text,
                 Show show = Show::everywhere) {
    return Column{zh ? z : e, type, show};
  };
  const CellType n = CellType::count;
  return {col("学院", "College"),
          col("专业", "Major", CellType::text, Show::tables),
          col("专业代码", "Major code", CellType::code, Show::sheets),
          col("专业名称", "Major name", CellType::text, Show::sheets),
          col("试点", "Pilot", CellType::code, Show::sheets),
          col("证书", "Certificate"),
          col("等级", "Level"),
          col("牵头", "Lead"),
          col("指标", "Quota", n),
          col("原指标", "Original quota", n, Show::sheets),
          col("报名", "Registered", n),
          col("参考", "Attended", n),
          col("通过", "Passed", n),
          col("通过率", "Pass rate", CellType::percent),
          col("完成率", "Completion", CellType::percent),
          col("计划", "Planned", n),
          col("应报", "Due", n),
          col("按时", "On time", n),
          col("迟报", "Late", n),
          col("缺报", "Missing", n),
          col("错误", "Errors", n),
          col("警告", "Warnings", n)};
}

Cell quota_cell(const StatusRow& r, Lang lang) {
  Cell c = count_cell(r.quota);
  if (r.quota_changed && r.quota != r.original_quota) {
    c.text = lang == Lang::zh ? fmt::format("{}（原{}）", r.quota, r.original_quota)
                              : fmt::format("{} (was {})", r.quota, r.original_quota);
  }
  return c;
}

const char* completion_style(const StatusRow& r) {
  if (r.met) return k_green;
  return r.reachable ? k_yellow : k_red;
}

// The numbers from registered to warnings, as one row of the grid has them.
void put_counts(std::vector<Cell>& row, const StatusTotals& t) {
  row[c_registered] = count_cell(t.registered);
  row[c_attended] = count_cell(t.attended);
  row[c_passed] = count_cell(t.passed);
  row[c_pass_rate] = percent_cell(t.pass_rate);
  row[c_completion] = percent_cell(t.completion);
  row[c_planned] = count_cell(t.planned);
  row[c_due] = count_cell(t.reports.due);
  row[c_on_time] = count_cell(t.reports.on_time);
  row[c_late] = count_cell(t.reports.late);
  row[c_missing] = count_cell(t.reports.missing);
  row[c_errors] = count_cell(t.findings.errors);
  row[c_warnings] = count_cell(t.findings.warnings);
}

std::vector<Cell> detail_row(const StatusRow& r, Lang lang) {
  std::vector<Cell> row(c_count);
  row[c_college] = text_cell(college_label(r.who));
  row[c_major] = text_cell(major_label(r.who));
  row[c_major_code] = code_cell(r.who.major);
  row[c_major_name] = text_cell(r.who.major_name);
  row[c_pilot] = code_cell(r.who.pilot);
  row[c_certificate] = text_cell(certificate_label(r.who));
  row[c_level] = text_cell(level_label(r.who.level, lang));
  row[c_lead] = text_cell(r.who.lead ? tr(lang, "牵头", "lead") : "");
  row[c_quota] = quota_cell(r, lang);
  row[c_original_quota] = count_cell(r.original_quota);
  StatusTotals t;
  t.registered = r.registered;
  t.attended = r.attended;
  t.passed = r.passed;
  t.pass_rate = r.pass_rate;
  t.completion = r.completion;
  t.planned = r.planned;
  t.reports = r.reports;
  t.findings = r.findings;
  put_counts(row, t);
  row[c_completion].style = completion_style(r);
  if (r.reports.late > 0) row[c_late].style = k_yellow;
  if (r.reports.missing > 0) row[c_missing].style = k_red;
  if (r.findings.errors > 0) row[c_errors].style = k_red;
  if (r.findings.warnings > 0) row[c_warnings].style = k_yellow;
  return row;
}

// A subtotal (college label, "小计（n 个专业）") or the total ("合计", "n 个专业").
std::vector<Cell> sum_row(const StatusTotals& t, const std::string& college, bool subtotal,
                          Lang lang) {
  std::vector<Cell> row(c_count);
  std::string majors = count_label(t.majors, lang, "专业", "major", "majors");
  if (subtotal) majors = lang == Lang::zh ? "小计（" + majors + "）" : "Subtotal (" + majors + ")";
  row[c_college] = text_cell(college);
  row[c_major] = text_cell(majors);
  row[c_major_code] = code_cell("");
  row[c_major_name] = text_cell(majors);
  row[c_pilot] = code_cell("");
  row[c_certificate] = text_cell(count_label(t.pilots, lang, "试点", "pilot", "pilots"));
  row[c_quota] = count_cell(t.quota);
  long long original = 0;
  row[c_original_quota] = count_cell(original);
  row[c_original_quota].blank = true;
  row[c_original_quota].text.clear();
  put_counts(row, t);
  return row;
}

std::string college_name(const StatusCollege& c, Lang lang) {
  if (!c.college_name.empty()) return c.college_name;
  return c.college.empty() ? tr(lang, "（未知学院）", "(unknown college)") : c.college;
}

// The table in the language: rows grouped by college, a subtotal after each, the total last.
Grid build(const StatusView& view, Lang lang) {
  Grid g;
  g.columns = columns(lang);
  for (const StatusCollege& c : view.colleges) {
    for (const StatusRow& r : view.rows) {
      if (r.who.college == c.college) g.add(detail_row(r, lang));
    }
    g.add(sum_row(c.totals, college_name(c, lang), true, lang), RowKind::subtotal);
  }
  if (!view.rows.empty())
    g.add(sum_row(view.totals, tr(lang, "合计", "Total"), false, lang), RowKind::total);
  g.drop_order = {c_level,   c_college, c_lead,   c_registered, c_pass_rate, c_due,
                  c_on_time, c_planned, c_passed, c_warnings,   c_late};
  g.shrinkable = {c_major, c_certificate};
  return g;
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

Document view_render::status_document(const StatusView& view, Lang lang) {
  Document doc;
  doc.title = title(view, lang);
  doc.head = view.head;
  Section s;
  s.sheet = tr(lang, "试点进度", "Status");
  s.grid = build(view, lang);
  doc.sections.push_back(std::move(s));
  return doc;
}

std::string render_status_text(const StatusView& view, const ViewStyle& style) {
  return document_text(status_document(view, style.lang), style);
}

std::string render_status_markdown(const StatusView& view, Lang lang) {
  return document_markdown(status_document(view, lang), lang);
}

namespace {

std::vector<std::string> counts_cells(const ReportCounts& reports, const FindingCounts& findings) {
  return {std::to_string(reports.due),     std::to_string(reports.on_time),
          std::to_string(reports.late),    std::to_string(reports.missing),
          std::to_string(findings.errors), std::to_string(findings.warnings)};
}

}  // namespace

std::string render_status_csv(const StatusView& view, bool bom) {
  Table t;
  for (const char* c : k_identity_columns) t.headers.emplace_back(c);
  for (const char* c : {"quota", "original_quota", "registered", "attended", "completion_pct",
                        "planned", "reports_due", "reports_on_time", "reports_late",
                        "reports_missing", "errors", "warnings", "passed", "pass_rate_pct"}) {
    t.headers.emplace_back(c);
  }
  auto numbers = [](long long quota, long long original, const StatusTotals& n) {
    std::vector<std::string> cells{std::to_string(quota),        std::to_string(original),
                                   std::to_string(n.registered), std::to_string(n.attended),
                                   percent_csv(n.completion),    std::to_string(n.planned)};
    for (auto& cell : counts_cells(n.reports, n.findings)) cells.push_back(std::move(cell));
    cells.push_back(std::to_string(n.passed));
    cells.push_back(percent_csv(n.pass_rate));
    return cells;
  };
  for (const StatusRow& r : view.rows) {
    std::vector<std::string> cells = identity_cells(r.who);
    StatusTotals n;
    n.registered = r.registered;
    n.attended = r.attended;
    n.passed = r.passed;
    n.pass_rate = r.pass_rate;
    n.completion = r.completion;
    n.planned = r.planned;
    n.reports = r.reports;
    n.findings = r.findings;
    for (auto& cell : numbers(r.quota, r.original_quota, n)) cells.push_back(std::move(cell));
    t.rows.push_back(std::move(cells));
  }
  std::vector<std::string> total(std::size(k_identity_columns), "");
  total[0] = "total";
  long long original = 0;
  for (const StatusRow& r : view.rows) original += r.original_quota;
  for (auto& cell : numbers(view.totals.quota, original, view.totals))
    total.push_back(std::move(cell));
  t.rows.push_back(std::move(total));
  append_masthead_columns(t, view.head);
  return render_table_csv(t, bom);
}

namespace {

Json reports_json(const ReportCounts& r) {
  return Json{{"due", r.due}, {"on_time", r.on_time}, {"late", r.late}, {"missing", r.missing}};
}

Json totals_json(const StatusTotals& t) {
  return Json{{"pilots", t.pilots},
              {"majors", t.majors},
              {"quota", t.quota},
              {"registered", t.registered},
              {"attended", t.attended},
              {"completion", percent_json(t.completion)},
              {"planned", t.planned},
              {"reports", reports_json(t.reports)},
              {"errors", t.findings.errors},
              {"warnings", t.findings.warnings},
              {"passed", t.passed},
              {"pass_rate", percent_json(t.pass_rate)}};
}

}  // namespace

std::string render_status_json(const StatusView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "status";
  put_masthead(j, view.head);
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
    row["passed"] = r.passed;
    row["pass_rate"] = percent_json(r.pass_rate);
    rows.push_back(std::move(row));
  }
  j["rows"] = std::move(rows);
  j["totals"] = totals_json(view.totals);
  Json colleges = Json::array();
  for (const StatusCollege& c : view.colleges) {
    Json college{{"college", c.college}, {"college_name", c.college_name}};
    college.update(totals_json(c.totals));
    colleges.push_back(std::move(college));
  }
  j["colleges"] = std::move(colleges);
  return dump(j);
}

}  // namespace pilot
