// pilot status: one row per pilot major, with subtotals per college and a totals row.
#include <map>
#include <set>

#include "view_common.hpp"

namespace pilot {

namespace {

// Sums rows into totals; pilots and majors are counted distinct at the end (finish).
struct Summer {
  StatusTotals totals;
  std::set<std::string> pilots, majors;

  void add(const StatusRow& row) {
    pilots.insert(row.who.pilot);
    majors.insert(row.who.major);
    StatusTotals& t = totals;
    t.quota += row.quota;
    t.registered += row.registered;
    t.attended += row.attended;
    t.passed += row.passed;
    t.planned += row.planned;
    t.reports += row.reports;
    t.findings += row.findings;
  }
  StatusTotals finish() {
    totals.pilots = static_cast<int>(pilots.size());
    totals.majors = static_cast<int>(majors.size());
    totals.completion = Percent::of(totals.attended, totals.quota);
    totals.pass_rate = Percent::of(totals.passed, totals.attended);
    return totals;
  }
};

}  // namespace

StatusView compute_status(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                          const StatusFilter& filter) {
  StatusView view;
  view.head = masthead(repo.config, book.as_of());
  view.as_of = book.as_of();
  view.filter = filter;
  const auto& rows = book.rows();
  FindingIndex index(repo, book);
  std::vector<FindingCounts> findings = count_findings(index, rows.size(), analysis.diagnostics);

  Summer school;
  std::map<std::string, std::pair<std::string, Summer>> colleges;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MajorProgress& r = rows[i];
    if (views_detail::year_of(r) != filter.year) continue;
    PilotMajorId who = views_detail::identify(repo, r);
    if (!filter.college.empty() && who.college != filter.college) continue;
    if (!filter.major.empty() && who.major != filter.major) continue;
    if (!filter.certificate.empty() && who.certificate != filter.certificate) continue;

    StatusRow row;
    row.who = std::move(who);
    row.quota = r.quota;
    row.original_quota = r.original_quota;
    row.quota_changed = r.quota_changed;
    row.registered = r.registered;
    row.attended = r.attended;
    row.passed = r.passed;
    row.planned = r.planned;
    row.completion = Percent::of(r.attended, r.quota);
    row.pass_rate = Percent::of(r.passed, r.attended);
    row.met = r.met();
    row.reachable = r.reachable();
    row.reports = ReportCounts::of(book.tally(r));
    row.findings = findings[i];

    school.add(row);
    auto& [name, college] = colleges[row.who.college];
    name = row.who.college_name;
    college.add(row);
    view.rows.push_back(std::move(row));
  }
  view.totals = school.finish();
  for (auto& [id, entry] : colleges) {
    if (!id.empty()) view.colleges.push_back({id, entry.first, entry.second.finish()});
  }
  if (auto it = colleges.find(""); it != colleges.end()) {
    view.colleges.push_back({"", it->second.first, it->second.second.finish()});
  }
  return view;
}

}  // namespace pilot
