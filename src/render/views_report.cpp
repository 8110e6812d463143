// pilot report (双周报汇总) as text, Markdown, CSV and JSON.
#include <fmt/format.h>

#include "pilot/rules.hpp"
#include "views_common.hpp"

namespace pilot {

using namespace view_render;

namespace {

const char* due_report_label(DueReport r, Lang lang) {
  switch (r) {
    case DueReport::on_time: return tr(lang, "按时", "on time");
    case DueReport::late: return tr(lang, "迟报", "late");
    case DueReport::missing: return tr(lang, "缺报", "missing");
    case DueReport::pending: return tr(lang, "待报", "pending");
    case DueReport::not_due: return tr(lang, "不需报", "not due");
  }
  return "";
}

const char* due_report_style(DueReport r) {
  switch (r) {
    case DueReport::on_time: return k_green;
    case DueReport::late: return k_yellow;
    case DueReport::missing: return k_red;
    case DueReport::pending: return k_yellow;
    case DueReport::not_due: return nullptr;
  }
  return nullptr;
}

std::string signed_number(long long n) { return n > 0 ? fmt::format("+{}", n) : std::to_string(n); }

Section headline(const ReportView& view, Lang lang) {
  const ReportHeadline& h = view.headline;
  Section s;
  s.title = tr(lang, "总体情况", "Headline");
  StyledTable st;
  st.table.headers = {tr(lang, "项目", "Item"), tr(lang, "数值", "Value")};
  st.table.right_align = {false, true};
  st.table.rows = {
      {tr(lang, "试点", "Pilots"), std::to_string(h.pilots)},
      {tr(lang, "试点专业", "Majors"), std::to_string(h.majors)},
      {tr(lang, "指标合计", "Total quota"), std::to_string(h.quota)},
      {tr(lang, "已参考", "Attended"), std::to_string(h.attended)},
      {tr(lang, "完成率", "Completion"), percent_text(h.completion)},
      {tr(lang, "距 12 月 31 日（天）", "Days to 31 Dec"), std::to_string(h.days_to_year_end)},
  };
  s.table = std::move(st);
  return s;
}

Section progress(const ReportView& view, Lang lang) {
  enum : std::size_t { college, major, certificate, quota, attended, change, completion, planned, report, count };
  Section s;
  s.title = tr(lang, "各试点专业进度", "Progress per pilot major");
  s.intro = view.previous_due
                ? fmt::format(fmt::runtime(tr(lang, "“较上期”为自上一个填报日 {} 以来新增的参考人数。",
                                              "“Change” counts attendance added since the previous due date, {}.")),
                              view.previous_due->str())
                : std::string(tr(lang, "此前没有填报日，“较上期”为全部参考人数。",
                                 "There is no earlier due date: “Change” is all attendance so far."));
  StyledTable st;
  Table& t = st.table;
  if (lang == Lang::zh) {
    t.headers = {"学院", "专业", "证书", "指标", "参考", "较上期", "完成率", "计划", "本期双周报"};
  } else {
    t.headers = {"College", "Major", "Certificate", "Quota", "Attended", "Change", "Completion", "Planned", "Report"};
  }
  t.right_align = {false, false, false, true, true, true, true, true, false};
  for (const ReportProgressRow& r : view.rows) {
    t.rows.push_back({college_label(r.who), major_label(r.who), certificate_label(r.who), std::to_string(r.quota),
                      std::to_string(r.attended), signed_number(r.change), percent_text(r.completion),
                      std::to_string(r.planned), due_report_label(r.report, lang)});
    std::vector<const char*> styles(count, nullptr);
    styles[report] = due_report_style(r.report);
    if (r.at_risk) styles[completion] = k_red;
    st.styles.push_back(std::move(styles));
  }
  st.drop_order = {college, planned, change};
  st.shrinkable = {major, certificate};
  s.table = std::move(st);
  return s;
}

Section not_reported(const ReportView& view, Lang lang) {
  Section s;
  s.title = fmt::format(fmt::runtime(tr(lang, "未填报 {} 双周报的专业", "Majors that have not reported for {}")),
                        view.due.str());
  StyledTable st;
  Table& t = st.table;
  if (lang == Lang::zh) {
    t.headers = {"专业", "学院", "证书", "联系人", "状态"};
  } else {
    t.headers = {"Major", "College", "Certificate", "Contact", "State"};
  }
  for (const NotReportedRow& r : view.not_reported) {
    t.rows.push_back({major_label(r.who), college_label(r.who), certificate_label(r.who), r.who.contact,
                      r.overdue ? tr(lang, "逾期未报", "overdue") : tr(lang, "尚在期限内", "still within time")});
    st.styles.push_back({nullptr, nullptr, nullptr, nullptr, r.overdue ? k_red : k_yellow});
  }
  st.drop_order = {1, 2};
  st.shrinkable = {0};
  s.table = std::move(st);
  return s;
}

Section at_risk(const ReportView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "指标完成风险", "Quotas at risk");
  s.intro = fmt::format(
      fmt::runtime(tr(lang, "截至 {}，已参考加计划人数仍低于指标的试点专业，截止日期近者在前。",
                      "Pilot majors whose attended plus planned seats, as of {}, fall short of the quota; soonest "
                      "deadline first.")),
      view.as_of.str());
  StyledTable st;
  Table& t = st.table;
  if (lang == Lang::zh) {
    t.headers = {"截止日期", "剩余天数", "专业", "证书", "指标", "已参考", "计划", "缺口"};
  } else {
    t.headers = {"Deadline", "Days left", "Major", "Certificate", "Quota", "Attended", "Planned", "Shortfall"};
  }
  t.right_align = {false, true, false, false, true, true, true, true};
  for (const AtRiskRow& r : view.at_risk) {
    t.rows.push_back({r.deadline.str(), std::to_string(r.days_left), major_label(r.who), certificate_label(r.who),
                      std::to_string(r.quota), std::to_string(r.attended), std::to_string(r.planned),
                      std::to_string(r.shortfall)});
    st.styles.push_back({nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, k_red});
  }
  st.drop_order = {3, 1};
  st.shrinkable = {2};
  s.table = std::move(st);
  return s;
}

}  // namespace

