// open_year (src/write/year.cpp): [calendar.Y] added to pilot.toml's text, every other byte kept.
#include <doctest/doctest.h>

#include "pilot/write.hpp"

using namespace pilot;

namespace {

const std::string k_toml =
    "[school]\nname = \"x\"\n\n[calendar]\nreport_days = [10, 20]\n\n"
    "[calendar.2027]  # 今年\n"
    "application_window = [\"2027-03-01\", \"2027-05-31\"]\n"
    "vacations = [\n  [\"2027-12-20\", \"2028-02-29\"],\n]\n"
    "\n# 绩效\n[scoring]\nquota_item_points = 10\n";

}  // namespace

TEST_CASE("year open: moved a year on before the next table's comment, 29 Feb becomes 28 Feb") {
  YearOpen y = open_year(k_toml, 2028, std::nullopt, {});
  INFO(y.reason.en);
  REQUIRE(y.ok);
  CHECK(y.moved);
  CHECK(y.text ==
        "[school]\nname = \"x\"\n\n[calendar]\nreport_days = [10, 20]\n\n"
        "[calendar.2027]  # 今年\n"
        "application_window = [\"2027-03-01\", \"2027-05-31\"]\n"
        "vacations = [\n  [\"2027-12-20\", \"2028-02-29\"],\n]\n"
        "\n[calendar.2028]\napplication_window = [\"2028-03-01\", \"2028-05-31\"]\n"
        "vacations = [[\"2028-12-20\", \"2029-02-28\"]]\n"
        "\n# 绩效\n[scoring]\nquota_item_points = 10\n");
}

TEST_CASE("year open: at the end of a file without a final line end, and the refusals") {
  YearOpen y = open_year("[calendar.2026]\napplication_window = [\"2026-03-01\", \"2026-05-31\"]",
                         2027, std::nullopt, {});
  REQUIRE(y.ok);
  CHECK(
      y.text ==
      "[calendar.2026]\napplication_window = [\"2026-03-01\", \"2026-05-31\"]\n\n[calendar.2027]\n"
      "application_window = [\"2027-03-01\", \"2027-05-31\"]\nvacations = []\n");
  CHECK_FALSE(open_year(k_toml, 2027, std::nullopt, {}).ok);  // there already
  CHECK_FALSE(open_year(k_toml, 2030, std::nullopt, {}).ok);  // no 2029 to move
  DateRange bad{*Date::parse("2029-03-01"), *Date::parse("2029-05-31")};
  CHECK_FALSE(open_year(k_toml, 2030, bad, {}).ok);  // a window outside its year
}

TEST_CASE("line diff: hunks without context, the old and new line ranges") {
  CHECK(line_diff("a\nb\nc\n", "a\nB\nc\nd\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -2,1 +2,1 @@\n-b\n+B\n@@ -3,0 +4,1 @@\n+d\n");
  CHECK(line_diff("a\n", "a\n", "f") == "--- a/f\n+++ b/f\n");
}
