// pilot report: the fortnightly summary (双周报汇总) for one due date.
#include <algorithm>
#include <map>
#include <set>

#include "pilot/calendar.hpp"
#include "view_common.hpp"

namespace pilot {

const char* due_report_name(DueReport r) {
  switch (r) {
    case DueReport::on_time: return "on-time";
    case DueReport::late: return "late";
    case DueReport::missing: return "missing";
    case DueReport::pending: return "pending";
    case DueReport::not_due: return "not-due";
  }
  return "not-due";
}

namespace {

// Whether `due` is one of the due dates of the row's pilot (cached per pilot).
class DueDates {
 public:
  explicit DueDates(const Config& config) : config_(config) {}
  bool contains(const Pilot& p, const Date& due) {
    auto [it, inserted] = cache_.try_emplace(&p);
    if (inserted && p.year.valid && p.approved.valid) {
      it->second = due_dates_after(config_, p.year.value, p.approved.value);
    }
    return std::binary_search(it->second.begin(), it->second.end(), due);
  }

 private:
  const Config& config_;
  std::map<const Pilot*, std::vector<Date>> cache_;
};

DueReport due_report(const Repository& repo, const ProgressBook& book, DueDates& dates, const MajorProgress& r,
                     const Date& due) {
  if (const Report* rep = book.report(r.major, due); rep != nullptr) {
    bool late = rep->submitted.valid && rep->submitted.value > grace_end(repo.config, due);
    return late ? DueReport::late : DueReport::on_time;
  }
  if (r.pilot == nullptr || !dates.contains(*r.pilot, due)) return DueReport::not_due;
  return book.as_of() > grace_end(repo.config, due) ? DueReport::missing : DueReport::pending;
}

}  // namespace

ReportView compute_report(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                          const Date& due) {
  ReportView view;
  view.as_of = book.as_of();
  view.due = due;
  view.previous_due = previous_due_date(repo.config, due);
  const int year = due.year;
  DueDates dates(repo.config);

  std::set<std::string> pilots, majors;
  std::map<std::string, NotReportedRow> not_reported;
  for (const MajorProgress& r : book.rows()) {
    if (views_detail::year_of(r) != year) continue;
    const std::string& pilot_id = r.pilot->id.value;
    ReportProgressRow row;
    row.who = views_detail::identify(repo, r);
    row.quota = r.quota;
    row.attended = book.attended_until(pilot_id, r.major, due);
    row.attended_previous = view.previous_due ? book.attended_until(pilot_id, r.major, *view.previous_due) : 0;
    row.change = row.attended - row.attended_previous;
    row.completion = Percent::of(row.attended, row.quota);
    row.planned = r.planned;
    row.report = due_report(repo, book, dates, r, due);

    if (row.report == DueReport::missing || row.report == DueReport::pending) {
      not_reported.try_emplace(r.major, NotReportedRow{row.who, row.report == DueReport::missing});
    }
    if (!r.reachable()) {
      row.at_risk = true;
      AtRiskRow risk;
      risk.who = row.who;
      risk.deadline = views_detail::year_end(year);
      risk.days_left = days_between(view.as_of, risk.deadline);
      risk.quota = r.quota;
      risk.attended = r.attended;
      risk.planned = r.planned;
      risk.shortfall = r.quota - r.attended - r.planned;
      view.at_risk.push_back(std::move(risk));
    }

    pilots.insert(pilot_id);
    majors.insert(r.major);
    view.headline.quota += row.quota;
    view.headline.attended += row.attended;
    view.rows.push_back(std::move(row));
  }
  view.headline.pilots = static_cast<int>(pilots.size());
  view.headline.majors = static_cast<int>(majors.size());
  view.headline.completion = Percent::of(view.headline.attended, view.headline.quota);
  view.headline.days_to_year_end = days_between(due, views_detail::year_end(year));

  for (auto& [major, row] : not_reported) view.not_reported.push_back(std::move(row));
  std::stable_sort(view.at_risk.begin(), view.at_risk.end(), [](const AtRiskRow& a, const AtRiskRow& b) {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    return a.shortfall > b.shortfall;
  });
  view.findings_by_rule = count_by_rule(analysis, year);
  return view;
}

}  // namespace pilot
