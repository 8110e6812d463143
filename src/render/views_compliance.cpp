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
    college, major, certificate, quota, attended, met, points, due, on_time, late, missing, punctual, waivers, count
  };
  Section s;
  s.title = tr(lang, "各专业", "Per major");
  StyledTable st;
  Table& t = st.table;
  if (lang == Lang::zh) {
    t.headers = {"学院", "专业", "证书", "指标", "参考", "完成", "得分", "应报", "按时", "迟报", "缺报", "按时率", "豁免"};
  } else {
    t.headers = {"College", "Major", "Certificate", "Quota", "Attended", "Met", "Points",
                 "Due",     "On time", "Late",      "Missing", "On-time %", "Waivers"};
  }
  t.right_align.assign(count, true);
  for (std::size_t c : {college, major, certificate, met, waivers}) t.right_align[c] = false;
  for (const ComplianceRow& r : view.rows) {
    t.rows.push_back({college_label(r.who), major_label(r.who), certificate_label(r.who), std::to_string(r.quota),
                      std::to_string(r.attended), met_label(r, view.provisional, lang), std::to_string(r.points),
                      std::to_string(r.reports.due), std::to_string(r.reports.on_time), std::to_string(r.reports.late),
                      std::to_string(r.reports.missing),
                      percent_text(Percent::of(r.reports.on_time, r.reports.due)), join(r.waivers, ", ")});
    std::vector<const char*> styles(count, nullptr);
    styles[met] = r.met ? k_green : view.provisional ? k_yellow : k_red;
    styles[points] = styles[met];
    if (r.reports.late > 0) styles[late] = k_yellow;
    if (r.reports.missing > 0) styles[missing] = k_red;
    st.styles.push_back(std::move(styles));
  }
  st.drop_order = {college, due, on_time, waivers, late};
  st.shrinkable = {major, certificate};
  s.table = std::move(st);
  return s;
}

std::vector<std::string> college_cells(const CollegeCompliance& c, const std::string& label) {
  return {label,
          std::to_string(c.rows),
          std::to_string(c.met),
          std::to_string(c.quota),
          std::to_string(c.attended),
          percent_text(Percent::of(c.attended, c.quota)),
          std::to_string(c.points),
          std::to_string(c.max_points),
          std::to_string(c.reports.late),
          std::to_string(c.reports.missing)};
}

Section per_college(const ComplianceView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "各二级学院", "Per college");
  s.totals_row = true;
  StyledTable st;
  Table& t = st.table;
  if (lang == Lang::zh) {
    t.headers = {"学院", "试点专业", "完成", "指标", "参考", "完成率", "得分", "满分", "迟报", "缺报"};
  } else {
    t.headers = {"College", "Majors", "Met", "Quota", "Attended", "Completion", "Points", "Max points", "Late", "Missing"};
  }
  t.right_align.assign(t.headers.size(), true);
  t.right_align[0] = false;
  for (const CollegeCompliance& c : view.colleges) {
    std::string label = !c.college_name.empty() ? c.college_name : !c.college.empty() ? c.college : "—";
    t.rows.push_back(college_cells(c, label));
  }
  if (!t.rows.empty()) {
    t.separators_before.push_back(t.rows.size());
    t.rows.push_back(college_cells(view.total, tr(lang, "合计", "Total")));
    st.styles.resize(t.rows.size());
    st.styles.back().assign(t.headers.size(), k_bold);
  }
  st.drop_order = {8, 5};
  st.shrinkable = {0};
  s.table = std::move(st);
  return s;
}

Document document(const ComplianceView& view, Lang lang) {
  Document doc;
  doc.title = fmt::format(fmt::runtime(tr(lang, "{} 年试点指标绩效考核{}", "Pilot compliance {}{}")), view.year,
                          view.provisional ? tr(lang, "（临时）", " (provisional)") : "");
  doc.lines.push_back(fmt::format(fmt::runtime(tr(lang, "数据截至 {}", "Data as of {}")), view.as_of.str()));
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
  doc.sections.push_back(std::move(findings));
  return doc;
}

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
              {"reports", reports_json(c.reports)}};
}

}  // namespace

Document view_render::compliance_document(const ComplianceView& view, Lang lang) { return document(view, lang); }

std::string render_compliance_text(const ComplianceView& view, const ViewStyle& style) {
  return document_text(document(view, style.lang), style);
}

std::string render_compliance_markdown(const ComplianceView& view, Lang lang) {
  return document_markdown(document(view, lang), lang);
}

std::string render_compliance_csv(const ComplianceView& view, bool bom) {
  Table t;
  t.headers = {"year", "provisional"};
  for (const char* c : k_identity_columns) t.headers.emplace_back(c);
  for (const char* c : {"quota", "attended", "met", "points", "reports_due", "reports_on_time", "reports_late",
                        "reports_missing", "waived", "waivers"}) {
    t.headers.emplace_back(c);
  }
  for (const ComplianceRow& r : view.rows) {
    std::vector<std::string> cells{std::to_string(view.year), view.provisional ? "yes" : "no"};
    for (auto& cell : identity_cells(r.who)) cells.push_back(std::move(cell));
    for (auto& cell : std::vector<std::string>{
             std::to_string(r.quota), std::to_string(r.attended), r.met ? "yes" : "no", std::to_string(r.points),
             std::to_string(r.reports.due), std::to_string(r.reports.on_time), std::to_string(r.reports.late),
             std::to_string(r.reports.missing), std::to_string(r.waived), join(r.waivers, " ")}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  return render_table_csv(t, bom);
}

std::string render_compliance_json(const ComplianceView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "compliance";
  j["as_of"] = view.as_of.str();
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
