#pragma once
// Repository: every record of a data repository, with indexes, and what loading found.
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <unordered_map>
#include <variant>
#include <vector>

#include "pilot/config.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/model.hpp"
#include "pilot/text.hpp"

namespace pilot {

struct Repository {
  std::filesystem::path root;
  Config config;

  std::vector<College> colleges;
  std::vector<Major> majors;
  std::vector<Certificate> certificates;
  std::vector<Pilot> pilots;
  std::vector<QuotaChange> quota_changes;
  std::vector<Exam> exams;
  std::vector<Report> reports;
  std::vector<Site> sites;
  std::vector<Fund> funds;

  // S001/S002/S005 and X findings made while reading files.
  std::vector<Diagnostic> load_diagnostics;
  // Files of each kind that could not become a record: their stems still count as known
  // IDs so that one broken file does not cascade into "unknown reference" findings.
  std::map<Kind, std::set<std::string>> unreadable_ids;
  std::size_t files_read = 0;

  // Indexes (first record with that id); built by build_indexes().
  std::unordered_map<std::string, std::size_t> college_index, major_index, certificate_index,
      pilot_index, site_index;

  const College* college(const std::string& id) const;
  const Major* major(const std::string& id) const;
  const Certificate* certificate(const std::string& id) const;
  const Pilot* pilot(const std::string& id) const;
  const Site* site(const std::string& id) const;
  // Known id: a record, or a file of that kind that could not be read.
  bool knows(Kind kind, const std::string& id) const;

  // Path-like pilot plans (see plan_is_path) that name a regular file inside root, as
  // written in the pilot file. Filled by build_indexes(), which looks below root on the file
  // system (nothing when root is empty) so that R306 need not: rules never touch files.
  std::set<std::string> plan_paths_present;

  void build_indexes();
};

// One record of any kind; the alternatives are in the order of Kind.
using AnyRecord = std::variant<College, Major, Certificate, Pilot, QuotaChange, Exam, Report, Site,
                               Fund>;

// The record vector of each kind, in the order of Kind: the one list of the nine kinds that
// for_each_kind, with_kind and records_of read.
inline constexpr auto k_kind_records = std::make_tuple(
    &Repository::colleges, &Repository::majors, &Repository::certificates, &Repository::pilots,
    &Repository::quota_changes, &Repository::exams, &Repository::reports, &Repository::sites,
    &Repository::funds);

// The kind of a record type: College -> Kind::college, ...
template <class T, std::size_t I = 0>
constexpr Kind kind_of() {
  if constexpr (std::is_same_v<std::variant_alternative_t<I, AnyRecord>, T>) {
    return static_cast<Kind>(I);
  } else {
    return kind_of<T, I + 1>();
  }
}

// The records of type T: records_of<Pilot>(repo) is repo.pilots.
template <class T>
std::vector<T>& records_of(Repository& repo) {
  return repo.*std::get<std::vector<T> Repository::*>(k_kind_records);
}
template <class T>
const std::vector<T>& records_of(const Repository& repo) {
  return repo.*std::get<std::vector<T> Repository::*>(k_kind_records);
}

// Calls f(records) with each kind's vector of records, in the order of Kind; const when repo is.
template <class Repo, class F>
  requires std::is_same_v<std::remove_const_t<Repo>, Repository>
void for_each_kind(Repo& repo, F&& f) {
  std::apply([&](auto... member) { (f(repo.*member), ...); }, k_kind_records);
}

// Calls f(std::type_identity<T>{}) with the record type T of `kind` and returns what f returns
// (the same type for every kind): with_kind_type(k, [](auto t) { return schema_of<typename
// decltype(t)::type>(); }).
template <class F>
decltype(auto) with_kind_type(Kind kind, F&& f) {
  return [&]<std::size_t... I>(std::index_sequence<I...>) -> decltype(auto) {
    using R = decltype(f(std::type_identity<std::variant_alternative_t<0, AnyRecord>>{}));
    using Call = R (*)(F&);
    static constexpr Call calls[] = {[](F& g) -> R {
      return g(std::type_identity<std::variant_alternative_t<I, AnyRecord>>{});
    }...};
    return calls[static_cast<std::size_t>(kind)](f);
  }(std::make_index_sequence<std::variant_size_v<AnyRecord>>{});
}

// Calls f(records) with the vector of records of `kind`.
template <class Repo, class F>
  requires std::is_same_v<std::remove_const_t<Repo>, Repository>
void with_kind(Repo& repo, Kind kind, F&& f) {
  std::size_t i = 0;
  for_each_kind(repo, [&](auto& records) {
    if (i++ == static_cast<std::size_t>(kind)) f(records);
  });
}

// A pilot's `plan` looks like a path when it contains '/' or ends in .pdf/.doc/.docx/.md
// (SPEC §2.2); then the file must exist inside the repository.
bool plan_is_path(std::string_view plan);

struct LoadOptions {
  unsigned jobs = 0;  // 0 = hardware concurrency
};

// No repository at all (no pilot.toml): exit 2.
struct RepositoryNotFound : std::runtime_error {
  RepositoryNotFound(Text message)
      : std::runtime_error(message.en), text(std::move(message)) {}
  Text text;  // the message in both languages
};

// Finds the repository root: `explicit_dir` if given, else $PILOT_REPO, else walking up
// from `start` looking for pilot.toml. Throws RepositoryNotFound naming where it looked.
std::filesystem::path find_repository(const std::optional<std::filesystem::path>& explicit_dir,
                                      const std::filesystem::path& start);

// Loads every record below root. Bad files become diagnostics; throws only when pilot.toml
// is missing or unparseable (ConfigError).
Repository load_repository(const std::filesystem::path& root, const LoadOptions& options = {});

// One file turned into a record (or not) with what reading it found. Pure: the loader runs
// it on many files at once; the writing commands run it on the text they are about to write.
struct ParsedFile {
  Kind kind = Kind::college;
  std::string file;  // relative path
  std::optional<AnyRecord> record;
  std::vector<Diagnostic> diagnostics;
};

// Parses one record file's bytes, found at `rel_path` (which decides kind, year and stem).
ParsedFile parse_record(Kind kind, const std::string& rel_path, std::string_view bytes);

// Adds a parsed file to the repository (record, diagnostics, unreadable id). Call
// build_indexes() after the last one.
void add_parsed(Repository& repo, ParsedFile&& parsed);
// The inverse of add_parsed: drops every record and load finding taken from the file `rel`
// of `kind` (and its stem from the unreadable ids when it was no record), as if it had never
// been read. The write check uses it to validate a repository with a file replaced.
void remove_file(Repository& repo, Kind kind, const std::string& rel);

}  // namespace pilot
