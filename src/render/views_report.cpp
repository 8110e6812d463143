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

const char* completion_style(bool met, bool at_risk) {
  if (met) return k_green;
  return at_risk ? k_red : k_yellow;
}

std::string college_name(const ReportTotals& c, Lang lang) {
  if (!c.college_name.empty()) return c.college_name;
  return c.college.empty() ? tr(lang, "（未知学院）", "(unknown college)") : c.college;
}

Section headline(const ReportView& view, Lang lang) {
  const ReportHeadline& h = view.headline;
  Section s;
  s.title = tr(lang, "总体情况", "Headline");
  s.sheet = s.title;
  Grid g;
  g.columns = {{tr(lang, "项目", "Item")}, {tr(lang, "数值", "Value"), CellType::count}};
  g.add({text_cell(tr(lang, "试点", "Pilots")), count_cell(h.pilots)});
  g.add({text_cell(tr(lang, "试点专业", "Majors")), count_cell(h.majors)});
  g.add({text_cell(tr(lang, "指标合计", "Total quota")), count_cell(h.quota)});
  g.add({text_cell(tr(lang, "已参考", "Attended")), count_cell(h.attended)});
  g.add({text_cell(tr(lang, "完成率", "Completion")), percent_cell(h.completion)});
  g.add({text_cell(tr(lang, "通过", "Passed")), count_cell(h.passed)});
  g.add({text_cell(tr(lang, "通过率", "Pass rate")), percent_cell(h.pass_rate)});
  g.add({text_cell(fmt::format(
             fmt::runtime(tr(lang, "距 12 月 31 日（天，自 {} 起）", "Days to 31 Dec (from {})")),
             view.as_of.str())),
         count_cell(h.days_left)});
  s.grid = std::move(g);
  return s;
}

enum ProgressCol : std::size_t {
  p_college,
  p_major,
  p_major_code,
  p_major_name,
  p_pilot,
  p_certificate,
  p_quota,
  p_attended,
  p_change,
  p_passed,
  p_pass_rate,
  p_completion,
  p_planned,
  p_report,
  p_count
};

std::vector<Cell> progress_sum(const ReportTotals& t, const std::string& college, bool subtotal,
                               Lang lang) {
  std::vector<Cell> row(p_count);
  std::string majors = count_label(t.majors, lang, "专业", "major", "majors");
  if (subtotal) majors = lang == Lang::zh ? "小计（" + majors + "）" : "Subtotal (" + majors + ")";
  row[p_college] = text_cell(college);
  row[p_major] = text_cell(majors);
  row[p_major_code] = code_cell("");
  row[p_major_name] = text_cell(majors);
  row[p_pilot] = code_cell("");
  row[p_certificate] = text_cell(count_label(t.pilots, lang, "试点", "pilot", "pilots"));
  row[p_quota] = count_cell(t.quota);
  row[p_attended] = count_cell(t.attended);
  row[p_change] = signed_cell(t.change);
  row[p_passed] = count_cell(t.passed);
  row[p_pass_rate] = percent_cell(t.pass_rate);
  row[p_completion] = percent_cell(t.completion);
  row[p_planned] = count_cell(t.planned);
  row[p_report] = text_cell("");
  return row;
}

