// Writes that fail at each step leave the repository byte-identical; concurrent writers never
// lose a record; the lock is held while writing.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> college(const TempDir& repo, const std::string& id) {
  return {"add", "college", "--repo", repo.str(), "--as-of", k_write_as_of, "--id", id, "--name", "学院" + id, "--leader", "张三"};
}

}  // namespace

TEST_CASE("safety: a write failing at any step before the rename leaves no trace") {
  for (const char* step : {"mkdir", "open", "write", "fsync", "close", "rename"}) {
    CAPTURE(step);
    TempDir repo(fixture("base"));
    const std::string before = tree_hash(repo.path());
    // A pilot of a new year: the write also has to make the pilots/2027 folder.
    RunResult r = run_pilot({"add", "pilot", "--repo", repo.str(), "--as-of", k_write_as_of, "--id", "web-frontend-2027",
                             "--year", "2027", "--certificate", "web-frontend", "--major", "510201:30:李老师"},
                            {{"PILOT_TEST_FAIL_AT", step}});
    INFO(r.out, r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("pilots/2027/web-frontend-2027.yaml") != std::string::npos);
    CHECK(r.err.find("Input/output error") != std::string::npos);
    CHECK(r.err.find("nothing was written") != std::string::npos);
    CHECK(records_hash(repo.path()) == before);
    CHECK_FALSE(fs::exists(repo.path() / "pilots/2027"));
    CHECK(temp_files(repo.path()).empty());
  }
}

TEST_CASE("safety: a failed fsync of the folder comes after the rename: written, with a warning") {
  TempDir repo(fixture("base"));
  RunResult r = run_pilot(college(repo, "jidian"), {{"PILOT_TEST_FAIL_AT", "fsync-dir"}});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "colleges/jidian.yaml\n");
  CHECK(r.err.find("warning") != std::string::npos);
  CHECK(fs::exists(repo.path() / "colleges/jidian.yaml"));
}

TEST_CASE("safety: an unknown PILOT_TEST_FAIL_AT is a usage error") {
  TempDir repo(fixture("base"));
  CHECK(run_pilot(college(repo, "jidian"), {{"PILOT_TEST_FAIL_AT", "sometimes"}}).exit_code == 2);
}

TEST_CASE("safety: eight concurrent adds all land and the repository validates clean") {
  TempDir repo(fixture("base"));
  std::vector<RunResult> results(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { results[static_cast<std::size_t>(i)] = run_pilot(college(repo, "c" + std::to_string(i))); });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 8; ++i) {
    CAPTURE(i);
    INFO(results[static_cast<std::size_t>(i)].err);
    CHECK(results[static_cast<std::size_t>(i)].exit_code == 0);
    CHECK(fs::exists(repo.path() / ("colleges/c" + std::to_string(i) + ".yaml")));
  }
  auto v = validate_json(repo);
  CHECK(v["summary"]["errors"] == 0);
  CHECK(v["diagnostics"].empty());
  CHECK(temp_files(repo.path()).empty());
}

TEST_CASE("safety: eight concurrent adds of the same record: exactly one lands, the others are refused") {
  TempDir repo(fixture("base"));
  std::vector<RunResult> results(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { results[static_cast<std::size_t>(i)] = run_pilot(college(repo, "jidian")); });
  }
  for (auto& t : threads) t.join();
  int written = 0, refused = 0;
  for (const auto& r : results) {
    if (r.exit_code == 0) ++written;
    if (r.exit_code == 1 && r.err.find("already exists") != std::string::npos) ++refused;
  }
  CHECK(written == 1);
  CHECK(refused == 7);
  CHECK(validate_json(repo)["summary"]["errors"] == 0);
}

TEST_CASE("safety: concurrent writers check against each other's records (the lock spans load to rename)") {
  // The same pilot ID in eight different years: eight different files, but IDs are unique
  // across the repository (S003). Only a writer that loads after the previous rename sees the
  // clash, so exactly one may land.
  TempDir repo(fixture("base"));
  std::vector<RunResult> results(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      results[static_cast<std::size_t>(i)] =
          run_pilot({"add", "pilot", "--repo", repo.str(), "--as-of", k_write_as_of, "--id", "cloud-ops", "--year",
                     std::to_string(2027 + i), "--certificate", "web-frontend"});
    });
  }
  for (auto& t : threads) t.join();
  int written = 0, refused = 0;
  for (const auto& r : results) {
    if (r.exit_code == 0) ++written;
    if (r.exit_code == 1 && r.out.find("error[S003]") != std::string::npos) ++refused;
  }
  CHECK(written == 1);
  CHECK(refused == 7);
  CHECK(validate_json(repo)["summary"]["errors"] == 0);
}

TEST_CASE("safety: a writer waits for the repository lock") {
  TempDir repo(fixture("base"));
  fs::create_directory(repo.path() / ".pilot");
  int fd = ::open((repo.path() / ".pilot/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);  // not inherited by pilot
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  RunResult r;
  std::thread writer([&] { r = run_pilot(college(repo, "jidian")); });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  CHECK_FALSE(fs::exists(repo.path() / "colleges/jidian.yaml"));  // still waiting
  ::close(fd);                                                     // releases the lock
  writer.join();
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(repo.path() / "colleges/jidian.yaml"));
}

TEST_CASE("safety: validate ignores the .pilot lock folder") {
  TempDir repo(fixture("base"));
  REQUIRE(run_pilot(college(repo, "jidian")).exit_code == 0);
  CHECK(fs::exists(repo.path() / ".pilot/lock"));
  CHECK(repo.read(".pilot/.gitignore").find("\nlock\n") != std::string::npos);
  auto v = validate_json(repo);
  CHECK(v["diagnostics"].empty());
}
