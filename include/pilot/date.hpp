#pragma once
// A calendar date (proleptic Gregorian), strict YYYY-MM-DD.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace pilot {

bool is_leap_year(int year);
int days_in_month(int year, int month);

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  // Accepts exactly YYYY-MM-DD naming a day that exists; anything else is nullopt.
  static std::optional<Date> parse(std::string_view text);
  static Date from_days(long days);  // inverse of to_days
  static Date today();  // local time

  long to_days() const;  // days since 1970-01-01
  Date plus_days(long n) const { return from_days(to_days() + n); }
  std::string str() const;
  bool valid() const { return year != 0; }

  auto operator<=>(const Date&) const = default;
};

// Days from a to b (b - a).
inline long days_between(const Date& a, const Date& b) { return b.to_days() - a.to_days(); }

}  // namespace pilot