Section progress(const ReportView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "各试点专业进度", "Progress per pilot major");
  s.sheet = tr(lang, "进度", "Progress");
  s.intro = view.previous_due
                ? fmt::format(fmt::runtime(tr(lang, "“较上期”为自上一个填报日 {} 以来新增的参考人数。",
                                              "“Change” counts attendance added since the previous due date, {}.")),
                              view.previous_due->str())
                : std::string(tr(lang, "此前没有填报日，“较上期”为全部参考人数。",
                                 "There is no earlier due date: “Change” is all attendance so far."));
  s.intro += tr(
      lang, "完成率绿色为已完成指标，黄色为加上计划批次可以完成，红色为有风险。",
      " Completion is green when the quota is met, amber when planned batches can still meet it, "
      "red when it is at risk.");
  const bool zh = lang == Lang::zh;
  Grid g;
  const CellType n = CellType::count;
  g.columns = {{zh ? "学院" : "College"},
               {zh ? "专业" : "Major", CellType::text, Show::tables},
               {zh ? "专业代码" : "Major code", CellType::code, Show::sheets},
               {zh ? "专业名称" : "Major name", CellType::text, Show::sheets},
               {zh ? "试点" : "Pilot", CellType::code, Show::sheets},
               {zh ? "证书" : "Certificate"},
               {zh ? "指标" : "Quota", n},
               {zh ? "参考" : "Attended", n},
               {zh ? "较上期" : "Change", n},
               {zh ? "通过" : "Passed", n},
               {zh ? "通过率" : "Pass rate", CellType::percent},
               {zh ? "完成率" : "Completion", CellType::percent},
               {zh ? "计划" : "Planned", n},
               {zh ? "本期双周报" : "Report"}};
  for (const ReportTotals& c : view.colleges) {
    for (const ReportProgressRow& r : view.rows) {
      if (r.who.college != c.college) continue;
      std::vector<Cell> row(p_count);
      row[p_college] = text_cell(college_label(r.who));
      row[p_major] = text_cell(major_label(r.who));
      row[p_major_code] = code_cell(r.who.major);
      row[p_major_name] = text_cell(r.who.major_name);
      row[p_pilot] = code_cell(r.who.pilot);
      row[p_certificate] = text_cell(certificate_label(r.who));
      row[p_quota] = count_cell(r.quota);
      row[p_attended] = count_cell(r.attended);
      row[p_change] = signed_cell(r.change);
      row[p_passed] = count_cell(r.passed);
      row[p_pass_rate] = percent_cell(r.pass_rate);
      row[p_completion] = percent_cell(r.completion, completion_style(r.met, r.at_risk));
      row[p_planned] = count_cell(r.planned);
      row[p_report] = text_cell(due_report_label(r.report, lang), due_report_style(r.report));
      g.add(std::move(row));
    }
    g.add(progress_sum(c, college_name(c, lang), true, lang), RowKind::subtotal);
  }
  if (!view.rows.empty())
    g.add(progress_sum(view.total, tr(lang, "合计", "Total"), false, lang), RowKind::total);
  g.drop_order = {p_college, p_pass_rate, p_planned, p_passed, p_change};
  g.shrinkable = {p_major, p_certificate};
  s.grid = std::move(g);
  return s;
}

Section not_reported(const ReportView& view, Lang lang) {
  Section s;
  s.title = fmt::format(fmt::runtime(tr(lang, "未填报 {} 双周报的专业", "Majors that have not reported for {}")),
                        view.due.str());
  s.sheet = tr(lang, "本期未报", "Not reported");
  const bool zh = lang == Lang::zh;
  Grid g;
  g.columns = {{zh ? "专业" : "Major", CellType::text, Show::tables},
               {zh ? "专业代码" : "Major code", CellType::code, Show::sheets},
               {zh ? "专业名称" : "Major name", CellType::text, Show::sheets},
               {zh ? "学院" : "College"},
               {zh ? "证书" : "Certificate"},
               {zh ? "联系人" : "Contact"},
               {zh ? "状态" : "State"}};
  for (const NotReportedRow& r : view.not_reported) {
    g.add({text_cell(major_label(r.who)), code_cell(r.who.major), text_cell(r.who.major_name),
           text_cell(college_label(r.who)), text_cell(certificate_label(r.who)),
           text_cell(r.who.contact),
           text_cell(r.overdue ? tr(lang, "逾期未报", "overdue")
                               : tr(lang, "尚在期限内", "still within time"),
                     r.overdue ? k_red : k_yellow)});
  }
  g.drop_order = {4, 3};
  g.shrinkable = {0};
  s.grid = std::move(g);
  return s;
}

