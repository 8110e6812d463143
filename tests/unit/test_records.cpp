#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "pilot/repository.hpp"

using namespace pilot;

namespace {

std::vector<std::string> rules_of(const ParsedFile& p) {
  std::vector<std::string> out;
  for (const auto& d : p.diagnostics) out.push_back(d.rule);
  return out;
}

const Diagnostic* first(const ParsedFile& p, const std::string& rule) {
  for (const auto& d : p.diagnostics) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

const char* k_pilot = R"(id: web-frontend-2026
year: 2026
certificate: web-frontend
level: 中级
status: approved
submitted: 2026-04-15
approved: 2026-06-01
lead_major: "510201"
majors:
  - { major: "510201", quota: 60, contact: 李老师 }
  - { major: 510202, quota: 40, contact: 王老师 }
accounts: { admin: a1, exam: e1 }
plan: 计划
)";

}  // namespace

TEST_CASE("records: a complete pilot loads every field with its position") {
  auto p = parse_record(Kind::pilot, "pilots/2026/web-frontend-2026.yaml", k_pilot);
  CHECK(p.diagnostics.empty());
  REQUIRE(p.record.has_value());
  const auto& pilot = std::get<Pilot>(*p.record);
  CHECK(pilot.id.value == "web-frontend-2026");
  CHECK(pilot.year.value == 2026);
  CHECK(pilot.level.value == Level::intermediate);
  CHECK(pilot.status.value == PilotStatus::approved);
  CHECK(pilot.approved.value == Date{2026, 6, 1});
  REQUIRE(pilot.majors.value.size() == 2);
  CHECK(pilot.majors.value[1].major.value == "510202");  // bare code stays a string
  CHECK(pilot.majors.value[1].quota.value == 40);
  CHECK(pilot.majors.value[1].pos.line == 11);
  CHECK(pilot.admin_account.value == "a1");
  CHECK(pilot.folder_year == 2026);
  CHECK(pilot.stem == "web-frontend-2026");
}

TEST_CASE("records: S002 — unknown key with a did-you-mean hint") {
  auto p = parse_record(Kind::college, "colleges/xinxi.yaml", "id: xinxi\nname: 信息\nleader: 王\nleadr: 王\n");
  const Diagnostic* d = first(p, "S002");
  REQUIRE(d != nullptr);
  CHECK(d->line == 4);
  CHECK(d->message.en.find("unknown key \"leadr\"") != std::string::npos);
  CHECK(d->hint.en == "did you mean \"leader\"?");
}

TEST_CASE("records: S002 — missing keys that place a record") {
  auto p = parse_record(Kind::major, "majors/510201.yaml", "name: 计算机\n");
  auto rules = rules_of(p);
  CHECK(std::count(rules.begin(), rules.end(), "S002") == 2);  // id, college
  CHECK(first(p, "S002")->message.en.find("missing required key") != std::string::npos);
}

TEST_CASE("records: S002 — policy keys missing are left to their rules") {
  auto p = parse_record(Kind::pilot, "pilots/2026/x.yaml",
                        "id: x\nyear: 2026\ncertificate: c\nstatus: draft\nmajors: []\n");
  CHECK(p.diagnostics.empty());  // level, plan, accounts: R306/R307 report them
}

