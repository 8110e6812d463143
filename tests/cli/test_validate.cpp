// pilot validate on fixture repositories: S rules, bad input, formats, global options.
#include <algorithm>
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

const std::string k_as_of = "2026-11-15";  // the base fixture's snapshot date

RunResult validate_json(const std::string& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"validate", "--repo", repo, "--as-of", k_as_of, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args);
}

// Exactly one finding, of this rule, at this file and line.
void expect_only(const RunResult& r, const std::string& rule, const std::string& file, int line) {
  INFO(r.out, r.err);
  auto j = r.json();
  REQUIRE(j["diagnostics"].size() == 1);
  const auto& d = j["diagnostics"][0];
  CHECK(d["rule"] == rule);
  CHECK(d["file"] == file);
  CHECK(d["line"] == line);
  CHECK(d["column"].get<int>() >= 1);
  CHECK_FALSE(d["message"].get<std::string>().empty());
  CHECK_FALSE(d["hint"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("validate: the base fixture and data-example are clean") {
  auto r = validate_json(fixture("base").string(), {"--strict"});
  CHECK(r.exit_code == 0);
  auto j = r.json();
  CHECK(j["schema_version"] == 1);
  CHECK(j["as_of"] == k_as_of);
  CHECK(j["summary"]["errors"] == 0);
  CHECK(j["summary"]["warnings"] == 0);
  CHECK(j["summary"]["waived"] == 0);
  CHECK(j["diagnostics"].empty());

  auto e = run_pilot({"validate", "--repo", example().string(), "--as-of", PILOT_EXAMPLE_AS_OF, "--strict", "--format", "json"});
  INFO(e.out);
  CHECK(e.exit_code == 0);
  CHECK(e.json()["diagnostics"].empty());
}

TEST_CASE("validate: each S fixture breaks exactly its rule") {
  struct Case {
    const char* fixture;
    const char* rule;
    const char* file;
    int line;
  };
  for (const Case& c : {Case{"S001-duplicate-key", "S001", "colleges/xinxi.yaml", 4},
                        Case{"S002-unknown-key", "S002", "majors/510202.yaml", 4},
                        Case{"S003-duplicate-id", "S003", "pilots/2027/web-frontend-2026.yaml", 2},
                        Case{"S004-unknown-college", "S004", "majors/510202.yaml", 3},
                        Case{"S005-gbk", "S005", "colleges/xinxi.yaml", 2},
                        Case{"S006-id-not-stem", "S006", "funds/2026/0001.yaml", 1},
                        Case{"S007-missing-calendar", "S007", "pilot.toml", 1}}) {
    INFO(c.fixture);
    auto r = validate_json(fixture(c.fixture).string());
    CHECK(r.exit_code == 1);
    expect_only(r, c.rule, c.file, c.line);
  }
}

TEST_CASE("validate: one step short of each S fixture stays silent, one step over is its rule") {
  // Near misses (docs/testing.md): the S fixtures above with their fault taken back by one step.
  TempDir repo(fixture("base"));
  SUBCASE("S001: a repeat commented out, the same keys in sibling mappings of a list") {
    repo.write("colleges/xinxi.yaml", "id: xinxi\nname: 信息工程学院\n# name: 信息学院\n"
                                      "leader: 王建华\n");
    std::string pilot = repo.read("pilots/2026/web-frontend-2026.yaml");
    const std::string flow = "  - { major: \"510201\", quota: 30, contact: 李老师 }\n"
                             "  - { major: \"510202\", quota: 20, contact: 王老师 }\n";
    REQUIRE(pilot.find(flow) != std::string::npos);
    pilot.replace(pilot.find(flow), flow.size(),
                  "  - major: \"510201\"\n    quota: 30\n    contact: 李老师\n"
                  "  - major: \"510202\"\n    quota: 20\n    contact: 王老师\n");
    repo.write("pilots/2026/web-frontend-2026.yaml", pilot);
    auto r = validate_json(repo.str(), {"--strict"});
    CHECK(r.exit_code == 0);
    CHECK(r.json()["diagnostics"].empty());
    repo.write("colleges/xinxi.yaml", "id: xinxi\nname: 信息工程学院\nname: 信息学院\n"
                                      "leader: 王建华\n");
    expect_only(validate_json(repo.str()), "S001", "colleges/xinxi.yaml", 3);
  }
  SUBCASE("S003: the same fund id in another year, the same id in another kind") {
    auto fund = [](const std::string& date) {
      return "id: \"0001\"\ndate: " + date +
             "\ncollege: xinxi\ndirection: expense\nsource: college-budget\ncategory: training\n"
             "amount: 100.00\n";
    };
    repo.write("funds/2025/0001.yaml", fund("2025-11-06"));
    repo.write("sites/xinxi.yaml",
               "id: xinxi\ncollege: xinxi\norganization: x\nsignatory: office\n"
               "signed: 2026-09-02\n");
    auto r = validate_json(repo.str(), {"--strict"});
    CHECK(r.exit_code == 0);
    CHECK(r.json()["diagnostics"].empty());
    fs::remove(repo.path() / "funds/2025/0001.yaml");
    // The same year: a duplicate. Only another extension can give it the same stem, and
    // .yml is S006 of its own (SPEC §2); the duplicate is still S003.
    repo.write("funds/2026/0001.yml", fund("2026-11-07"));
    auto dup = validate_json(repo.str());
    INFO(dup.out);
    const nlohmann::json found = dup.json();
    std::vector<std::string> rules;
    for (const auto& d : found["diagnostics"]) {
      CHECK(d["file"] == "funds/2026/0001.yml");
      rules.push_back(d["rule"].get<std::string>());
    }
    std::sort(rules.begin(), rules.end());
    CHECK(rules == std::vector<std::string>{"S003", "S006"});
  }
  SUBCASE("S004: a reference resolves by id, even to an unreadable record, and a prefix does not") {
    // A college without its name is S002's, and still there to refer to.
    repo.write("colleges/xinxi.yaml", "id: xinxi\nleader: 王建华\n");
    expect_only(validate_json(repo.str()), "S002", "colleges/xinxi.yaml", 1);
    repo.write("colleges/xinxi.yaml", "id: xinxi\nname: 信息工程学院\nleader: 王建华\n");
    repo.write("majors/510202.yaml", "id: \"510202\"\nname: 计算机网络技术\ncollege: xinx\n");
    expect_only(validate_json(repo.str()), "S004", "majors/510202.yaml", 3);
  }
  SUBCASE("S006: a bare major code equals its stem, an exam on 31 Dec is in its year's folder") {
    repo.write("majors/510202.yaml", "id: 510202\nname: 计算机网络技术\ncollege: xinxi\n");
    std::string b2 = repo.read("exams/2026/web-frontend-2026-b2.yaml");
    b2.replace(b2.find("date: 2026-12-05"), 16, "date: 2026-12-31");
    repo.write("exams/2026/web-frontend-2026-b2.yaml", b2);
    auto r = validate_json(repo.str(), {"--strict"});
    CHECK(r.exit_code == 0);
    CHECK(r.json()["diagnostics"].empty());
    b2.replace(b2.find("date: 2026-12-31"), 16, "date: 2027-01-01");
    repo.write("exams/2026/web-frontend-2026-b2.yaml", b2);
    expect_only(validate_json(repo.str(), {"--select", "S006"}), "S006",
                "exams/2026/web-frontend-2026-b2.yaml", 3);
  }
}

TEST_CASE("validate: W001 for a waiver that suppresses nothing, and waivers that do") {
  auto r = validate_json(fixture("W001-unused-waiver").string());
  CHECK(r.exit_code == 0);  // a warning only
  expect_only(r, "W001", "funds/2026/0001.yaml", 10);
  CHECK(validate_json(fixture("W001-unused-waiver").string(), {"--strict"}).exit_code == 1);

  // Student income is R402; a waiver in the same file suppresses it, is counted and shown.
  TempDir repo(fixture("base"));
  std::string fund = repo.read("funds/2026/0001.yaml");
  fund.replace(fund.find("direction: expense"), 18, "direction: income");
  fund.replace(fund.find("source: college-budget"), 22, "source: student");
  repo.write("funds/2026/0001.yaml", fund);
  auto unwaived = validate_json(repo.str());
  CHECK(unwaived.exit_code == 1);
  CHECK(with_rule(unwaived.json(), "R402").size() == 1);
  repo.write("funds/2026/0001.yaml", fund + "waivers:\n  R402: 社会学员培训收入,经财务处书面确认\n");
  auto w = validate_json(repo.str(), {"--show-waived"});
  INFO(w.out);
  auto j = w.json();
  CHECK(w.exit_code == 0);
  CHECK(j["summary"]["waived"] == 1);
  CHECK(j["diagnostics"].empty());  // neither R402 nor W001
  REQUIRE(j["waived"].size() == 1);
  CHECK(j["waived"][0]["rule"] == "R402");
  CHECK(j["waived"][0]["file"] == "funds/2026/0001.yaml");
}

TEST_CASE("validate: bad input never crashes and names file, line and column") {
  TempDir repo(fixture("base"));
  SUBCASE("malformed YAML") {
    repo.write("colleges/bad.yaml", "id: bad\nname: [unclosed\nleader: x\n");
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S001");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["file"] == "colleges/bad.yaml");
    CHECK(d[0]["line"].get<int>() >= 2);
  }
  SUBCASE("UTF-16") {
    std::string bytes("\xFF\xFEi\0d\0:\0 \0x\0\n\0", 14);
    repo.write("colleges/u16.yaml", bytes);
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S005");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["message"].get<std::string>().find("UTF-16") != std::string::npos);
  }
  SUBCASE("a BOM and CRLF are accepted") {
    repo.write("colleges/jidian.yaml", "\xEF\xBB\xBFid: jidian\r\nname: 机电工程学院\r\nleader: 赵国栋\r\n");
    auto r = validate_json(repo.str(), {"--strict"});
    INFO(r.out);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("tabs in indentation") {
    repo.write("colleges/tab.yaml", "id: tab\nname:\n\tx: 1\n");
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S001");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["line"] == 3);
  }
  SUBCASE("an empty file and a list instead of a mapping") {
    repo.write("colleges/empty.yaml", "");
    repo.write("colleges/list.yaml", "- id: list\n- name: x\n");
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S002");
    REQUIRE(d.size() == 2);
    CHECK(d[0]["file"] == "colleges/empty.yaml");
    CHECK(d[1]["file"] == "colleges/list.yaml");
    CHECK(d[1]["line"] == 1);
  }
  SUBCASE("duplicate keys") {
    repo.write("majors/510202.yaml", "id: \"510202\"\nname: a\ncollege: xinxi\nname: b\n");
    auto d = with_rule(validate_json(repo.str()).json(), "S001");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["line"] == 4);
  }
  SUBCASE("[ nested 100,000 deep and a block mapping nested 20,000 deep") {
    repo.write("colleges/deep1.yaml", "id: deep1\nname: " + std::string(100000, '[') + "\n");
    std::string block;
    for (int i = 0; i < 20000 && block.size() < 900000; ++i) block += std::string(static_cast<std::size_t>(i % 400), ' ') + "k:\n";
    std::string nested = "a:\n";
    for (int i = 1; i <= 20000; ++i) {
      nested += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
      if (nested.size() > 1000000) break;
    }
    repo.write("colleges/deep2.yaml", nested.substr(0, 1000000));
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S005");
    REQUIRE(d.size() == 2);
    for (const auto& x : d) CHECK(x["message"].get<std::string>().find("nested too deeply") != std::string::npos);
  }
  SUBCASE("an alias bomb") {
    std::string bomb = "id: bomb\nname: x\nleader: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
      bomb += std::string("n") + c + ": &" + c + " [";
      for (int i = 0; i < 9; ++i) bomb += std::string(i ? ", " : "") + "*" + static_cast<char>(c - 1);
      bomb += "]\n";
    }
    repo.write("colleges/bomb.yaml", bomb);
    auto r = run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of, "--format", "json"}, {}, 10);
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S005");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["line"] == 3);
  }
  SUBCASE("a 50 MB file is refused by size, unread") {
    std::ofstream(repo.path() / "colleges/huge.yaml") << std::string(50u * 1024 * 1024, '#');
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S005");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["message"].get<std::string>().find("too large") != std::string::npos);
  }
  SUBCASE("ids with .., / or spaces") {
    repo.write("colleges/dots.yaml", "id: \"../../etc\"\nname: x\nleader: y\n");
    repo.write("colleges/space.yaml", "id: \"a b\"\nname: x\nleader: y\n");
    auto d = with_rule(validate_json(repo.str()).json(), "S002");
    REQUIRE(d.size() == 2);
    CHECK(d[0]["line"] == 1);
  }
  SUBCASE("a symlink that leaves the repository, and one that loops") {
    fs::create_symlink("/etc/hostname", repo.path() / "colleges/outside.yaml");
    fs::create_symlink("loop-b.yaml", repo.path() / "colleges/loop-a.yaml");
    fs::create_symlink("loop-a.yaml", repo.path() / "colleges/loop-b.yaml");
    auto r = validate_json(repo.str());
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S005");
    REQUIRE(d.size() == 3);
    CHECK(d[2]["file"] == "colleges/outside.yaml");
    CHECK(d[2]["message"].get<std::string>().find("outside the repository") != std::string::npos);
  }
  SUBCASE("a FIFO does not block") {
    REQUIRE(::mkfifo((repo.path() / "colleges/fifo.yaml").c_str(), 0644) == 0);
    auto r = run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of, "--format", "json"}, {}, 10);
    CHECK(r.exit_code == 1);
    auto d = with_rule(r.json(), "S005");
    REQUIRE(d.size() == 1);
    CHECK(d[0]["file"] == "colleges/fifo.yaml");
  }
  SUBCASE("a broken file does not stop the others from being checked") {
    repo.write("colleges/bad.yaml", "id: [\n");
    repo.write("majors/510203.yaml", "id: \"510203\"\nname: 软件技术\ncollege: nowhere\n");
    auto j = validate_json(repo.str()).json();
    CHECK(with_rule(j, "S001").size() == 1);
    CHECK(with_rule(j, "S004").size() == 1);
  }
}