Section missing(const ReportView& view, Lang lang) {
  Section s;
  s.title = fmt::format(
      fmt::runtime(tr(lang, "{} 年截至 {} 缺报的双周报", "Missing reports of {} as of {}")),
      view.due.year, view.as_of.str());
  s.sheet = tr(lang, "全年缺报", "Missing reports");
  s.intro = tr(lang, "本年度每一个已过期限仍未填报的双周报，按填报日排列。",
               "Every report of the year whose time has passed without it, by due date.");
  const bool zh = lang == Lang::zh;
  Grid g;
  g.columns = {{zh ? "填报日" : "Due date", CellType::date},
               {zh ? "逾期天数" : "Days overdue", CellType::count},
               {zh ? "专业" : "Major", CellType::text, Show::tables},
               {zh ? "专业代码" : "Major code", CellType::code, Show::sheets},
               {zh ? "专业名称" : "Major name", CellType::text, Show::sheets},
               {zh ? "学院" : "College"},
               {zh ? "联系人" : "Contact"}};
  for (const MissingReportRow& r : view.missing) {
    g.add({date_cell(r.due), count_cell(r.days_overdue, k_red), text_cell(major_label(r.who)),
           code_cell(r.who.major), text_cell(r.who.major_name), text_cell(college_label(r.who)),
           text_cell(r.who.contact)});
  }
  g.drop_order = {5, 1};
  g.shrinkable = {2};
  s.grid = std::move(g);
  return s;
}

Section at_risk(const ReportView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "指标完成风险", "Quotas at risk");
  s.sheet = tr(lang, "风险", "At risk");
  s.intro = fmt::format(
      fmt::runtime(tr(
          lang,
          "截至 {}，已参考加计划人数仍低于指标的试点专业，截止日期近者在前；剩余天数自 {} 起算。",
          "Pilot majors whose attended plus planned seats, as of {}, fall short of the quota; "
          "soonest "
          "deadline first. Days left count from {}.")),
      view.as_of.str(), view.as_of.str());
  const bool zh = lang == Lang::zh;
  const CellType n = CellType::count;
  Grid g;
  g.columns = {{zh ? "截止日期" : "Deadline", CellType::date},
               {zh ? "剩余天数" : "Days left", n},
               {zh ? "专业" : "Major", CellType::text, Show::tables},
               {zh ? "专业代码" : "Major code", CellType::code, Show::sheets},
               {zh ? "专业名称" : "Major name", CellType::text, Show::sheets},
               {zh ? "证书" : "Certificate"},
               {zh ? "指标" : "Quota", n},
               {zh ? "已参考" : "Attended", n},
               {zh ? "通过" : "Passed", n},
               {zh ? "通过率" : "Pass rate", CellType::percent},
               {zh ? "计划" : "Planned", n},
               {zh ? "缺口" : "Shortfall", n}};
  for (const AtRiskRow& r : view.at_risk) {
    g.add({date_cell(r.deadline), count_cell(r.days_left), text_cell(major_label(r.who)),
           code_cell(r.who.major), text_cell(r.who.major_name), text_cell(certificate_label(r.who)),
           count_cell(r.quota), count_cell(r.attended), count_cell(r.passed),
           percent_cell(Percent::of(r.passed, r.attended)), count_cell(r.planned),
           count_cell(r.shortfall, k_red)});
  }
  g.drop_order = {5, 9, 8, 1};
  g.shrinkable = {2};
  s.grid = std::move(g);
  return s;
}

Section trend(const ReportView& view, Lang lang) {
  const Trend& t = view.trend;
  Section s;
  s.title = fmt::format(fmt::runtime(tr(lang, "{} 年完成率走势", "Completion through {}")),
                        view.due.year);
  s.sheet = tr(lang, "走势", "Trend");
  s.intro =
      tr(lang, "各试点专业在本年度每个填报日的完成率（截至该日已举行批次的参考人数 ÷ 现行指标）。",
         "Completion of every pilot major at each due date of the year: attendance of the batches "
         "held by "
         "that date over the quota in effect.");
  const bool zh = lang == Lang::zh;
  Grid g;
  g.columns = {{zh ? "专业" : "Major"},
               {zh ? "证书" : "Certificate"},
               {zh ? "指标" : "Quota", CellType::count}};
  constexpr std::size_t first_date = 3;  // xlsx_views.cpp draws the columns from here on
  for (const Date& d : t.dates)
    g.columns.push_back({fmt::format("{:02}-{:02}", d.month, d.day), CellType::percent});
  auto cells = [&](const TrendRow& r, std::vector<Cell> row) {
    for (const auto& p : r.completion) row.push_back(percent_cell(p));
    return row;
  };
  for (const TrendRow& r : t.rows) {
    g.add(cells(r, {text_cell(major_label(r.who)), text_cell(certificate_label(r.who)),
                    count_cell(r.quota)}));
  }
  if (!t.rows.empty()) {
    g.add(cells(t.total,
                {text_cell(tr(lang, "全校", "School")), text_cell(""), count_cell(t.total.quota)}),
          RowKind::total);
  }
  // On a narrow terminal the earliest dates go first, then the certificate.
  for (std::size_t c = first_date; c + 1 < g.columns.size(); ++c) {
    if (c == first_date + 1) g.drop_order.push_back(1);
    g.drop_order.push_back(c);
  }
  g.shrinkable = {0, 1};
  s.grid = std::move(g);
  return s;
}

}  // namespace

