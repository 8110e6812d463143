#pragma once
// The fortnightly-report calendar (双周报): due dates, vacations, grace days. SPEC §2.1, R601.
#include <optional>
#include <vector>

#include "pilot/config.hpp"
#include "pilot/date.hpp"

namespace pilot {

// Whether `d` falls inside one of its year's vacations (both ends included). False when the
// year has no [calendar.YEAR].
bool in_vacation(const Config& config, const Date& d);

// Every due date of a year: each `report_days` day of each month that exists (no 30 Feb),
// minus vacation days, ascending. nullopt when pilot.toml lacks [calendar.YEAR].
std::optional<std::vector<Date>> due_dates_of_year(const Config& config, int year);

// The due dates of a major of a pilot of `year` approved on `approved`: strictly after the
// approval date, through 31 Dec of `year`. Empty when the year has no calendar.
std::vector<Date> due_dates_after(const Config& config, int year, const Date& approved);

// The last day a report for `due` counts as on time: due + report_grace_days.
Date grace_end(const Config& config, const Date& due);

// The latest due date on or before `as_of` (of as_of's year, else the year before), or nullopt.
std::optional<Date> latest_due_date(const Config& config, const Date& as_of);

// The due date just before `due` (possibly in the previous year), or nullopt.
std::optional<Date> previous_due_date(const Config& config, const Date& due);

// The vacation that contains `d`: one of its year's, or a neighbouring year's that reaches
// into it (a winter break written under the previous year). nullopt when there is none.
std::optional<DateRange> vacation_containing(const Config& config, const Date& d);

// One `report_days` day of a year that exists in its month, with the vacation it falls in
// (then it is not due).
struct ReportDay {
  Date date;
  std::optional<DateRange> vacation;
};

// Every report day of a year that exists (no 30 Feb), vacation days included and marked,
// ascending. nullopt when pilot.toml lacks [calendar.YEAR].
std::optional<std::vector<ReportDay>> report_days_of_year(const Config& config, int year);

// Day of the week, ISO numbering: 1 = Monday ... 7 = Sunday.
int iso_weekday(const Date& d);

// `pilot calendar`: a year's report days, vacation days included and marked, with the settings
// of pilot.toml that decide them (render.hpp shows it as text, Markdown, CSV and JSON).
struct CalendarView {
  int year = 0;
  Date as_of;
  std::vector<int> report_days;  // Config::report_days (sorted, distinct)
  int report_grace_days = 0;
  std::optional<DateRange> application_window;
  std::vector<DateRange> vacations;  // [calendar.YEAR]'s own, in file order
  std::vector<ReportDay> days;       // report_days_of_year
};

// The calendar of `year`; nullopt when pilot.toml lacks [calendar.YEAR].
std::optional<CalendarView> compute_calendar(const Config& config, int year, const Date& as_of);

}  // namespace pilot
