// A pilot year driven only through pilot commands, as the academic affairs office would run it
// (issue 14): init, year open, add, approve, set, report, compliance. Every write goes through
// with nothing new to show until the end; each `set` changes only the lines it names (git diff);
// the year ends clean with validate --strict.
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include "shell.hpp"
#include "test_write_support.hpp"

using namespace pilot::test;

namespace {

const std::string k_git = "git -c user.name=t -c user.email=t@example.invalid ";

struct Year {
  TempDir dir;
  std::string repo = (dir.path() / "school").string();

  // `pilot ARGS --repo R --as-of AS_OF`, which must go through.
  RunResult ok(const std::string& as_of, std::vector<std::string> args) const {
    args.insert(args.end(), {"--repo", repo, "--as-of", as_of});
    RunResult r = run_pilot(args);
    INFO(args[0], " ", args[1], " as of ", as_of, "\n", r.out, r.err);
    CHECK(r.exit_code == 0);
    return r;
  }

  ShellResult git(const std::string& args) const {
    ShellResult r = run_shell(k_git + args, repo);
    INFO(args, r.out, r.err);
    CHECK(r.exit_code == 0);
    return r;
  }

  void commit(const std::string& message) const {
    git("add -A && " + k_git + "commit -qm '" + message + "'");
  }

  // The changed lines of the working tree against HEAD: "-old" and "+new", without headers.
  std::vector<std::string> diff_lines() const {
    ShellResult r = git("diff --unified=0 --no-color");
    std::vector<std::string> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0) continue;
      if (!line.empty() && (line[0] == '-' || line[0] == '+')) out.push_back(line);
    }
    return out;
  }

  std::vector<std::string> changed_files() const {
    ShellResult r = git("diff --name-only");
    std::vector<std::string> out;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
};

const std::vector<std::string> k_sections{
    "--major-construction", "课程融通",   "--faculty", "2名教师参加培训", "--textbooks",
    "活页式教材",           "--training", "考前辅导",  "--funding",       "本期无"};

std::vector<std::string> report(const std::string& major, int trained, int registered, int attended,
                                int passed) {
  std::vector<std::string> args{"add",          "report",
                                "--major",      major,
                                "--trained",    std::to_string(trained),
                                "--registered", std::to_string(registered),
                                "--attended",   std::to_string(attended),
                                "--passed",     std::to_string(passed)};
  args.insert(args.end(), k_sections.begin(), k_sections.end());
  return args;
}

}  // namespace

