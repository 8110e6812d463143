// The walk (src/load/walk.cpp): which entries of the tree are record files, and what is said
// about every other YAML file, symlinked folder and unreadable folder (SPEC §2: nothing in the
// tree is silently skipped).
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "load/walk.hpp"
#include "scratch.hpp"

using namespace pilot;
using namespace pilot::load;
namespace fs = std::filesystem;

namespace {

struct Placed {
  Verdict verdict;
  Found found;
};

Placed place(const std::string& rel, EntryType type = EntryType::file) {
  Placed p;
  std::string r = rel, source = "/somewhere/" + rel;
  p.verdict = place_entry(std::move(r), type, std::move(source), p.found);
  return p;
}

std::string rules_of(const Found& f) {
  std::string out;
  for (const auto& d : f.findings) out += d.rule + " ";
  return out;
}

// Everything a disk walk of `root` finds, batch by batch: "rel" for a record file of a kind,
// "rel RULE..." for the findings.
std::vector<std::vector<std::string>> walk(const fs::path& root) {
  std::vector<std::vector<std::string>> batches;
  walk_disk(root, [&](Batch&& batch) {
    std::vector<std::string> lines;
    for (const auto& f : batch) {
      std::string line = f.rel;
      if (!f.findings.empty()) line += " " + rules_of(f);
      if (f.kind) line += std::string(" <") + kind_name(*f.kind) + ">";
      lines.push_back(line);
    }
    batches.push_back(lines);
  });
  return batches;
}

}  // namespace

TEST_CASE("walk: a record file at its place is read as its folder's kind") {
  auto p = place("majors/510201.yaml");
  REQUIRE(p.verdict == Verdict::found);
  CHECK(p.found.kind == Kind::major);
  CHECK(p.found.readable);
  CHECK(p.found.findings.empty());
  CHECK(p.found.source == "/somewhere/majors/510201.yaml");
  CHECK(place("reports/2026/510201/2026-11-10.yaml").found.kind == Kind::report);
  // Misplaced inside its kind's folder: still that kind, parse_record names the layout.
  CHECK(place("pilots/2026/extra/deeper.yaml").found.kind == Kind::pilot);
}

TEST_CASE("walk: .yml and .YAML are S006 naming the file to rename to, and still read") {
  auto yml = place("majors/510299.yml");
  REQUIRE(yml.verdict == Verdict::found);
  CHECK(yml.found.kind == Kind::major);
  CHECK(yml.found.readable);
  REQUIRE(yml.found.findings.size() == 1);
  CHECK(yml.found.findings[0].rule == "S006");
  CHECK(yml.found.findings[0].message.en.find("rename to majors/510299.yaml") != std::string::npos);
  CHECK(yml.found.findings[0].message.zh.find("改名为 majors/510299.yaml") != std::string::npos);
  auto upper = place("colleges/xinxi.YAML");
  REQUIRE(upper.found.findings.size() == 1);
  CHECK(upper.found.findings[0].message.en.find("not .YAML: rename to colleges/xinxi.yaml") != std::string::npos);
}

TEST_CASE("walk: YAML outside the record folders is S006, naming the folder it was meant for") {
  auto typo = place("fund/2026/1.yaml");
  REQUIRE(typo.verdict == Verdict::found);
  CHECK_FALSE(typo.found.kind);
  REQUIRE(typo.found.findings.size() == 1);
  const Diagnostic& d = typo.found.findings[0];
  CHECK(d.rule == "S006");
  CHECK(d.file == "fund/2026/1.yaml");
  CHECK(d.line == 1);
  CHECK(d.message.en.find("did you mean funds/") != std::string::npos);
  CHECK(d.hint.en == "move it to funds/2026/1.yaml");
  CHECK(place("Funds/2026/1.yml").found.findings[0].hint.en == "move it to funds/2026/1.yaml");
  CHECK(place("quota_changes/2026/p.yaml").found.findings[0].hint.en == "move it to quota-changes/2026/p.yaml");
  CHECK(place("report/2026/510201/2026-11-10.yaml").found.findings[0].hint.en ==
        "move it to reports/2026/510201/2026-11-10.yaml");
  for (const char* rel : {"mkdocs.yml", "docs/notes.yaml", "majors.yaml", "archive/2025/funds/1.yaml"}) {
    CAPTURE(rel);
    auto p = place(rel);
    REQUIRE(p.verdict == Verdict::found);
    CHECK_FALSE(p.found.kind);
    REQUIRE(p.found.findings.size() == 1);
    CHECK(p.found.findings[0].rule == "S006");
    CHECK(p.found.findings[0].message.en.find("outside the record folders") != std::string::npos);
  }
}

