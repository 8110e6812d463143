// pilot calendar [--year Y] [--format table|md|csv|json]: the report days of a year, with the
// vacation days marked as skipped. A year without [calendar.Y] is a usage error (exit 2).
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "pilot/calendar.hpp"
#include "pilot/render.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct CalendarOptions {
  int year = 0;  // 0: the year of as-of
  std::string format = "table";
  bool no_bom = false;
};

constexpr const char* k_weekdays_zh[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
constexpr const char* k_weekdays_en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// The vacation of the calendar (or a neighbouring year's) that contains d.
std::optional<DateRange> vacation_of(const Config& config, const Date& d) {
  for (int y = d.year - 1; y <= d.year + 1; ++y) {
    if (const YearCalendar* cal = config.calendar(y)) {
      for (const auto& v : cal->vacations) {
        if (v.contains(d)) return v;
      }
    }
  }
  return std::nullopt;
}

std::string range_text(const DateRange& r) { return fmt::format("{} – {}", r.from.str(), r.to.str()); }

nlohmann::ordered_json range_json(const DateRange& r) { return {{"from", r.from.str()}, {"to", r.to.str()}}; }

std::string render_json(const Config& config, const YearCalendar& cal, const std::vector<ReportDay>& days,
                        const Date& today) {
  nlohmann::ordered_json j;
  j["schema_version"] = 1;
  j["year"] = cal.year;
  j["as_of"] = today.str();
  j["report_days"] = config.report_days;
  j["report_grace_days"] = config.report_grace_days;
  j["application_window"] = cal.application_window ? range_json(*cal.application_window) : nlohmann::ordered_json();
  j["vacations"] = nlohmann::ordered_json::array();
  for (const auto& v : cal.vacations) j["vacations"].push_back(range_json(v));
  j["dates"] = nlohmann::ordered_json::array();
  for (const auto& rd : days) {
    int wd = iso_weekday(rd.date);
    nlohmann::ordered_json row{{"date", rd.date.str()},
                               {"weekday", wd},
                               {"weekday_name", k_weekdays_en[wd - 1]},
                               {"due", !rd.vacation},
                               {"vacation", nullptr}};
    if (auto v = vacation_of(config, rd.date); rd.vacation && v) row["vacation"] = range_json(*v);
    j["dates"].push_back(std::move(row));
  }
  return j.dump(2) + "\n";
}

Table make_table(const Config& config, const std::vector<ReportDay>& days, Lang lang) {
  bool zh = lang == Lang::zh;
  Table t;
  t.headers = zh ? std::vector<std::string>{"日期", "星期", "状态"} : std::vector<std::string>{"Date", "Weekday", "Status"};
  for (const auto& rd : days) {
    int wd = iso_weekday(rd.date);
    std::string status = zh ? "应报" : "due";
    if (rd.vacation) {
      auto v = vacation_of(config, rd.date);
      std::string range = v ? range_text(*v) : "";
      status = zh ? fmt::format("不报（寒暑假 {}）", range) : fmt::format("skipped (vacation {})", range);
    }
    t.rows.push_back({rd.date.str(), zh ? k_weekdays_zh[wd - 1] : k_weekdays_en[wd - 1], status});
  }
  return t;
}

// The lines around the table in text and Markdown: what the dates are, the vacations, the window.
std::string heading(const Config& config, const YearCalendar& cal, Lang lang) {
  if (lang == Lang::zh) {
    return fmt::format("{} 年双周报应报日期：每月 {} 日，寒暑假除外；宽限 {} 天\n", cal.year,
                       fmt::join(config.report_days, "、"), config.report_grace_days);
  }
  return fmt::format("Fortnightly report due dates of {}: day {} of each month, except vacations; {} grace days\n",
                     cal.year, fmt::join(config.report_days, ", "), config.report_grace_days);
}

std::string footer(const YearCalendar& cal, Lang lang) {
  std::vector<std::string> vacations;
  for (const auto& v : cal.vacations) vacations.push_back(range_text(v));
  std::string none = lang == Lang::zh ? "无" : "none";
  std::string list = vacations.empty() ? none : fmt::format("{}", fmt::join(vacations, ", "));
  std::string window = cal.application_window ? range_text(*cal.application_window) : none;
  if (lang == Lang::zh) return fmt::format("寒暑假：{}\n申报期：{}\n", list, window);
  return fmt::format("Vacations: {}\nApplication window: {}\n", list, window);
}

int run_calendar(const CalendarOptions& o, const Globals& g) {
  Date today = as_of(g);
  Lang lang = lang_of(g);
  int year = o.year != 0 ? o.year : today.year;
  Repository& repo = keep_until_exit(load(g));
  const Config& config = repo.config;
  const YearCalendar* cal = config.calendar(year);
  auto days = report_days_of_year(config, year);
  if (cal == nullptr || !days) {
    throw UsageError(lang == Lang::zh
                         ? fmt::format("pilot.toml 中没有 [calendar.{}]：加上该节，写明 application_window 和 vacations", year)
                         : fmt::format("pilot.toml has no [calendar.{}]: add it with the year's application_window and vacations",
                                       year));
  }
  if (o.format == "json") {
    std::cout << render_json(config, *cal, *days, today);
  } else if (o.format == "csv") {
    std::cout << render_table_csv(make_table(config, *days, lang), !o.no_bom);
  } else if (o.format == "md") {
    std::cout << heading(config, *cal, lang) << "\n"
              << render_table_markdown(make_table(config, *days, lang)) << "\n"
              << footer(*cal, lang);
  } else {
    std::cout << heading(config, *cal, lang) << "\n" << render_table_text(make_table(config, *days, lang)) << "\n" << footer(*cal, lang);
  }
  return 0;
}

}  // namespace

void setup_calendar(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CalendarOptions>();
  CLI::App* sub = app.add_subcommand("calendar", "the report due dates of a year, vacations marked / 双周报应报日期");
  with_range(sub->add_option(
                 "--year", o->year,
                 "the year (default: the year of --as-of); needs [calendar.YEAR] in pilot.toml"),
             1, 9999);
  with_choices(sub->add_option("--format", o->format, "table | md | csv | json"), k_table_formats);
  sub->add_flag("--no-bom", o->no_bom, "CSV without the UTF-8 byte order mark");
  sub->callback([o, &g] { g.exit_code = run_calendar(*o, g); });
}

}  // namespace pilot::cli
