#pragma once
// The office's three views (SPEC §4): `status`, `report` and `compliance`, computed from a
// Repository, its ProgressBook and one Analysis. Quota and report arithmetic come only from
// progress.hpp and calendar.hpp; nothing here renders (render.hpp turns views into text).
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/progress.hpp"
#include "pilot/rules.hpp"

namespace pilot {

// A share in tenths of a percent, rounded half up: 18 of 30 is 600 (60.0 %).
struct Percent {
  long long tenths = 0;
  // nullopt when `whole` is not positive (a quota of 0 has no completion).
  static std::optional<Percent> of(long long part, long long whole);
};

// Who a row of a view is about: one major of one approved pilot.
struct PilotMajorId {
  std::string college;           // the major's college id; "" when the major is unknown
  std::string college_name;      // "" when unknown
  std::string major;             // major code
  std::string major_name;        // "" when the major is unknown
  std::string pilot;             // pilot id
  int year = 0;                  // the pilot's year
  std::string certificate;       // certificate id
  std::string certificate_name;  // "" when the certificate is unknown
  std::optional<Level> level;    // nullopt when missing or invalid
  bool lead = false;             // the pilot's lead major (a single-major pilot leads itself)
  std::string contact;           // the dedicated person (专人), "" when missing
};

struct FindingCounts {
  int errors = 0;
  int warnings = 0;
  FindingCounts& operator+=(const FindingCounts& o) {
    errors += o.errors;
    warnings += o.warnings;
    return *this;
  }
};

// Report punctuality counts (from ProgressBook::tally).
struct ReportCounts {
  int due = 0;
  int on_time = 0;
  int late = 0;
  int missing = 0;
  static ReportCounts of(const ReportTally& t) { return {t.due, t.on_time, t.late, t.missing}; }
  ReportCounts& operator+=(const ReportCounts& o) {
    due += o.due;
    on_time += o.on_time;
    late += o.late;
    missing += o.missing;
    return *this;
  }
};

// Which row of a ProgressBook a finding belongs to, so that views can count open findings
// per pilot major. A finding in
//   - a pilot file belongs to the major whose entry (its mapping line through the line of its
//     last key) holds the finding's line, else to the pilot's lead row;
//   - an exam file of the pilot, likewise by result entry, else to the lead row;
//   - the pilot's quota change, or a fund entry naming the pilot, to the lead row;
//   - a report, to the row of (its pilot, its major), else the major's first row of the
//     report's year.
// The lead row is the lead major's row, or the pilot's first row when the lead is unknown.
// Findings anywhere else (colleges, majors, certificates, sites, pilot.toml, pilots that are
// not approved) belong to no row. Built once: O(records); each lookup O(majors of a pilot).
class FindingIndex {
 public:
  FindingIndex(const Repository& repo, const ProgressBook& book);
  // Index into book.rows(), or nullopt.
  std::optional<std::size_t> row_of(const Diagnostic& d) const;

