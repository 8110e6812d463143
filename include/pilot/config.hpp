#pragma once
// pilot.toml: school profile, calendar, scoring and per-rule severities.
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/model.hpp"

namespace pilot {

struct DateRange {
  Date from;
  Date to;  // inclusive
  bool contains(const Date& d) const { return from <= d && d <= to; }
};

// One [calendar.YEAR]. Ranges that S007 reports (reversed, a window outside YEAR, a vacation
// longer than k_max_vacation_days or not touching YEAR) are left out, not guessed.
struct YearCalendar {
  int year = 0;
  std::optional<DateRange> application_window;
  std::vector<DateRange> vacations;
  Pos pos;  // the [calendar.YEAR] table
};

struct Config {
  std::string school_name;
  std::string school_office = "教务处";  // [school] office: the issuing office every view names
  std::string school_kind = "higher-vocational";
  Level expected_level = Level::intermediate;
  std::vector<int> report_days{10, 20};
  int report_grace_days = 0;
  std::map<int, YearCalendar> years;
  int quota_item_points = 10;
  std::map<std::string, Severity> severities;  // [rules] overrides
  std::map<std::string, Pos> severity_pos;
  std::vector<Diagnostic> diagnostics;  // S007 findings, file = "pilot.toml"
  // Every key/value string of pilot.toml with its position (for X001).
  std::vector<std::pair<std::string, std::pair<std::string, Pos>>> strings;

  const YearCalendar* calendar(int year) const;
};

// pilot.toml could not be parsed at all: exit 2.
struct ConfigError : std::runtime_error {
  int line = 0;
  int column = 0;
  std::string zh;  // the message in Chinese when there is one (what() is English)
  ConfigError(const std::string& what, int l, int c, std::string in_zh = {})
      : std::runtime_error(what), line(l), column(c), zh(std::move(in_zh)) {}
};

// A vacation longer than this many days (both ends counted) is S007: no real break is, and
// one would silently remove months of due dates.
inline constexpr long k_max_vacation_days = 100;

// pilot.toml may not be larger than a record file (1 MiB).
inline constexpr std::size_t k_max_config_size = 1024 * 1024;

// Parses pilot.toml text. Throws ConfigError when it is not TOML; schema problems are S007.
Config parse_config(std::string_view text);
// Reads and parses pilot.toml. Throws ConfigError (line 0: the file itself) when it cannot be
// opened, is not a regular file (a FIFO never blocks), or is larger than k_max_config_size.
Config load_config(const std::filesystem::path& file);

}  // namespace pilot
