// pilot add KIND, for each of the nine kinds: --dry-run writes nothing, a failure at the
// rename leaves nothing, the write lands where SPEC §2 says and validates clean, and a record
// that brings a new error is refused with the tree byte-identical.
#include <doctest/doctest.h>

#include <filesystem>

#include "test_write_support.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

struct KindCase {
  const char* kind;
  std::vector<std::string> clean;    // flags of a record that keeps the base fixture clean
  std::string path;                  // where it lands
  std::vector<std::string> refused;  // flags of a record that brings a new error
  const char* rule;                  // ... of this rule
  std::string as_of = k_write_as_of;
  std::string refused_path = "";    // where the refused one would land, when not `path`
  const std::string& refused_at() const { return refused_path.empty() ? path : refused_path; }
};

const std::vector<KindCase> k_cases = {
    {"college",
     {"--id", "jidian", "--name", "机电工程学院", "--leader", "张三"},
     "colleges/jidian.yaml",
     {"--id", "jidian", "--name", "机电工程学院", "--leader", "张三", "--notes", "联系电话 13812345678"},
     "X002"},
    {"major",
     {"--id", "510203", "--name", "大数据技术", "--college", "xinxi"},
     "majors/510203.yaml",
     {"--id", "510203", "--name", "大数据技术", "--college", "nosuch"},
     "S004"},
    {"certificate",
     {"--id", "cloud-ops", "--name", "云计算平台运维与开发", "--organization", "北京新奥时代科技有限责任公司", "--levels",
      "初级,中级", "--levels", "senior", "--listed-from", "2020"},
     "certificates/cloud-ops.yaml",
     {"--id", "cloud-ops", "--name", "云计算平台运维与开发", "--organization", "x", "--levels", "中级", "--listed-from",
      "2020", "--waiver", "S003:结构规则不能豁免"},
     "S002"},
    {"pilot",
     {"--id", "web-frontend-2027", "--year", "2027", "--certificate", "web-frontend", "--level", "中级", "--major",
      "510201:30:李老师"},
     "pilots/2027/web-frontend-2027.yaml",
     {"--id", "web-frontend-2027", "--year", "2027", "--certificate", "nosuch", "--major", "510201:30:李老师"},
     "S004"},
    {"quota-change",
     {"--pilot", "web-frontend-2026", "--revised", "45", "--breakdown", "510201:27", "--breakdown", "510202:18", "--reason",
      "部分学生顶岗实习,无法返校参考", "--initiated-by", "510201", "--signed-by", "王建华", "--stamped"},
     "quota-changes/2026/web-frontend-2026.yaml",
     {"--pilot", "nosuch", "--revised", "45", "--reason", "x", "--initiated-by", "510201", "--signed-by", "王建华", "--stamped"},
     "S004",
     k_write_as_of,
     "quota-changes/2026/nosuch.yaml"},
    {"exam",
     {"--id", "web-frontend-2026-b3", "--pilot", "web-frontend-2026", "--date", "2026-12-12", "--status", "planned", "--site",
      "xinxi-site-01", "--result", "510201:5:0:0", "--results", "510202:3:0:0"},
     "exams/2026/web-frontend-2026-b3.yaml",
     {"--id", "web-frontend-2026-b3", "--pilot", "web-frontend-2026", "--date", "2026-12-12", "--status", "planned", "--site",
      "nosuch", "--result", "510201:5:0:0"},
     "S004"},
    {"report",
     {"--major", "510201", "--trained", "36", "--registered", "20", "--attended", "18", "--passed", "15",
      "--major-construction", "证书标准融入课程", "--faculty", "2名教师参加培训", "--textbooks", "活页式教材", "--training",
      "第二批考前辅导", "--funding", "学院投入2万元"},
     "reports/2026/510201/2026-11-20.yaml",
     {"--major", "510201", "--pilot", "nosuch", "--trained", "36", "--registered", "20", "--attended", "18", "--passed", "15"},
     "S004",
     "2026-11-20"},
    {"site",
     {"--id", "xinxi-site-02", "--college", "xinxi", "--organization", "北京新奥时代科技有限责任公司", "--signatory", "学校",
      "--contract-process", "non-procurement", "--oa-ref", "OA-2026-0999", "--signed", "2026-10-01"},
     "sites/xinxi-site-02.yaml",
     {"--id", "xinxi-site-02", "--college", "nosuch", "--organization", "x", "--signatory", "college", "--signed", "2026-10-01"},
     "S004"},
    {"fund",
     {"--id", "0002", "--date", "2026-11-07", "--college", "xinxi", "--pilot", "web-frontend-2026", "--direction", "expense",
      "--source", "college-budget", "--category", "materials", "--amount", "1250.5"},
     "funds/2026/0002.yaml",
     {"--id", "0002", "--date", "2026-11-07", "--college", "xinxi", "--direction", "income", "--source", "student",
      "--category", "training", "--amount", "100"},
     "R402"},
};

