// ProgressBook: every index is built once in the constructor; queries are map look-ups.
#include "pilot/progress.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pilot/calendar.hpp"

namespace pilot {

namespace {

bool is_approved(const Pilot& p) {
  return p.status.valid && p.status.value == PilotStatus::approved && p.year.valid && p.id.valid;
}

long long quota_of(const PilotMajor& pm) { return pm.quota.valid ? std::max(0LL, pm.quota.value) : 0; }

// (major folder, stem) of a path reports/<year>/<major>/<stem>.<ext>, else nullopt.
std::optional<std::pair<std::string, std::string>> report_place(const std::string& file) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t slash; (slash = file.find('/', start)) != std::string::npos; start = slash + 1) {
    parts.push_back(file.substr(start, slash - start));
  }
  parts.push_back(file.substr(start));
  if (parts.size() != 4 || parts[0] != "reports") return std::nullopt;
  auto dot = parts[3].rfind('.');
  return std::pair{parts[2], dot == std::string::npos ? parts[3] : parts[3].substr(0, dot)};
}

}  // namespace

bool quota_change_before(const QuotaChange* a, const QuotaChange* b) {
  if (a->submitted.valid != b->submitted.valid) return a->submitted.valid;
  if (a->submitted.valid && a->submitted.value != b->submitted.value)
    return a->submitted.value < b->submitted.value;
  return a->file < b->file;
}

const Pilot* approved_pilot(const Repository& repo, const std::string& id) {
  const Pilot* p = repo.pilot(id);
  return p != nullptr && is_approved(*p) ? p : nullptr;
}

ProgressBook::ProgressBook(const Repository& repo, const Date& as_of) : repo_(repo), as_of_(as_of) {
  for (const auto& q : repo.quota_changes) {
    if (q.pilot.valid && approved_pilot(repo, q.pilot.value) != nullptr) change_lists_[q.pilot.value].push_back(&q);
  }
  for (auto& [id, list] : change_lists_) {
    std::sort(list.begin(), list.end(), quota_change_before);
    changes_[id] = list.back();
  }

  for (const auto& p : repo.pilots) {
    if (!is_approved(p) || repo.pilot(p.id.value) != &p) continue;  // duplicates: S003
    if (!year_due_dates_.contains(p.year.value)) {
      year_due_dates_[p.year.value] = due_dates_of_year(repo.config, p.year.value).value_or(std::vector<Date>{});
    }
    const QuotaChange* change = quota_change(p.id.value);
    bool single = p.majors.value.size() == 1;
    for (const auto& pm : p.majors.value) {
      if (!pm.major.valid) continue;
      MajorProgress row;
      row.pilot = &p;
      row.entry = &pm;
      row.major = pm.major.value;
      row.original_quota = quota_of(pm);
      row.quota = row.original_quota;
      if (change != nullptr) {
        bool found = false;
        if (change->breakdown.valid) {
          for (const auto& [code, n] : change->breakdown.value) {
            if (code.valid && code.value == row.major && n.valid) {
              row.quota = n.value;
              found = true;
            }
          }
        }
        if (!found && single && change->revised.valid) {
          row.quota = change->revised.value;
          found = true;
        }
        row.quota_changed = found;
      }
      if (row_index_.emplace(std::pair{p.id.value, row.major}, rows_.size()).second) {
        auto& list = pilots_by_major_[{row.major, p.year.value}];
        if (std::find(list.begin(), list.end(), &p) == list.end()) list.push_back(&p);
        rows_.push_back(std::move(row));
      }
    }
  }

  for (const auto& e : repo.exams) {
    if (!e.pilot.valid || !e.date.valid || !e.status.valid || !e.results.valid) continue;
    const Pilot* p = approved_pilot(repo, e.pilot.value);
    if (p == nullptr || e.date.value.year != p->year.value) continue;
    for (const auto& r : e.results.value) {
      if (!r.major.valid) continue;
      auto it = row_index_.find({e.pilot.value, r.major.value});
      if (it == row_index_.end()) continue;  // a major not in the pilot: R504
      MajorProgress& row = rows_[it->second];
      if (e.status.value == ExamStatus::planned) {
        // A planned batch dated before as-of will not happen as planned: R505.
        if (r.registered.valid && !(e.date.value < as_of)) row.planned += r.registered.value;
        continue;
      }
      if (r.attended.valid || r.passed.valid) {
        held_[{e.pilot.value, r.major.value}].emplace_back(e.date.value,
                                                           r.attended.valid ? r.attended.value : 0,
                                                           r.passed.valid ? r.passed.value : 0);
      }
      if (e.date.value > as_of) continue;  // held "in the future": R504
      if (r.registered.valid) row.registered += r.registered.value;
      if (r.attended.valid) row.attended += r.attended.value;
      if (r.passed.valid) row.passed += r.passed.value;
    }
  }
  for (auto& [key, batches] : held_) std::sort(batches.begin(), batches.end());

  // Report files with load findings (few) that did not become a record are unreadable.
  std::set<std::string> troubled;
  for (const auto& d : repo.load_diagnostics) {
    if (d.file.starts_with("reports/")) troubled.insert(d.file);
  }
  for (const auto& r : repo.reports) {
    if (!troubled.empty()) troubled.erase(r.file);
    if (r.major.valid && r.due.valid) {
      reports_.emplace(std::pair{r.major.value, r.due.value}, &r);
    } else {
      unreadable_reports_.emplace(r.folder_major, r.stem);
    }
  }
  for (const auto& file : troubled) {
    if (auto place = report_place(file)) unreadable_reports_.insert(*place);
  }
}

