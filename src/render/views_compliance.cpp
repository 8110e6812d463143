// pilot compliance (绩效考核) as text, Markdown, CSV and JSON.
#include <fmt/format.h>

#include "views_common.hpp"

namespace pilot {

using namespace view_render;

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

const char* met_label(const ComplianceRow& r, bool provisional, Lang lang) {
  if (r.met) return tr(lang, "是", "yes");
  return provisional ? tr(lang, "尚未", "not yet") : tr(lang, "否", "no");
}

Section per_major(const ComplianceView& view, Lang lang) {
  enum : std::size_t {
    college,
    major,
    major_code,
    major_name,
    pilot,
    certificate,
    quota,
    attended,
    passed,
    pass_rate,
    met,
    points,
    due,
    on_time,
    late,
    missing,
    punctual,
    waivers,
    count
  };
  Section s;
  s.title = tr(lang, "各专业", "Per major");
  s.sheet = s.title;
  const bool zh = lang == Lang::zh;
  const CellType n = CellType::count;
  Grid g;
  g.columns = {{zh ? "学院" : "College"},
               {zh ? "专业" : "Major", CellType::text, Show::tables},
               {zh ? "专业代码" : "Major code", CellType::code, Show::sheets},
               {zh ? "专业名称" : "Major name", CellType::text, Show::sheets},
               {zh ? "试点" : "Pilot", CellType::code, Show::sheets},
               {zh ? "证书" : "Certificate"},
               {zh ? "指标" : "Quota", n},
               {zh ? "参考" : "Attended", n},
               {zh ? "通过" : "Passed", n},
               {zh ? "通过率" : "Pass rate", CellType::percent},
               {zh ? "完成" : "Met"},
               {zh ? "得分" : "Points", n},
               {zh ? "应报" : "Due", n},
               {zh ? "按时" : "On time", n},
               {zh ? "迟报" : "Late", n},
               {zh ? "缺报" : "Missing", n},
               {zh ? "按时率" : "On-time %", CellType::percent},
               {zh ? "豁免" : "Waivers"}};
  for (const ComplianceRow& r : view.rows) {
    const char* met_style = r.met ? k_green : view.provisional ? k_yellow : k_red;
    g.add({text_cell(college_label(r.who)), text_cell(major_label(r.who)), code_cell(r.who.major),
           text_cell(r.who.major_name), code_cell(r.who.pilot), text_cell(certificate_label(r.who)),
           count_cell(r.quota), count_cell(r.attended), count_cell(r.passed),
           percent_cell(r.pass_rate), text_cell(met_label(r, view.provisional, lang), met_style),
           count_cell(r.points, met_style), count_cell(r.reports.due),
           count_cell(r.reports.on_time),
           count_cell(r.reports.late, r.reports.late > 0 ? k_yellow : nullptr),
           count_cell(r.reports.missing, r.reports.missing > 0 ? k_red : nullptr),
           percent_cell(Percent::of(r.reports.on_time, r.reports.due)),
           text_cell(join(r.waivers, ", "))});
  }
  g.drop_order = {college, pass_rate, due, on_time, passed, waivers, late};
  g.shrinkable = {major, certificate};
  s.grid = std::move(g);
  return s;
}

std::vector<Cell> college_cells(const CollegeCompliance& c, const std::string& label) {
  return {text_cell(label),           count_cell(c.rows),
          count_cell(c.met),          count_cell(c.quota),
          count_cell(c.attended),     percent_cell(Percent::of(c.attended, c.quota)),
          count_cell(c.passed),       percent_cell(Percent::of(c.passed, c.attended)),
          count_cell(c.points),       count_cell(c.max_points),
          count_cell(c.reports.late), count_cell(c.reports.missing)};
}

Section per_college(const ComplianceView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "各二级学院", "Per college");
  s.sheet = s.title;
  const bool zh = lang == Lang::zh;
  const CellType n = CellType::count;
  Grid g;
  g.columns = {{zh ? "学院" : "College"},     {zh ? "试点专业" : "Majors", n},
               {zh ? "完成" : "Met", n},      {zh ? "指标" : "Quota", n},
               {zh ? "参考" : "Attended", n}, {zh ? "完成率" : "Completion", CellType::percent},
               {zh ? "通过" : "Passed", n},   {zh ? "通过率" : "Pass rate", CellType::percent},
               {zh ? "得分" : "Points", n},   {zh ? "满分" : "Max points", n},
               {zh ? "迟报" : "Late", n},     {zh ? "缺报" : "Missing", n}};
  for (const CollegeCompliance& c : view.colleges) {
    std::string label = !c.college_name.empty() ? c.college_name : !c.college.empty() ? c.college : "—";
    g.add(college_cells(c, label));
  }
  if (!g.rows.empty()) g.add(college_cells(view.total, tr(lang, "合计", "Total")), RowKind::total);
  g.drop_order = {10, 7, 6, 5};
  g.shrinkable = {0};
  s.grid = std::move(g);
  return s;
}

}  // namespace

