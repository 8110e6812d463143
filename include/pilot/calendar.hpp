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

// One `report_days` day of a year that exists in its month; `vacation` when it falls in a
// vacation (then it is not due). For `pilot calendar`.
struct ReportDay {
  Date date;
  bool vacation = false;
};

// Every report day of a year that exists (no 30 Feb), vacation days included and marked,
// ascending. nullopt when pilot.toml lacks [calendar.YEAR].
std::optional<std::vector<ReportDay>> report_days_of_year(const Config& config, int year);

// Day of the week, ISO numbering: 1 = Monday ... 7 = Sunday.
int iso_weekday(const Date& d);

}  // namespace pilot
