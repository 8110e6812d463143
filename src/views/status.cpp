// pilot status: one row per pilot major, with a totals row.
#include <set>

#include "view_common.hpp"

namespace pilot {

StatusView compute_status(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                          const StatusFilter& filter) {
  StatusView view;
  view.as_of = book.as_of();
  view.filter = filter;
  const auto& rows = book.rows();
  FindingIndex index(repo, book);
  std::vector<FindingCounts> findings = count_findings(index, rows.size(), analysis.diagnostics);

  std::set<std::string> pilots, majors;
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
    row.planned = r.planned;
    row.completion = Percent::of(r.attended, r.quota);
    row.met = r.met();
    row.reachable = r.reachable();
    row.reports = ReportCounts::of(book.tally(r));
    row.findings = findings[i];

    StatusTotals& t = view.totals;
    pilots.insert(row.who.pilot);
    majors.insert(row.who.major);
    t.quota += row.quota;
    t.registered += row.registered;
    t.attended += row.attended;
    t.planned += row.planned;
    t.reports += row.reports;
    t.findings += row.findings;
    view.rows.push_back(std::move(row));
  }
  view.totals.pilots = static_cast<int>(pilots.size());
  view.totals.majors = static_cast<int>(majors.size());
  view.totals.completion = Percent::of(view.totals.attended, view.totals.quota);
  return view;
}

}  // namespace pilot
