#include <doctest/doctest.h>

#include "pilot/date.hpp"

using pilot::Date;

TEST_CASE("date: parses strict YYYY-MM-DD days that exist") {
  CHECK(Date::parse("2026-04-15") == Date{2026, 4, 15});
  CHECK(Date::parse("2024-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-02-29").has_value());
  CHECK_FALSE(Date::parse("2026-02-30").has_value());
  CHECK_FALSE(Date::parse("2026-13-01").has_value());
  CHECK_FALSE(Date::parse("2026-4-15").has_value());
  CHECK_FALSE(Date::parse("2026/04/15").has_value());
  CHECK_FALSE(Date::parse("2026-04-15x").has_value());
  CHECK_FALSE(Date::parse("").has_value());
  CHECK(Date::parse("1900-02-29") == std::nullopt);
  CHECK(Date::parse("2000-02-29").has_value());
}

TEST_CASE("date: day arithmetic round-trips across months, years and leap days") {
  Date d{2026, 12, 31};
  CHECK(d.plus_days(1) == Date{2027, 1, 1});
  CHECK(Date{2024, 2, 28}.plus_days(1) == Date{2024, 2, 29});
  CHECK(Date{1970, 1, 1}.to_days() == 0);
  CHECK(pilot::days_between(Date{2026, 11, 26}, Date{2026, 12, 31}) == 35);
  for (long n = -800; n < 80000; n += 37) CHECK(Date::from_days(n).to_days() == n);
  CHECK(Date{2026, 3, 1}.str() == "2026-03-01");
}