TEST_CASE("walk: other files are not records and are ignored, folders are walked") {
  for (const char* rel : {"README.md", "plans/2026-plan.pdf", "majors/notes.txt", "AS_OF", "majors/510201.yaml.bak"}) {
    CAPTURE(rel);
    CHECK(place(rel).verdict == Verdict::ignore);
  }
  CHECK(place("majors", EntryType::folder).verdict == Verdict::descend);
  CHECK(place("funds/2026/dir.yaml", EntryType::folder).verdict == Verdict::descend);
  CHECK(is_hidden(".git"));
  CHECK(is_hidden(".510201.yaml.tmp-12-ab"));
  CHECK_FALSE(is_hidden("majors"));
}

TEST_CASE("walk: a symlinked folder is S005 at the link, links and specials that cannot be records") {
  for (const char* rel : {"funds", "pilots/2026/up", "docs"}) {
    CAPTURE(rel);
    auto p = place(rel, EntryType::link_to_folder);
    REQUIRE(p.verdict == Verdict::found);
    CHECK_FALSE(p.found.kind);
    REQUIRE(p.found.findings.size() == 1);
    CHECK(p.found.findings[0].rule == "S005");
    CHECK(p.found.findings[0].hint.en == "replace the link by the folder itself");
  }
  for (EntryType t : {EntryType::link_loops, EntryType::link_outside, EntryType::link_special, EntryType::special}) {
    auto p = place("colleges/x.yaml", t);
    REQUIRE(p.verdict == Verdict::found);
    CHECK(p.found.kind == Kind::college);  // its stem still counts as a known id
    CHECK_FALSE(p.found.readable);
    CHECK(rules_of(p.found) == "S005 ");
  }
  // A broken link or a FIFO that is not named like YAML is no record either.
  CHECK(place("colleges/notes", EntryType::link_loops).verdict == Verdict::ignore);
  CHECK(place("colleges/pipe", EntryType::special).verdict == Verdict::ignore);
}

TEST_CASE("walk: the disk walk goes in path order, one batch per entry of the root") {
  pilot::test::Scratch repo;
  repo.write("pilot.toml", "");
  repo.write("majors/510202.yaml", "");
  repo.write("majors/510201.yaml", "");
  repo.write("majors/5102/x.yaml", "");   // a folder sorts as "5102/": after "5102.yaml"
  repo.write("majors/5102.yaml", "");
  repo.write("majors/.510201.yaml.tmp-1-ab", "");  // an interrupted write: hidden
  repo.write(".pilot/schema/major.json", "");
  repo.write(".github/workflows/ci.yml", "");
  repo.write("fund/2026/1.yaml", "");
  repo.write("plans/plan.pdf", "");
  fs::create_directories(repo.path() / "outside-target/2026");
  fs::create_symlink("outside-target", repo.path() / "funds");
  auto batches = walk(repo.path());
  std::vector<std::vector<std::string>> expected{
      {"fund/2026/1.yaml S006 "},
      {"funds S005 "},
      {"majors/5102.yaml <major>", "majors/5102/x.yaml <major>", "majors/510201.yaml <major>",
       "majors/510202.yaml <major>"},
  };
  CHECK(batches == expected);
}

TEST_CASE("walk: a folder that cannot be listed is S005 at the folder, the walk goes on") {
  if (::geteuid() == 0) {
    MESSAGE("skipped: running as root, permission bits do not stop the listing");
    return;
  }
  pilot::test::Scratch repo;
  repo.write("majors/hidden/510209.yaml", "");
  repo.write("majors/510201.yaml", "");
  fs::permissions(repo.path() / "majors/hidden", fs::perms::none, fs::perm_options::replace);
  auto batches = walk(repo.path());
  fs::permissions(repo.path() / "majors/hidden", fs::perms::owner_all, fs::perm_options::replace);
  REQUIRE(batches.size() == 1);
  CHECK(batches[0] == std::vector<std::string>{"majors/510201.yaml <major>", "majors/hidden S005 "});
}