TEST_CASE("records: S002 — wrong types and bad values") {
  SUBCASE("bad enum") {
    auto p = parse_record(Kind::exam, "exams/2026/b.yaml",
                          "id: b\npilot: p\ndate: 2026-05-01\nstatus: done\nresults: []\n");
    REQUIRE(first(p, "S002") != nullptr);
    CHECK(first(p, "S002")->line == 4);
  }
  SUBCASE("date that does not exist") {
    auto p = parse_record(Kind::exam, "exams/2026/b.yaml",
                          "id: b\npilot: p\ndate: 2026-02-30\nstatus: held\nresults: []\n");
    REQUIRE(first(p, "S002") != nullptr);
    CHECK(first(p, "S002")->message.en.find("not a valid date") != std::string::npos);
  }
  SUBCASE("negative, fractional, quoted and huge counts") {
    for (const char* v : {"-1", "1.5", "\"12\"", "99999999999999999999", "1000001"}) {
      std::string text = std::string("id: b\npilot: p\ndate: 2026-05-01\nstatus: held\nresults:\n  - { major: \"510201\", registered: ") +
                         v + ", attended: 0, passed: 0 }\n";
      auto p = parse_record(Kind::exam, "exams/2026/b.yaml", text);
      INFO(v);
      REQUIRE(first(p, "S002") != nullptr);
      CHECK(first(p, "S002")->line == 6);
    }
  }
  SUBCASE("a quota of zero is not S002 (R306 reports it)") {
    std::string text = k_pilot;
    text.replace(text.find("quota: 60"), 9, "quota: 0");
    auto p = parse_record(Kind::pilot, "pilots/2026/web-frontend-2026.yaml", text);
    CHECK(first(p, "S002") == nullptr);
  }
  SUBCASE("a list where a mapping belongs") {
    auto p = parse_record(Kind::college, "colleges/x.yaml", "- id: x\n");
    REQUIRE(first(p, "S002") != nullptr);
    CHECK(first(p, "S002")->message.en.find("must be a mapping") != std::string::npos);
    CHECK_FALSE(p.record.has_value());
  }
  SUBCASE("an empty file") {
    auto p = parse_record(Kind::college, "colleges/x.yaml", "");
    REQUIRE(first(p, "S002") != nullptr);
    CHECK(first(p, "S002")->message.en == "file is empty: not a record");
  }
  SUBCASE("an id with .. / or spaces") {
    for (const char* id : {"../x", "a/b", "a b", "Web"}) {
      auto p = parse_record(Kind::college, "colleges/x.yaml", std::string("id: \"") + id + "\"\nname: n\nleader: l\n");
      INFO(id);
      REQUIRE(first(p, "S002") != nullptr);
      CHECK(first(p, "S002")->message.en.find("not a valid ID") != std::string::npos);
    }
  }
  SUBCASE("amount with three decimals") {
    auto p = parse_record(Kind::fund, "funds/2026/0001.yaml",
                          "id: \"0001\"\ndate: 2026-05-01\ncollege: x\ndirection: income\nsource: other\ncategory: other\namount: 1.005\n");
    REQUIRE(first(p, "S002") != nullptr);
  }
}

TEST_CASE("records: waivers are read as written, and analyze() judges their rule IDs and reasons") {
  auto p = parse_record(Kind::college, "colleges/x.yaml",
                        "id: x\nname: n\nleader: l\nwaivers:\n  R301: \"\"\n  S003: 同意\n  R999: 同意\n"
                        "  R304: 省里同意\n  R305:\n  R306: [a]\n");
  CHECK(p.diagnostics.empty());  // S002 for these comes from analyze (test_analyze.cpp)
  REQUIRE(p.record.has_value());
  const auto& c = std::get<College>(*p.record);
  REQUIRE(c.waivers.size() == 6);
  const Waiver& empty = c.waivers.at("R301");
  CHECK(empty.valid);
  CHECK(empty.value.empty());
  CHECK(empty.pos.line == 5);
  CHECK(empty.pos.column == 3);
  CHECK(empty.reason_pos.column == 9);
  CHECK(c.waivers.at("R304").value == "省里同意");
  const Waiver& null = c.waivers.at("R305");
  CHECK_FALSE(null.present);
  CHECK((null.reason_pos.line == 9 && null.reason_pos.column == 3));  // the key's
  const Waiver& list = c.waivers.at("R306");
  CHECK((list.present && !list.valid));
  CHECK((list.reason_pos.line == 10 && list.reason_pos.column == 9));
}

TEST_CASE("records: waivers that are not a mapping of rule IDs are S002") {
  auto p = parse_record(Kind::college, "colleges/x.yaml", "id: x\nname: n\nleader: l\nwaivers: [R301]\n");
  REQUIRE(first(p, "S002") != nullptr);
  CHECK(first(p, "S002")->message.en == "\"waivers\" must be a mapping of rule ID to reason");
  auto q = parse_record(Kind::college, "colleges/x.yaml", "id: x\nname: n\nleader: l\nwaivers:\n  ? [a]\n  : x\n");
  REQUIRE(first(q, "S002") != nullptr);
  CHECK(first(q, "S002")->line == 5);
  REQUIRE(q.record.has_value());
  CHECK(std::get<College>(*q.record).waivers.empty());
}

TEST_CASE("records: S006 for a file in the wrong folder") {
  auto p = parse_record(Kind::pilot, "pilots/web.yaml", "id: web\n");
  REQUIRE(first(p, "S006") != nullptr);
  CHECK_FALSE(p.record.has_value());
}

TEST_CASE("records: amounts are read exactly in fen") {
  auto p = parse_record(Kind::fund, "funds/2026/0001.yaml",
                        "id: \"0001\"\ndate: 2026-05-01\ncollege: x\ndirection: 收入\nsource: 学院经费\ncategory: 培训\namount: 1836.5\n");
  REQUIRE(p.record.has_value());
  const auto& f = std::get<Fund>(*p.record);
  CHECK(f.amount_fen.value == 183650);
  CHECK(f.direction.value == Direction::income);
  CHECK(f.id.value == "0001");
}
