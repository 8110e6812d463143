// The repository (src/repository.cpp): the one list of kinds that for_each_kind, with_kind and
// records_of read; add_parsed and remove_file; load_repository's merge in path order through
// add_parsed, whatever the number of threads.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "pilot/repository.hpp"
#include "scratch.hpp"

using namespace pilot;

namespace {

const std::filesystem::path k_base = std::filesystem::path(PILOT_FIXTURES) / "base";

template <class T>
std::vector<std::string> files_of(const std::vector<T>& records) {
  std::vector<std::string> files;
  for (const auto& r : records) files.push_back(r.file);
  return files;
}

}  // namespace

TEST_CASE("repository: for_each_kind visits every kind's records once, in the order of Kind") {
  Repository repo = load_repository(k_base, LoadOptions{1});
  std::vector<Kind> kinds;
  std::size_t records = 0;
  for_each_kind(repo, [&](auto& list) {
    using T = typename std::decay_t<decltype(list)>::value_type;
    kinds.push_back(kind_of<T>());
    records += list.size();
    CHECK(&list == &records_of<T>(repo));
  });
  CHECK(kinds == std::vector<Kind>(std::begin(k_all_kinds), std::end(k_all_kinds)));
  CHECK(records == repo.files_read);
  const Repository& const_repo = repo;
  for_each_kind(const_repo, [](auto& list) {
    static_assert(std::is_const_v<std::remove_reference_t<decltype(list)>>);
  });
  CHECK(kind_of<QuotaChange>() == Kind::quota_change);
  CHECK(&records_of<Fund>(repo) == &repo.funds);
  for (Kind k : k_all_kinds) {
    CHECK(with_kind_type(k, [](auto type) { return kind_of<typename decltype(type)::type>(); }) == k);
    int calls = 0;
    with_kind(repo, k, [&](auto& list) {
      using T = typename std::decay_t<decltype(list)>::value_type;
      CHECK(kind_of<T>() == k);
      ++calls;
    });
    CHECK(calls == 1);
  }
}

TEST_CASE("repository: remove_file undoes add_parsed") {
  Repository repo = load_repository(k_base, LoadOptions{1});
  const std::size_t majors = repo.majors.size(), files = repo.files_read;
  add_parsed(repo, parse_record(Kind::major, "majors/510299.yaml", "id: \"510299\"\nname: x\ncollege: xinxi\n"));
  add_parsed(repo, parse_record(Kind::major, "majors/510298.yaml", "id: [\n"));  // S001, no record
  CHECK(repo.majors.size() == majors + 1);
  CHECK(repo.files_read == files + 2);
  CHECK(repo.unreadable_ids[Kind::major].count("510298") == 1);
  CHECK(repo.load_diagnostics.size() == 1);
  remove_file(repo, Kind::major, "majors/510299.yaml");
  remove_file(repo, Kind::major, "majors/510298.yaml");
  CHECK(repo.majors.size() == majors);
  CHECK(repo.files_read == files);
  CHECK(repo.unreadable_ids[Kind::major].count("510298") == 0);
  CHECK(repo.load_diagnostics.empty());
}

TEST_CASE("repository: the load merges every file in path order, the same on 1 and 4 threads") {
  pilot::test::Scratch copy(k_base);
  // Enough files that helper threads start (one per 16), in an order a thread race could mix.
  for (int i = 0; i < 200; ++i) {
    std::string id = std::to_string(1000 + (i * 37) % 200);
    copy.write("funds/2026/" + id + ".yaml", "id: \"" + id + "\"\ndate: 2026-03-01\ncollege: xinxi\n"
               "direction: expense\nsource: college-budget\ncategory: materials\namount: 1.00\n");
  }
  copy.write("funds/2026/bad.yaml", "id: [\n");
  copy.write("funds/2026/notes.yml", "id: notes\n");
  Repository one = load_repository(copy.path(), LoadOptions{1});
  Repository four = load_repository(copy.path(), LoadOptions{4});
  auto funds = files_of(one.funds);
  CHECK(std::is_sorted(funds.begin(), funds.end()));
  CHECK(funds.size() == 201 + 1);  // base's 0001, 200 new, notes.yml (bad.yaml has no record)
  CHECK(funds == files_of(four.funds));
  CHECK(files_of(one.reports) == files_of(four.reports));
  REQUIRE(one.load_diagnostics.size() == four.load_diagnostics.size());
  for (std::size_t i = 0; i < one.load_diagnostics.size(); ++i) {
    CHECK(one.load_diagnostics[i].file == four.load_diagnostics[i].file);
    CHECK(one.load_diagnostics[i].message.en == four.load_diagnostics[i].message.en);
  }
  CHECK(one.files_read == four.files_read);
  CHECK(one.unreadable_ids == four.unreadable_ids);
}