RunResult add(const TempDir& repo, const KindCase& c, const std::vector<std::string>& flags, std::vector<std::string> extra = {},
              std::map<std::string, std::string> env = {}) {
  std::vector<std::string> args{"add", c.kind, "--repo", repo.str(), "--as-of", c.as_of};
  args.insert(args.end(), flags.begin(), flags.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pilot(args, env);
}

}  // namespace

TEST_CASE("add: every kind — dry run, failed rename, write, validate clean, refusal") {
  for (const auto& c : k_cases) {
    std::string kind = c.kind;
    CAPTURE(kind);
    TempDir repo(fixture("base"));
    const std::string before = tree_hash(repo.path());

    // --dry-run prints the file and writes nothing at all (not even the lock folder).
    RunResult dry = add(repo, c, c.clean, {"--dry-run"});
    INFO(dry.out, dry.err);
    CHECK(dry.exit_code == 0);
    CHECK(tree_hash(repo.path()) == before);
    CHECK_FALSE(fs::exists(repo.path() / ".pilot"));

    // A write failing between the temp file and the rename leaves no record and no temp file.
    RunResult failed = add(repo, c, c.clean, {}, {{"PILOT_TEST_FAIL_AT", "rename"}});
    CHECK(failed.exit_code == 1);
    CHECK(failed.err.find(c.path) != std::string::npos);
    CHECK(failed.err.find("Input/output error") != std::string::npos);
    CHECK(records_hash(repo.path()) == before);
    CHECK(temp_files(repo.path()).empty());

    // The write: the path on stdout, the file exactly what the dry run showed, validate clean.
    RunResult written = add(repo, c, c.clean);
    INFO(written.out, written.err);
    REQUIRE(written.exit_code == 0);
    CHECK(written.out == c.path + "\n");
    CHECK(repo.read(c.path) == dry.out);
    CHECK(dry.out.find('\r') == std::string::npos);
    auto v = validate_json(repo, c.as_of);
    CHECK(v["summary"]["errors"] == 0);
    CHECK(v["summary"]["warnings"] == 0);
    CHECK(v["diagnostics"].empty());

    // An existing file is never overwritten without --force.
    const std::string after = records_hash(repo.path());
    RunResult again = add(repo, c, c.clean);
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("already exists") != std::string::npos);
    CHECK(records_hash(repo.path()) == after);

    // A record that brings a new error: refused, its diagnostics printed, nothing written.
    TempDir fresh(fixture("base"));
    RunResult refused = add(fresh, c, c.refused);
    INFO(refused.out, refused.err);
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.find(c.refused_at() + ":") != std::string::npos);
    CHECK(refused.out.find(std::string("error[") + c.rule + "]") != std::string::npos);
    CHECK(refused.err.find("nothing was written") != std::string::npos);
    CHECK(records_hash(fresh.path()) == before);

    // --force writes it anyway.
    RunResult forced = add(fresh, c, c.refused, {"--force"});
    CHECK(forced.exit_code == 0);
    CHECK(fs::exists(fresh.path() / c.refused_at()));
    CHECK(forced.err.find(c.rule) != std::string::npos);
  }
}

