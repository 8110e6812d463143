// views.hpp: status, report and compliance rows computed from tests/fixtures/views-progress
// (as of 2026-11-26), and how findings are attributed to pilot majors (src/views/*.cpp).
#include <doctest/doctest.h>

#include <string>

#include "pilot/views.hpp"

using namespace pilot;

namespace {

Date d(const char* text) { return *Date::parse(text); }

const Repository& fixture_repo() {
  static const Repository repo = load_repository(std::string(PILOT_FIXTURES) + "/views-progress");
  return repo;
}

Diagnostic finding(const char* rule, Severity severity, const char* file, int line) {
  Diagnostic diag;
  diag.rule = rule;
  diag.severity = severity;
  diag.file = file;
  diag.line = line;
  diag.column = 1;
  return diag;
}

// The row of a book for (pilot, major), as an index.
std::size_t row_index(const ProgressBook& book, const char* pilot, const char* major) {
  const MajorProgress* row = book.find(pilot, major);
  REQUIRE(row != nullptr);
  return static_cast<std::size_t>(row - book.rows().data());
}

const StatusRow& status_row(const StatusView& view, const std::string& major) {
  for (const auto& r : view.rows) {
    if (r.who.major == major) return r;
  }
  FAIL("no status row for " << major);
  return view.rows.front();
}

}  // namespace

TEST_CASE("views: Percent rounds half up to tenths and has no value without a quota") {
  CHECK(Percent::of(18, 30)->tenths == 600);
  CHECK(Percent::of(1, 3)->tenths == 333);
  CHECK(Percent::of(2, 3)->tenths == 667);
  CHECK(Percent::of(1, 8)->tenths == 125);      // 12.5 exactly
  CHECK(Percent::of(1, 16)->tenths == 63);      // 6.25 -> 6.3 (half up)
  CHECK(Percent::of(47, 45)->tenths == 1044);   // over 100 % is kept
  CHECK_FALSE(Percent::of(5, 0).has_value());
  CHECK_FALSE(Percent::of(5, -1).has_value());
}

TEST_CASE("views: file_in_year") {
  CHECK(file_in_year("pilots/2026/x.yaml", 2026));
  CHECK_FALSE(file_in_year("pilots/2025/x.yaml", 2026));
  CHECK_FALSE(file_in_year("reports/2025/510201/2025-12-10.yaml", 2026));
  CHECK(file_in_year("funds/2026/0001.yaml", 2026));
  CHECK(file_in_year("colleges/xinxi.yaml", 2025));
  CHECK(file_in_year("sites/s.yaml", 2026));
  CHECK(file_in_year("pilot.toml", 2026));
  CHECK(file_in_year("pilots/x.yaml", 2026));  // misplaced (S006): no year to judge by
}

TEST_CASE("views: findings are attributed to the pilot major they concern") {
  const Repository& repo = fixture_repo();
  ProgressBook book(repo, d("2026-11-26"));
  FindingIndex index(repo, book);
  const std::size_t lead = row_index(book, "web-frontend-2026", "510201");
  const std::size_t second = row_index(book, "web-frontend-2026", "510202");
  const std::size_t yecai = row_index(book, "yecai-2026", "530302");
  const std::size_t old = row_index(book, "web-frontend-2025", "510201");
  auto row = [&](const char* file, int line) { return index.row_of(finding("R000", Severity::error, file, line)); };

  // Block-style entries: 510201 spans lines 10-12, 510202 lines 13-15.
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 10) == lead);
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 12) == lead);
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 13) == second);
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 15) == second);
  // The rest of the pilot file, or the whole file, is the lead's.
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 1) == lead);
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 16) == lead);
  CHECK(row("pilots/2026/web-frontend-2026.yaml", 0) == lead);
  // A single-major pilot without lead_major leads itself.
  CHECK(row("pilots/2026/yecai-2026.yaml", 2) == yecai);
  CHECK(row("pilots/2025/web-frontend-2025.yaml", 10) == old);
  // Exam results by entry line; the rest of the exam file to the lead.
  CHECK(row("exams/2026/web-frontend-2026-b1.yaml", 7) == second);
  CHECK(row("exams/2026/web-frontend-2026-b1.yaml", 6) == lead);
  CHECK(row("exams/2026/web-frontend-2026-b1.yaml", 3) == lead);
  // Quota change and a fund naming the pilot: the lead.
  CHECK(row("quota-changes/2026/web-frontend-2026.yaml", 5) == lead);
  CHECK(row("funds/2026/0001.yaml", 6) == yecai);
  // Reports: the (pilot, major) row.
  CHECK(row("reports/2026/510202/2026-11-10.yaml", 4) == second);
  CHECK(row("reports/2025/510201/2025-12-10.yaml", 1) == old);
  // Nothing to do with a pilot major.
  CHECK_FALSE(row("colleges/xinxi.yaml", 1).has_value());
  CHECK_FALSE(row("majors/510201.yaml", 1).has_value());
  CHECK_FALSE(row("pilot.toml", 3).has_value());

  std::vector<Diagnostic> diags{finding("R601", Severity::error, "pilots/2026/web-frontend-2026.yaml", 13),
                                finding("R501", Severity::warning, "pilots/2026/yecai-2026.yaml", 9),
                                finding("R402", Severity::error, "funds/2026/0001.yaml", 6),
                                finding("S002", Severity::error, "colleges/xinxi.yaml", 1)};
  auto counts = count_findings(index, book.rows().size(), diags);
  CHECK(counts[second].errors == 1);
  CHECK(counts[yecai].errors == 1);
  CHECK(counts[yecai].warnings == 1);
  CHECK(counts[lead].errors == 0);
}