 private:
  struct Span {
    int first_line = 0;
    int last_line = 0;
    std::size_t row = 0;
  };
  struct FileRows {
    std::vector<Span> spans;  // entries of majors, by line
    std::optional<std::size_t> fallback;
  };
  std::unordered_map<std::string, FileRows> files_;
};

// Open findings per row of the book (indexes as book.rows()).
std::vector<FindingCounts> count_findings(const FindingIndex& index, std::size_t row_count,
                                          const std::vector<Diagnostic>& diagnostics);

// Whether a repository-relative file belongs to `year`: files under a year folder
// (pilots/, quota-changes/, exams/, reports/, funds/) of another year do not; files without
// a year (colleges, majors, certificates, sites, pilot.toml) belong to every year.
bool file_in_year(const std::string& file, int year);

// Open (and waived) findings of one rule.
struct RuleCount {
  std::string rule;
  int errors = 0;
  int warnings = 0;
  int waived = 0;
};

// Findings of an analysis in files of `year` (file_in_year), counted by rule, in rule-ID order.
std::vector<RuleCount> count_by_rule(const Analysis& analysis, int year);

// ---- pilot status -------------------------------------------------------------------------

// Empty strings do not filter.
struct StatusFilter {
  int year = 0;
  std::string college;
  std::string major;
  std::string certificate;
};

struct StatusRow {
  PilotMajorId who;
  long long quota = 0;           // effective, after any quota change
  long long original_quota = 0;  // as in the pilot file
  bool quota_changed = false;
  long long registered = 0;
  long long attended = 0;
  long long planned = 0;
  std::optional<Percent> completion;  // attended / quota
  bool met = false;                   // attended >= quota
  bool reachable = false;             // attended + planned >= quota
  ReportCounts reports;
  FindingCounts findings;
};

struct StatusTotals {
  int pilots = 0;  // distinct pilots among the rows
  int majors = 0;  // distinct major codes among the rows
  long long quota = 0;
  long long registered = 0;
  long long attended = 0;
  long long planned = 0;
  std::optional<Percent> completion;
  ReportCounts reports;
  FindingCounts findings;  // the sum of the rows' counts
};

struct StatusView {
  Date as_of;
  StatusFilter filter;
  std::vector<StatusRow> rows;  // the book's order: pilots in file order, majors in pilot order
  StatusTotals totals;
};

StatusView compute_status(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                          const StatusFilter& filter);

// ---- pilot report -------------------------------------------------------------------------

// Where a major stands on the report for the summary's due date.
enum class DueReport {
  on_time,      // filed on or before due + grace
  late,         // filed after due + grace
  missing,      // not filed, and as-of is past due + grace
  pending,      // not filed yet, still within due + grace
  not_due,      // the date is not one of this major's due dates (e.g. before approval)
};
const char* due_report_name(DueReport r);  // "on-time" | "late" | "missing" | "pending" | "not-due"

struct ReportHeadline {
  int pilots = 0;
  int majors = 0;
  long long quota = 0;
  long long attended = 0;  // held batches dated on or before the due date
  std::optional<Percent> completion;
  long days_to_year_end = 0;  // from the due date to 31 Dec of its year
};

struct ReportProgressRow {
  PilotMajorId who;
  long long quota = 0;
  long long attended = 0;           // held batches dated on or before the due date
  long long attended_previous = 0;  // ... on or before the previous due date (0 when none)
  long long change = 0;             // attended - attended_previous
  std::optional<Percent> completion;
  long long planned = 0;
  DueReport report = DueReport::not_due;
  bool at_risk = false;  // listed in ReportView::at_risk
};

// A major that has not filed its report for the due date (once per major).
struct NotReportedRow {
  PilotMajorId who;  // its first row in the year
  bool overdue = false;  // as-of is past due + grace (R601 reports it)
};

// A pilot major whose held + planned attendance (as of --as-of) falls short of its quota.
struct AtRiskRow {
  PilotMajorId who;
  Date deadline;       // 31 Dec of the pilot year
  long days_left = 0;  // from as-of to the deadline
  long long quota = 0;
  long long attended = 0;
  long long planned = 0;
  long long shortfall = 0;  // quota - attended - planned
};

struct ReportView {
  Date as_of;
  Date due;
  // `due` was chosen as the latest due date on or before as-of (no --date); when it lies in an
  // earlier year than as-of (early January), the heading says so.
  bool latest_due = false;
  std::optional<Date> previous_due;
  ReportHeadline headline;
  std::vector<ReportProgressRow> rows;         // pilot majors of the due date's year
  std::vector<NotReportedRow> not_reported;    // in major-code order
  std::vector<AtRiskRow> at_risk;              // soonest deadline, then largest shortfall
  std::vector<RuleCount> findings_by_rule;     // open findings in files of the due date's year
};

// The fortnightly summary for `due` (normally latest_due_date(config, as_of)).
ReportView compute_report(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                          const Date& due);

// ---- pilot compliance ---------------------------------------------------------------------

struct ComplianceRow {
  PilotMajorId who;
  long long quota = 0;
  long long attended = 0;
  bool met = false;
  int points = 0;  // quota_item_points when met, else 0
  ReportCounts reports;
  std::vector<std::string> waivers;  // rule IDs of waived findings of this row, sorted, distinct
  int waived = 0;                    // waived findings of this row
};

struct CollegeCompliance {
  std::string college;  // "" collects majors whose college is unknown
  std::string college_name;
  int rows = 0;  // pilot majors
  int met = 0;
  long long quota = 0;
  long long attended = 0;
  int points = 0;
  int max_points = 0;  // rows * quota_item_points
  ReportCounts reports;
};

struct ComplianceView {
  Date as_of;
  int year = 0;
  bool provisional = false;  // as-of is on or before 31 Dec of the year
  int points_per_item = 0;   // [scoring] quota_item_points
  std::vector<ComplianceRow> rows;
  std::vector<CollegeCompliance> colleges;  // in college-id order
  CollegeCompliance total;                  // college = ""
  std::vector<RuleCount> findings_by_rule;  // open and waived findings in files of the year
};

ComplianceView compute_compliance(const Repository& repo, const ProgressBook& book, const Analysis& analysis,
                                  int year);

// The year `pilot compliance` shows without --year: as-of's year, or the year before while no
// pilot of as-of's year is approved by as-of (status approved, and its `approved` date, when
// valid, not after as-of) — in January, the year just closed.
int default_compliance_year(const Repository& repo, const Date& as_of);

// ---- pilot list ---------------------------------------------------------------------------

// Which records `pilot list` shows; 0 and "" do not filter. docs/list-format.md says what each
// filter means for each kind:
//   - year: pilots by `year`; quota changes by their year folder; exams and funds by `date`,
//     reports by `due` (else their year folder); certificates listed in that year
//     (listed_from <= year <= listed_to); colleges, majors and sites have no year and all stay.
//   - college / major: records that concern it. A pilot concerns its majors and their colleges;
//     a quota change, its pilot's; an exam, its pilot's and those of its results; a report, its
//     major and that major's college; a certificate, the majors (and colleges) of the pilots of
//     it; a college, itself and its majors; a major, itself and its college; a site, its college
//     and that college's majors; a fund, its college and its pilot's majors (without a pilot,
//     its college's majors).
struct ListFilter {
  int year = 0;
  std::string college;
  std::string major;
};

// One record, with what the repository knows beyond its file (effective values).
struct ListEntry {
  const RecordBase* record = nullptr;  // a College, Major, ... as ListView::kind says
  // Pilots: quotas after the quota change in effect (ProgressBook; approved pilots only), one
  // per entry of `majors` in file order (nullopt where the file's quota is missing or invalid
  // and no change sets it); their sum; and whether a change is in effect.
  std::vector<std::optional<long long>> effective_quotas;
  long long quota = 0;  // pilots: the file's quotas summed (ProgressBook::original_quota)
  long long effective_quota = 0;
  bool quota_changed = false;
  std::string effective_lead;  // pilots: lead_major(pilot) (model.hpp), "" when it has none
  bool in_effect = false;      // quota changes: the one that sets its pilot's quota now
};

struct ListView {
  Kind kind = Kind::college;
  ListFilter filter;
  std::vector<ListEntry> entries;  // by file path
};

// The records of `kind` that pass `filter`. O(records of the kind + majors and pilots); the
// entries point into `repo`, which must outlive the view.
ListView compute_list(const Repository& repo, const ProgressBook& book, Kind kind, const ListFilter& filter);

}  // namespace pilot