namespace view_render {

Section findings_section(const std::vector<RuleCount>& counts, Lang lang, bool with_waived) {
  Section s;
  s.sheet = tr(lang, "问题", "Findings");
  Grid g;
  g.columns = {{tr(lang, "规则", "Rule"), CellType::code},
               {tr(lang, "错误", "Errors"), CellType::count},
               {tr(lang, "警告", "Warnings"), CellType::count}};
  if (with_waived) g.columns.push_back({tr(lang, "已豁免", "Waived"), CellType::count});
  g.columns.push_back({tr(lang, "说明", "Summary")});
  for (const RuleCount& c : counts) {
    if (c.errors + c.warnings == 0 && (!with_waived || c.waived == 0)) continue;
    const RuleInfo* info = find_rule(c.rule);
    std::vector<Cell> row{code_cell(c.rule), count_cell(c.errors, c.errors > 0 ? k_red : nullptr),
                          count_cell(c.warnings, c.warnings > 0 ? k_yellow : nullptr)};
    if (with_waived) row.push_back(count_cell(c.waived));
    row.push_back(text_cell(info != nullptr ? info->summary.in(lang) : ""));
    g.add(std::move(row));
  }
  g.shrinkable = {g.columns.size() - 1};
  s.grid = std::move(g);
  return s;
}

}  // namespace view_render

