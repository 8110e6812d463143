// The fixture repositories themselves (docs/testing.md): tests/fixtures/base is a full
// repository, every other fixture an overlay on it holding only what differs, merged by
// tests/fixtures/merge.cmake into the build tree (PILOT_FIXTURES), and
// tests/fixtures/make-overlay turns a full copy into such an overlay.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_source = fs::path(PILOT_SOURCE_DIR) / "tests" / "fixtures";

// Every regular file below `dir`: relative path -> bytes (`.overlay` left out).
std::map<std::string, std::string> files_below(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == ".overlay") continue;
    out[fs::relative(e.path(), dir).generic_string()] = read_file(e.path());
  }
  return out;
}

// The `delete: PATH` lines of an overlay, in order.
std::vector<std::string> deletions_of(const fs::path& overlay_file) {
  std::vector<std::string> out;
  std::istringstream in(read_file(overlay_file));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("delete: ", 0) == 0) out.push_back(line.substr(8));
  }
  return out;
}

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(k_source)) {
    std::string name = e.path().filename().string();
    if (e.is_directory() && name != "base") names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// base, minus the overlay's deletions, plus its files: what the merge must give, computed here
// independently of merge.cmake.
std::map<std::string, std::string> expected_merge(const std::string& name) {
  auto files = files_below(k_source / "base");
  for (const auto& gone : deletions_of(k_source / name / ".overlay")) {
    std::erase_if(files, [&](const auto& f) {
      return f.first == gone || f.first.rfind(gone + "/", 0) == 0;
    });
  }
  for (const auto& [rel, bytes] : files_below(k_source / name)) files[rel] = bytes;
  return files;
}

std::string keys_of(const std::map<std::string, std::string>& files) {
  std::string out;
  for (const auto& f : files) out += f.first + "\n";
  return out;
}

}  // namespace

TEST_CASE("fixtures: every fixture but base is an overlay holding only what differs from base") {
  auto names = fixture_names();
  REQUIRE(names.size() >= 30);
  auto base = files_below(k_source / "base");
  REQUIRE(base.count("pilot.toml") == 1);
  for (const auto& name : names) {
    CAPTURE(name);
    REQUIRE_MESSAGE(fs::exists(k_source / name / ".overlay"),
                    "a full copy: run tests/fixtures/make-overlay " << name);
    auto deleted = deletions_of(k_source / name / ".overlay");
    for (const auto& [rel, bytes] : files_below(k_source / name)) {
      CAPTURE(rel);
      bool replaces_deleted = std::find(deleted.begin(), deleted.end(), rel) != deleted.end();
      auto in_base = base.find(rel);
      CHECK_MESSAGE((in_base == base.end() || in_base->second != bytes || replaces_deleted),
                    "identical to base's: tests/fixtures/make-overlay " << name << " removes it");
    }
    for (const auto& gone : deleted) {
      CAPTURE(gone);
      CHECK(fs::exists(k_source / "base" / gone));
    }
  }
}

TEST_CASE("fixtures: each merged fixture is base minus its deletions plus its own files") {
  auto names = fixture_names();
  REQUIRE_FALSE(names.empty());
  const fs::path merged = PILOT_FIXTURES;
  CHECK(files_below(merged / "base") == files_below(k_source / "base"));
  for (const auto& name : names) {
    CAPTURE(name);
    auto want = expected_merge(name);
    auto got = files_below(merged / name);
    CHECK(keys_of(got) == keys_of(want));
    CHECK(got == want);
    CHECK_FALSE(fs::exists(merged / name / ".overlay"));
  }
  // The two fixtures that delete: a report folder, and every site agreement.
  CHECK_FALSE(fs::exists(merged / "R601-report-missing" / "reports/2026/510202"));
  CHECK(fs::exists(merged / "R601-report-missing" / "reports/2026/510201/2026-11-10.yaml"));
  CHECK_FALSE(fs::exists(merged / "views-progress" / "sites"));
}

TEST_CASE("fixtures: make-overlay turns full copies back into the overlays they came from") {
  // A scratch tests/fixtures/ with the scripts, base, and three merged (full) fixtures: one that
  // deletes a folder, one whose pilot.toml differs only in its description, one with a whole
  // pilot.toml of its own.
  TempDir scratch;
  const fs::path dir = scratch.path() / "fixtures";
  fs::create_directories(dir);
  for (const char* script : {"make-overlay", "merge.cmake"}) {
    fs::copy_file(k_source / script, dir / script);
  }
  fs::copy(k_source / "base", dir / "base", fs::copy_options::recursive);
  const std::vector<std::string> names{"R601-report-missing", "R603-no-contact", "views-progress"};
  for (const auto& name : names) {
    fs::copy(fs::path(PILOT_FIXTURES) / name, dir / name, fs::copy_options::recursive);
  }
  // An overlay whose files are all still there (as after a merge that changed base).
  fs::copy(dir / "R603-no-contact", dir / "already", fs::copy_options::recursive);
  fs::copy_file(k_source / "R603-no-contact" / ".overlay", dir / "already" / ".overlay");
  // Our convention: a full copy's pilot.toml starts with the fixture's description.
  std::string toml = read_file(dir / "base" / "pilot.toml");
  REQUIRE(toml.rfind("# ", 0) == 0);
  const std::string description = "# Fixture R603-no-contact: one major has no contact.\n";
  scratch.write("fixtures/R603-no-contact/pilot.toml",
                description + toml.substr(toml.find('\n') + 1));

  const std::string make_overlay = "python3 '" + (dir / "make-overlay").string() + "' ";
  auto r = run_shell(make_overlay + "R601-report-missing R603-no-contact views-progress already");
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  // An overlay already is pruned of the files identical to base's, here all but one.
  CHECK(r.out.find("already: an overlay already; removed 11 file(s) identical to base") !=
        std::string::npos);
  CHECK(files_below(dir / "already") == files_below(k_source / "R603-no-contact"));
  for (const auto& name : names) {
    CAPTURE(name);
    CHECK(files_below(dir / name) == files_below(k_source / name));
    CHECK(deletions_of(dir / name / ".overlay") == deletions_of(k_source / name / ".overlay"));
  }
  // The description moved from pilot.toml to the top of .overlay.
  CHECK(read_file(dir / "R603-no-contact" / ".overlay") == description);
  CHECK_FALSE(fs::exists(dir / "R603-no-contact" / "pilot.toml"));

  // Nothing to convert, and a folder that is not a repository, are refused.
  CHECK(run_shell(make_overlay + "base").exit_code == 1);
  fs::create_directories(dir / "empty" / "colleges");
  auto empty = run_shell(make_overlay + "empty");
  CHECK(empty.exit_code == 1);
  CHECK(empty.err.find("no pilot.toml") != std::string::npos);
}
