// pilot compliance: the year-end performance view of 三(五)3.
#include <map>
#include <set>

#include "view_common.hpp"

namespace pilot {

namespace {

void add_row(CollegeCompliance& c, const ComplianceRow& row, int points_per_item) {
  ++c.rows;
  if (row.met) ++c.met;
  c.quota += row.quota;
  c.attended += row.attended;
  c.passed += row.passed;
  c.points += row.points;
  c.max_points += points_per_item;
  c.reports += row.reports;
}

}  // namespace

ComplianceView compute_compliance(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                                  int year) {
  ComplianceView view;
  view.head = masthead(repo.config, book.as_of());
  view.as_of = book.as_of();
  view.year = year;
  view.provisional = view.as_of <= views_detail::year_end(year);
  view.points_per_item = repo.config.quota_item_points;

  const auto& rows = book.rows();
  FindingIndex index(repo, book);
  std::vector<std::set<std::string>> waiver_rules(rows.size());
  std::vector<int> waived(rows.size(), 0);
  for (const Diagnostic& d : analysis.waived) {
    if (auto row = index.row_of(d)) {
      waiver_rules[*row].insert(d.rule);
      ++waived[*row];
    }
  }

  std::map<std::string, CollegeCompliance> colleges;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MajorProgress& r = rows[i];
    if (views_detail::year_of(r) != year) continue;
    ComplianceRow row;
    row.who = views_detail::identify(repo, r);
    row.quota = r.quota;
    row.attended = r.attended;
    row.passed = r.passed;
    row.pass_rate = Percent::of(r.passed, r.attended);
    row.met = r.met();
    row.points = row.met ? view.points_per_item : 0;
    row.reports = ReportCounts::of(book.tally(r));
    row.waivers.assign(waiver_rules[i].begin(), waiver_rules[i].end());
    row.waived = waived[i];

    CollegeCompliance& c = colleges[row.who.college];
    c.college = row.who.college;
    c.college_name = row.who.college_name;
    add_row(c, row, view.points_per_item);
    add_row(view.total, row, view.points_per_item);
    view.rows.push_back(std::move(row));
  }
  for (auto& [id, c] : colleges) {
    if (!id.empty()) view.colleges.push_back(std::move(c));
  }
  if (auto it = colleges.find(""); it != colleges.end()) view.colleges.push_back(std::move(it->second));
  view.findings_by_rule = count_by_rule(analysis, year);
  return view;
}

int default_compliance_year(const Repository& repo, const Date& as_of) {
  for (const auto& p : repo.pilots) {
    if (!p.year.valid || p.year.value != as_of.year || !p.status.valid) continue;
    if (p.status.value != PilotStatus::approved) continue;
    if (!p.approved.valid || !(as_of < p.approved.value)) return as_of.year;
  }
  return as_of.year - 1;
}

}  // namespace pilot
