// pilot year open Y: [calendar.Y] added to pilot.toml with every other byte kept; last year's
// dates moved by one year without flags; --window / --vacation set them; refusals write nothing.
#include <doctest/doctest.h>

#include "test_write_support.hpp"

using namespace pilot::test;

namespace {

RunResult year_open(const TempDir& repo, std::vector<std::string> args) {
  args.insert(args.begin(), {"year", "open"});
  args.insert(args.end(), {"--repo", repo.str(), "--as-of", "2026-12-05"});
  return run_pilot(args);
}

}  // namespace

TEST_CASE("year open: last year's window and vacations a year on, inserted after its table") {
  TempDir repo(fixture("base"));
  const std::string before = repo.read("pilot.toml");
  RunResult dry = year_open(repo, {"2027", "--dry-run"});
  INFO(dry.out, dry.err);
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("+[calendar.2027]\n") != std::string::npos);
  CHECK(repo.read("pilot.toml") == before);

  RunResult r = year_open(repo, {"2027"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("pilot.toml\n[calendar.2027]\n", 0) == 0);
  CHECK(r.out.find("2027-01-17 – 2027-02-22") != std::string::npos);  // printed for review
  CHECK(r.err.find("moved by one year") != std::string::npos);
  const std::string table =
      "[calendar.2027]\n"
      "application_window = [\"2027-03-01\", \"2027-05-31\"]\n"
      "vacations = [[\"2027-01-17\", \"2027-02-22\"], [\"2027-07-11\", \"2027-08-30\"]]\n\n";
  const std::string expected = [&] {
    std::string s = before;
    s.insert(s.find("[scoring]"), table);
    return s;
  }();
  CHECK(repo.read("pilot.toml") == expected);
  auto v = validate_json(repo, "2027-01-05");
  for (const auto& d : v["diagnostics"]) CHECK(d["rule"] != "S007");  // a calendar that loads clean

  // Once there, it is not opened again; a year without a previous one needs the dates.
  CHECK(year_open(repo, {"2027"}).exit_code == 1);
  RunResult none = year_open(repo, {"2029"});
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("--window") != std::string::npos);
  CHECK(repo.read("pilot.toml") == expected);
}

TEST_CASE(
    "year open: --window and --vacation (Chinese comma too), CRLF kept, impossible dates refused") {
  TempDir repo(fixture("base"));
  std::string crlf;
  for (char c : repo.read("pilot.toml"))
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  repo.write("pilot.toml", crlf);
  RunResult r = year_open(repo, {"2028", "--window", "2028-03-10,2028-05-20", "--vacation",
                                 "2028-01-20，2028-02-25", "--vacation", "2028-07-10,2028-08-31"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  const std::string after = repo.read("pilot.toml");
  CHECK(
      after.find(
          "[calendar.2028]\r\napplication_window = [\"2028-03-10\", \"2028-05-20\"]\r\n"
          "vacations = [[\"2028-01-20\", \"2028-02-25\"], [\"2028-07-10\", \"2028-08-31\"]]\r\n") !=
      std::string::npos);
  CHECK(after.find("\n\n") == std::string::npos);  // no bare LF
  CHECK(year_open(repo, {"2030", "--window", "2029-03-01,2029-05-31"}).exit_code ==
        1);  // outside 2030
  CHECK(year_open(repo, {"2031", "--window", "2031-03-01"}).exit_code == 2);
  CHECK(year_open(repo, {"2031", "--window", "2031-03-01,"}).exit_code == 2);  // no second date
  CHECK(repo.read("pilot.toml") == after);
}

TEST_CASE("year open: add pilot for a year without a calendar says to open it") {
  TempDir repo(fixture("base"));
  RunResult r = run_pilot({"add", "pilot", "--repo", repo.str(), "--as-of", "2026-12-05", "--id",
                           "web-frontend-2028", "--year", "2028", "--certificate", "web-frontend",
                           "--dry-run"});
  CHECK(r.err.find("pilot year open 2028") != std::string::npos);
  // Submitted, the pilot makes the missing calendar S007, whose hint names the command too.
  RunResult submitted = run_pilot({"add", "pilot", "--repo", repo.str(), "--as-of", "2026-12-05", "--id",
                                   "web-frontend-2028", "--year", "2028", "--certificate", "web-frontend",
                                   "--submitted", "2028-04-01"});
  CHECK(submitted.exit_code == 1);
  CHECK(submitted.out.find("error[S007]") != std::string::npos);
  CHECK(submitted.out.find("run `pilot year open 2028`") != std::string::npos);
}