TEST_CASE("validate: no repository is exit 2 and says where it looked") {
  TempDir empty;
  auto r = run_pilot({"validate", "--as-of", k_as_of}, {}, 60, empty.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no pilot repository found") != std::string::npos);
  CHECK(r.err.find("looked in") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(run_pilot({"validate", "--repo", empty.str(), "--as-of", k_as_of}).exit_code == 2);
}

TEST_CASE("validate: an unparseable pilot.toml is exit 2 with its position") {
  TempDir repo(fixture("base"));
  repo.write("pilot.toml", "[school\nname = 1\n");
  auto r = run_pilot({"validate", "--repo", repo.str(), "--as-of", k_as_of});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("pilot.toml:1:") != std::string::npos);
}

TEST_CASE("validate: the repository is found from $PILOT_REPO and by walking up") {
  auto r = run_pilot({"validate", "--as-of", k_as_of, "--format", "json"}, {{"PILOT_REPO", fixture("S004-unknown-college").string()}});
  CHECK(r.exit_code == 1);
  CHECK(with_rule(r.json(), "S004").size() == 1);
  auto up = run_pilot({"validate", "--as-of", k_as_of, "--format", "json"}, {}, 60, fixture("S004-unknown-college") / "majors");
  CHECK(up.exit_code == 1);
  CHECK(with_rule(up.json(), "S004").size() == 1);
}

TEST_CASE("validate: global options go before or after the subcommand") {
  std::string repo = fixture("S004-unknown-college").string();
  auto before = run_pilot({"--repo", repo, "--as-of", k_as_of, "validate", "--format", "json"});
  auto after = run_pilot({"validate", "--format", "json", "--repo", repo, "--as-of", k_as_of});
  CHECK(before.exit_code == 1);
  CHECK(before.out == after.out);
}

TEST_CASE("validate: --as-of and $PILOT_TODAY pin the date, a bad date is a usage error") {
  std::string repo = fixture("base").string();
  auto env = run_pilot({"validate", "--repo", repo, "--format", "json"}, {{"PILOT_TODAY", "2026-11-15"}});
  CHECK(env.json()["as_of"] == "2026-11-15");
  auto flag = run_pilot({"validate", "--repo", repo, "--format", "json", "--as-of", "2026-11-16"}, {{"PILOT_TODAY", "2026-11-15"}});
  CHECK(flag.json()["as_of"] == "2026-11-16");
  auto bad = run_pilot({"validate", "--repo", repo, "--as-of", "2026-02-30"});
  CHECK(bad.exit_code == 2);
  CHECK(run_pilot({"validate", "--repo", repo, "--bogus"}).exit_code == 2);
  CHECK(run_pilot({"validate", "--repo", repo, "--format", "xml"}).exit_code == 2);
}

TEST_CASE("validate: --lang, $PILOT_LANG and LANG choose the language") {
  std::string repo = fixture("S004-unknown-college").string();
  auto zh = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of, "--lang", "zh"});
  CHECK(zh.out.find("引用了不存在的二级学院") != std::string::npos);
  CHECK(zh.out.find("个错误") != std::string::npos);
  auto en = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of}, {{"LANG", "zh_CN.UTF-8"}, {"PILOT_LANG", "en"}});
  CHECK(en.out.find("refers to an unknown college") != std::string::npos);
  auto env_zh = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of}, {{"LANG", "zh_CN.UTF-8"}});
  CHECK(env_zh.out.find("提示") != std::string::npos);
}

