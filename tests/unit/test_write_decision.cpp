// approve / reject as line edits (src/write/decision.cpp): only the status value and the
// decision date change; comments, order, spacing, CRLF and a BOM stay.
#include <doctest/doctest.h>

#include <string>

#include "pilot/write.hpp"

using namespace pilot;

namespace {

const Date k_date = *Date::parse("2026-06-01");

Pilot parse(const std::string& text) {
  ParsedFile p = parse_record(Kind::pilot, "pilots/2026/cloud-2026.yaml", text);
  REQUIRE(p.record.has_value());
  return std::get<Pilot>(*p.record);
}

DecisionEdit edit(const std::string& text, Decision d, Date date = k_date, Force force = Force::no) {
  return edit_decision(text, parse(text), d, date, force);
}

std::string crlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

const std::string k_hand_written =
    "# 云计算运维 2026 申报 — 李老师 4 月填写\n"
    "id: cloud-2026\n"
    "year: 2026\n"
    "certificate:   cloud-ops      # 证书目录里的编号\n"
    "level: 中级\n"
    "status:  已提交   # 等省里批复\n"
    "submitted: 2026-04-20\n"
    "\n"
    "majors:\n"
    "  # 只有一个专业\n"
    "  - { major: \"510203\", quota: 40, contact: 赵老师 }\n"
    "accounts: { admin: c_admin, exam: c_exam }\n"
    "plan: 2026年云计算运维试点工作计划   # 见教务处共享盘\n";

}  // namespace

TEST_CASE("decision: approve changes the status value and inserts approved: after submitted:") {
  DecisionEdit e = edit(k_hand_written, Decision::approve);
  REQUIRE(e.result == DecisionEdit::Result::edited);
  std::string expected = k_hand_written;
  expected.replace(expected.find("已提交"), std::string("已提交").size(), "approved");
  expected.insert(expected.find("\n\nmajors") + 1, "approved: 2026-06-01\n");
  CHECK(e.text == expected);
  Pilot back = parse(e.text);
  CHECK(back.status.value == PilotStatus::approved);
  CHECK(back.approved.value == k_date);
  // Lines after the insertion move down by one.
  CHECK(e.lines.map(6) == 6);
  CHECK(e.lines.map(7) == 7);
  CHECK(e.lines.map(8) == 9);
  CHECK(e.lines.map(13) == 14);
}

TEST_CASE("decision: reject writes rejected:, and CRLF files stay CRLF") {
  DecisionEdit e = edit(crlf(k_hand_written), Decision::reject);
  REQUIRE(e.result == DecisionEdit::Result::edited);
  std::string expected = k_hand_written;
  expected.replace(expected.find("已提交"), std::string("已提交").size(), "rejected");
  expected.insert(expected.find("\n\nmajors") + 1, "rejected: 2026-06-01\n");
  CHECK(e.text == crlf(expected));
}

TEST_CASE("decision: a BOM, quotes and a file without a final line end are kept") {
  std::string text = "\xEF\xBB\xBFid: x\nyear: 2026\ncertificate: c\nstatus: \"submitted\" # q\nsubmitted: 2026-04-20";
  DecisionEdit e = edit(text, Decision::approve);
  REQUIRE(e.result == DecisionEdit::Result::edited);
  CHECK(e.text == "\xEF\xBB\xBFid: x\nyear: 2026\ncertificate: c\nstatus: approved # q\nsubmitted: 2026-04-20\napproved: 2026-06-01");
}

TEST_CASE("decision: without submitted: the date goes after status: and an empty approved: is filled in place") {
  std::string no_submitted = "id: x\nstatus: submitted\nyear: 2026\n";
  DecisionEdit a = edit(no_submitted, Decision::approve);
  REQUIRE(a.result == DecisionEdit::Result::edited);
  CHECK(a.text == "id: x\nstatus: approved\napproved: 2026-06-01\nyear: 2026\n");

  std::string empty_date = "id: x\nstatus: submitted\nsubmitted: 2026-04-20\napproved:   # 待批复\nyear: 2026\n";
  DecisionEdit b = edit(empty_date, Decision::approve);
  REQUIRE(b.result == DecisionEdit::Result::edited);
  CHECK(b.text == "id: x\nstatus: approved\nsubmitted: 2026-04-20\napproved: 2026-06-01   # 待批复\nyear: 2026\n");
  CHECK(b.lines.map(5) == 5);
}

TEST_CASE("decision: drafts are refused, the same decision is unchanged, another needs --force") {
  SUBCASE("draft") {
    DecisionEdit e = edit("id: x\nyear: 2026\nstatus: draft\n", Decision::approve);
    CHECK(e.result == DecisionEdit::Result::refused);
    CHECK(e.reason.en.find("draft") != std::string::npos);
    CHECK_FALSE(e.hint.empty());
  }
  const std::string approved = "id: x\nyear: 2026\nstatus: approved   # 已批\nsubmitted: 2026-04-20\napproved: 2026-06-01\n";
  SUBCASE("same decision, same date") {
    CHECK(edit(approved, Decision::approve).result == DecisionEdit::Result::unchanged);
  }
  SUBCASE("same decision, another date") {
    Date later = *Date::parse("2026-06-03");
    CHECK(edit(approved, Decision::approve, later).result == DecisionEdit::Result::refused);
    DecisionEdit e = edit(approved, Decision::approve, later, Force::yes);
    REQUIRE(e.result == DecisionEdit::Result::edited);
    CHECK(e.text == "id: x\nyear: 2026\nstatus: approved   # 已批\nsubmitted: 2026-04-20\napproved: 2026-06-03\n");
  }
  SUBCASE("the other decision") {
    CHECK(edit(approved, Decision::reject).result == DecisionEdit::Result::refused);
    DecisionEdit e = edit(approved, Decision::reject, *Date::parse("2026-06-05"), Force::yes);
    REQUIRE(e.result == DecisionEdit::Result::edited);
    CHECK(e.text == "id: x\nyear: 2026\nstatus: rejected   # 已批\nsubmitted: 2026-04-20\nrejected: 2026-06-05\n");
    CHECK(e.lines.map(5) == 0);  // the approved: line is gone
  }
}

TEST_CASE("decision: a file pilot cannot edit safely is refused, not mangled") {
  CHECK(edit("{ id: x, year: 2026, status: submitted, submitted: 2026-04-20 }\n", Decision::approve).result ==
        DecisionEdit::Result::refused);
  CHECK(edit("id: x\nstatus: bogus\n", Decision::approve).result == DecisionEdit::Result::refused);
}
