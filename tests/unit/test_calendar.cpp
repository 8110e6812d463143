// calendar.hpp: report days, vacations, approval dates, leap years, 31 Dec, grace days.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pilot/calendar.hpp"

using namespace pilot;

namespace {

Date d(const char* text) {
  auto parsed = Date::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

std::vector<std::string> strs(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (const auto& x : dates) out.push_back(x.str());
  return out;
}

// A pilot.toml with the given [calendar] lines and one year table; `s007` findings expected
// (a report day 29–31 is S007, SPEC §2.1, yet still used in the months that have it).
Config config_with(const std::string& calendar, const std::string& year_table, std::size_t s007 = 0) {
  Config c = parse_config("[school]\nname = \"t\"\n[calendar]\n" + calendar + "\n" + year_table + "\n");
  REQUIRE(c.diagnostics.size() == s007);
  return c;
}

const std::string k_2026 =
    "[calendar.2026]\napplication_window = [\"2026-03-01\", \"2026-05-31\"]\n"
    "vacations = [[\"2026-01-17\", \"2026-02-22\"], [\"2026-07-11\", \"2026-08-30\"]]\n";

}  // namespace

TEST_CASE("calendar: due dates of a year skip vacations, both ends included") {
  Config c = config_with("report_days = [10, 20]\nreport_grace_days = 0", k_2026);
  auto all = due_dates_of_year(c, 2026);
  REQUIRE(all.has_value());
  // 12 months x 2 days = 24, minus 01-20, 02-10, 02-20 (winter) and 07-20, 08-10, 08-20 (summer).
  CHECK(all->size() == 18);
  CHECK(strs(*all).front() == "2026-01-10");
  CHECK(strs(*all).back() == "2026-12-20");
  for (const char* skipped : {"2026-01-20", "2026-02-10", "2026-02-20", "2026-07-20", "2026-08-10", "2026-08-20"}) {
    INFO(skipped);
    CHECK(in_vacation(c, d(skipped)));
    CHECK(std::find(all->begin(), all->end(), d(skipped)) == all->end());
  }
  CHECK_FALSE(in_vacation(c, d("2026-07-10")));
  CHECK(in_vacation(c, d("2026-07-11")));  // first day of the vacation
  CHECK(in_vacation(c, d("2026-08-30")));  // last day of the vacation
  CHECK_FALSE(in_vacation(c, d("2026-08-31")));

  SUBCASE("a vacation that starts or ends exactly on a due date swallows it") {
    Config edge = config_with("report_days = [10, 20]", "[calendar.2026]\nvacations = [[\"2026-07-10\", \"2026-08-20\"]]\n");
    auto dates = strs(*due_dates_of_year(edge, 2026));
    CHECK(std::find(dates.begin(), dates.end(), "2026-07-10") == dates.end());
    CHECK(std::find(dates.begin(), dates.end(), "2026-08-20") == dates.end());
    CHECK(std::find(dates.begin(), dates.end(), "2026-06-20") != dates.end());
    CHECK(std::find(dates.begin(), dates.end(), "2026-09-10") != dates.end());
  }

  SUBCASE("report_days listing shows the vacation days, marked") {
    auto days = report_days_of_year(c, 2026);
    REQUIRE(days.has_value());
    CHECK(days->size() == 24);
    int marked = 0;
    for (const auto& rd : *days) marked += rd.vacation ? 1 : 0;
    CHECK(marked == 6);
  }
}

TEST_CASE("calendar: due dates start strictly after the approval date") {
  Config c = config_with("report_days = [10, 20]", k_2026);
  SUBCASE("approval on a due day: that day is not due") {
    auto dates = strs(due_dates_after(c, 2026, d("2026-10-10")));
    CHECK(dates == std::vector<std::string>{"2026-10-20", "2026-11-10", "2026-11-20", "2026-12-10", "2026-12-20"});
  }
  SUBCASE("approval the day before a due day: that day is due") {
    auto dates = strs(due_dates_after(c, 2026, d("2026-10-09")));
    REQUIRE_FALSE(dates.empty());
    CHECK(dates.front() == "2026-10-10");
  }
  SUBCASE("approval during the summer vacation: the first due date is after it") {
    auto dates = strs(due_dates_after(c, 2026, d("2026-07-15")));
    REQUIRE_FALSE(dates.empty());
    CHECK(dates.front() == "2026-09-10");
  }
  SUBCASE("approval after the last due date of the year: nothing is due") {
    CHECK(due_dates_after(c, 2026, d("2026-12-20")).empty());
  }
  SUBCASE("a year without [calendar.YEAR]: no due dates, no vacation, nullopt") {
    CHECK(due_dates_after(c, 2027, d("2027-06-01")).empty());
    CHECK_FALSE(due_dates_of_year(c, 2027).has_value());
    CHECK_FALSE(report_days_of_year(c, 2027).has_value());
    CHECK_FALSE(in_vacation(c, d("2027-07-20")));
  }
}

TEST_CASE("calendar: report days that a month lacks are skipped, leap years included") {
  Config c = config_with("report_days = [10, 29, 30, 31]",
                         "[calendar.2028]\nvacations = []\n[calendar.2026]\nvacations = []\n[calendar.2100]\nvacations = []\n", 3);
  auto leap = strs(*due_dates_of_year(c, 2028));
  auto has = [](const std::vector<std::string>& v, const char* s) { return std::find(v.begin(), v.end(), s) != v.end(); };
  CHECK(has(leap, "2028-02-29"));
  CHECK_FALSE(has(leap, "2028-02-30"));
  CHECK_FALSE(has(leap, "2028-02-31"));
  CHECK_FALSE(has(leap, "2028-04-31"));
  CHECK(has(leap, "2028-04-30"));
  CHECK(has(leap, "2028-12-31"));
  // 7 months of 31 days x 4 + 4 months of 30 x 3 + Feb (10, 29) = 28 + 12 + 2.
  CHECK(leap.size() == 42);

  auto common = strs(*due_dates_of_year(c, 2026));
  CHECK_FALSE(has(common, "2026-02-29"));
  CHECK(has(common, "2026-02-10"));
  CHECK(common.size() == 41);

  auto century = strs(*due_dates_of_year(c, 2100));  // 2100 is not a leap year
  CHECK_FALSE(has(century, "2100-02-29"));
}

TEST_CASE("calendar: 31 Dec is the last possible due date, nothing spills into the next year") {
  Config c = config_with("report_days = [10, 31]", k_2026, 1);
  auto dates = strs(due_dates_after(c, 2026, d("2026-12-10")));
  CHECK(dates == std::vector<std::string>{"2026-12-31"});
  CHECK(*latest_due_date(c, d("2026-12-31")) == d("2026-12-31"));
  CHECK(*latest_due_date(c, d("2026-12-30")) == d("2026-12-10"));
  // 2027 has no calendar: the latest due date as of early 2027 is the last one of 2026.
  CHECK(*latest_due_date(c, d("2027-01-05")) == d("2026-12-31"));
}

TEST_CASE("calendar: latest and previous due dates") {
  Config c = config_with("report_days = [10, 20]",
                         k_2026 + "[calendar.2027]\nvacations = [[\"2027-01-16\", \"2027-02-21\"]]\n");
  CHECK(*latest_due_date(c, d("2026-11-10")) == d("2026-11-10"));  // on the due day itself
  CHECK(*latest_due_date(c, d("2026-11-15")) == d("2026-11-10"));
  CHECK(*latest_due_date(c, d("2026-08-25")) == d("2026-07-10"));  // summer vacation
  CHECK(*latest_due_date(c, d("2027-01-09")) == d("2026-12-20"));  // the year before
  CHECK(*latest_due_date(c, d("2027-01-10")) == d("2027-01-10"));
  CHECK_FALSE(latest_due_date(c, d("2026-01-09")).has_value());  // 2025 has no calendar

  CHECK(*previous_due_date(c, d("2026-11-20")) == d("2026-11-10"));
  CHECK(*previous_due_date(c, d("2026-09-10")) == d("2026-07-10"));
  CHECK(*previous_due_date(c, d("2027-01-10")) == d("2026-12-20"));
  CHECK(*previous_due_date(c, d("2027-03-10")) == d("2027-01-10"));  // skips the winter vacation
  CHECK_FALSE(previous_due_date(c, d("2026-01-10")).has_value());
}

TEST_CASE("calendar: grace days move the last on-time day, across month and year ends") {
  Config none = config_with("report_days = [10, 20]\nreport_grace_days = 0", k_2026);
  CHECK(grace_end(none, d("2026-11-10")) == d("2026-11-10"));
  Config three = config_with("report_days = [10, 20]\nreport_grace_days = 3", k_2026);
  CHECK(grace_end(three, d("2026-11-10")) == d("2026-11-13"));
  CHECK(grace_end(three, d("2026-11-30")) == d("2026-12-03"));
  CHECK(grace_end(three, d("2026-12-30")) == d("2027-01-02"));
}

TEST_CASE("calendar: a vacation written under the previous year that reaches into this one counts") {
  Config c = config_with("report_days = [10, 20]",
                         "[calendar.2026]\nvacations = [[\"2026-12-15\", \"2027-01-12\"]]\n[calendar.2027]\nvacations = []\n");
  CHECK(in_vacation(c, d("2026-12-20")));
  CHECK(in_vacation(c, d("2027-01-10")));
  CHECK_FALSE(in_vacation(c, d("2027-01-20")));
  CHECK(strs(*due_dates_of_year(c, 2027)).front() == "2027-01-20");
}

TEST_CASE("calendar: a vacation written under the next year that reaches back into this one") {
  // The winter break of the 2026/27 school year listed under [calendar.2027]: the 2026 due
  // dates it covers are not due, those before it are.
  Config c = config_with("report_days = [10, 20]",
                         "[calendar.2026]\nvacations = []\n[calendar.2027]\n"
                         "vacations = [[\"2026-12-15\", \"2027-02-20\"]]\n");
  CHECK_FALSE(in_vacation(c, d("2026-12-14")));
  CHECK(in_vacation(c, d("2026-12-15")));
  CHECK(in_vacation(c, d("2026-12-20")));
  auto dates = strs(*due_dates_of_year(c, 2026));
  REQUIRE(dates.size() == 23);
  CHECK(dates.back() == "2026-12-10");
  CHECK(strs(*due_dates_of_year(c, 2027)).front() == "2027-03-10");
}

TEST_CASE("calendar: ISO weekday") {
  CHECK(iso_weekday(d("1970-01-01")) == 4);  // Thursday
  CHECK(iso_weekday(d("2026-11-26")) == 4);
  CHECK(iso_weekday(d("2026-01-10")) == 6);  // Saturday
  CHECK(iso_weekday(d("2026-01-11")) == 7);  // Sunday
  CHECK(iso_weekday(d("2026-01-12")) == 1);  // Monday
  CHECK(iso_weekday(d("2024-02-29")) == 4);
  CHECK(iso_weekday(d("1969-12-31")) == 3);  // before the epoch
}

TEST_CASE("calendar: vacation_containing names the vacation, a neighbouring year's included") {
  Config c = config_with("report_days = [10, 20]",
                         "[calendar.2026]\nvacations = [[\"2026-07-11\", \"2026-08-30\"], [\"2026-12-15\", \"2027-01-12\"]]\n"
                         "[calendar.2027]\nvacations = []\n");
  auto summer = vacation_containing(c, d("2026-07-20"));
  REQUIRE(summer.has_value());
  CHECK(summer->from.str() == "2026-07-11");
  auto winter = vacation_containing(c, d("2027-01-10"));  // written under 2026
  REQUIRE(winter.has_value());
  CHECK(winter->to.str() == "2027-01-12");
  CHECK_FALSE(vacation_containing(c, d("2027-01-13")).has_value());
  CHECK_FALSE(vacation_containing(c, d("2026-07-10")).has_value());
}

TEST_CASE("calendar: compute_calendar holds the year's report days and settings") {
  Config c = config_with("report_days = [20, 10]\nreport_grace_days = 2", k_2026);
  auto view = compute_calendar(c, 2026, d("2026-11-26"));
  REQUIRE(view.has_value());
  CHECK(view->year == 2026);
  CHECK(view->as_of.str() == "2026-11-26");
  CHECK(view->report_days == std::vector<int>{10, 20});  // sorted by the config
  CHECK(view->report_grace_days == 2);
  REQUIRE(view->application_window.has_value());
  CHECK(view->application_window->to.str() == "2026-05-31");
  CHECK(view->vacations.size() == 2);
  REQUIRE(view->days.size() == 24);
  CHECK(view->days[0].date.str() == "2026-01-10");
  CHECK_FALSE(view->days[0].vacation.has_value());
  CHECK(view->days[1].date.str() == "2026-01-20");
  REQUIRE(view->days[1].vacation.has_value());
  CHECK(view->days[1].vacation->from.str() == "2026-01-17");
  CHECK_FALSE(compute_calendar(c, 2027, d("2026-11-26")).has_value());  // no [calendar.2027]
}
