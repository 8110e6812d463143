#pragma once
// The office's views (SPEC §4): `status`, `report`, `compliance` and `funds`, computed from a
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

// Who issues a view and when (SPEC §5): every human-facing output names the school, the issuing
// office, the as-of date and the date it was made.
struct Masthead {
  std::string school;  // [school] name ("" when pilot.toml has none)
  std::string office;  // [school] office (default 教务处)
  Date as_of;
  // The day the output is made. compute_* set it to as_of; the command line sets today
  // ($PILOT_TODAY pins it, docs/output-formats.md), so that views stay reproducible in tests.
  Date made;
};
Masthead masthead(const Config& config, const Date& as_of);

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
  long long passed = 0;
  long long planned = 0;
  std::optional<Percent> completion;  // attended / quota
  std::optional<Percent> pass_rate;   // passed / attended
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
  long long passed = 0;
  long long planned = 0;
  std::optional<Percent> completion;
  std::optional<Percent> pass_rate;
  ReportCounts reports;
  FindingCounts findings;  // the sum of the rows' counts
};

// The subtotal of one college's rows.
struct StatusCollege {
  std::string college;  // "" collects majors whose college is unknown
  std::string college_name;
  StatusTotals totals;
};

struct StatusView {
  Masthead head;
  Date as_of;
  StatusFilter filter;
  std::vector<StatusRow> rows;  // the book's order: pilots in file order, majors in pilot order
  std::vector<StatusCollege> colleges;  // in college-id order, the unknown college last
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
  long long passed = 0;    // ... of the same batches
  std::optional<Percent> completion;
  std::optional<Percent> pass_rate;
  long days_to_year_end = 0;  // from the due date to 31 Dec of its year (JSON, as before)
  long days_left = 0;         // from as-of to 31 Dec of the due date's year; 0 once it is past
};

struct ReportProgressRow {
  PilotMajorId who;
  long long quota = 0;
  long long attended = 0;           // held batches dated on or before the due date
  long long attended_previous = 0;  // ... on or before the previous due date (0 when none)
  long long change = 0;             // attended - attended_previous
  long long passed = 0;             // of the batches counted in attended
  std::optional<Percent> completion;
  std::optional<Percent> pass_rate;  // passed / attended
  long long planned = 0;
  DueReport report = DueReport::not_due;
  bool met = false;      // attended (at the due date) >= quota
  bool at_risk = false;  // listed in ReportView::at_risk: held + planned as of as-of fall short
};

// The progress rows of one college summed, or of the whole school (college "").
struct ReportTotals {
  std::string college;  // "" for the school, and for majors whose college is unknown
  std::string college_name;
  int pilots = 0;  // distinct pilots
  int majors = 0;  // distinct major codes
  long long quota = 0;
  long long attended = 0;
  long long attended_previous = 0;
  long long change = 0;
  long long passed = 0;
  long long planned = 0;
  std::optional<Percent> completion;
  std::optional<Percent> pass_rate;
};

// One report of the year that is missing as of as-of (its due date + grace has passed).
struct MissingReportRow {
  PilotMajorId who;  // the major's first row in the year
  Date due;
  long days_overdue = 0;  // from due + grace to as-of
};

// The year's trend: completion of every pilot major at each due date of the year up to the
// summary's, from the first date any of them was due (held batches up to each date).
struct TrendRow {
  PilotMajorId who;  // empty for the school's row
  long long quota = 0;
  std::vector<long long> attended;                 // one per Trend::dates
  std::vector<std::optional<Percent>> completion;  // one per Trend::dates
};
struct Trend {
  std::vector<Date> dates;
  std::vector<TrendRow> rows;  // as ReportView::rows
  TrendRow total;              // the school
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
  long long passed = 0;
  long long planned = 0;
  long long shortfall = 0;  // quota - attended - planned
};

struct ReportView {
  Masthead head;
  Date as_of;
  Date due;
  // `due` was chosen as the latest due date on or before as-of (no --date); when it lies in an
  // earlier year than as-of (early January), the heading says so.
  bool latest_due = false;
  std::optional<Date> previous_due;
  ReportHeadline headline;
  std::vector<ReportProgressRow> rows;         // pilot majors of the due date's year
  std::vector<ReportTotals> colleges;  // rows per college, in college-id order (unknown last)
  ReportTotals total;                  // all rows
  std::vector<NotReportedRow> not_reported;    // in major-code order
  std::vector<MissingReportRow> missing;       // every missing report of the year: by due, major
  std::vector<AtRiskRow> at_risk;              // soonest deadline, then largest shortfall
  Trend trend;
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
  long long passed = 0;
  std::optional<Percent> pass_rate;  // passed / attended
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
  long long passed = 0;
  int points = 0;
  int max_points = 0;  // rows * quota_item_points
  ReportCounts reports;
};

struct ComplianceView {
  Masthead head;
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

// ---- pilot funds --------------------------------------------------------------------------

// year 0 does not filter (the command line passes as-of's year); college "" does not filter.
struct FundsFilter {
  int year = 0;
  std::string college;
};

// The year of a fund entry: its `date`'s, else its year folder's (pilot list --year too).
int fund_year(const Fund& fund);

// Income and expense over fund entries whose direction and amount are valid.
struct FundSum {
  long long income_fen = 0;
  long long expense_fen = 0;
  int entries = 0;  // entries counted
  long long balance_fen() const { return income_fen - expense_fen; }
  void add(const Fund& f);
};

// One entry with its college's name and the open findings in its file (R402, R403, S002 ...).
struct FundEntryRow {
  const Fund* fund = nullptr;               // points into the repository
  std::string college_name;                 // "" when the college is unknown
  std::vector<const Diagnostic*> findings;  // point into the analysis, in its order
};

struct FundsCollege {
  std::string college;  // "" collects entries whose college is unknown, and the school total
  std::string college_name;
  FundSum sum;
  // Sums per category and per source, in the enums' order; nullopt collects entries whose
  // category (source) is missing or invalid. Only those with entries are listed.
  std::vector<std::pair<std::optional<FundCategory>, FundSum>> by_category;
  std::vector<std::pair<std::optional<FundSource>, FundSum>> by_source;
  FindingCounts findings;  // open findings in its entries' files
};

struct FundsView {
  Masthead head;
  Date as_of;
  FundsFilter filter;
  std::vector<FundEntryRow> entries;   // by date (undated last), then file
  std::vector<FundsCollege> colleges;  // in college-id order, the unknown college last
  FundsCollege total;                  // the school (college "")
};

// The fund entries of `filter`; the view points into `repo` and `analysis`, which must outlive it.
FundsView compute_funds(const Repository& repo, const Analysis& analysis, const Date& as_of,
                        const FundsFilter& filter);

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