const MajorProgress* ProgressBook::find(const std::string& pilot_id, const std::string& major) const {
  auto it = row_index_.find({pilot_id, major});
  return it == row_index_.end() ? nullptr : &rows_[it->second];
}

const QuotaChange* ProgressBook::quota_change(const std::string& pilot_id) const {
  auto it = changes_.find(pilot_id);
  return it == changes_.end() ? nullptr : it->second;
}

const std::vector<const QuotaChange*>& ProgressBook::quota_changes_of(const std::string& pilot_id) const {
  static const std::vector<const QuotaChange*> k_none;
  auto it = change_lists_.find(pilot_id);
  return it == change_lists_.end() ? k_none : it->second;
}

long long ProgressBook::original_quota(const Pilot& pilot) const {
  long long sum = 0;
  for (const auto& pm : pilot.majors.value) sum += quota_of(pm);
  return sum;
}

long long ProgressBook::attended_until(const std::string& pilot_id, const std::string& major, const Date& until) const {
  return held_until(pilot_id, major, until).attended;
}

ProgressBook::HeldCounts ProgressBook::held_until(const std::string& pilot_id,
                                                  const std::string& major,
                                                  const Date& until) const {
  HeldCounts sum;
  auto it = held_.find({pilot_id, major});
  if (it == held_.end()) return sum;
  Date last = std::min(until, as_of_);
  for (const auto& [date, attended, passed] : it->second) {
    if (date > last) break;
    sum.attended += attended;
    sum.passed += passed;
  }
  return sum;
}

const Report* ProgressBook::report(const std::string& major, const Date& due) const {
  auto it = reports_.find({major, due});
  return it == reports_.end() ? nullptr : it->second;
}

// Same as due_dates_after() (calendar.hpp), from the per-year cache.
std::vector<Date> ProgressBook::due_dates(const MajorProgress& row) const {
  if (row.pilot == nullptr || !row.pilot->year.valid || !row.pilot->approved.valid) return {};
  auto it = year_due_dates_.find(row.pilot->year.value);
  if (it == year_due_dates_.end()) return due_dates_after(repo_.config, row.pilot->year.value, row.pilot->approved.value);
  auto first = std::upper_bound(it->second.begin(), it->second.end(), row.pilot->approved.value);
  return {first, it->second.end()};
}

std::vector<Date> ProgressBook::due_dates_of_major(const std::string& major, int year) const {
  // Every pilot's dates are a suffix of the year's: the union starts after the earliest approval.
  std::optional<Date> earliest;
  for (const Pilot* p : pilots_of(major, year)) {
    if (p->approved.valid && (!earliest || p->approved.value < *earliest)) earliest = p->approved.value;
  }
  if (!earliest) return {};
  auto it = year_due_dates_.find(year);
  if (it == year_due_dates_.end()) return due_dates_after(repo_.config, year, *earliest);
  auto first = std::upper_bound(it->second.begin(), it->second.end(), *earliest);
  return {first, it->second.end()};
}

ReportTally ProgressBook::tally(const MajorProgress& row) const {
  ReportTally t;
  for (const auto& due : due_dates(row)) {
    Date last_on_time = grace_end(repo_.config, due);
    if (const Report* r = report(row.major, due)) {
      ++t.due;
      // A report without a valid `submitted` date (S002) is not counted late.
      if (r->submitted.valid && r->submitted.value > last_on_time) {
        ++t.late;
        t.late_dates.push_back(due);
      } else {
        ++t.on_time;
      }
    } else if (unreadable_reports_.contains({row.major, due.str()})) {
      continue;  // the file is there but unreadable: S001/S002/S005 report it
    } else if (as_of_ > last_on_time) {
      ++t.due;
      ++t.missing;
      t.missing_dates.push_back(due);
    }
  }
  return t;
}

std::vector<const Pilot*> ProgressBook::pilots_of(const std::string& major, int year) const {
  auto it = pilots_by_major_.find({major, year});
  return it == pilots_by_major_.end() ? std::vector<const Pilot*>{} : it->second;
}

}  // namespace pilot