TEST_CASE("views: status rows, totals and filters") {
  const Repository& repo = fixture_repo();
  ProgressBook book(repo, d("2026-11-26"));
  Analysis analysis;
  analysis.diagnostics = {finding("R601", Severity::error, "pilots/2026/web-frontend-2026.yaml", 13),
                          finding("R501", Severity::warning, "pilots/2026/yecai-2026.yaml", 9),
                          finding("R501", Severity::error, "pilots/2025/web-frontend-2025.yaml", 10)};

  StatusView view = compute_status(repo, book, analysis, StatusFilter{2026, "", "", ""});
  REQUIRE(view.rows.size() == 3);
  CHECK(view.rows[0].who.major == "510201");  // book order: pilots by file, majors by entry
  CHECK(view.rows[1].who.major == "510202");
  CHECK(view.rows[2].who.major == "530302");

  const StatusRow& lead = status_row(view, "510201");
  CHECK(lead.who.college == "xinxi");
  CHECK(lead.who.college_name == "信息工程学院");
  CHECK(lead.who.major_name == "计算机应用技术");
  CHECK(lead.who.certificate_name == "Web前端开发");
  CHECK(lead.who.level == Level::intermediate);
  CHECK(lead.who.lead);
  CHECK(lead.who.contact == "李老师");
  CHECK(lead.quota == 25);
  CHECK(lead.original_quota == 30);
  CHECK(lead.quota_changed);
  CHECK(lead.registered == 28);
  CHECK(lead.attended == 25);
  CHECK(lead.planned == 5);
  CHECK(lead.completion->tenths == 1000);
  CHECK(lead.met);
  CHECK(lead.reports.due == 2);
  CHECK(lead.reports.on_time == 2);

  const StatusRow& second = status_row(view, "510202");
  CHECK_FALSE(second.who.lead);
  CHECK_FALSE(second.met);
  CHECK(second.reachable);
  CHECK(second.reports.missing == 1);
  CHECK(second.findings.errors == 1);

  const StatusRow& yecai = status_row(view, "530302");
  CHECK(yecai.who.lead);
  CHECK_FALSE(yecai.reachable);
  CHECK(yecai.reports.late == 1);
  CHECK(yecai.findings.warnings == 1);

  CHECK(view.totals.pilots == 2);
  CHECK(view.totals.majors == 3);
  CHECK(view.totals.quota == 85);
  CHECK(view.totals.attended == 51);
  CHECK(view.totals.completion->tenths == 600);
  CHECK(view.totals.reports.due == 7);
  CHECK(view.totals.findings.errors == 1);  // the 2025 finding is not in the 2026 rows
  CHECK(view.totals.findings.warnings == 1);

  CHECK(compute_status(repo, book, analysis, {2026, "caijing", "", ""}).rows.size() == 1);
  CHECK(compute_status(repo, book, analysis, {2026, "", "510202", ""}).rows.size() == 1);
  CHECK(compute_status(repo, book, analysis, {2026, "", "", "yecai"}).rows.size() == 1);
  CHECK(compute_status(repo, book, analysis, {2026, "xinxi", "", "yecai"}).rows.empty());
  StatusView old = compute_status(repo, book, analysis, {2025, "", "", ""});
  REQUIRE(old.rows.size() == 1);
  CHECK(old.rows[0].attended == 15);
  CHECK(old.rows[0].findings.errors == 1);
  CHECK_FALSE(compute_status(repo, book, analysis, {2024, "", "", ""}).totals.completion.has_value());
}

