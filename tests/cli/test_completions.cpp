// Shell completions: the committed files are what `pilot completions` prints, and each shell
// completes real command lines with them (bash through COMPREPLY, zsh and fish for syntax and
// a completion each); `pilot __complete` lists IDs; pilot(1) matches `pilot __man`.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_completions = fs::path(PILOT_SOURCE_DIR) / "completions";

// The subcommands `pilot --help` lists ("Subcommands:", then one "  name  description" a line).
std::set<std::string> help_commands() {
  std::string help = run_pilot({"--help"}).out;
  auto at = help.find("\nSubcommands:\n");
  REQUIRE(at != std::string::npos);
  std::set<std::string> names;
  std::istringstream in(help.substr(at + 14));
  for (std::string line; std::getline(in, line) && line.rfind("  ", 0) == 0;) {
    auto end = line.find(' ', 2);
    names.insert(line.substr(2, end - 2));
  }
  return names;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::set<std::string> set_of(const std::string& s) {
  auto l = lines_of(s);
  return {l.begin(), l.end()};
}

// Sources the committed bash script, completes the words given (the last is the one being
// completed) and returns COMPREPLY, one per line.
ShellResult bash_complete(const std::vector<std::string>& words, const fs::path& cwd = {}) {
  std::string array;
  for (const auto& w : words) array += " '" + w + "'";
  return run_shell("exec bash -c '. \"$0\"; COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _pilot; "
                   "printf \"%s\\n\" \"${COMPREPLY[@]}\"' '" +
                       (k_completions / "pilot.bash").string() + "'" + array,
                   cwd);
}

std::string base() { return fixture("base").string(); }

}  // namespace

