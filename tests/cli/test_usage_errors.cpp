// Usage errors a user can act on (issue 16 item 5, issue 13 item 3, SPEC §4): in --lang, with
// `pilot: error:`, a "did you mean" for subcommands, options, kinds and enum values, exit 2;
// --help of a subcommand lists the global options; numbers and dates show NUM and DATE.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "run.hpp"

using namespace pilot::test;

namespace {

RunResult usage(std::vector<std::string> args, const std::string& lang = "en") {
  std::vector<std::string> all{"--repo", fixture("base").string(), "--lang", lang};
  all.insert(all.end(), args.begin(), args.end());
  return run_pilot(all);
}

// The error and hint lines, for messages that fail.
std::string err_of(const RunResult& r) { return r.err; }

}  // namespace

TEST_CASE("usage errors: a mistyped subcommand, option, kind or value says what was meant") {
  struct Case {
    std::vector<std::string> args;
    std::string error;  // after "pilot: error: "
    std::string hint;   // in the hint line
  };
  const std::vector<Case> cases = {
      {{"valdate"}, "unknown command \"valdate\"", "did you mean \"validate\"?"},
      {{"validate", "--fromat", "json"},
       "unknown option \"--fromat\"",
       "did you mean \"--format\"?"},
      {{"status", "--yaer", "2026"}, "unknown option \"--yaer\"", "did you mean \"--year\"?"},
      {{"validate", "--format", "jsno"},
       "--format: \"jsno\" is not one of text, json, github, junit, sarif",
       "did you mean \"json\"?"},
      {{"list", "colege"},
       "KIND: \"colege\" is not one of college, major, certificate",
       "did you mean \"college\"?"},
      {{"schema", "majr"}, "KIND: \"majr\" is not one of", "did you mean \"major\"?"},
      {{"status", "--format", "tabel"},
       "--format: \"tabel\" is not one of table, md, csv, json",
       "did you mean \"table\"?"},
      {{"--color", "allways", "validate"},
       "--color: \"allways\" is not one of auto, always, never",
       "did you mean \"always\"?"},
      {{"status", "--year", "20266"},
       "--year must be a whole number from 1900 to 9999, not \"20266\"",
       ""},
      {{"status", "--width", "wide"},
       "--width must be a whole number from 0 to 10000, not \"wide\"",
       ""},
      {{"validate", "extra"}, "unexpected argument \"extra\"", "pilot validate --help"},
      {{"validate", "--select", "Z9"}, "no rule ID starts with \"Z9\"", ""},
      {{"validate", "--as-of", "2026-02-30"},
       "--as-of must be a date YYYY-MM-DD that exists, not \"2026-02-30\"",
       ""},
      {{"validate", "--as-of", ""}, "--as-of is empty", ""},
      {{}, "a command is missing: one of validate, rules", "pilot --help"},
      {{"report", "--format"}, "--format needs a value", "pilot report --help"},
      {{"validate", "--lang", "en", "--lang", "zh"},
       "--lang is given more than once",
       "pilot validate --help"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.error);
    RunResult r = usage(c.args);
    INFO(err_of(r));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("pilot: error: " + c.error, 0) == 0);
    if (!c.hint.empty()) CHECK(r.err.find("\n  hint: ") != std::string::npos);
    CHECK(r.err.find(c.hint) != std::string::npos);
    CHECK(r.err.find("Run with --help") == std::string::npos);  // CLI11's own wording is gone
  }
}

TEST_CASE("usage errors: in Chinese under --lang zh (wherever --lang stands) and $PILOT_LANG") {
  RunResult r = usage({"valdate"}, "zh");
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("pilot: error: 未知的子命令 “valdate”\n  提示：是否想输入 “validate”？", 0) ==
        0);
  RunResult option = run_pilot(
      {"validate", "--fromat", "json", "--lang", "zh", "--repo", fixture("base").string()});
  CHECK(option.err.rfind("pilot: error: 未知的选项 “--fromat”", 0) == 0);
  CHECK(option.err.find("“--format”") != std::string::npos);
  RunResult value = run_pilot({"list", "colege"}, {{"PILOT_LANG", "zh"}});
  CHECK(value.err.rfind("pilot: error: KIND 的值 “colege” 无效", 0) == 0);
  CHECK(value.err.find("是否想输入 “college”？") != std::string::npos);
  RunResult date = usage({"validate", "--as-of", "2026-13-01"}, "zh");
  CHECK(date.err.rfind("pilot: error: --as-of 应为真实存在的日期 YYYY-MM-DD，而不是 “2026-13-01”",
                       0) == 0);
  RunResult rule = usage({"validate", "--select", "Z9"}, "zh");
  CHECK(rule.err.rfind("pilot: error: 没有以 “Z9” 开头的规则编号", 0) == 0);
  for (const RunResult* zh : {&r, &option, &value, &date, &rule}) {
    // The message itself has no English words (option names and values aside).
    std::string message = zh->err.substr(0, zh->err.find('\n'));
    CHECK(message.find(" is ") == std::string::npos);
    CHECK(message.find(" not ") == std::string::npos);
  }
}

