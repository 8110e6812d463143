// pilot calendar as text, Markdown, CSV and JSON (calendar.hpp's CalendarView).
#include "pilot/calendar.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "pilot/render.hpp"

namespace pilot {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* k_weekdays_zh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
constexpr const char* k_weekdays_en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string range_text(const DateRange& r) {
  return fmt::format("{} – {}", r.from.str(), r.to.str());
}

Json range_json(const DateRange& r) { return {{"from", r.from.str()}, {"to", r.to.str()}}; }

Table make_table(const CalendarView& view, Lang lang) {
  bool zh = lang == Lang::zh;
  Table t;
  t.headers = zh ? std::vector<std::string>{"日期", "星期", "状态"}
                 : std::vector<std::string>{"Date", "Weekday", "Status"};
  for (const auto& rd : view.days) {
    int wd = iso_weekday(rd.date);
    std::string status = zh ? "应报" : "due";
    if (rd.vacation) {
      std::string range = range_text(*rd.vacation);
      status = zh ? fmt::format("不报（寒暑假 {}）", range)
                  : fmt::format("skipped (vacation {})", range);
    }
    t.rows.push_back({rd.date.str(), zh ? k_weekdays_zh[wd - 1] : k_weekdays_en[wd - 1], status});
  }
  return t;
}

// The lines around the table in text and Markdown: what the dates are, the vacations, the window.
std::string heading(const CalendarView& view, Lang lang) {
  if (lang == Lang::zh) {
    return fmt::format("{} 年双周报应报日期：每月 {} 日，寒暑假除外；宽限 {} 天\n", view.year,
                       fmt::join(view.report_days, "、"), view.report_grace_days);
  }
  return fmt::format(
      "Fortnightly report due dates of {}: day {} of each month, except vacations; {} grace days\n",
      view.year, fmt::join(view.report_days, ", "), view.report_grace_days);
}

std::string footer(const CalendarView& view, Lang lang) {
  std::vector<std::string> vacations;
  for (const auto& v : view.vacations) vacations.push_back(range_text(v));
  std::string none = lang == Lang::zh ? "无" : "none";
  std::string list = vacations.empty() ? none : fmt::format("{}", fmt::join(vacations, ", "));
  std::string window = view.application_window ? range_text(*view.application_window) : none;
  if (lang == Lang::zh) return fmt::format("寒暑假：{}\n申报期：{}\n", list, window);
  return fmt::format("Vacations: {}\nApplication window: {}\n", list, window);
}

}  // namespace

std::string render_calendar_text(const CalendarView& view, Lang lang) {
  return heading(view, lang) + "\n" + render_table_text(make_table(view, lang)) + "\n" +
         footer(view, lang);
}

std::string render_calendar_markdown(const CalendarView& view, Lang lang) {
  return heading(view, lang) + "\n" + render_table_markdown(make_table(view, lang)) + "\n" +
         footer(view, lang);
}

std::string render_calendar_csv(const CalendarView& view, Lang lang, bool bom) {
  return render_table_csv(make_table(view, lang), bom);
}

std::string render_calendar_json(const CalendarView& view) {
  Json j;
  j["schema_version"] = 1;
  j["year"] = view.year;
  j["as_of"] = view.as_of.str();
  j["report_days"] = view.report_days;
  j["report_grace_days"] = view.report_grace_days;
  j["application_window"] = view.application_window ? range_json(*view.application_window) : Json();
  j["vacations"] = Json::array();
  for (const auto& v : view.vacations) j["vacations"].push_back(range_json(v));
  j["dates"] = Json::array();
  for (const auto& rd : view.days) {
    int wd = iso_weekday(rd.date);
    Json row{{"date", rd.date.str()},
             {"weekday", wd},
             {"weekday_name", k_weekdays_en[wd - 1]},
             {"due", !rd.vacation},
             {"vacation", nullptr}};
    if (rd.vacation) row["vacation"] = range_json(*rd.vacation);
    j["dates"].push_back(std::move(row));
  }
  return j.dump(2) + "\n";
}

}  // namespace pilot
