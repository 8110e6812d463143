// pilot report / compliance as self-contained HTML pages: the Markdown document's sections
// (views_report.cpp, views_compliance.cpp) plus charts of the same view rows.
#include <algorithm>

#include <fmt/format.h>

#include "html_common.hpp"

namespace pilot {

using namespace view_render;

namespace {

std::string pilot_major_label(const PilotMajorId& who) { return major_label(who) + " · " + certificate_label(who); }

std::string college_name(const CollegeCompliance& c, Lang lang) {
  if (!c.college_name.empty()) return c.college_name;
  return c.college.empty() ? tr(lang, "（未知学院）", "(unknown college)") : c.college;
}

// Completion per pilot major: held, planned (when given), remaining to the quota; the quota
// as a tick.
struct CompletionItem {
  const PilotMajorId* who;
  long long quota, held, planned;
  std::optional<Percent> completion;
};

html::Figure completion_figure(const std::vector<CompletionItem>& items, bool with_planned, Lang lang) {
  html::Figure f;
  html::BarChart& c = f.chart;
  c.id = "completion";
  c.title = tr(lang, "各试点专业指标完成情况", "Completion per pilot major against its quota");
  c.series.emplace_back(html::Swatch::held, tr(lang, "已参考", "Held (attended)"));
  if (with_planned) c.series.emplace_back(html::Swatch::planned, tr(lang, "计划", "Planned"));
  c.series.emplace_back(html::Swatch::remaining, tr(lang, "尚缺", "Remaining"));
  c.target_label = tr(lang, "指标", "Quota");
  for (const CompletionItem& it : items) {
    html::BarChart::Bar bar;
    bar.label = pilot_major_label(*it.who);
    long long planned = with_planned ? it.planned : 0;
    bar.values.push_back(it.held);
    if (with_planned) bar.values.push_back(planned);
    bar.values.push_back(std::max(0LL, it.quota - it.held - planned));
    bar.target = it.quota;
    bar.summary = fmt::format("{} / {} · {}", it.held, it.quota, percent_text(it.completion));
    c.bars.push_back(std::move(bar));
  }
  f.note = with_planned ? tr(lang, "竖线为指标；“计划”为计划批次预计参考人数，“尚缺”为已参考与计划之外仍差的人数。",
                             "The tick marks the quota; “planned” counts the seats of planned batches, "
                             "“remaining” what held and planned batches still leave open.")
                        : tr(lang, "竖线为指标；“尚缺”为仍差的参考人数。",
                             "The tick marks the quota; “remaining” is the attendance still missing.");
  return f;
}

html::Figure punctuality_figure(const std::vector<CollegeCompliance>& colleges, int year, const Date& as_of, Lang lang) {
  html::Figure f;
  html::BarChart& c = f.chart;
  c.id = "punctuality";
  c.title = tr(lang, "各二级学院双周报按时情况", "Report punctuality per college");
  c.series = {{html::Swatch::on_time, tr(lang, "按时", "On time")},
              {html::Swatch::late, tr(lang, "迟报", "Late")},
              {html::Swatch::missing, tr(lang, "缺报", "Missing")}};
  for (const CollegeCompliance& col : colleges) {
    const ReportCounts& r = col.reports;
    html::BarChart::Bar bar;
    bar.label = college_name(col, lang);
    bar.values = {r.on_time, r.late, r.missing};
    bar.summary = fmt::format(fmt::runtime(tr(lang, "应报 {} · 按时率 {}", "due {} · on time {}")), r.due,
                              percent_text(Percent::of(r.on_time, r.due)));
    c.bars.push_back(std::move(bar));
  }
  f.note = fmt::format(fmt::runtime(tr(lang, "{} 年截至 {} 各学院试点专业应交的双周报（按试点专业计）。",
                                       "Fortnightly reports due in {} up to {}, counted per pilot major.")),
                       year, as_of.str());
  return f;
}

html::Figure points_figure(const ComplianceView& view, Lang lang) {
  html::Figure f;
  html::BarChart& c = f.chart;
  c.id = "points";
  c.title = tr(lang, "各二级学院指标项得分", "Quota points per college");
  c.series = {{html::Swatch::earned, tr(lang, "得分", "Points")},
              {html::Swatch::missed, tr(lang, "未得分", "Not earned")}};
  for (const CollegeCompliance& col : view.colleges) {
    html::BarChart::Bar bar;
    bar.label = college_name(col, lang);
    bar.values = {col.points, std::max(0, col.max_points - col.points)};
    bar.summary = fmt::format(fmt::runtime(tr(lang, "{} / {} 分 · 完成 {}/{} 个专业", "{} / {} points · {} of {} met")),
                              col.points, col.max_points, col.met, col.rows);
    c.bars.push_back(std::move(bar));
  }
  f.note = fmt::format(fmt::runtime(tr(lang, "每个完成指标的试点专业得 {} 分（三(五)3）{}。",
                                       "Each pilot major that meets its quota earns {} points (三(五)3){}.")),
                       view.points_per_item,
                       view.provisional ? tr(lang, "；年底前为临时结果", "; provisional until 31 Dec") : "");
  return f;
}

// The year's trend as lines: every pilot major and the school.
html::Figure trend_figure(const ReportView& view, Lang lang) {
  html::Figure f;
  html::LineChart c;
  c.id = "trend";
  c.title = fmt::format(
      fmt::runtime(tr(lang, "{} 年各填报日完成率", "Completion at each due date of {}")),
      view.due.year);
  for (const Date& d : view.trend.dates)
    c.x_labels.push_back(fmt::format("{:02}-{:02}", d.month, d.day));
  for (const TrendRow& r : view.trend.rows)
    c.lines.push_back({pilot_major_label(r.who), r.completion, false});
  c.lines.push_back({tr(lang, "全校", "School"), view.trend.total.completion, true});
  f.line = std::move(c);
  f.note = tr(lang, "虚线为 100%（完成指标）；粗黑线为全校。",
              "The dashed line is 100 % (quota met); the thick black line is the school.");
  return f;
}

}  // namespace

std::string render_report_html(const ReportView& view, const ComplianceView& year, Lang lang) {
  Document doc = report_document(view, lang);
  std::vector<CompletionItem> items;
  for (const ReportTotals& c : view.colleges) {
    for (const ReportProgressRow& r : view.rows) {
      if (r.who.college == c.college)
        items.push_back({&r.who, r.quota, r.attended, r.planned, r.completion});
    }
  }
  html::Page page;
  page.doc = &doc;
  page.lang = lang;
  page.figures.push_back(completion_figure(items, true, lang));
  page.figures.push_back(punctuality_figure(year.colleges, year.year, year.as_of, lang));
  page.figures_after = 1;  // after the headline
  page.narrow_sections = {0};
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    if (doc.sections[i].sheet == tr(lang, "走势", "Trend"))
      page.section_figures.emplace_back(i, trend_figure(view, lang));
  }
  return html::page_html(page);
}

