// The README and the guides say only what is true: every command of their ```sh blocks runs, in
// order, in one shell session in a scratch folder (so `cd` carries over), with the pilot under
// test first on PATH, and exits 0. What cannot run inside a test is checked another way, and
// said so: `make TARGET` with `make -n` (the target exists), the package's file name against
// what cpack names it, `man pilot` by the install test. `pilot year open` runs once `pilot --help`
// lists `year`; until then that line is skipped with a message. The README's links lead to files
// that exist, and its table of formats names every `--format` choice of every command.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const fs::path k_source = PILOT_SOURCE_DIR;

std::string q(const std::string& s) { return "'" + s + "'"; }

struct Command {
  int line = 0;      // of the doc, where the command starts
  std::string text;  // continuation lines joined
};

// The commands of the doc's ```sh blocks: one a line (a trailing `\` continues it), blank lines
// and comment lines left out.
std::vector<Command> shell_commands(const fs::path& doc) {
  std::istringstream in(read_file(doc));
  std::vector<Command> out;
  bool in_sh = false;
  bool continued = false;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      in_sh = !in_sh && line == "```sh";
      continued = false;
      continue;
    }
    if (!in_sh) continue;
    std::string text = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (!continued && (text.empty() || text[0] == '#')) continue;
    if (continued) {
      out.back().text += " " + text;
    } else {
      out.push_back({n, text});
    }
    continued = !out.back().text.empty() && out.back().text.back() == '\\';
    if (continued) out.back().text.pop_back();
  }
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

std::string version() {
  std::string v = run_pilot({"--version"}).out;
  v = v.substr(v.find(' ') + 1);
  return v.substr(0, v.find_first_of(" \n"));
}

// Runs the doc's commands in one session; checks each exits 0.
void run_doc(const std::string& rel, const std::string& today) {
  const fs::path doc = k_source / rel;
  auto commands = shell_commands(doc);
  REQUIRE_FALSE(commands.empty());
  TempDir work;
  fs::create_directories(work.path() / "bin");
  fs::create_symlink(PILOT_BIN, work.path() / "bin" / "pilot");
  std::string script = "export PATH=" + q((work.path() / "bin").string()) +
                       ":$PATH HOME=" + q(work.str()) + " PILOT_TODAY=" + today +
                       " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t"
                       " GIT_COMMITTER_EMAIL=t@example.org\ncd " +
                       q(work.str()) + "\n";
  std::vector<std::size_t> ran;  // indexes into commands
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const std::string& c = commands[i].text;
    CAPTURE(rel);
    CAPTURE(commands[i].line);
    CAPTURE(c);
    if (starts_with(c, "make ")) {
      std::string args =
          c.substr(5, c.find('#') == std::string::npos ? std::string::npos : c.find('#') - 5);
      auto r = run_shell("make -n " + args, k_source);
      CHECK_MESSAGE(r.exit_code == 0, r.err);
      MESSAGE(rel << ":" << commands[i].line << ": not run in a test: `" << c
                  << "` (checked with make -n)");
      continue;
    }
    if (starts_with(c, "sudo apt install ./")) {
      std::smatch m;
      std::string arch = run_shell("dpkg --print-architecture").out;
      arch = arch.substr(0, arch.find('\n'));
      REQUIRE(std::regex_search(c, m, std::regex(R"(\./(\S+\.deb))")));
      CHECK(m[1] == "pilot-1x_" + version() + "_" + arch + ".deb");  // what `make deb` builds
      MESSAGE(rel << ":" << commands[i].line << ": not run in a test: `" << c
                  << "` (its file name checked)");
      continue;
    }
    if (c == "man pilot") {
      MESSAGE(rel << ":" << commands[i].line
                  << ": not run in a test: `man pilot` (the install test reads the page)");
      continue;
    }
    const std::string n = std::to_string(i);
    script += "{ " + c + "\n} >" + q(work.str() + "/.out-" + n) + " 2>" +
              q(work.str() + "/.err-" + n) + "; echo $? >" + q(work.str() + "/.rc-" + n) + "\n";
    ran.push_back(i);
  }
  auto r = run_shell(script);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (std::size_t i : ran) {
    const std::string n = std::to_string(i);
    CAPTURE(rel);
    CAPTURE(commands[i].line);
    CAPTURE(commands[i].text);
    INFO(work.read(".out-" + n) << work.read(".err-" + n));
    CHECK(work.read(".rc-" + n) == "0\n");
  }
}

}  // namespace

TEST_CASE("readme: the commands of the README run as shown, and its links lead somewhere") {
  // As of a day in the pilot year of data-example, so that `pilot year open 2027` opens next year.
  run_doc("README.md", PILOT_EXAMPLE_AS_OF);

  // Links lead to files that exist, in the README and the pages it sends newcomers to first.
  std::regex link(R"(\]\(([^)#\s]+)(#[^)]*)?\))");
  for (const char* doc :
       {"README.md", "docs/editors-vscode.md", "docs/editors-vim.md", "docs/validate-output.md"}) {
    CAPTURE(doc);
    const fs::path path = k_source / doc;
    const std::string text = read_file(path);
    int links = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
      std::string target = (*it)[1];
      if (target.find("://") != std::string::npos) continue;
      CAPTURE(target);
      CHECK(fs::exists(path.parent_path() / target));
      ++links;
    }
    CHECK(links >= 2);
  }
  const std::string readme = read_file(k_source / "README.md");
  for (const char* doc : {"docs/guide-zh.md", "docs/guide-en.md", "docs/editors-vscode.md",
                          "docs/editors-vim.md", "docs/validate-output.md"}) {
    CAPTURE(doc);
    CHECK(readme.find(std::string("](") + doc + ")") != std::string::npos);
  }
}

TEST_CASE("readme: the README's table of formats names every --format choice of every command") {
  std::string readme = read_file(k_source / "README.md");
  auto table = readme.find("| command | `--format` |");
  REQUIRE(table != std::string::npos);
  // The row of each command that has --format.
  for (const char* command :
       {"validate", "status", "report", "compliance", "funds", "list", "calendar", "rules"}) {
    CAPTURE(command);
    std::string help = run_pilot({command, "--help"}).out;
    std::smatch m;
    REQUIRE(std::regex_search(help, m, std::regex(R"(--format TEXT:\{([^}]*)\})")));
    auto row_at = readme.find("`pilot " + std::string(command), table);
    REQUIRE(row_at != std::string::npos);
    std::string row = readme.substr(row_at, readme.find('\n', row_at) - row_at);
    std::istringstream choices(m[1].str());
    for (std::string choice; std::getline(choices, choice, ',');) {
      CAPTURE(choice);
      CHECK(row.find("`" + choice + "`") != std::string::npos);
    }
  }
}

TEST_CASE("readme: the guides' commands run as shown, from installing to the year-end view") {
  // The day the walkthrough's first fortnightly report is due: the pilot approved on 06-01, the
  // report of 06-10 filed that day, nothing missing yet.
  for (const char* guide : {"docs/guide-en.md", "docs/guide-zh.md"}) run_doc(guide, "2026-06-10");
}