TEST_CASE("usage errors: --as-of '' is an error, not today") {
  RunResult empty = usage({"validate", "--as-of", ""});
  CHECK(empty.exit_code == 2);
  RunResult equals = run_pilot({"validate", "--repo", fixture("base").string(), "--as-of="});
  CHECK(equals.exit_code == 2);
  CHECK(equals.err.find("pilot: error: --as-of needs a value") == 0);
  // Without --as-of, $PILOT_TODAY or today is still the default.
  CHECK(run_pilot({"validate", "--repo", fixture("base").string()}, {{"PILOT_TODAY", "2026-11-15"}})
            .exit_code == 0);
}

TEST_CASE(
    "usage errors: --help of a subcommand lists the global options, numbers and dates say NUM and "
    "DATE") {
  for (const std::string sub : {"validate", "status", "report", "list", "approve"}) {
    CAPTURE(sub);
    RunResult r = run_pilot({sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Global options") != std::string::npos);
    for (const char* global :
         {"--repo DIR", "--as-of DATE", "--lang", "--color", "--quiet", "--jobs NUM"}) {
      CAPTURE(global);
      CHECK(r.out.find(global) != std::string::npos);
    }
  }
  CHECK(run_pilot({"status", "--help"}).out.find("--year NUM") != std::string::npos);
  CHECK(run_pilot({"status", "--help"}).out.find("--width NUM") != std::string::npos);
  CHECK(run_pilot({"report", "--help"}).out.find("--date DATE") != std::string::npos);
  CHECK(run_pilot({"approve", "--help"}).out.find("--date DATE") != std::string::npos);
  RunResult top = run_pilot({"--help"});
  CHECK(top.out.find("--as-of DATE") != std::string::npos);
  CHECK(top.out.find("Global options") == std::string::npos);  // pilot's own help lists them once
  for (const std::string sub :
       {"validate", "status", "report", "compliance", "list", "calendar", "init", "approve",
        "reject", "rules", "explain", "schema", "completions"}) {
    CAPTURE(sub);
    std::string help = run_pilot({sub, "--help"}).out;
    // No option takes a number or a date shown as TEXT (free text and IDs may be TEXT).
    for (const char* numeric : {"--year TEXT", "--date TEXT", "--as-of TEXT", "--width TEXT",
                                "--jobs TEXT", "--year INT", "--width INT", "--jobs UINT"}) {
      CHECK(help.find(numeric) == std::string::npos);
    }
  }
}

// Issue 16 item 5: no English string reaches a zh user. Every option that --help describes,
// the global ones included, has a Chinese half ("English / 中文").
TEST_CASE("usage errors: every option's help in every subcommand has a Chinese half") {
  auto has_cjk = [](const std::string& s) {
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
      auto b = static_cast<unsigned char>(s[i]);
      if (b >= 0xE4 && b <= 0xE9) return true;  // U+4E00–U+9FFF start with E4..E9
    }
    return false;
  };
  const std::vector<std::vector<std::string>> commands = {
      {},          {"validate"},    {"rules"},  {"explain"},       {"calendar"},
      {"status"},  {"report"},      {"compliance"}, {"funds"},     {"list"},
      {"init"},    {"add"},         {"add", "pilot"}, {"add", "exam"}, {"add", "fund"},
      {"add", "report"}, {"set", "pilot"}, {"year", "open"}, {"approve"}, {"reject"},
      {"completions"}, {"schema"},  {"lsp"}};
  for (const auto& command : commands) {
    std::vector<std::string> args = command;
    std::string sub = command.empty() ? "" : command.back();
    args.push_back("--help");
    RunResult r = usage(args, "zh");
    CAPTURE(sub);
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line, pending;  // pending: an option whose description is on the next line
    int options = 0;
    while (std::getline(lines, line)) {
      bool option = line.rfind("  -", 0) == 0;
      if (!pending.empty()) {
        CHECK_MESSAGE(has_cjk(line), pending, " → ", line);
        pending.clear();
        continue;
      }
      if (!option) continue;
      ++options;
      std::size_t gap = line.find("  ", 2);
      if (gap == std::string::npos || line.find_first_not_of(' ', gap) == std::string::npos) {
        pending = line;
      } else {
        CHECK_MESSAGE(has_cjk(line), line);
      }
    }
    CHECK(options > 0);
  }
}
