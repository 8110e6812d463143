// record_files / record_ids (src/write/find.cpp): the file `pilot set KIND ID` edits.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "pilot/write.hpp"

using namespace pilot;
namespace fs = std::filesystem;

TEST_CASE("set's record names: an id, a quota change's pilot, a report's MAJOR/DUE, or the path") {
  Repository repo = load_repository(fs::path(PILOT_FIXTURES) / "base");
  using V = std::vector<std::string>;
  CHECK(record_files(repo, Kind::pilot, "web-frontend-2026") == V{"pilots/2026/web-frontend-2026.yaml"});
  CHECK(record_files(repo, Kind::pilot, "pilots/2026/web-frontend-2026.yaml") ==
        V{"pilots/2026/web-frontend-2026.yaml"});
  CHECK(record_files(repo, Kind::report, "510201/2026-11-10") == V{"reports/2026/510201/2026-11-10.yaml"});
  CHECK(record_files(repo, Kind::report, "2026-11-10").empty());  // a due date alone names two
  CHECK(record_files(repo, Kind::exam, "web-frontend-2026").empty());  // a pilot is not an exam
  V ids = record_ids(repo, Kind::report);
  CHECK(std::find(ids.begin(), ids.end(), "510202/2026-11-10") != ids.end());
}
