#pragma once
// Quota and report arithmetic in one place (三(五)1, 三(五)2, 三(六)2): effective quotas after
// quota changes, attended from held batches, what planned batches can add, and report
// punctuality. Rules (R309, R501, R601, R602, R605) and views (status, report, compliance)
// all use this; nothing computes these twice.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/repository.hpp"

namespace pilot {

// The pilot record that `id` names when it is approved and has a valid year (the first record
// of that id, as the repository indexes it), else nullptr. "Belongs to an approved pilot" in
// SPEC §2.2 means this is not null.
const Pilot* approved_pilot(const Repository& repo, const std::string& id);

// The order of quota changes: dated ones by `submitted`, undated after them, then by file.
bool quota_change_before(const QuotaChange* a, const QuotaChange* b);

// One major of one approved pilot.
struct MajorProgress {
  const Pilot* pilot = nullptr;
  const PilotMajor* entry = nullptr;  // the major's entry in the pilot file
  std::string major;                  // major code
  long long original_quota = 0;       // from the pilot file (0 when missing or invalid)
  long long quota = 0;                // effective: after the quota change, if any
  bool quota_changed = false;
  // Held batches of this pilot dated within the pilot year and not after as-of:
  long long registered = 0;
  long long attended = 0;
  long long passed = 0;
  // Planned batches of this pilot dated within the pilot year and on or after as-of (seats
  // expected to fill); a planned batch dated before as-of counts nothing (R505):
  long long planned = 0;
  bool met() const { return attended >= quota; }
  bool reachable() const { return attended + planned >= quota; }
};

// Report punctuality of one major of one approved pilot, as of a date.
struct ReportTally {
  int due = 0;      // due dates so far: those with due + grace < as-of, or already reported
  int on_time = 0;  // submitted on or before due + grace
  int late = 0;     // submitted after due + grace
  int missing = 0;  // no report and as-of > due + grace
  std::vector<Date> missing_dates;
  std::vector<Date> late_dates;
};

class ProgressBook {
 public:
  ProgressBook(const Repository& repo, const Date& as_of);

  // One row per (approved pilot, major), pilots in file order, majors in pilot order.
  const std::vector<MajorProgress>& rows() const { return rows_; }
  const MajorProgress* find(const std::string& pilot_id, const std::string& major) const;

  // The quota change that applies to a pilot (the last by `submitted`), or nullptr.
  const QuotaChange* quota_change(const std::string& pilot_id) const;

  // Attended of a pilot's major over held batches dated within the pilot year up to `until`.
  long long attended_until(const std::string& pilot_id, const std::string& major, const Date& until) const;
  // Attended and passed over the same batches (the views' pass rates at a due date).
  struct HeldCounts {
    long long attended = 0;
    long long passed = 0;
  };
  HeldCounts held_until(const std::string& pilot_id, const std::string& major,
                        const Date& until) const;

  // The report a major filed for a due date (any of its pilots), or nullptr.
  const Report* report(const std::string& major, const Date& due) const;

  // Punctuality of a row as of the book's date (empty when its year has no calendar). A report
  // file that exists at reports/<Y>/<major>/<due>.yaml but could not be read (S001, S005, or an
  // invalid major or due: S002) is neither on time nor missing: its own finding stands.
  ReportTally tally(const MajorProgress& row) const;

  // Approved pilots a major takes part in, in a year.
  std::vector<const Pilot*> pilots_of(const std::string& major, int year) const;

  // The due dates of a row: its pilot's report days after the approval date (calendar.hpp);
  // empty when its year has no calendar or the approval date is not valid.
  std::vector<Date> due_dates(const MajorProgress& row) const;

  // The due dates of a major in a year over all its approved pilots (union, ascending): the
  // dates a report of that major may be filed for.
  std::vector<Date> due_dates_of_major(const std::string& major, int year) const;

  // Every quota change naming an approved pilot, ordered by `submitted` (undated last), then
  // by file: the first is the pilot's first change; quota_change() is the last of them.
  const std::vector<const QuotaChange*>& quota_changes_of(const std::string& pilot_id) const;

  // The pilot's quota before any quota change: the sum of its majors' valid quotas.
  long long original_quota(const Pilot& pilot) const;

  const Date& as_of() const { return as_of_; }

 private:
  const Repository& repo_;
  Date as_of_;
  std::vector<MajorProgress> rows_;
  std::map<std::pair<std::string, std::string>, std::size_t> row_index_;
  std::map<std::string, const QuotaChange*> changes_;
  std::map<std::string, std::vector<const QuotaChange*>> change_lists_;
  std::map<std::pair<std::string, int>, std::vector<const Pilot*>> pilots_by_major_;
  std::map<std::pair<std::string, Date>, const Report*> reports_;
  // (pilot, major) -> held batches (date, attended, passed) sorted by date, within the pilot year.
  std::map<std::pair<std::string, std::string>, std::vector<std::tuple<Date, long long, long long>>>
      held_;
  // (major folder, file stem) of report files that exist but name no readable (major, due).
  std::set<std::pair<std::string, std::string>> unreadable_reports_;
  // Due dates of each year that has approved pilots and a calendar (calendar.hpp), computed once.
  std::map<int, std::vector<Date>> year_due_dates_;
};

}  // namespace pilot
