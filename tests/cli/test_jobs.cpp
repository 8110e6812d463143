// --jobs: files are parsed in parallel, yet every output is byte-identical whatever the number
// of threads (issue 7 item 4). A correctness test, not a timing test.
#include <doctest/doctest.h>

#include <cstdlib>
#include <tuple>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "run.hpp"

using namespace pilot::test;

namespace {

// Runs `pilot <args> --jobs N` for each N; checks every run gives the same exit code, stdout
// and stderr as --jobs 1, and returns that run.
RunResult same_for_all_jobs(std::vector<std::string> args) {
  auto with_jobs = [&](const std::string& n) {
    std::vector<std::string> a = args;
    a.insert(a.end(), {"--jobs", n});
    return run_pilot(a);
  };
  RunResult one = with_jobs("1");
  for (const char* n : {"2", "4", "7"}) {
    CAPTURE(n);
    RunResult many = with_jobs(n);
    CHECK(many.exit_code == one.exit_code);
    CHECK(many.out == one.out);  // byte for byte
    CHECK(many.err == one.err);
  }
  return one;
}

// A repository of a few hundred files from bench/gen (deterministic for its seed).
void generate(const TempDir& dir) {
  std::string cmd = fmt::format(
      "python3 '{}/bench/gen' --colleges 2 --majors-per-college 4 --years 2 --funds-per-college 10 --seed 7 '{}' "
      ">/dev/null",
      PILOT_SOURCE_DIR, dir.str());
  REQUIRE(std::system(cmd.c_str()) == 0);
}

}  // namespace

TEST_CASE("jobs: data-example gives the same output with 1 or more threads") {
  std::string repo = example().string();
  SUBCASE("clean at its snapshot date") {
    auto r = same_for_all_jobs({"validate", "--repo", repo, "--as-of", PILOT_EXAMPLE_AS_OF, "--format", "json"});
    CHECK(r.exit_code == 0);
    CHECK(r.json()["diagnostics"].empty());
  }
  SUBCASE("with findings two months later") {
    // 2027-01-20: the December reports are missing (R601) and 2026 quotas are closed (R501).
    auto j = same_for_all_jobs({"validate", "--repo", repo, "--as-of", "2027-01-20", "--format", "json"});
    CHECK(j.exit_code == 1);
    CHECK(with_rule(j.json(), "R601").size() >= 10);
    auto t = same_for_all_jobs({"validate", "--repo", repo, "--as-of", "2027-01-20", "--format", "text", "--color", "never"});
    CHECK(t.exit_code == 1);
  }
  SUBCASE("views") {
    for (const char* view : {"status", "report"}) {
      CAPTURE(view);
      auto r = same_for_all_jobs({view, "--repo", repo, "--as-of", PILOT_EXAMPLE_AS_OF, "--format", "json"});
      CHECK(r.exit_code == 0);
      CHECK_FALSE(r.out.empty());
    }
  }
}

TEST_CASE("jobs: a generated repository with planted faults gives the same output with 1 or more threads") {
  TempDir dir;
  generate(dir);
  REQUIRE(dir.read("AS_OF") == "2026-11-26\n");
  SUBCASE("clean as generated") {
    auto r = same_for_all_jobs({"validate", "--repo", dir.str(), "--as-of", "2026-11-26", "--strict", "--format", "json"});
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(r.json()["diagnostics"].empty());
  }
  SUBCASE("with faults found while loading and by the rules") {
    dir.write("reports/2026/410101/2026-11-20.yaml", "major: [\"410101\"\npilot: x\n");            // S001
    dir.write("majors/410102.yaml", "id: \"410102\"\nnmae: 软件技术\ncollege: xinxi\n");           // S002 twice
    dir.write("funds/2026/9999.yaml",
              "id: \"9999\"\ndate: 2026-05-06\ncollege: xinxi\ndirection: income\nsource: student\n"
              "category: training\namount: 100.00\n");  // R402
    std::vector<std::string> args{"validate", "--repo", dir.str(), "--as-of", "2027-01-20", "--format", "json"};
    auto r = same_for_all_jobs(args);
    CHECK(r.exit_code == 1);
    auto j = r.json();
    CHECK(j["diagnostics"].size() >= 20);
    auto s001 = with_rule(j, "S001");
    REQUIRE(s001.size() == 1);
    CHECK(s001[0]["file"] == "reports/2026/410101/2026-11-20.yaml");
    CHECK(with_rule(j, "S002").size() == 2);
    CHECK(with_rule(j, "R402").size() == 1);
    CHECK_FALSE(with_rule(j, "R601").empty());
    // Sorted by file, line, column, rule: the order the SPEC promises, not the order threads finish.
    const auto& ds = j["diagnostics"];
    for (std::size_t i = 1; i < ds.size(); ++i) {
      auto key = [](const nlohmann::json& d) {
        return std::tuple{d["file"].get<std::string>(), d["line"].get<int>(), d["column"].get<int>(), d["rule"].get<std::string>()};
      };
      CHECK(key(ds[i - 1]) <= key(ds[i]));
    }
    args[args.size() - 1] = "text";
    CHECK(same_for_all_jobs(args).exit_code == 1);
  }
}
