// edit_record + apply_flags: `pilot set` changes only the lines of the fields it is given.
#include <doctest/doctest.h>

#include "pilot/fields.hpp"
#include "pilot/write.hpp"
#include "pilot/yaml.hpp"

using namespace pilot;

namespace {

struct Flag {
  std::string name;
  std::vector<std::string> values;
};

// The file after `pilot set KIND ... flags`, or the refusal's reason.
RecordEdit set(Kind kind, const std::string& bytes, const std::vector<Flag>& flags,
               const std::vector<std::string>& drop = {}) {
  std::vector<GivenFlag> given;
  for (const Flag& f : flags) {
    auto ref = find_flag(kind, f.name);
    REQUIRE(ref);
    given.push_back({*ref, f.values});
  }
  YamlParse parsed = parse_yaml(bytes);
  REQUIRE(parsed.ok);
  FlagRecord target = apply_flags(kind, parsed.root, given, drop);
  REQUIRE_FALSE(target.error);
  return edit_record(bytes, kind, target.record);
}

std::string edited(Kind kind, const std::string& bytes, const std::vector<Flag>& flags,
                   const std::vector<std::string>& drop = {}) {
  RecordEdit e = set(kind, bytes, flags, drop);
  INFO(e.reason.en);
  REQUIRE(e.result == RecordEdit::Result::edited);
  return e.text;
}

const std::string k_exam =
    "# 第一批\n"
    "id: web-b1\n"
    "pilot: web-2026   # 试点\n"
    "date: 2026-10-17\n"
    "status: planned  # 考完改为 held\n"
    "site: 'xinxi-site-01'\n"
    "results:\n"
    "  - { major: \"510201\", registered: 30, attended: 0, passed: 0 }  # 计划\n"
    "  - { major: \"510202\", registered: 20, attended: 0, passed: 0 }\n";

}  // namespace

TEST_CASE("set: an exam from planned to held changes the status value and one result entry") {
  std::string out = edited(Kind::exam, k_exam, {{"--status", {"held"}}, {"--result", {"510201:30:28:25"}}});
  CHECK(out ==
        "# 第一批\n"
        "id: web-b1\n"
        "pilot: web-2026   # 试点\n"
        "date: 2026-10-17\n"
        "status: held  # 考完改为 held\n"
        "site: 'xinxi-site-01'\n"
        "results:\n"
        "  - { major: \"510201\", registered: 30, attended: 28, passed: 25 }  # 计划\n"
        "  - { major: \"510202\", registered: 20, attended: 0, passed: 0 }\n");
}

TEST_CASE("set: a new result entry is appended in the list's style") {
  std::string out = edited(Kind::exam, k_exam, {{"--result", {"510203:5:5:4"}}});
  CHECK(out == k_exam + "  - { major: \"510203\", registered: 5, attended: 5, passed: 4 }\n");
}

TEST_CASE("set: a missing key is inserted at its table position, with the file's line ends") {
  std::string crlf = "id: web-b1\r\npilot: web-2026\r\ndate: 2026-10-17\r\nstatus: planned\r\n"
                     "results:\r\n  - { major: \"510201\", registered: 3, attended: 0, passed: 0 }\r\n";
  std::string out = edited(Kind::exam, crlf, {{"--site", {"xinxi-site-01"}}});
  CHECK(out == "id: web-b1\r\npilot: web-2026\r\ndate: 2026-10-17\r\nstatus: planned\r\nsite: xinxi-site-01\r\n"
               "results:\r\n  - { major: \"510201\", registered: 3, attended: 0, passed: 0 }\r\n");
}

