// The fortnightly-report calendar: report days, vacations, grace days, latest/previous due dates.
#include "pilot/calendar.hpp"

#include <algorithm>

namespace pilot {

std::optional<DateRange> vacation_containing(const Config& config, const Date& d) {
  // A vacation written under a neighbouring year that reaches into this one counts too
  // (a winter break listed as ["2026-12-26", "2027-01-10"] under [calendar.2026]).
  for (int y = d.year - 1; y <= d.year + 1; ++y) {
    const YearCalendar* cal = config.calendar(y);
    if (cal == nullptr) continue;
    for (const auto& v : cal->vacations) {
      if (v.contains(d)) return v;
    }
  }
  return std::nullopt;
}

bool in_vacation(const Config& config, const Date& d) {
  return config.calendar(d.year) != nullptr && vacation_containing(config, d).has_value();
}

std::optional<std::vector<ReportDay>> report_days_of_year(const Config& config, int year) {
  if (config.calendar(year) == nullptr) return std::nullopt;
  std::vector<int> days = config.report_days;
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::vector<ReportDay> out;
  for (int month = 1; month <= 12; ++month) {
    for (int day : days) {
      if (day < 1 || day > days_in_month(year, month)) continue;
      Date d{year, month, day};
      out.push_back({d, vacation_containing(config, d)});
    }
  }
  return out;
}

std::optional<std::vector<Date>> due_dates_of_year(const Config& config, int year) {
  auto days = report_days_of_year(config, year);
  if (!days) return std::nullopt;
  std::vector<Date> out;
  out.reserve(days->size());
  for (const auto& rd : *days) {
    if (!rd.vacation) out.push_back(rd.date);
  }
  return out;
}

std::vector<Date> due_dates_after(const Config& config, int year, const Date& approved) {
  auto all = due_dates_of_year(config, year);
  if (!all) return {};
  std::vector<Date> out;
  for (const auto& d : *all) {
    if (d > approved) out.push_back(d);
  }
  return out;
}

Date grace_end(const Config& config, const Date& due) { return due.plus_days(config.report_grace_days); }

std::optional<Date> latest_due_date(const Config& config, const Date& as_of) {
  for (int year : {as_of.year, as_of.year - 1}) {
    auto all = due_dates_of_year(config, year);
    if (!all) continue;
    auto it = std::upper_bound(all->begin(), all->end(), as_of);  // first due date > as_of
    if (it != all->begin()) return *std::prev(it);
  }
  return std::nullopt;
}

std::optional<Date> previous_due_date(const Config& config, const Date& due) {
  for (int year : {due.year, due.year - 1}) {
    auto all = due_dates_of_year(config, year);
    if (!all) continue;
    auto it = std::lower_bound(all->begin(), all->end(), due);  // first due date >= due
    if (it != all->begin()) return *std::prev(it);
  }
  return std::nullopt;
}

int iso_weekday(const Date& d) {
  long days = d.to_days();  // 1970-01-01 was a Thursday (ISO 4)
  long r = (days + 3) % 7;
  if (r < 0) r += 7;
  return static_cast<int>(r) + 1;
}

std::optional<CalendarView> compute_calendar(const Config& config, int year, const Date& as_of) {
  const YearCalendar* cal = config.calendar(year);
  auto days = report_days_of_year(config, year);
  if (cal == nullptr || !days) return std::nullopt;
  CalendarView view;
  view.year = cal->year;
  view.as_of = as_of;
  view.report_days = config.report_days;
  view.report_grace_days = config.report_grace_days;
  view.application_window = cal->application_window;
  view.vacations = cal->vacations;
  view.days = std::move(*days);
  return view;
}

}  // namespace pilot
