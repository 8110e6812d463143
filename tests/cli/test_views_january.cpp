// January, between two pilot years (SPEC §4): `compliance` without --year shows the year just
// closed, and `report` without --date says in its heading that its due date is of that year.
#include <doctest/doctest.h>

#include <string>

#include "run.hpp"

using namespace pilot::test;

TEST_CASE("compliance without --year: as-of's year, or the year just closed if none is approved") {
  auto year_of = [](const std::string& as_of) {
    auto r = run_pilot(
        {"compliance", "--repo", example().string(), "--as-of", as_of, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    return r.json()["year"].get<int>();
  };
  CHECK(year_of("2026-11-26") == 2026);
  CHECK(year_of("2027-01-05") == 2026);  // January: the 2026 results, final
  CHECK(year_of("2026-03-01") == 2025);  // the 2026 pilots are approved on 1 June
  CHECK(year_of("2026-06-01") == 2026);
  auto explicit_year = run_pilot({"compliance", "--repo", example().string(), "--as-of",
                                  "2027-01-05", "--year", "2027", "--format", "json"});
  CHECK(explicit_year.json()["year"] == 2027);
}

TEST_CASE(
    "report without --date says in its heading when the latest due date is of an earlier year") {
  const std::string repo = example().string();
  auto en = run_pilot(
      {"report", "--repo", repo, "--as-of", "2027-01-05", "--format", "md", "--lang", "en"});
  REQUIRE(en.exit_code == 0);
  auto first_line = en.out.substr(0, en.out.find('\n'));
  CHECK(first_line.find("2026-12-20") != std::string::npos);
  CHECK(first_line.find("the last due date of 2026") != std::string::npos);
  CHECK(en.out.find("No due date of 2027 has come by 2027-01-05") != std::string::npos);
  auto zh = run_pilot(
      {"report", "--repo", repo, "--as-of", "2027-01-05", "--format", "table", "--lang", "zh"});
  CHECK(zh.out.find("2026 年的最后一个填报日") != std::string::npos);
  // Chosen with --date, or within the year, the heading is the usual one.
  auto chosen = run_pilot(
      {"report", "--repo", repo, "--as-of", "2027-01-05", "--date", "2026-12-20", "--lang", "en"});
  CHECK(chosen.out.find("the last due date") == std::string::npos);
  auto november = run_pilot({"report", "--repo", repo, "--as-of", "2026-11-26", "--lang", "en"});
  CHECK(november.out.find("the last due date") == std::string::npos);
}