TEST_CASE("views: the fortnightly summary for a due date") {
  const Repository& repo = fixture_repo();
  ProgressBook book(repo, d("2026-11-26"));
  Analysis analysis;
  analysis.diagnostics = {finding("R601", Severity::error, "pilots/2026/web-frontend-2026.yaml", 13),
                          finding("R601", Severity::error, "pilots/2026/yecai-2026.yaml", 9),
                          finding("R501", Severity::error, "pilots/2025/web-frontend-2025.yaml", 10)};
  analysis.waived = {finding("R602", Severity::warning, "reports/2026/530302/2026-11-10.yaml", 4)};

  ReportView view = compute_report(repo, book, analysis, d("2026-11-20"));
  CHECK(view.due == d("2026-11-20"));
  CHECK(view.previous_due == d("2026-11-10"));
  CHECK(view.headline.pilots == 2);
  CHECK(view.headline.majors == 3);
  CHECK(view.headline.quota == 85);
  CHECK(view.headline.attended == 51);
  CHECK(view.headline.days_to_year_end == 41);
  REQUIRE(view.rows.size() == 3);
  CHECK(view.rows[0].attended == 25);
  CHECK(view.rows[0].attended_previous == 18);
  CHECK(view.rows[0].change == 7);
  CHECK(view.rows[0].report == DueReport::on_time);
  CHECK(view.rows[1].report == DueReport::missing);
  CHECK(view.rows[2].report == DueReport::missing);
  CHECK(view.rows[2].at_risk);
  REQUIRE(view.not_reported.size() == 2);
  CHECK(view.not_reported[0].who.major == "510202");
  CHECK(view.not_reported[0].overdue);
  REQUIRE(view.at_risk.size() == 1);
  CHECK(view.at_risk[0].shortfall == 16);
  CHECK(view.at_risk[0].days_left == 35);
  // Only findings in files of 2026 (and files without a year) are counted.
  REQUIRE(view.findings_by_rule.size() == 2);
  CHECK(view.findings_by_rule[0].rule == "R601");
  CHECK(view.findings_by_rule[0].errors == 2);
  CHECK(view.findings_by_rule[1].rule == "R602");
  CHECK(view.findings_by_rule[1].waived == 1);

  SUBCASE("an earlier due date counts batches held up to it") {
    ReportView earlier = compute_report(repo, book, analysis, d("2026-11-10"));
    CHECK(earlier.previous_due == d("2026-10-20"));
    CHECK(earlier.headline.attended == 44);
    CHECK(earlier.rows[2].report == DueReport::late);
    CHECK(earlier.not_reported.empty());
  }
  SUBCASE("a due date before a pilot's approval is not due for it") {
    ReportView october = compute_report(repo, book, analysis, d("2026-10-20"));
    CHECK(october.rows[0].report == DueReport::not_due);    // approved 2026-10-25
    CHECK(october.rows[2].report == DueReport::on_time);    // approved 2026-10-15
    CHECK(october.headline.attended == 0);
  }
  SUBCASE("on the due date itself a missing report is pending") {
    ProgressBook today(repo, d("2026-11-20"));
    ReportView pending = compute_report(repo, today, analysis, d("2026-11-20"));
    CHECK(pending.rows[1].report == DueReport::pending);
    REQUIRE(pending.not_reported.size() == 2);
    CHECK_FALSE(pending.not_reported[0].overdue);
  }
  SUBCASE("the first due date of a year looks back into the previous year") {
    ReportView january = compute_report(repo, book, analysis, d("2026-01-10"));
    CHECK(january.previous_due == d("2025-12-20"));
    CHECK(january.rows[0].attended_previous == 0);
  }
}

TEST_CASE("views: compliance per major, per college, provisional until 31 Dec") {
  const Repository& repo = fixture_repo();
  Analysis analysis;
  analysis.waived = {finding("R602", Severity::warning, "reports/2026/530302/2026-11-10.yaml", 4),
                     finding("R604", Severity::warning, "reports/2026/530302/2026-11-10.yaml", 6)};
  ProgressBook book(repo, d("2026-11-26"));
  ComplianceView view = compute_compliance(repo, book, analysis, 2026);
  CHECK(view.provisional);
  CHECK(view.points_per_item == 10);
  REQUIRE(view.rows.size() == 3);
  CHECK(view.rows[0].met);
  CHECK(view.rows[0].points == 10);
  CHECK_FALSE(view.rows[1].met);
  CHECK(view.rows[1].points == 0);
  CHECK(view.rows[2].waivers == std::vector<std::string>{"R602", "R604"});
  CHECK(view.rows[2].waived == 2);
  REQUIRE(view.colleges.size() == 2);
  CHECK(view.colleges[0].college == "caijing");
  CHECK(view.colleges[0].points == 0);
  CHECK(view.colleges[0].max_points == 10);
  CHECK(view.colleges[1].college == "xinxi");
  CHECK(view.colleges[1].rows == 2);
  CHECK(view.colleges[1].met == 1);
  CHECK(view.colleges[1].points == 10);
  CHECK(view.colleges[1].quota == 45);
  CHECK(view.total.rows == 3);
  CHECK(view.total.points == 10);
  CHECK(view.total.max_points == 30);
  CHECK(view.total.reports.missing == 2);

  CHECK(compute_compliance(repo, ProgressBook(repo, d("2026-12-31")), analysis, 2026).provisional);
  ComplianceView final_view = compute_compliance(repo, ProgressBook(repo, d("2027-01-01")), analysis, 2026);
  CHECK_FALSE(final_view.provisional);
  ComplianceView old = compute_compliance(repo, book, analysis, 2025);
  CHECK_FALSE(old.provisional);
  REQUIRE(old.rows.size() == 1);
  CHECK_FALSE(old.rows[0].met);
  CHECK(old.rows[0].points == 0);
  CHECK(old.rows[0].reports.on_time == 2);
}