TEST_CASE("completions: the committed files are exactly what pilot completions prints") {
  for (auto [shell, file] : {std::pair{"bash", "pilot.bash"}, std::pair{"zsh", "_pilot"}, std::pair{"fish", "pilot.fish"}}) {
    CAPTURE(shell);
    auto r = run_pilot({"completions", shell});
    REQUIRE(r.exit_code == 0);
    CHECK_MESSAGE(r.out == read_file(k_completions / file),
                  "completions/" << file << " is stale: regenerate it with `pilot completions " << shell << " > completions/" << file << "`");
  }
  auto bad = run_pilot({"completions", "powershell"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("completions: pilot(1) is exactly what pilot __man prints") {
  auto r = run_pilot({"__man"});
  REQUIRE(r.exit_code == 0);
  fs::path page = fs::path(PILOT_SOURCE_DIR) / "docs" / "pilot.1";
  CHECK_MESSAGE(r.out == read_file(page), "docs/pilot.1 is stale: regenerate it with `pilot __man > docs/pilot.1`");
  CHECK(r.out.find(".TH PILOT 1") != std::string::npos);
  for (const char* section : {".SH SYNOPSIS", ".SH COMMANDS", ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH RULES"}) {
    CHECK(r.out.find(section) != std::string::npos);
  }
}

TEST_CASE("completions: groff reads pilot(1) without a warning") {
  // groff is not one of the packages `make deps` installs: a skip, also under CI=true.
  if (!have_program("groff")) return skip("groff is not on PATH (Debian package groff)");
  fs::path page = fs::path(PILOT_SOURCE_DIR) / "docs" / "pilot.1";
  auto g = run_shell("preconv '" + page.string() + "' | groff -man -Tutf8 -ww -z");
  CHECK(g.exit_code == 0);
  CHECK_MESSAGE(g.err.empty(), g.err);
}

TEST_CASE("completions: every command of the command line is completed, hidden ones are not") {
  auto r = bash_complete({"pilot", ""});
  REQUIRE(r.exit_code == 0);
  auto offered = set_of(r.out);
  auto listed = help_commands();
  CHECK(offered == listed);
  for (const char* c : {"validate", "rules", "explain", "add", "completions", "schema"}) CHECK(offered.count(c) == 1);
  CHECK(offered.count("__complete") == 0);
  CHECK(offered.count("__man") == 0);
  CHECK(listed.count("__complete") == 0);
  CHECK(listed.count("__man") == 0);
}

TEST_CASE("completions: bash completes subcommands, options, choices and record IDs") {
  std::string bin = PILOT_BIN;
  struct Case {
    std::vector<std::string> words;
    std::set<std::string> expected;
  };
  const Case cases[] = {
      {{"pilot", "val"}, {"validate"}},
      {{"pilot", "validate", "--fo"}, {"--format"}},
      {{"pilot", "validate", "--format", ""}, {"text", "json", "github", "junit", "sarif"}},
      {{"pilot", "--lang", ""}, {"zh", "en"}},
      {{"pilot", "validate", "--lang", "=", ""}, {"zh", "en"}},  // bash splits --lang=
      {{"pilot", "add", "pilot", "--level", ""}, {"初级", "中级", "高级", "junior", "intermediate", "senior"}},
      {{"pilot", "add", "fund", "--direction", ""}, {"income", "expense", "收入", "支出"}},
      {{"pilot", "completions", ""}, {"bash", "zsh", "fish"}},
      {{"pilot", "add", "quota"}, {"quota-change"}},
      {{bin, "--repo", base(), "add", "report", "--major", ""}, {"510201", "510202"}},
      {{bin, "add", "site", "--repo", base(), "--college", ""}, {"xinxi"}},
      {{bin, "--repo", base(), "approve", ""}, {"web-frontend-2026"}},
      {{bin, "--repo=" + base(), "add", "exam", "--pilot", "web"}, {"web-frontend-2026"}},
      {{bin, "explain", "R30"}, {"R301", "R302", "R303", "R304", "R305", "R306", "R307", "R308", "R309"}},
      {{bin, "validate", "--select", "X"}, {"X001", "X002"}},
  };
  for (const auto& c : cases) {
    std::string typed;
    for (const auto& w : c.words) typed += w + " ";
    CAPTURE(typed);
    auto r = bash_complete(c.words);
    CHECK(r.exit_code == 0);
    CHECK(set_of(r.out) == c.expected);
  }

  SUBCASE("the repository is found as usual when --repo is not given") {
    auto r = bash_complete({bin, "add", "major", "--college", ""}, fixture("base") / "majors");
    CHECK(set_of(r.out) == std::set<std::string>{"xinxi"});
  }
  SUBCASE("--repo completes directories") {
    auto r = bash_complete({"pilot", "--repo", "fixtures/ba"}, fs::path(PILOT_SOURCE_DIR) / "tests");
    CHECK(set_of(r.out) == std::set<std::string>{"fixtures/base"});
  }
  SUBCASE("no repository: no IDs, no error") {
    TempDir empty;
    auto r = bash_complete({bin, "add", "report", "--major", ""}, empty.path());
    CHECK(r.exit_code == 0);
    CHECK(set_of(r.out).empty());
  }
}

TEST_CASE("completions: zsh reads its script and completes with it") {
  if (!need_tool("zsh", "zsh")) return;
  std::string script = (k_completions / "_pilot").string();
  auto syntax = run_shell("zsh -n '" + script + "'");
  CHECK_MESSAGE(syntax.exit_code == 0, syntax.err);

  // compsys's functions are stubbed to print what they are offered.
  auto complete = [&](const std::string& words) {
    return run_shell("exec zsh -f -c 'compdef() { :; }; compset() { :; }; "
                     "_describe() { print -l -- ${(P)${@[-1]}}; }; "
                     "compadd() { if [[ $1 == -a ]]; then print -l -- ${(P)2}; else print -l -- \"$@\"; fi; }; "
                     "_files() { print -- _files \"$@\"; }; "
                     ". \"$0\"; words=(" + words + "); CURRENT=${#words}; _pilot' '" + script + "'");
  };
  auto commands = complete("pilot val");
  CHECK(commands.exit_code == 0);
  CHECK(commands.out.find("validate:check every rule") != std::string::npos);
  auto formats = complete("pilot validate --format \"\"");
  CHECK(set_of(formats.out) == std::set<std::string>{"text", "json", "github", "junit", "sarif"});
  auto majors = complete(std::string(PILOT_BIN) + " --repo " + base() + " add report --major \"\"");
  CHECK(set_of(majors.out) == std::set<std::string>{"510201", "510202"});
  auto repo = complete("pilot --repo \"\"");
  CHECK(repo.out == "_files -/\n");
}

TEST_CASE("completions: fish reads its script and completes with it") {
  if (!need_tool("fish", "fish")) return;
  std::string script = (k_completions / "pilot.fish").string();
  auto syntax = run_shell("fish --no-execute '" + script + "'");
  CHECK_MESSAGE(syntax.exit_code == 0, syntax.err);

  auto complete = [&](const std::string& line) {
    return run_shell("exec fish --no-config -c 'source $argv[1]; complete -C $argv[2]' '" + script + "' '" + line + "'");
  };
  auto commands = complete("pilot val");
  CHECK(commands.exit_code == 0);
  auto offered = lines_of(commands.out);
  REQUIRE(offered.size() == 1);
  CHECK(offered[0].rfind("validate\t", 0) == 0);  // with its description
  auto formats = complete("pilot validate --format=j");
  CHECK(set_of(formats.out) == std::set<std::string>{"--format=json", "--format=junit"});
  auto majors = complete(std::string(PILOT_BIN) + " --repo " + base() + " add report --major ");
  CHECK(set_of(majors.out) == std::set<std::string>{"510201", "510202"});
}

TEST_CASE("completions: pilot __complete prints the IDs of a kind, one per line") {
  auto majors = run_pilot({"--repo", base(), "__complete", "major"});
  CHECK(majors.exit_code == 0);
  CHECK(majors.out == "510201\n510202\n");
  CHECK(majors.err.empty());
  CHECK(run_pilot({"--repo", base(), "__complete", "pilot"}).out == "web-frontend-2026\n");
  CHECK(run_pilot({"__complete", "certificate"}, {{"PILOT_REPO", base()}}).out == "web-frontend\n");
  CHECK(run_pilot({"__complete", "college"}, {}, 60, fixture("base") / "pilots" / "2026").out == "xinxi\n");

  auto rules = lines_of(run_pilot({"__complete", "rule"}).out);
  CHECK(rules.size() == run_pilot({"rules", "--format", "json"}).json()["rules"].size());
  CHECK(std::find(rules.begin(), rules.end(), "R501") != rules.end());

  TempDir nowhere;
  auto none = run_pilot({"__complete", "major"}, {}, 60, nowhere.path());
  CHECK(none.exit_code == 1);
  CHECK(none.out.empty());
  CHECK(none.err.empty());
}