Document view_render::compliance_document(const ComplianceView& view, Lang lang) {
  Document doc;
  doc.title = fmt::format(fmt::runtime(tr(lang, "{} 年试点指标绩效考核{}", "Pilot compliance {}{}")), view.year,
                          view.provisional ? tr(lang, "（临时）", " (provisional)") : "");
  doc.head = view.head;
  doc.lines.push_back(fmt::format(
      fmt::runtime(tr(lang, "完成当年指标的专业该项得 {} 分，未完成的不计分（三(五)3）。",
                      "A major that meets its quota scores {} points on this item, one that misses it 0 (三(五)3).")),
      view.points_per_item));
  if (view.provisional) {
    doc.lines.push_back(fmt::format(
        fmt::runtime(tr(lang, "临时结果：{} 年 12 月 31 日前，未完成的指标仍可能完成。",
                        "Provisional: until 31 Dec {} a quota not yet met can still be met.")),
        view.year));
  }
  doc.sections.push_back(per_major(view, lang));
  doc.sections.push_back(per_college(view, lang));
  Section findings = findings_section(view.findings_by_rule, lang, true);
  findings.title = fmt::format(fmt::runtime(tr(lang, "违规（按规则，{} 年）", "Violations by rule ({})")), view.year);
  findings.sheet = tr(lang, "违规", "Violations");
  doc.sections.push_back(std::move(findings));
  return doc;
}

namespace {

Json reports_json(const ReportCounts& r) {
  return Json{{"due", r.due}, {"on_time", r.on_time}, {"late", r.late}, {"missing", r.missing}};
}

Json college_json(const CollegeCompliance& c) {
  return Json{{"college", c.college},
              {"college_name", c.college_name},
              {"majors", c.rows},
              {"met", c.met},
              {"quota", c.quota},
              {"attended", c.attended},
              {"completion", percent_json(Percent::of(c.attended, c.quota))},
              {"points", c.points},
              {"max_points", c.max_points},
              {"reports", reports_json(c.reports)},
              {"passed", c.passed},
              {"pass_rate", percent_json(Percent::of(c.passed, c.attended))}};
}

}  // namespace

std::string render_compliance_text(const ComplianceView& view, const ViewStyle& style) {
  return document_text(compliance_document(view, style.lang), style);
}

std::string render_compliance_markdown(const ComplianceView& view, Lang lang) {
  return document_markdown(compliance_document(view, lang), lang);
}

std::string render_compliance_csv(const ComplianceView& view, bool bom) {
  Table t;
  t.headers = {"year", "provisional"};
  for (const char* c : k_identity_columns) t.headers.emplace_back(c);
  for (const char* c :
       {"quota", "attended", "met", "points", "reports_due", "reports_on_time", "reports_late",
        "reports_missing", "waived", "waivers", "passed", "pass_rate_pct"}) {
    t.headers.emplace_back(c);
  }
  for (const ComplianceRow& r : view.rows) {
    std::vector<std::string> cells{std::to_string(view.year), view.provisional ? "yes" : "no"};
    for (auto& cell : identity_cells(r.who)) cells.push_back(std::move(cell));
    for (auto& cell : std::vector<std::string>{
             std::to_string(r.quota), std::to_string(r.attended), r.met ? "yes" : "no",
             std::to_string(r.points), std::to_string(r.reports.due),
             std::to_string(r.reports.on_time), std::to_string(r.reports.late),
             std::to_string(r.reports.missing), std::to_string(r.waived), join(r.waivers, " "),
             std::to_string(r.passed), percent_csv(r.pass_rate)}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  append_masthead_columns(t, view.head);
  return render_table_csv(t, bom);
}

std::string render_compliance_json(const ComplianceView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "compliance";
  put_masthead(j, view.head);
  j["year"] = view.year;
  j["provisional"] = view.provisional;
  j["points_per_item"] = view.points_per_item;
  Json rows = Json::array();
  for (const ComplianceRow& r : view.rows) {
    Json row;
    put_identity(row, r.who);
    row["quota"] = r.quota;
    row["attended"] = r.attended;
    row["met"] = r.met;
    row["points"] = r.points;
    row["reports"] = reports_json(r.reports);
    row["waived"] = r.waived;
    row["waivers"] = r.waivers;
    row["passed"] = r.passed;
    row["pass_rate"] = percent_json(r.pass_rate);
    rows.push_back(std::move(row));
  }
  j["rows"] = std::move(rows);
  Json colleges = Json::array();
  for (const CollegeCompliance& c : view.colleges) colleges.push_back(college_json(c));
  j["colleges"] = std::move(colleges);
  Json total = college_json(view.total);
  total.erase("college");
  total.erase("college_name");
  j["total"] = std::move(total);
  Json rules = Json::array();
  for (const RuleCount& c : view.findings_by_rule) {
    rules.push_back(Json{{"rule", c.rule}, {"errors", c.errors}, {"warnings", c.warnings}, {"waived", c.waived}});
  }
  j["findings_by_rule"] = std::move(rules);
  return dump(j);
}

}  // namespace pilot