TEST_CASE("add: the written text is canonical — quoted codes, first spellings, defaults from the repository") {
  TempDir repo(fixture("base"));
  auto run = [&](std::vector<std::string> args, const std::string& as_of = k_write_as_of) {
    args.insert(args.begin() + 1, {"--repo", repo.str(), "--as-of", as_of});
    args.insert(args.begin(), "add");
    return run_pilot(args);
  };
  SUBCASE("a site with a Chinese signatory is written in the first spelling") {
    RunResult r = run({"site", "--id", "s2", "--college", "xinxi", "--organization", "某组织: 北京", "--signatory", "二级学院",
                       "--signed", "2026-10-01", "--dry-run"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "id: s2\ncollege: xinxi\norganization: \"某组织: 北京\"\nsignatory: college\nsigned: 2026-10-01\n");
  }
  SUBCASE("a quota change takes certificate name, level and original from the pilot") {
    RunResult r = run({"quota-change", "--pilot", "web-frontend-2026", "--revised", "45", "--breakdown", "510201:27",
                       "--breakdown", "510202:18", "--reason", "顶岗实习", "--initiated-by", "510201", "--signed-by", "王建华",
                       "--stamped", "--dry-run"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "pilot: web-frontend-2026\ncertificate_name: Web前端开发\nlevel: 中级\noriginal: 50\nrevised: 45\n"
          "breakdown:\n  \"510201\": 27\n  \"510202\": 18\nreason: 顶岗实习\ninitiated_by: \"510201\"\nsigned_by: 王建华\n"
          "stamped: true\nsubmitted: 2026-11-15\n");
  }
  SUBCASE("a report is due on the latest due date and submitted as of today") {
    RunResult r = run({"report", "--major", "510202", "--trained", "1", "--registered", "1", "--attended", "1", "--passed",
                       "1", "--dry-run"},
                      "2026-11-22");
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "major: \"510202\"\npilot: web-frontend-2026\ndue: 2026-11-20\nsubmitted: 2026-11-22\n"
          "progress: { trained: 1, registered: 1, attended: 1, passed: 1 }\n");
  }
  SUBCASE("a pilot's status follows the dates given") {
    RunResult r = run({"pilot", "--id", "p-2026", "--year", "2026", "--certificate", "web-frontend", "--submitted",
                       "2026-04-01", "--dry-run"});
    CHECK(r.out.find("status: submitted\nsubmitted: 2026-04-01\n") != std::string::npos);
  }
  SUBCASE("accounts by --admin / --exam or their long names") {
    RunResult r = run({"pilot", "--id", "p-2026", "--year", "2026", "--certificate", "web-frontend", "--admin-account", "a_1",
                       "--exam", "e_1", "--dry-run"});
    CHECK(r.out.find("accounts: { admin: a_1, exam: e_1 }\n") != std::string::npos);
  }
}

TEST_CASE("add: bad flag values are usage errors (exit 2) naming the flag, and nothing is written") {
  TempDir repo(fixture("base"));
  const std::string before = tree_hash(repo.path());
  auto run = [&](std::vector<std::string> args) {
    std::vector<std::string> all{"add"};
    all.insert(all.end(), args.begin(), args.end());
    all.insert(all.end(), {"--repo", repo.str(), "--as-of", k_write_as_of});
    return run_pilot(all);
  };
  struct Bad {
    std::vector<std::string> args;
    const char* names;
  };
  for (const Bad& b : std::vector<Bad>{
           {{"college", "--id", "../etc", "--name", "x", "--leader", "y"}, "--id"},
           {{"college", "--id", "Xinxi", "--name", "x", "--leader", "y"}, "--id"},
           {{"major", "--id", "5102", "--name", "x", "--college", "xinxi"}, "--id"},
           {{"college", "--name", "x", "--leader", "y"}, "--id"},
           {{"exam", "--id", "b9", "--pilot", "p", "--date", "2026-02-30", "--status", "held", "--result", "510201:1:1:1"}, "--date"},
           {{"exam", "--id", "b9", "--pilot", "p", "--date", "2026-02-03", "--status", "done", "--result", "510201:1:1:1"}, "--status"},
           {{"exam", "--id", "b9", "--pilot", "p", "--date", "2026-02-03", "--status", "held", "--result", "510201:1:1"}, "--result"},
           {{"fund", "--id", "9", "--date", "2026-02-03", "--college", "xinxi", "--direction", "expense", "--source", "other",
             "--category", "other", "--amount", "1.234"},
            "--amount"},
           {{"pilot", "--id", "p", "--year", "26", "--certificate", "c"}, "--year"},
           {{"report", "--major", "../../../x", "--due", "2026-11-10", "--pilot", "p", "--trained", "1", "--registered", "1",
             "--attended", "1", "--passed", "1"},
            "--major"},
       }) {
    CAPTURE(b.args);
    RunResult r = run(b.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(b.names) != std::string::npos);
  }
  CHECK(tree_hash(repo.path()) == before);
}

TEST_CASE("add: messages follow --lang") {
  TempDir repo(fixture("base"));
  RunResult r = run_pilot({"add", "major", "--repo", repo.str(), "--as-of", k_write_as_of, "--lang", "zh", "--id", "510203",
                           "--name", "x", "--college", "nosuch"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("拒绝写入") != std::string::npos);
  CHECK(r.out.find("提示") != std::string::npos);
}

TEST_CASE("add: a second quota change for a pilot in a year is refused with R502") {
  TempDir repo(fixture("base"));
  // A first change, filed by hand under another name (S006 already reports the name).
  repo.write("quota-changes/2026/web-frontend-2026-first.yaml",
             "# yaml-language-server: $schema=../../.pilot/schema/quota-change.json\n"
          "pilot: web-frontend-2026\ncertificate_name: Web前端开发\nlevel: 中级\noriginal: 50\nrevised: 48\n"
             "breakdown:\n  \"510201\": 28\n  \"510202\": 20\nreason: 调整\ninitiated_by: \"510201\"\nsigned_by: 王建华\n"
             "stamped: true\nsubmitted: 2026-09-01\n");
  const std::string before = tree_hash(repo.path());
  RunResult r = run_pilot({"add", "quota-change", "--repo", repo.str(), "--as-of", k_write_as_of, "--pilot", "web-frontend-2026",
                           "--revised", "45", "--breakdown", "510201:27", "--breakdown", "510202:18", "--reason", "再次调整",
                           "--initiated-by", "510201", "--signed-by", "王建华", "--stamped"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("quota-changes/2026/web-frontend-2026.yaml:1:8: error[R502]") != std::string::npos);
  CHECK(r.out.find("S006") == std::string::npos);  // an old error is not the new record's
  CHECK(records_hash(repo.path()) == before);
}