TEST_CASE("set: a pilot's contact is replaced in its entry, its quota kept when not given") {
  std::string pilot =
      "id: web-2026\nyear: 2026\ncertificate: web\nlevel: 中级\nstatus: approved\nsubmitted: 2026-04-15\n"
      "approved: 2026-06-01\nlead_major: \"510201\"\nmajors:\n"
      "  - { major: \"510201\", quota: 60, contact: 李老师 }\n"
      "  - { major: \"510202\", quota: 40, contact: 王老师 }\n"
      "accounts: { admin: a1, exam: e1 }  # 教务处分配\nplan: 计划\n";
  SUBCASE("the contact alone") {
    std::string out = edited(Kind::pilot, pilot, {{"--major", {"510202::张老师"}}});
    CHECK(out.find("  - { major: \"510202\", quota: 40, contact: 张老师 }\n") != std::string::npos);
  }
  SUBCASE("an account inside the flow mapping, the comment kept") {
    std::string out = edited(Kind::pilot, pilot, {{"--exam", {"e2"}}});
    CHECK(out.find("accounts: { admin: a1, exam: e2 }  # 教务处分配\n") != std::string::npos);
  }
  SUBCASE("a waiver added, then dropped") {
    std::string with = edited(Kind::pilot, pilot, {{"--waiver", {"R301:省里同意"}}});
    CHECK(with == pilot + "waivers: { R301: 省里同意 }\n");
    CHECK(edited(Kind::pilot, with, {}, {"R301"}) == pilot);
  }
}

TEST_CASE("set: a report's figures and a section in a block mapping") {
  std::string report =
      "major: \"510201\"\npilot: web-2026\ndue: 2026-10-10\nsubmitted: 2026-10-09\n"
      "progress: { trained: 40, registered: 35, attended: 0, passed: 0 }\n"
      "sections:\n  major_construction: 课程\n  # 师资\n  textbooks: 教材\n";
  std::string out = edited(Kind::report, report, {{"--attended", {"30"}}, {"--faculty", {"培训 2 人"}},
                                                  {"--textbooks", {"活页式"}}});
  CHECK(out ==
        "major: \"510201\"\npilot: web-2026\ndue: 2026-10-10\nsubmitted: 2026-10-09\n"
        "progress: { trained: 40, registered: 35, attended: 30, passed: 0 }\n"
        "sections:\n  major_construction: 课程\n  faculty: 培训 2 人\n  # 师资\n  textbooks: 活页式\n");
}

TEST_CASE("set: a hand-written block-style entry is rewritten as one flow line, and said so") {
  std::string exam =
      "id: b\npilot: p\ndate: 2026-10-17\nstatus: planned\nresults:\n"
      "  - major: \"510201\"\n    registered: 3\n    attended: 0\n    passed: 0\n"
      "notes: 备注\n";
  RecordEdit e = set(Kind::exam, exam, {{"--result", {"510201:3:3:2"}}});
  REQUIRE(e.result == RecordEdit::Result::edited);
  CHECK(e.text ==
        "id: b\npilot: p\ndate: 2026-10-17\nstatus: planned\nresults:\n"
        "  - { major: \"510201\", registered: 3, attended: 3, passed: 2 }\nnotes: 备注\n");
  CHECK(e.rewritten == std::vector<std::string>{"results[510201]"});
  CHECK(e.lines.map(10) == 7);  // notes moved up
}

TEST_CASE("set: nothing to change, a flow-mapping record, a BOM and no final line end") {
  CHECK(set(Kind::college, "id: x\nname: n\nleader: l\n", {{"--name", {"n"}}}).result ==
        RecordEdit::Result::unchanged);
  CHECK(set(Kind::college, "{ id: x, name: n, leader: l }\n", {{"--name", {"m"}}}).result ==
        RecordEdit::Result::refused);
  CHECK(edited(Kind::college, "\xEF\xBB\xBFid: x\nname: n\nleader: l", {{"--leader", {"王"}}}) ==
        "\xEF\xBB\xBFid: x\nname: n\nleader: 王");
  CHECK(edited(Kind::college, "id: x\nname: n", {{"--leader", {"王"}}}) == "id: x\nname: n\nleader: 王");
}

TEST_CASE("set: a multi-line scalar is rewritten on one line, quoting of other lines kept") {
  std::string college = "id: 'x'\nname: |\n  信息\n  工程\nleader: \"张\"\n";
  RecordEdit e = set(Kind::college, college, {{"--name", {"信息工程学院"}}});
  REQUIRE(e.result == RecordEdit::Result::edited);
  CHECK(e.text == "id: 'x'\nname: 信息工程学院\nleader: \"张\"\n");
  CHECK(e.rewritten == std::vector<std::string>{"name"});
}