TEST_CASE("validate: text format is file:line:col: severity[ID] message, then a hint and a count") {
  auto r = run_pilot({"validate", "--repo", fixture("S004-unknown-college").string(), "--as-of", k_as_of, "--lang", "en"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("majors/510202.yaml:3:10: error[S004] ", 0) == 0);
  CHECK(r.out.find("\n  hint: ") != std::string::npos);
  CHECK(r.out.find("1 error, 0 warnings, 0 waived") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
  auto colored = run_pilot({"validate", "--repo", fixture("S004-unknown-college").string(), "--as-of", k_as_of, "--color", "always"});
  CHECK(colored.out.find("\x1b[") != std::string::npos);
  auto quiet = run_pilot({"validate", "--repo", fixture("S004-unknown-college").string(), "--as-of", k_as_of, "-q"});
  CHECK(quiet.out.find("1 error") == std::string::npos);
}

TEST_CASE("validate: github and junit formats") {
  TempDir copy(
      fixture("S004-unknown-college"));  // in no git work tree: GitHub paths relative to it
  std::string repo = copy.str();
  auto gh = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of, "--format", "github", "-q"});
  CHECK(gh.exit_code == 1);
  CHECK(gh.out.rfind("::error file=majors/510202.yaml,line=3,col=10,title=S004::", 0) == 0);
  auto auto_gh = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of, "-q"}, {{"GITHUB_ACTIONS", "true"}});
  CHECK(auto_gh.out.rfind("::error ", 0) == 0);
  auto junit = run_pilot({"validate", "--repo", repo, "--as-of", k_as_of, "--format", "junit"});
  CHECK(junit.exit_code == 1);
  CHECK(junit.out.rfind("<?xml", 0) == 0);
  CHECK(junit.out.find("<failure type=\"S004\"") != std::string::npos);
  CHECK(junit.out.find("failures=\"1\"") != std::string::npos);
}

