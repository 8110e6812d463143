// pilot set KIND ID --FIELD VALUE ...: only the lines of the named fields change, every rule runs
// with the change (refused on a new error unless --force, on a new warning with --strict), and
// --dry-run prints the diff and writes nothing.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_exam = "exams/2026/web-frontend-2026-b2.yaml";
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";

RunResult set(const TempDir& repo, std::vector<std::string> args,
              const std::string& as_of = "2026-12-06") {
  args.insert(args.begin(), {"set"});
  args.insert(args.end(), {"--repo", repo.str(), "--as-of", as_of});
  return run_pilot(args);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The 1-based numbers of the lines that differ; both texts must have as many lines.
std::vector<int> changed_lines(const std::string& before, const std::string& after) {
  auto a = lines_of(before), b = lines_of(after);
  REQUIRE(a.size() == b.size());
  std::vector<int> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) out.push_back(static_cast<int>(i) + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("set: an exam from planned to held changes the status line and that major's result") {
  TempDir repo(fixture("base"));
  // A hand-edited file: a comment, odd spacing and quoting that must all stay.
  const std::string before =
      "# 第二批，12 月考\n"
      "id: web-frontend-2026-b2\n"
      "pilot: 'web-frontend-2026'\n"
      "date:   2026-12-05\n"
      "status: planned   # 考完改为 held\n"
      "site: xinxi-site-01\n"
      "results:\n"
      "  - { major: \"510201\", registered: 12, attended: 0, passed: 0 }\n"
      "  - { major: \"510202\", registered: 8, attended: 0, passed: 0 }\n";
  repo.write(k_exam, before);
  const std::string hash = records_hash(repo.path());
  const auto errors_before = validate_json(repo, "2026-12-06")["summary"]["errors"];

  RunResult dry = set(repo, {"exam", "web-frontend-2026-b2", "--status", "held", "--result",
                             "510201:12:11:10", "--dry-run"});
  INFO(dry.out, dry.err);
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.rfind("--- a/" + k_exam + "\n+++ b/" + k_exam + "\n", 0) == 0);
  CHECK(dry.out.find("-status: planned   # 考完改为 held\n+status: held   # 考完改为 held\n") !=
        std::string::npos);
  CHECK(records_hash(repo.path()) == hash);
  CHECK_FALSE(fs::exists(repo.path() / ".pilot"));

  RunResult r = set(
      repo, {"exam", "web-frontend-2026-b2", "--status", "held", "--result", "510201:12:11:10"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind(k_exam + "\n", 0) == 0);
  const std::string after = repo.read(k_exam);
  CHECK(changed_lines(before, after) == std::vector<int>{5, 8});
  CHECK(lines_of(after)[4] == "status: held   # 考完改为 held");
  CHECK(lines_of(after)[7] ==
        "  - { major: \"510201\", registered: 12, attended: 11, passed: 10 }");
  CHECK(validate_json(repo, "2026-12-06")["summary"]["errors"] == errors_before);  // no new error

  // The same values again: nothing to change, nothing written.
  RunResult again = set(repo, {"exam", "web-frontend-2026-b2", "--status", "held"});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("nothing to change") != std::string::npos);
  CHECK(repo.read(k_exam) == after);
}

TEST_CASE("set: a change that adds an error is refused, --force writes it and shows it") {
  TempDir repo(fixture("base"));
  const std::string hash = records_hash(repo.path());
  // Held before its date (as of 2026-11-15): R504.
  RunResult refused = set(repo, {"exam", "web-frontend-2026-b2", "--status", "held"}, "2026-11-15");
  INFO(refused.out, refused.err);
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.find(k_exam + ":3:") != std::string::npos);
  CHECK(refused.out.find("error[R504]") != std::string::npos);
  CHECK(refused.out.find("on the command line: pilot set exam web-frontend-2026-b2 --status") !=
        std::string::npos);
  CHECK(refused.err.find("nothing was written") != std::string::npos);
  CHECK(records_hash(repo.path()) == hash);

  RunResult forced =
      set(repo, {"exam", "web-frontend-2026-b2", "--status", "held", "--force"}, "2026-11-15");
  CHECK(forced.exit_code == 0);
  CHECK(forced.out.rfind(k_exam + "\n", 0) == 0);
  CHECK(forced.out.find("error[R504]") != std::string::npos);
  CHECK(repo.read(k_exam).find("status: held\n") != std::string::npos);
}

TEST_CASE("set: a pilot's contact and a waiver, then --drop-waiver, each touching only its lines") {
  TempDir repo(fixture("base"));
  const std::string before = repo.read(k_pilot);
  RunResult contact = set(repo, {"pilot", "web-frontend-2026", "--major", "510202::张老师"});
  INFO(contact.out, contact.err);
  REQUIRE(contact.exit_code == 0);
  const std::string after = repo.read(k_pilot);
  CHECK(changed_lines(before, after) == std::vector<int>{11});
  CHECK(after.find("  - { major: \"510202\", quota: 20, contact: 张老师 }\n") != std::string::npos);

  RunResult waiver = set(repo, {"pilot", "web-frontend-2026", "--waiver", "R301:省1+X办公室同意"});
  INFO(waiver.out, waiver.err);
  REQUIRE(waiver.exit_code == 0);
  CHECK(repo.read(k_pilot) == after + "waivers: { R301: 省1+X办公室同意 }\n");
  // It waives nothing here: the write shows the W001 warning it adds, and --strict refuses it.
  CHECK(waiver.out.find("warning[W001]") != std::string::npos);

  RunResult drop = set(repo, {"pilot", "web-frontend-2026", "--drop-waiver", "R301"});
  CHECK(drop.exit_code == 0);
  CHECK(repo.read(k_pilot) == after);

  RunResult strict = set(repo, {"pilot", "web-frontend-2026", "--waiver", "R301:同意", "--strict"});
  CHECK(strict.exit_code == 1);
  CHECK(strict.err.find("--strict") != std::string::npos);
  CHECK(repo.read(k_pilot) == after);
}

TEST_CASE("set: a report by MAJOR/DUE, kinds by plural or Chinese name, unknown records") {
  TempDir repo(fixture("base"));
  const std::string rel = "reports/2026/510201/2026-11-10.yaml";
  const std::string before = repo.read(rel);
  RunResult r = set(repo, {"双周报", "510201/2026-11-10", "--faculty", "2 名教师参加培训"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind(rel + "\n", 0) == 0);
  CHECK(repo.read(rel).find("faculty: 2 名教师参加培训") != std::string::npos);

  RunResult typo = set(repo, {"pilots", "web-frontnd-2026", "--plan", "x"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean \"web-frontend-2026\"") != std::string::npos);
  RunResult nothing = set(repo, {"pilot", "web-frontend-2026"});
  CHECK(nothing.exit_code == 2);
  RunResult bad = set(repo, {"pilot", "web-frontend-2026", "--drop-waiver", "R302"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("no waiver of R302") != std::string::npos);
  RunResult id = set(repo, {"pilot", "web-frontend-2026", "--id", "x"});
  CHECK(id.exit_code == 2);  // an id names the file: set never renames
}
