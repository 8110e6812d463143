// pilot calendar [--year Y] [--format table|md|csv|json]: the report days of a year, with the
// vacation days marked as skipped. A year without [calendar.Y] is a usage error (exit 2).
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

int run_calendar(const CalendarOptions& o, const Globals& g) {
  Date today = as_of(g);
  Lang lang = lang_of(g);
  int year = o.year != 0 ? o.year : today.year;
  Repository& repo = keep_until_exit(load(g));
  std::optional<CalendarView> view = compute_calendar(repo.config, year, today);
  if (!view) {
    throw UsageError(lang == Lang::zh
                         ? fmt::format("pilot.toml 中没有 [calendar.{}]：加上该节，写明 application_window 和 vacations", year)
                         : fmt::format("pilot.toml has no [calendar.{}]: add it with the year's application_window and vacations",
                                       year));
  }
  if (o.format == "json") {
    std::cout << render_calendar_json(*view);
  } else if (o.format == "csv") {
    std::cout << render_calendar_csv(*view, lang, !o.no_bom);
  } else if (o.format == "md") {
    std::cout << render_calendar_markdown(*view, lang);
  } else {
    std::cout << render_calendar_text(*view, lang);
  }
  return 0;
}

}  // namespace

void setup_calendar(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CalendarOptions>();
  CLI::App* sub = app.add_subcommand("calendar", "the report due dates of a year, vacations marked / 双周报应报日期");
  with_range(sub->add_option(
                 "--year", o->year,
                 "the year (default: the year of --as-of); needs [calendar.YEAR] in pilot.toml"
                 " / 年份（默认为 --as-of 所在年），需要 pilot.toml 中的 [calendar.年份]"),
             1, 9999);
  with_choices(sub->add_option("--format", o->format, "table | md | csv | json"
                                                      " / 输出格式"), k_table_formats);
  sub->add_flag("--no-bom", o->no_bom, "CSV without the UTF-8 byte order mark"
                                       " / CSV 不加 UTF-8 BOM");
  sub->callback([o, &g] { g.exit_code = run_calendar(*o, g); });
}

}  // namespace pilot::cli