TEST_CASE("validate: --select, --ignore and --strict") {
  TempDir repo(fixture("base"));
  repo.write("majors/510203.yaml", "id: \"510203\"\nname: 软件技术\ncollege: nowhere\nextra: 1\n");
  auto all = validate_json(repo.str());
  CHECK(all.json()["summary"]["errors"] == 2);
  auto selected = validate_json(repo.str(), {"--select", "S004"});
  CHECK(selected.json()["diagnostics"].size() == 1);
  CHECK(selected.json()["diagnostics"][0]["rule"] == "S004");
  auto ignored = validate_json(repo.str(), {"--ignore", "S004,S002"});
  CHECK(ignored.exit_code == 0);
  CHECK(ignored.json()["diagnostics"].empty());
  CHECK(validate_json(repo.str(), {"--select", "Q9"}).exit_code == 2);
}

TEST_CASE("validate: [rules] severities override the defaults") {
  TempDir repo(fixture("S004-unknown-college"));
  std::ofstream(repo.path() / "pilot.toml", std::ios::app) << "\n[rules]\nS004 = \"warning\"\n";
  auto r = validate_json(repo.str());
  CHECK(r.exit_code == 0);
  CHECK(r.json()["diagnostics"][0]["severity"] == "warning");
  std::ofstream(repo.path() / "pilot.toml", std::ios::app) << "R999 = \"off\"\n";
  auto bad = validate_json(repo.str());
  CHECK(bad.exit_code == 1);
  CHECK(with_rule(bad.json(), "S007").size() == 1);
}