namespace view_render {

Section findings_section(const std::vector<RuleCount>& counts, Lang lang, bool with_waived) {
  Section s;
  StyledTable st;
  Table& t = st.table;
  t.headers = {tr(lang, "规则", "Rule"), tr(lang, "错误", "Errors"), tr(lang, "警告", "Warnings")};
  if (with_waived) t.headers.push_back(tr(lang, "已豁免", "Waived"));
  t.headers.push_back(tr(lang, "说明", "Summary"));
  t.right_align.assign(t.headers.size(), true);
  t.right_align.front() = false;
  t.right_align.back() = false;
  for (const RuleCount& c : counts) {
    if (c.errors + c.warnings == 0 && (!with_waived || c.waived == 0)) continue;
    const RuleInfo* info = find_rule(c.rule);
    std::vector<std::string> row{c.rule, std::to_string(c.errors), std::to_string(c.warnings)};
    if (with_waived) row.push_back(std::to_string(c.waived));
    row.push_back(info != nullptr ? info->summary.in(lang) : "");
    t.rows.push_back(std::move(row));
    st.styles.push_back({nullptr, c.errors > 0 ? k_red : nullptr, c.warnings > 0 ? k_yellow : nullptr});
  }
  st.shrinkable = {t.headers.size() - 1};
  s.table = std::move(st);
  return s;
}

}  // namespace view_render

namespace {

Document document(const ReportView& view, Lang lang) {
  Document doc;
  doc.title = fmt::format(fmt::runtime(tr(lang, "双周报汇总（{}）", "Fortnightly summary for {}")), view.due.str());
  const bool earlier_year = view.latest_due && view.due.year < view.as_of.year;
  if (earlier_year) {
    doc.title +=
        fmt::format(fmt::runtime(tr(lang, "——{} 年的最后一个填报日", " — the last due date of {}")),
                    view.due.year);
  }
  doc.lines.push_back(fmt::format(fmt::runtime(tr(lang, "数据截至 {}", "Data as of {}")), view.as_of.str()));
  if (earlier_year) {
    doc.lines.push_back(fmt::format(
        fmt::runtime(tr(lang, "截至 {}，{} 年还没有到期的填报日：这是最近的一个，属于 {} 年。",
                        "No due date of {1} has come by {0}: this is the latest one, of {2}.")),
        view.as_of.str(), view.as_of.year, view.due.year));
  }
  doc.lines.push_back(view.previous_due
                          ? fmt::format(fmt::runtime(tr(lang, "上一个填报日 {}", "Previous due date {}")),
                                        view.previous_due->str())
                          : std::string(tr(lang, "上一个填报日：无", "Previous due date: none")));
  doc.sections.push_back(headline(view, lang));
  doc.sections.push_back(progress(view, lang));
  doc.sections.push_back(not_reported(view, lang));
  doc.sections.push_back(at_risk(view, lang));
  Section findings = findings_section(view.findings_by_rule, lang, false);
  findings.title = fmt::format(fmt::runtime(tr(lang, "未解决的问题（按规则，{} 年）", "Open findings by rule ({})")),
                               view.due.year);
  doc.sections.push_back(std::move(findings));
  return doc;
}

}  // namespace