TEST_CASE(
    "office year: a year through pilot commands ends clean with --strict, each set touching only its lines") {
  if (!need_tool("git", "git")) return;
  Year y;
  RunResult init =
      run_pilot({"init", y.repo, "--name", "示例职业技术学院", "--as-of", "2026-12-05"});
  REQUIRE(init.exit_code == 0);
  y.git("init -q .");
  RunResult opened = y.ok("2026-12-10", {"year", "open", "2027"});
  CHECK(opened.out.find("2027-03-01 – 2027-05-31") != std::string::npos);

  // Every write below shows only its path: nothing new to report along the way.
  auto quiet = [](const RunResult& r, const std::string& path) { CHECK(r.out == path + "\n"); };
  quiet(y.ok("2026-12-10",
             {"add", "college", "--id", "xinxi", "--name", "信息工程学院", "--leader", "张主任"}),
        "colleges/xinxi.yaml");
  quiet(y.ok("2026-12-10",
             {"add", "majors", "--id", "510201", "--name", "计算机应用技术", "--college", "xinxi"}),
        "majors/510201.yaml");
  quiet(y.ok("2026-12-10",
             {"add", "专业", "--id", "510202", "--name", "计算机网络技术", "--college", "xinxi"}),
        "majors/510202.yaml");
  quiet(y.ok("2026-12-10", {"add", "certificate", "--id", "web-frontend", "--name", "Web前端开发",
                            "--organization", "工信部教育与考试中心", "--levels",
                            "初级、中级、高级", "--listed-from", "2020"}),
        "certificates/web-frontend.yaml");
  quiet(y.ok("2027-04-01", {"add",           "pilot",
                            "--id",          "web-2027",
                            "--year",        "2027",
                            "--certificate", "web-frontend",
                            "--level",       "中级",
                            "--submitted",   "2027-04-01",
                            "--lead-major",  "510201",
                            "--major",       "510201:30:李老师",
                            "--major",       "510202:20:张老师",
                            "--admin",       "xx_admin",
                            "--exam",        "xx_exam",
                            "--plan",        "2027年试点工作计划"}),
        "pilots/2027/web-2027.yaml");
  y.commit("application");

  // The contact changes hands: one line, the quota kept.
  y.ok("2027-04-02", {"set", "pilot", "web-2027", "--major", "510202::王老师"});
  CHECK(y.diff_lines() ==
        std::vector<std::string>{"-  - { major: \"510202\", quota: 20, contact: 张老师 }",
                                 "+  - { major: \"510202\", quota: 20, contact: 王老师 }"});
  y.commit("contact");

  // Approved, R501 now looks at it: the write shows the warnings it adds (no exam planned yet),
  // and still goes through; the exam batch added next answers them.
  RunResult approved = y.ok("2027-06-01", {"approve", "web-2027", "--date", "2027-06-01"});
  CHECK(approved.out.rfind("pilots/2027/web-2027.yaml\n", 0) == 0);
  CHECK(approved.out.find("warning[R501]") != std::string::npos);
  CHECK(approved.err.find("2 new warning(s)") != std::string::npos);
  quiet(y.ok("2027-06-01",
             {"add", "site", "--id", "xinxi-site-01", "--college", "xinxi", "--organization",
              "工信部教育与考试中心", "--signatory", "college", "--signed", "2027-06-01"}),
        "sites/xinxi-site-01.yaml");
  quiet(y.ok("2027-06-05", {"add", "exam", "--id", "web-2027-b1", "--pilot", "web-2027", "--date",
                            "2027-10-16", "--status", "planned", "--site", "xinxi-site-01",
                            "--result", "510201:30:0:0", "--result", "510202:20:0:0"}),
        "exams/2027/web-2027-b1.yaml");
  for (const char* due :
       {"2027-06-10", "2027-06-20", "2027-07-10", "2027-09-10", "2027-09-20", "2027-10-10"}) {
    quiet(y.ok(due, report("510201", 30, 0, 0, 0)),
          std::string("reports/2027/510201/") + due + ".yaml");
    quiet(y.ok(due, report("510202", 20, 0, 0, 0)),
          std::string("reports/2027/510202/") + due + ".yaml");
  }
  y.commit("planned");

  // The batch is held: its status and both results, and nothing else.
  quiet(y.ok("2027-10-17", {"set", "exam", "web-2027-b1", "--status", "held", "--result",
                            "510201:30:30:25", "--result", "510202:20:20:15"}),
        "exams/2027/web-2027-b1.yaml");
  CHECK(y.changed_files() == std::vector<std::string>{"exams/2027/web-2027-b1.yaml"});
  CHECK(y.diff_lines() ==
        std::vector<std::string>{
            "-status: planned", "+status: held",
            "-  - { major: \"510201\", registered: 30, attended: 0, passed: 0 }",
            "-  - { major: \"510202\", registered: 20, attended: 0, passed: 0 }",
            "+  - { major: \"510201\", registered: 30, attended: 30, passed: 25 }",
            "+  - { major: \"510202\", registered: 20, attended: 20, passed: 15 }"});
  y.commit("held");

  for (const char* due : {"2027-10-20", "2027-11-10", "2027-11-20", "2027-12-10", "2027-12-20"}) {
    quiet(y.ok(due, report("510201", 30, 30, 30, 25)),
          std::string("reports/2027/510201/") + due + ".yaml");
    quiet(y.ok(due, report("510202", 20, 20, 20, 15)),
          std::string("reports/2027/510202/") + due + ".yaml");
  }
  y.commit("reports");

  // A report's section and figure corrected after the fact: those lines only.
  y.ok("2027-12-21",
       {"set", "report", "510202/2027-12-20", "--funding", "学院投入2万元", "--passed", "16"});
  CHECK(y.changed_files() == std::vector<std::string>{"reports/2027/510202/2027-12-20.yaml"});
  std::vector<std::string> diff = y.diff_lines();
  REQUIRE(diff.size() == 4);
  CHECK(diff[0] == "-progress: { trained: 20, registered: 20, attended: 20, passed: 15 }");
  CHECK(diff[1] == "+progress: { trained: 20, registered: 20, attended: 20, passed: 16 }");
  CHECK(diff[2] == "-  funding: 本期无");
  CHECK(diff[3] == "+  funding: 学院投入2万元");
  y.commit("corrected");

  RunResult strict = y.ok("2027-12-31", {"validate", "--strict"});
  CHECK(strict.out.find("0 errors, 0 warnings") != std::string::npos);
  RunResult summary = y.ok("2027-12-31", {"report", "--date", "2027-12-20", "--format", "json"});
  CHECK(summary.out.find("web-2027") != std::string::npos);
  RunResult compliance = y.ok("2027-12-31", {"compliance", "--year", "2027", "--format", "json"});
  CHECK(compliance.out.find("510202") != std::string::npos);
}