TEST_CASE("validate: output is identical on every run and with any number of jobs") {
  // data-example two months after its snapshot: the December reports are missing (R601) and the
  // 2026 quotas are closed (R501), so there are findings whose order the threads could upset.
  std::string repo = example().string();
  auto run = [&](const char* jobs) {
    return run_pilot(
        {"validate", "--repo", repo, "--as-of", "2027-01-20", "--format", "json", "--jobs", jobs});
  };
  auto one = run("1");
  auto again = run("1");
  auto four = run("4");
  CHECK(one.exit_code == 1);
  CHECK(one.json()["diagnostics"].size() >= 10);
  CHECK(again.out == one.out);
  CHECK(four.out == one.out);
  CHECK(four.exit_code == one.exit_code);
}

TEST_CASE("cli: --version and --help on every subcommand") {
  auto v = run_pilot({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("pilot ") != std::string::npos);
  for (const char* sub : {"validate", "rules", "explain"}) {
    auto h = run_pilot({sub, "--help"});
    INFO(sub);
    CHECK(h.exit_code == 0);
    CHECK(h.out.find("--help") != std::string::npos);
  }
  CHECK(run_pilot({}).exit_code == 2);
}

TEST_CASE("rules and explain: the table and one rule's page in both languages") {
  auto j = run_pilot({"rules", "--format", "json"}).json();
  CHECK(j["rules"].size() == 34);
  CHECK(j["rules"][0]["id"] == "S001");
  auto zh = run_pilot({"explain", "R501", "--lang", "zh"});
  CHECK(zh.exit_code == 0);
  CHECK(zh.out.find("三(五)1") != std::string::npos);
  CHECK(zh.out.find("## 如何修复") != std::string::npos);
  auto en = run_pilot({"explain", "r501", "--lang", "en"});
  CHECK(en.out.find("## How to fix") != std::string::npos);
  CHECK(run_pilot({"explain", "R999"}).exit_code == 2);
}