std::string render_status_html(const StatusView& view, Lang lang) {
  Document doc = status_document(view, lang);
  std::vector<CompletionItem> items;
  for (const StatusCollege& c : view.colleges) {
    for (const StatusRow& r : view.rows) {
      if (r.who.college == c.college)
        items.push_back({&r.who, r.quota, r.attended, r.planned, r.completion});
    }
  }
  html::Page page;
  page.doc = &doc;
  page.lang = lang;
  page.figures.push_back(completion_figure(items, true, lang));
  page.figures_after = 1;  // after the table
  return html::page_html(page);
}

std::string render_compliance_html(const ComplianceView& view, Lang lang) {
  Document doc = compliance_document(view, lang);
  std::vector<CompletionItem> items;
  for (const ComplianceRow& r : view.rows) {
    items.push_back({&r.who, r.quota, r.attended, 0, Percent::of(r.attended, r.quota)});
  }
  html::Page page;
  page.doc = &doc;
  page.lang = lang;
  page.figures.push_back(points_figure(view, lang));
  page.figures.push_back(completion_figure(items, false, lang));
  page.figures.push_back(punctuality_figure(view.colleges, view.year, view.as_of, lang));
  page.figures_after = 0;  // before the tables
  return html::page_html(page);
}

std::string render_funds_html(const FundsView& view, Lang lang) {
  Document doc = funds_document(view, lang);
  html::Figure f;
  html::BarChart& c = f.chart;
  c.id = "funds";
  c.title = tr(lang, "各二级学院收入与支出（元）", "Income and expense per college (yuan)");
  c.series = {{html::Swatch::held, tr(lang, "收入", "Income")},
              {html::Swatch::late, tr(lang, "支出", "Expense")}};
  for (const FundsCollege& col : view.colleges) {
    std::string name = !col.college_name.empty() ? col.college_name
                       : col.college.empty() ? tr(lang, "（未知学院）", "(unknown college)")
                                             : col.college;
    html::BarChart::Bar income, expense;
    income.label = name + tr(lang, " 收入", " income");
    income.values = {col.sum.income_fen / 100, 0};
    income.summary = money_cell(col.sum.income_fen).text;
    expense.label = name + tr(lang, " 支出", " expense");
    expense.values = {0, col.sum.expense_fen / 100};
    expense.summary = money_cell(col.sum.expense_fen).text + tr(lang, " · 结余 ", " · balance ") +
                      money_cell(col.sum.balance_fen()).text;
    c.bars.push_back(std::move(income));
    c.bars.push_back(std::move(expense));
  }
  f.note = tr(lang, "条形上的数字为整元；结余 = 收入 − 支出。",
              "Numbers on the bars are whole yuan; balance = income − expense.");
  html::Page page;
  page.doc = &doc;
  page.lang = lang;
  page.figures.push_back(std::move(f));
  page.figures_after = 1;  // after the per-college table
  return html::page_html(page);
}

}  // namespace pilot
