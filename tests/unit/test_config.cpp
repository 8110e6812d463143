#include <doctest/doctest.h>

#include "pilot/config.hpp"

using namespace pilot;

TEST_CASE("config: reads school, calendar, scoring and rule severities") {
  Config c = parse_config(R"(
[school]
name = "示例职业技术学院"
expected_level = "中级"
[calendar]
report_days = [20, 10]
report_grace_days = 2
[calendar.2026]
application_window = ["2026-03-01", "2026-05-31"]
vacations = [["2026-01-17", "2026-02-22"], [2026-07-11, 2026-08-30]]
[scoring]
quota_item_points = 8
[rules]
R301 = "off"
R304 = "error"
)");
  CHECK(c.diagnostics.empty());
  CHECK(c.school_name == "示例职业技术学院");
  CHECK(c.report_days == std::vector<int>{10, 20});
  CHECK(c.report_grace_days == 2);
  REQUIRE(c.calendar(2026) != nullptr);
  CHECK(c.calendar(2026)->vacations.size() == 2);
  CHECK(c.calendar(2026)->vacations[1].from == Date{2026, 7, 11});
  CHECK(c.calendar(2026)->application_window->to == Date{2026, 5, 31});
  CHECK(c.calendar(2027) == nullptr);
  CHECK(c.quota_item_points == 8);
  CHECK(c.severities.at("R301") == Severity::off);
  CHECK(c.severities.at("R304") == Severity::error);
}

TEST_CASE("config: S007 for unknown keys, wrong types, unknown rules and severities") {
  Config c = parse_config(R"([school]
nmae = "x"
[calendar]
report_days = "10"
[calendar.2026]
application_window = ["2026-03-01", "2026-02-30"]
[rules]
R999 = "error"
R301 = "fatal"
)");
  REQUIRE(c.diagnostics.size() == 5);
  for (const auto& d : c.diagnostics) {
    CHECK(d.rule == "S007");
    CHECK(d.file == "pilot.toml");
  }
  CHECK(c.diagnostics[0].line == 2);
  CHECK(c.diagnostics[0].hint.en == "did you mean \"name\"?");
  CHECK(c.diagnostics[1].line == 4);
}

TEST_CASE("config: unparseable TOML throws ConfigError with toml++'s position") {
  try {
    parse_config("[school\nname = 1\n");
    FAIL("expected ConfigError");
  } catch (const ConfigError& e) {
    CHECK(e.line == 1);
    CHECK(e.column > 1);
  }
}

TEST_CASE("config: [school] office names the issuing office, 教务处 by default") {
  CHECK(parse_config("[school]\nname = \"x\"\n").school_office == "教务处");
  Config c = parse_config("[school]\nname = \"x\"\noffice = \"质量管理办公室\"\n");
  CHECK(c.diagnostics.empty());
  CHECK(c.school_office == "质量管理办公室");
  Config wrong = parse_config("[school]\noffice = 3\n");
  CHECK_FALSE(wrong.diagnostics.empty());  // S007: a wrong type
}
