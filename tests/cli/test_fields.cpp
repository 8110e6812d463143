// The field tables seen from the command line: docs/data-format.md is what `pilot
// __data-format` generates, and `pilot add` reads its flags with the loader's reader, so a
// value the loader would reject in a file is a usage error naming the flag.
#include <doctest/doctest.h>

#include <filesystem>

#include "shell.hpp"
#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

TEST_CASE("fields: docs/data-format.md is exactly what pilot __data-format prints") {
  fs::path doc = fs::path(PILOT_SOURCE_DIR) / "docs" / "data-format.md";
  RunResult r = run_pilot({"__data-format", doc.string()});
  REQUIRE(r.exit_code == 0);
  CHECK_MESSAGE(r.out == read_file(doc),
                "docs/data-format.md is stale: regenerate it with "
                "`pilot __data-format docs/data-format.md > x && mv x docs/data-format.md`");
  CHECK(r.out.find("| `lead_major` | 专业代码 major code |") != std::string::npos);
  CHECK(run_pilot({"__data-format", "/nonexistent/data-format.md"}).exit_code == 2);
  TempDir dir;
  dir.write("x.md", "# no markers\n");
  RunResult bad = run_pilot({"__data-format", (dir.path() / "x.md").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("BEGIN fields college") != std::string::npos);
}

TEST_CASE(
    "add: a value the loader would reject in a file is a usage error naming the flag (exit 2)") {
  TempDir repo(fixture("base"));
  const std::string before = tree_hash(repo.path());
  struct Bad {
    std::vector<std::string> args;
    const char* flag;
  };
  for (const Bad& b : std::vector<Bad>{
           {{"pilot", "--id", "p-2026", "--year", "2026", "--certificate", "web-frontend",
             "--lead-major", "abc"},
            "--lead-major"},
           {{"pilot", "--id", "p-2026", "--year", "2026", "--certificate", "web-frontend",
             "--major", "510201:x:李"},
            "--major"},
           {{"major", "--id", "510203", "--name", "x", "--college", "Bad_Id"}, "--college"},
           {{"exam", "--id", "b9", "--pilot", "web-frontend-2026", "--date", "2026-02-03",
             "--status", "held", "--result", "51020x:1:1:1"},
            "--result"},
           {{"quota-change", "--pilot", "web-frontend-2026", "--revised", "45", "--breakdown",
             "5102:3"},
            "--breakdown"},
           {{"site", "--id", "s2", "--college", "xinxi", "--organization", "o", "--signatory",
             "school", "--contract-process", "procurement", "--signed", "2026-10-01"},
            "--contract-process"},
           {{"fund", "--id", "9", "--date", "2026-02-03", "--college", "xinxi", "--direction",
             "out", "--source", "other", "--category", "other", "--amount", "1"},
            "--direction"},
       }) {
    CAPTURE(b.args);
    for (const char* lang : {"en", "zh"}) {
      std::vector<std::string> args{"add"};
      args.insert(args.end(), b.args.begin(), b.args.end());
      args.insert(args.end(), {"--repo", repo.str(), "--as-of", k_write_as_of, "--lang", lang});
      RunResult r = run_pilot(args);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.rfind(
                std::string("pilot: error: ") + b.flag + (lang == std::string("zh") ? "：" : ": "),
                0) == 0);
    }
  }
  CHECK(tree_hash(repo.path()) == before);
}

TEST_CASE("add: a flag value means what the same value means in a file") {
  TempDir repo(fixture("base"));
  auto dry = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "add");
    args.insert(args.end(), {"--repo", repo.str(), "--as-of", k_write_as_of, "--dry-run"});
    return run_pilot(args);
  };
  RunResult zh =
      dry({"site", "--id", "s3", "--college", "xinxi", "--organization", "o", "--signatory", "学校",
           "--contract-process", "非采购合同", "--oa-ref", "OA-1", "--signed", "2026-10-01"});
  CHECK(zh.exit_code == 0);
  CHECK(zh.out.find("signatory: school\ncontract_process: non-procurement\noa_ref: OA-1\n") !=
        std::string::npos);
  RunResult count = dry({"quota-change", "--pilot", "web-frontend-2026", "--revised", "045"});
  CHECK(count.out.find("\nrevised: 45\n") != std::string::npos);
  RunResult money =
      dry({"fund", "--id", "0009", "--date", "2026-11-07", "--college", "xinxi", "--direction",
           "支出", "--source", "其他", "--category", "耗材", "--amount", "7.5"});
  CHECK(money.exit_code == 0);
  CHECK(money.out.find("id: \"0009\"\n") != std::string::npos);
  CHECK(money.out.find("direction: expense\nsource: other\ncategory: materials\namount: 7.50\n") !=
        std::string::npos);
}