Document view_render::report_document(const ReportView& view, Lang lang) {
  Document doc;
  doc.title = fmt::format(fmt::runtime(tr(lang, "双周报汇总（{}）", "Fortnightly summary for {}")), view.due.str());
  doc.head = view.head;
  const bool earlier_year = view.latest_due && view.due.year < view.as_of.year;
  if (earlier_year) {
    doc.title +=
        fmt::format(fmt::runtime(tr(lang, "——{} 年的最后一个填报日", " — the last due date of {}")),
                    view.due.year);
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
  doc.sections.push_back(missing(view, lang));
  doc.sections.push_back(at_risk(view, lang));
  doc.sections.push_back(trend(view, lang));
  Section findings = findings_section(view.findings_by_rule, lang, false);
  findings.title = fmt::format(fmt::runtime(tr(lang, "未解决的问题（按规则，{} 年）", "Open findings by rule ({})")),
                               view.due.year);
  doc.sections.push_back(std::move(findings));
  return doc;
}

std::string render_report_text(const ReportView& view, const ViewStyle& style) {
  return document_text(report_document(view, style.lang), style);
}

std::string render_report_markdown(const ReportView& view, Lang lang) {
  return document_markdown(report_document(view, lang), lang);
}

std::string render_report_csv(const ReportView& view, bool bom) {
  Table t;
  t.headers = {"due"};
  for (const char* c : k_identity_columns) t.headers.emplace_back(c);
  for (const char* c : {"quota", "attended", "attended_previous", "change", "completion_pct",
                        "planned", "report", "at_risk", "passed", "pass_rate_pct"}) {
    t.headers.emplace_back(c);
  }
  for (const ReportProgressRow& r : view.rows) {
    std::vector<std::string> cells{view.due.str()};
    for (auto& cell : identity_cells(r.who)) cells.push_back(std::move(cell));
    for (auto& cell : std::vector<std::string>{
             std::to_string(r.quota), std::to_string(r.attended),
             std::to_string(r.attended_previous), std::to_string(r.change),
             percent_csv(r.completion), std::to_string(r.planned), due_report_name(r.report),
             r.at_risk ? "yes" : "no", std::to_string(r.passed), percent_csv(r.pass_rate)}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  append_masthead_columns(t, view.head);
  return render_table_csv(t, bom);
}

namespace {

Json totals_json(const ReportTotals& t, bool with_college) {
  Json j;
  if (with_college) {
    j["college"] = t.college;
    j["college_name"] = t.college_name;
  }
  j["pilots"] = t.pilots;
  j["majors"] = t.majors;
  j["quota"] = t.quota;
  j["attended"] = t.attended;
  j["attended_previous"] = t.attended_previous;
  j["change"] = t.change;
  j["passed"] = t.passed;
  j["planned"] = t.planned;
  j["completion"] = percent_json(t.completion);
  j["pass_rate"] = percent_json(t.pass_rate);
  return j;
}

}  // namespace

std::string render_report_json(const ReportView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "report";
  put_masthead(j, view.head);
  j["due"] = view.due.str();
  j["previous_due"] = view.previous_due ? Json(view.previous_due->str()) : Json(nullptr);
  const ReportHeadline& h = view.headline;
  j["headline"] = Json{{"pilots", h.pilots},
                       {"majors", h.majors},
                       {"quota", h.quota},
                       {"attended", h.attended},
                       {"completion", percent_json(h.completion)},
                       {"days_to_year_end", h.days_to_year_end},
                       {"passed", h.passed},
                       {"pass_rate", percent_json(h.pass_rate)},
                       {"days_left", h.days_left}};
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
    row["passed"] = r.passed;
    row["pass_rate"] = percent_json(r.pass_rate);
    row["met"] = r.met;
    rows.push_back(std::move(row));
  }
  j["progress"] = std::move(rows);
  Json colleges = Json::array();
  for (const ReportTotals& c : view.colleges) colleges.push_back(totals_json(c, true));
  j["colleges"] = std::move(colleges);
  j["total"] = totals_json(view.total, false);
  Json missing = Json::array();
  for (const NotReportedRow& r : view.not_reported) {
    Json row;
    put_identity(row, r.who);
    row["contact"] = r.who.contact;
    row["overdue"] = r.overdue;
    missing.push_back(std::move(row));
  }
  j["not_reported"] = std::move(missing);
  Json year_missing = Json::array();
  for (const MissingReportRow& r : view.missing) {
    Json row;
    put_identity(row, r.who);
    row["contact"] = r.who.contact;
    row["due"] = r.due.str();
    row["days_overdue"] = r.days_overdue;
    year_missing.push_back(std::move(row));
  }
  j["missing_reports"] = std::move(year_missing);
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
    row["passed"] = r.passed;
    risks.push_back(std::move(row));
  }
  j["at_risk"] = std::move(risks);
  Json trend{{"dates", Json::array()}, {"rows", Json::array()}};
  for (const Date& d : view.trend.dates) trend["dates"].push_back(d.str());
  auto trend_row = [](const TrendRow& r) {
    Json completion = Json::array();
    for (const auto& p : r.completion) completion.push_back(percent_json(p));
    return Json{
        {"quota", r.quota}, {"attended", r.attended}, {"completion", std::move(completion)}};
  };
  for (const TrendRow& r : view.trend.rows) {
    Json row;
    put_identity(row, r.who);
    row.update(trend_row(r));
    trend["rows"].push_back(std::move(row));
  }
  trend["total"] = trend_row(view.trend.total);
  j["trend"] = std::move(trend);
  Json rules = Json::array();
  for (const RuleCount& c : view.findings_by_rule) {
    if (c.errors + c.warnings == 0) continue;
    rules.push_back(Json{{"rule", c.rule}, {"errors", c.errors}, {"warnings", c.warnings}});
  }
  j["findings_by_rule"] = std::move(rules);
  return dump(j);
}

}  // namespace pilot
