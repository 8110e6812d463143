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

// Sums progress rows (pilots and majors distinct, in finish).
struct Summer {
  ReportTotals totals;
  std::set<std::string> pilots, majors;

  void add(const ReportProgressRow& row) {
    pilots.insert(row.who.pilot);
    majors.insert(row.who.major);
    ReportTotals& t = totals;
    t.quota += row.quota;
    t.attended += row.attended;
    t.attended_previous += row.attended_previous;
    t.change += row.change;
    t.passed += row.passed;
    t.planned += row.planned;
  }
  ReportTotals finish(std::string college, std::string name) {
    totals.college = std::move(college);
    totals.college_name = std::move(name);
    totals.pilots = static_cast<int>(pilots.size());
    totals.majors = static_cast<int>(majors.size());
    totals.completion = Percent::of(totals.attended, totals.quota);
    totals.pass_rate = Percent::of(totals.passed, totals.attended);
    return totals;
  }
};

// Completion of every row of the year at each due date up to `due`, from the first date any
// of them was due.
Trend trend_of(const ProgressBook& book, const std::vector<const MajorProgress*>& rows,
               const std::vector<ReportProgressRow>& shown, const Date& due) {
  Trend trend;
  std::set<Date> dates;
  for (const MajorProgress* r : rows) {
    for (const Date& d : book.due_dates(*r)) {
      if (d <= due) dates.insert(d);
    }
  }
  trend.dates.assign(dates.begin(), dates.end());
  trend.total.attended.assign(trend.dates.size(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    TrendRow row;
    row.who = shown[i].who;
    row.quota = rows[i]->quota;
    trend.total.quota += row.quota;
    for (std::size_t k = 0; k < trend.dates.size(); ++k) {
      long long attended =
          book.attended_until(rows[i]->pilot->id.value, rows[i]->major, trend.dates[k]);
      row.attended.push_back(attended);
      row.completion.push_back(Percent::of(attended, row.quota));
      trend.total.attended[k] += attended;
    }
    trend.rows.push_back(std::move(row));
  }
  for (long long attended : trend.total.attended) {
    trend.total.completion.push_back(Percent::of(attended, trend.total.quota));
  }
  return trend;
}

}  // namespace

ReportView compute_report(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                          const Date& due) {
  ReportView view;
  view.head = masthead(repo.config, book.as_of());
  view.as_of = book.as_of();
  view.due = due;
  view.previous_due = previous_due_date(repo.config, due);
  const int year = due.year;
  DueDates dates(repo.config);

  Summer school;
  std::map<std::string, std::pair<std::string, Summer>> colleges;
  std::vector<const MajorProgress*> year_rows;
  std::map<std::string, NotReportedRow> not_reported;
  std::map<std::pair<Date, std::string>, MissingReportRow> missing;
  for (const MajorProgress& r : book.rows()) {
    if (views_detail::year_of(r) != year) continue;
    const std::string& pilot_id = r.pilot->id.value;
    ReportProgressRow row;
    row.who = views_detail::identify(repo, r);
    row.quota = r.quota;
    ProgressBook::HeldCounts held = book.held_until(pilot_id, r.major, due);
    row.attended = held.attended;
    row.passed = held.passed;
    row.attended_previous = view.previous_due ? book.attended_until(pilot_id, r.major, *view.previous_due) : 0;
    row.change = row.attended - row.attended_previous;
    row.completion = Percent::of(row.attended, row.quota);
    row.pass_rate = Percent::of(row.passed, row.attended);
    row.planned = r.planned;
    row.met = row.attended >= row.quota;
    row.report = due_report(repo, book, dates, r, due);
    for (const Date& d : book.tally(r).missing_dates) {
      long overdue = days_between(grace_end(repo.config, d), view.as_of);
      missing.try_emplace({d, r.major}, MissingReportRow{row.who, d, overdue});
    }

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
      risk.passed = r.passed;
      risk.planned = r.planned;
      risk.shortfall = r.quota - r.attended - r.planned;
      view.at_risk.push_back(std::move(risk));
    }

    school.add(row);
    auto& [name, college] = colleges[row.who.college];
    name = row.who.college_name;
    college.add(row);
    year_rows.push_back(&r);
    view.rows.push_back(std::move(row));
  }
  view.total = school.finish("", "");
  for (auto& [id, entry] : colleges) {
    if (!id.empty()) view.colleges.push_back(entry.second.finish(id, entry.first));
  }
  if (auto it = colleges.find(""); it != colleges.end()) {
    view.colleges.push_back(it->second.second.finish("", it->second.first));
  }
  ReportHeadline& h = view.headline;
  h.pilots = view.total.pilots;
  h.majors = view.total.majors;
  h.quota = view.total.quota;
  h.attended = view.total.attended;
  h.passed = view.total.passed;
  h.completion = view.total.completion;
  h.pass_rate = view.total.pass_rate;
  h.days_to_year_end = days_between(due, views_detail::year_end(year));
  h.days_left = std::max(0L, days_between(view.as_of, views_detail::year_end(year)));
  for (auto& [key, row] : missing) view.missing.push_back(std::move(row));
  view.trend = trend_of(book, year_rows, view.rows, due);

  for (auto& [major, row] : not_reported) view.not_reported.push_back(std::move(row));
  std::stable_sort(view.at_risk.begin(), view.at_risk.end(), [](const AtRiskRow& a, const AtRiskRow& b) {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    return a.shortfall > b.shortfall;
  });
  view.findings_by_rule = count_by_rule(analysis, year);
  return view;
}

}  // namespace pilot
