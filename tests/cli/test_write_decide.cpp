// pilot approve / reject on tests/fixtures/write-decide: a hand-written application keeps its
// comments and spacing; only the status value and the decision date change.
#include <doctest/doctest.h>

#include <filesystem>

#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_file = "pilots/2026/cloud-ops-2026.yaml";

RunResult decide(const TempDir& repo, std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  args.insert(args.end(), {"--repo", repo.str(), "--as-of", k_write_as_of});
  return run_pilot(args, env);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string to_crlf(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("approve: only the status value changes and approved: follows submitted:, comments kept") {
  TempDir repo(fixture("write-decide"));
  const std::string original = repo.read(k_file);
  RunResult r = decide(repo, {"approve", "cloud-ops-2026", "--date", "2026-11-12"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  // The path, then what the write adds: approved, R501 now warns that no exam is planned.
  CHECK(r.out.rfind(k_file + "\n" + k_file + ":", 0) == 0);
  CHECK(r.out.find("warning[R501]") != std::string::npos);
  CHECK(r.out.find("on the command line") == std::string::npos);  // an exam's status, not --status
  std::string expected = replaced(original, "status:  submitted   # 已提交,等批复\n", "status:  approved   # 已提交,等批复\n");
  expected = replaced(expected, "submitted: 2026-04-20\n", "submitted: 2026-04-20\napproved: 2026-11-12\n");
  CHECK(repo.read(k_file) == expected);
  auto v = validate_json(repo);
  CHECK(v["summary"]["errors"] == 0);
  // Now approved: R501 looks at it, and warns until 31 Dec that no exam is planned yet.
  CHECK(with_rule(v, "R501").size() == 1);
}

TEST_CASE("reject: rejected: is written, and a CRLF file stays CRLF byte for byte") {
  TempDir repo(fixture("write-decide"));
  const std::string original = to_crlf(repo.read(k_file));
  repo.write(k_file, original);
  RunResult r = decide(repo, {"reject", "cloud-ops-2026", "--date", "2026-06-30"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  std::string expected = replaced(original, "status:  submitted   #", "status:  rejected   #");
  expected = replaced(expected, "submitted: 2026-04-20\r\n", "submitted: 2026-04-20\r\nrejected: 2026-06-30\r\n");
  CHECK(repo.read(k_file) == expected);
  CHECK(validate_json(repo)["summary"]["errors"] == 0);
}

TEST_CASE("approve: a decision that brings new errors is refused and the file stays as it was") {
  TempDir repo(fixture("write-decide"));
  const std::string before = tree_hash(repo.path());
  // Approved on 1 September: the reports due since then are missing (R601).
  RunResult r = decide(repo, {"approve", "cloud-ops-2026", "--date", "2026-09-01"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(k_file + ":12:5: error[R601]") != std::string::npos);
  CHECK(r.out.find("2026-09-10") != std::string::npos);
  CHECK(r.err.find("nothing was written") != std::string::npos);
  CHECK(records_hash(repo.path()) == before);
  RunResult forced = decide(repo, {"approve", "cloud-ops-2026", "--date", "2026-09-01", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(repo.read(k_file).find("approved: 2026-09-01\n") != std::string::npos);
}

TEST_CASE("approve / reject: drafts, unknown pilots, repeated and changed decisions") {
  TempDir repo(fixture("write-decide"));
  const std::string before = tree_hash(repo.path());
  SUBCASE("a draft has no application to decide") {
    RunResult r = decide(repo, {"approve", "cloud-ops-draft-2026", "--date", "2026-06-01"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("draft") != std::string::npos);
  }
  SUBCASE("an unknown pilot is a usage error") {
    RunResult r = decide(repo, {"reject", "nosuch", "--date", "2026-06-01"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("nosuch") != std::string::npos);
  }
  SUBCASE("a bad date is a usage error") {
    CHECK(decide(repo, {"approve", "cloud-ops-2026", "--date", "2026-13-01"}).exit_code == 2);
    CHECK(decide(repo, {"approve", "cloud-ops-2026"}).exit_code == 2);
  }
  SUBCASE("the same decision again changes nothing") {
    RunResult r = decide(repo, {"approve", "web-frontend-2026", "--date", "2026-10-25"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("nothing to change") != std::string::npos);
  }
  SUBCASE("the opposite decision needs --force") {
    RunResult r = decide(repo, {"reject", "web-frontend-2026", "--date", "2026-10-26"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("--force") != std::string::npos);
  }
  CHECK(records_hash(repo.path()) == before);
}

TEST_CASE("approve: --dry-run prints the edited file and writes nothing") {
  TempDir repo(fixture("write-decide"));
  const std::string before = tree_hash(repo.path());
  RunResult r = decide(repo, {"approve", "cloud-ops-2026", "--date", "2026-11-12", "--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("# 云计算平台运维与开发 2026 年试点申报") == 0);
  CHECK(r.out.find("status:  approved   # 已提交,等批复\nsubmitted: 2026-04-20\napproved: 2026-11-12\n") != std::string::npos);
  CHECK(tree_hash(repo.path()) == before);
}

TEST_CASE("approve: a write failing at the rename leaves the old file and no temp file") {
  TempDir repo(fixture("write-decide"));
  const std::string before = tree_hash(repo.path());
  RunResult r = decide(repo, {"approve", "cloud-ops-2026", "--date", "2026-11-12"}, {{"PILOT_TEST_FAIL_AT", "rename"}});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(k_file) != std::string::npos);
  CHECK(r.err.find("Input/output error") != std::string::npos);
  CHECK(records_hash(repo.path()) == before);
  CHECK(temp_files(repo.path()).empty());
}
