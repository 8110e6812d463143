// The HTML pages of report and compliance (src/render/html_*.cpp), on hand-made views:
// self-containment, escaping, the Markdown document's sections, and the charts' geometry.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>
#include <string>

#include "pilot/render.hpp"
#include "pilot/views.hpp"
#include "render/html_common.hpp"

using namespace pilot;

namespace {

Date d(const char* text) { return *Date::parse(text); }

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

PilotMajorId who(const char* college, const char* college_name, const char* major, const char* major_name) {
  PilotMajorId w;
  w.college = college;
  w.college_name = college_name;
  w.major = major;
  w.major_name = major_name;
  w.pilot = "web-frontend-2026";
  w.year = 2026;
  w.certificate = "web-frontend";
  w.certificate_name = "Web前端开发";
  w.level = Level::intermediate;
  w.contact = "李老师";
  return w;
}

constexpr const char* k_evil = "<script>alert(\"x\")</script> & 'y'";
constexpr const char* k_evil_escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;";

ReportView report_view() {
  ReportView v;
  v.as_of = d("2026-11-26");
  v.head = Masthead{"青川职业技术学院", "教务处", d("2026-11-26"), d("2026-11-27")};
  v.due = d("2026-11-20");
  v.previous_due = d("2026-11-10");
  ReportProgressRow a;
  a.who = who("xinxi", "信息工程学院", "510201", k_evil);
  a.quota = 30;
  a.attended = 18;
  a.planned = 12;
  a.completion = Percent::of(18, 30);
  a.report = DueReport::on_time;
  ReportProgressRow b;
  b.who = who("caijing", "财经&商贸", "530701", "电子商务");
  b.quota = 50;
  b.attended = 25;
  b.planned = 0;
  b.completion = Percent::of(25, 50);
  b.report = DueReport::missing;
  b.at_risk = true;
  v.rows = {a, b};
  // The per-college subtotals and the school total compute_report makes of these rows.
  auto totals = [](const std::string& college, const std::string& name, std::vector<const ReportProgressRow*> rows) {
    ReportTotals t;
    t.college = college;
    t.college_name = name;
    t.pilots = 1;
    for (const ReportProgressRow* r : rows) {
      ++t.majors;
      t.quota += r->quota;
      t.attended += r->attended;
      t.planned += r->planned;
    }
    t.completion = Percent::of(t.attended, t.quota);
    return t;
  };
  v.colleges = {totals("caijing", "财经&商贸", {&b}), totals("xinxi", "信息工程学院", {&a})};
  v.total = totals("", "", {&a, &b});
  v.headline = {2, 2, 80, 43, 0, Percent::of(43, 80), std::nullopt, 41, 35};
  v.not_reported.push_back({b.who, true});
  AtRiskRow risk;
  risk.who = b.who;
  risk.deadline = d("2026-12-31");
  risk.days_left = 35;
  risk.quota = 50;
  risk.attended = 25;
  risk.shortfall = 25;
  v.at_risk.push_back(risk);
  return v;
}

ComplianceView compliance_view() {
  ComplianceView v;
  v.as_of = d("2026-11-26");
  v.year = 2026;
  v.provisional = true;
  v.points_per_item = 10;
  ComplianceRow r;
  r.who = who("xinxi", "信息工程学院", "510201", k_evil);
  r.quota = 30;
  r.attended = 31;
  r.met = true;
  r.points = 10;
  r.reports = {4, 3, 1, 0};
  v.rows = {r};
  CollegeCompliance c;
  c.college = "xinxi";
  c.college_name = "信息<工程>学院";
  c.rows = 2;
  c.met = 1;
  c.quota = 60;
  c.attended = 40;
  c.points = 10;
  c.max_points = 20;
  c.reports = {8, 5, 2, 1};
  v.colleges = {c};
  v.total = c;
  v.total.college = "";
  return v;
}

// The fill of each legend swatch of the chart whose ids start with `id`.
std::vector<std::string> legend_fills(const std::string& svg) {
  std::vector<std::string> fills;
  auto start = svg.find("<g class=\"legend\">");
  auto end = svg.find("</g>", start);
  std::string legend = svg.substr(start, end - start);
  std::regex fill(R"re(<rect [^>]*fill="([^"]+)")re");
  for (std::sregex_iterator it(legend.begin(), legend.end(), fill), e; it != e; ++it) fills.push_back((*it)[1]);
  return fills;
}

// Relative luminance of #rrggbb (WCAG).
double luminance(const std::string& hex) {
  auto channel = [&](std::size_t at) {
    double c = std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

}  // namespace

TEST_CASE("html: html_escape turns markup characters into references") {
  CHECK(html_escape(k_evil) == k_evil_escaped);
  CHECK(html_escape("计算机 a-b_c 1.0") == "计算机 a-b_c 1.0");
  CHECK(html_escape("") == "");
}

TEST_CASE("html: the report page is one self-contained UTF-8 document") {
  for (Lang lang : {Lang::zh, Lang::en}) {
    std::string page = render_report_html(report_view(), compliance_view(), lang);
    CAPTURE(lang == Lang::zh);
    CHECK(page.starts_with("<!DOCTYPE html>\n"));
    CHECK(page.find(lang == Lang::zh ? "<html lang=\"zh-CN\">" : "<html lang=\"en\">") != std::string::npos);
    CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(page.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") != std::string::npos);
    CHECK(page.find("default-src 'none'") != std::string::npos);
    // Nothing to run, nothing to fetch: the only URL is the SVG namespace, which is a name.
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("href=") == std::string::npos);
    CHECK(page.find("src=\"") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(count(page, "://") == count(page, "xmlns=\"http://www.w3.org/2000/svg\""));
    // Print and phones.
    CHECK(page.find("@page { size: A4;") != std::string::npos);
    CHECK(page.find("@media print") != std::string::npos);
    CHECK(page.find("@media (max-width: 640px)") != std::string::npos);
    for (const char* font : {"\"Noto Sans CJK SC\"", "\"Microsoft YaHei\"", "\"PingFang SC\"", "sans-serif;"}) {
      CHECK(page.find(font) != std::string::npos);
    }
    CHECK(page.ends_with("</html>\n"));
  }
}

TEST_CASE("html: every value from the data is escaped, in tables and in charts") {
  std::string report = render_report_html(report_view(), compliance_view(), Lang::zh);
  CHECK(report.find("<script") == std::string::npos);
  CHECK(report.find("alert(\"x\")") == std::string::npos);
  // The major's name: progress table, at-risk table? (no: the other major) and the chart label.
  CHECK(count(report, std::string("510201 ") + k_evil_escaped) >= 2);
  CHECK(report.find("财经&amp;商贸") != std::string::npos);
  CHECK(report.find("财经&商贸") == std::string::npos);
  CHECK(report.find("信息&lt;工程&gt;学院") != std::string::npos);  // the punctuality chart's college

  std::string compliance = render_compliance_html(compliance_view(), Lang::en);
  CHECK(compliance.find("<script") == std::string::npos);
  CHECK(compliance.find("信息<工程>学院") == std::string::npos);
  CHECK(count(compliance, "信息&lt;工程&gt;学院") >= 3);  // per-college table, points and punctuality charts
}

TEST_CASE("html: the report page has the Markdown report's sections, with the charts after the headline") {
  ReportView view = report_view();
  std::string md = render_report_markdown(view, Lang::zh);
  std::string page = render_report_html(view, compliance_view(), Lang::zh);
  std::vector<std::string> titles;
  std::regex heading(R"(\n## ([^\n]+)\n)");
  for (std::sregex_iterator it(md.begin(), md.end(), heading), e; it != e; ++it) titles.push_back((*it)[1]);
  REQUIRE(titles.size() == 7);  // + missing reports of the year, trend
  std::size_t at = 0;
  for (const auto& title : titles) {
    auto found = page.find("<h2>" + html_escape(title) + "</h2>", at);
    CHECK_MESSAGE(found != std::string::npos, title);
    at = found == std::string::npos ? at : found;
  }
  auto headline = page.find("<h2>总体情况</h2>");
  auto charts = page.find("<h2>图表</h2>");
  auto progress = page.find("<h2>各试点专业进度</h2>");
  CHECK(headline < charts);
  CHECK(charts < progress);
  CHECK(page.find("<h1>双周报汇总（2026-11-20）</h1>") != std::string::npos);
  // The masthead: school and office, the as-of date and the date made.
  CHECK(page.find("<p class=\"school\">青川职业技术学院 教务处</p>") != std::string::npos);
  CHECK(page.find("<li>数据截至 2026-11-26，制表日期 2026-11-27</li>") != std::string::npos);
  // Table cells keep their meaning as classes: a missing report is "bad", numbers right-aligned.
  CHECK(page.find("<td class=\"bad\">缺报</td>") != std::string::npos);
  CHECK(page.find("<td class=\"num\">18</td>") != std::string::npos);
  // Two charts: completion with a bar per row, punctuality with a bar per college.
  CHECK(count(page, "<svg class=\"chart\"") == 2);
  CHECK(page.find(">18 / 30 · 60.0%<") != std::string::npos);
  CHECK(page.find(">25 / 50 · 50.0%<") != std::string::npos);
  CHECK(page.find(">应报 8 · 按时率 62.5%<") != std::string::npos);
}

TEST_CASE("html: the compliance page has its sections and charts of points, completion and punctuality") {
  ComplianceView view = compliance_view();
  std::string md = render_compliance_markdown(view, Lang::en);
  std::string page = render_compliance_html(view, Lang::en);
  std::regex heading(R"(\n## ([^\n]+)\n)");
  int sections = 0;
  for (std::sregex_iterator it(md.begin(), md.end(), heading), e; it != e; ++it, ++sections) {
    CHECK(page.find("<h2>" + html_escape((*it)[1].str()) + "</h2>") != std::string::npos);
  }
  CHECK(sections == 3);
  CHECK(count(page, "<svg class=\"chart\"") == 3);
  CHECK(page.find("<title id=\"points-title\">Quota points per college</title>") != std::string::npos);
  CHECK(page.find(">10 / 20 points · 1 of 2 met<") != std::string::npos);
  CHECK(page.find(">31 / 30 · 103.3%<") != std::string::npos);
  CHECK(page.find(">due 8 · on time 62.5%<") != std::string::npos);
  CHECK(page.find("<tr class=\"sep total\">") != std::string::npos);  // the per-college totals row
}

TEST_CASE("html: a stacked bar is as long as its values on a common scale, the quota a tick") {
  html::BarChart chart;
  chart.id = "c";
  chart.title = "t";
  chart.series = {{html::Swatch::held, "held"}, {html::Swatch::planned, "planned"}, {html::Swatch::remaining, "rest"}};
  chart.target_label = "quota";
  chart.bars.push_back({"a", {18, 6, 6}, 30, "18 / 30"});
  chart.bars.push_back({"b", {50, 10, 0}, 40, "50 / 40"});  // over the quota: the scale is 60
  std::string svg = html::bar_chart_svg(chart, Lang::en);
  // The plot is 438 units wide from x = 1; 60 is the longest bar.
  CHECK(svg.find("<rect x=\"1.0\" y=\"51.0\" width=\"131.4\" height=\"20.0\" fill=\"#1f3b73\"><title>held 18</title>") !=
        std::string::npos);
  CHECK(svg.find("width=\"43.8\" height=\"20.0\" fill=\"url(#c-planned)\"><title>planned 6</title>") != std::string::npos);
  CHECK(svg.find("<title>rest 6</title>") != std::string::npos);
  CHECK(svg.find("<title>rest 0</title>") == std::string::npos);  // an empty segment is not drawn
  CHECK(svg.find("<line x1=\"220.0\"") != std::string::npos);     // 30 of 60
  CHECK(svg.find("<line x1=\"293.0\"") != std::string::npos);     // 40 of 60
  CHECK(svg.find("<rect x=\"1.0\" y=\"101.0\" width=\"365.0\"") != std::string::npos);  // 50 of 60
  CHECK(svg.find("viewBox=\"0 0 440 130\"") != std::string::npos);
  CHECK(count(svg, "<pattern id=\"c-planned\"") == 1);
}

TEST_CASE("html: chart series differ in lightness or pattern, so grey-scale prints keep them apart") {
  std::string page = render_report_html(report_view(), compliance_view(), Lang::zh);
  auto completion = page.substr(page.find("<svg class=\"chart\""));
  auto punctuality = completion.substr(completion.find("</svg>"));
  punctuality = punctuality.substr(punctuality.find("<svg class=\"chart\""));

  std::vector<std::string> fills = legend_fills(completion);
  REQUIRE(fills.size() == 3);  // held, planned, remaining
  CHECK(fills[1] == "url(#completion-planned)");
  CHECK(luminance(fills[2]) - luminance(fills[0]) > 0.7);  // near-white against dark
  // The patterns themselves sit between them: planned's base is mid-light under dark stripes.
  CHECK(completion.find("<pattern id=\"completion-planned\"") != std::string::npos);

  fills = legend_fills(punctuality);
  REQUIRE(fills.size() == 3);  // on time, late, missing
  CHECK(fills[0].starts_with("#"));
  CHECK(luminance(fills[0]) < 0.2);  // dark, solid
  CHECK(fills[1] == "url(#punctuality-late)");
  CHECK(fills[2] == "url(#punctuality-missing)");
  // late: stripes; missing: cross-hatching, a different texture.
  auto late = punctuality.find("<pattern id=\"punctuality-late\"");
  auto missing = punctuality.find("<pattern id=\"punctuality-missing\"");
  REQUIRE(late != std::string::npos);
  REQUIRE(missing != std::string::npos);
  CHECK(punctuality.substr(late, 200).find("rotate(45)") != std::string::npos);
  CHECK(punctuality.substr(missing, 200).find("M0 0L7 7M7 0L0 7") != std::string::npos);
  // Every segment carries its number (those wide enough) and a tooltip with its series.
  CHECK(punctuality.find("<title>迟报 2</title>") != std::string::npos);
}

TEST_CASE("html: a chart without rows says so instead of drawing an empty frame") {
  ReportView view = report_view();
  view.rows.clear();
  ComplianceView year = compliance_view();
  year.colleges.clear();
  std::string page = render_report_html(view, year, Lang::en);
  CHECK(count(page, "<svg class=\"chart\"") == 0);
  CHECK(count(page, "<p class=\"none\">None.</p>") >= 3);  // two charts and the empty progress table
}
