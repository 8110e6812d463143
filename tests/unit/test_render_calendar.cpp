// render/calendar.cpp: pilot calendar as text, Markdown, CSV and JSON.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "pilot/calendar.hpp"
#include "pilot/render.hpp"

using namespace pilot;

namespace {

// Two report days a month; the 20 July falls in the summer vacation; no application window.
CalendarView view_2026() {
  Config c = parse_config(
      "[school]\nname = \"t\"\n[calendar]\nreport_days = [10, 20]\nreport_grace_days = 1\n"
      "[calendar.2026]\nvacations = [[\"2026-07-11\", \"2026-08-30\"]]\n");
  REQUIRE(c.diagnostics.empty());
  auto view = compute_calendar(c, 2026, *Date::parse("2026-11-26"));
  REQUIRE(view.has_value());
  return *view;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("render calendar: text in both languages, vacation days marked with their vacation") {
  CalendarView v = view_2026();
  std::string en = render_calendar_text(v, Lang::en);
  CHECK(en.rfind("Fortnightly report due dates of 2026: day 10, 20 of each month, except "
                 "vacations; 1 grace days\n\n",
                 0) == 0);
  CHECK(has(en, "2026-07-10  Fri      due\n"));
  CHECK(has(en, "2026-07-20  Mon      skipped (vacation 2026-07-11 – 2026-08-30)\n"));
  CHECK(has(en, "\nVacations: 2026-07-11 – 2026-08-30\nApplication window: none\n"));
  std::string zh = render_calendar_text(v, Lang::zh);
  CHECK(zh.rfind("2026 年双周报应报日期：每月 10、20 日，寒暑假除外；宽限 1 天\n", 0) == 0);
  CHECK(has(zh, "不报（寒暑假 2026-07-11 – 2026-08-30）"));
  CHECK(has(zh, "寒暑假：2026-07-11 – 2026-08-30\n申报期：无\n"));
}

TEST_CASE("render calendar: Markdown and CSV carry the same table") {
  CalendarView v = view_2026();
  std::string md = render_calendar_markdown(v, Lang::en);
  CHECK(has(md, "| Date | Weekday | Status |"));
  CHECK(has(md, "| 2026-07-20 | Mon | skipped (vacation 2026-07-11 – 2026-08-30) |"));
  std::string csv = render_calendar_csv(v, Lang::en, true);
  CHECK(csv.rfind(std::string(k_utf8_bom) + "Date,Weekday,Status\r\n2026-01-10,Sat,due\r\n", 0) ==
        0);
  CHECK(render_calendar_csv(v, Lang::zh, false).rfind("日期,星期,状态\r\n", 0) == 0);
}

TEST_CASE("render calendar: JSON lists every report day with its weekday and vacation") {
  auto j = nlohmann::json::parse(render_calendar_json(view_2026()));
  CHECK(j["schema_version"] == 1);
  CHECK(j["year"] == 2026);
  CHECK(j["as_of"] == "2026-11-26");
  CHECK(j["report_days"] == nlohmann::json::array({10, 20}));
  CHECK(j["report_grace_days"] == 1);
  CHECK(j["application_window"] == nullptr);
  CHECK(j["vacations"] == nlohmann::json::parse(R"([{"from": "2026-07-11", "to": "2026-08-30"}])"));
  REQUIRE(j["dates"].size() == 24);
  CHECK(j["dates"][12] ==
        nlohmann::json::parse(R"({"date": "2026-07-10", "weekday": 5, "weekday_name": "Fri",
                                                    "due": true, "vacation": null})"));
  CHECK(j["dates"][13]["due"] == false);
  CHECK(j["dates"][13]["vacation"]["from"] == "2026-07-11");
}