Document view_render::report_document(const ReportView& view, Lang lang) { return document(view, lang); }

std::string render_report_text(const ReportView& view, const ViewStyle& style) {
  return document_text(document(view, style.lang), style);
}

std::string render_report_markdown(const ReportView& view, Lang lang) {
  return document_markdown(document(view, lang), lang);
}

std::string render_report_csv(const ReportView& view, bool bom) {
  Table t;
  t.headers = {"due"};
  for (const char* c : k_identity_columns) t.headers.emplace_back(c);
  for (const char* c : {"quota", "attended", "attended_previous", "change", "completion_pct", "planned", "report",
                        "at_risk"}) {
    t.headers.emplace_back(c);
  }
  for (const ReportProgressRow& r : view.rows) {
    std::vector<std::string> cells{view.due.str()};
    for (auto& cell : identity_cells(r.who)) cells.push_back(std::move(cell));
    for (auto& cell : std::vector<std::string>{std::to_string(r.quota), std::to_string(r.attended),
                                               std::to_string(r.attended_previous), std::to_string(r.change),
                                               percent_csv(r.completion), std::to_string(r.planned),
                                               due_report_name(r.report), r.at_risk ? "yes" : "no"}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  return render_table_csv(t, bom);
}

std::string render_report_json(const ReportView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "report";
  j["as_of"] = view.as_of.str();
  j["due"] = view.due.str();
  j["previous_due"] = view.previous_due ? Json(view.previous_due->str()) : Json(nullptr);
  const ReportHeadline& h = view.headline;
  j["headline"] = Json{{"pilots", h.pilots},     {"majors", h.majors},
                       {"quota", h.quota},       {"attended", h.attended},
                       {"completion", percent_json(h.completion)}, {"days_to_year_end", h.days_to_year_end}};
  Json rows = Json::array();
  for (const ReportProgressRow& r : view.rows) {
    Json row;
    put_identity(row, r.who);
    row["quota"] = r.quota;
    row["attended"] = r.attended;
    row["attended_previous"] = r.attended_previous;
    row["change"] = r.change;
    row["completion"] = percent_json(r.completion);
    row["planned"] = r.planned;
    row["report"] = due_report_name(r.report);
    row["at_risk"] = r.at_risk;
    rows.push_back(std::move(row));
  }
  j["progress"] = std::move(rows);
  Json missing = Json::array();
  for (const NotReportedRow& r : view.not_reported) {
    Json row;
    put_identity(row, r.who);
    row["contact"] = r.who.contact;
    row["overdue"] = r.overdue;
    missing.push_back(std::move(row));
  }
  j["not_reported"] = std::move(missing);
  Json risks = Json::array();
  for (const AtRiskRow& r : view.at_risk) {
    Json row;
    put_identity(row, r.who);
    row["deadline"] = r.deadline.str();
    row["days_left"] = r.days_left;
    row["quota"] = r.quota;
    row["attended"] = r.attended;
    row["planned"] = r.planned;
    row["shortfall"] = r.shortfall;
    risks.push_back(std::move(row));
  }
  j["at_risk"] = std::move(risks);
  Json rules = Json::array();
  for (const RuleCount& c : view.findings_by_rule) {
    if (c.errors + c.warnings == 0) continue;
    rules.push_back(Json{{"rule", c.rule}, {"errors", c.errors}, {"warnings", c.warnings}});
  }
  j["findings_by_rule"] = std::move(rules);
  return dump(j);
}

}  // namespace pilot
