// pilot report: the fortnightly summary (双周报汇总) for a due date (SPEC §4). A view, not a
// validation: findings are summarised but never change the exit code.
#include <algorithm>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "pilot/calendar.hpp"
#include "pilot/progress.hpp"
#include "pilot/views.hpp"
#include "view_output.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct ReportOptions {
  std::string date;  // "": the latest due date on or before as-of
  ViewOutputOptions output;
  std::string output_file;  // -o: "" = stdout
};

// The due date the summary is for; throws UsageError when there is none or it is not one.
Date due_date(const ReportOptions& o, const Config& config, const Date& today) {
  if (o.date.empty()) {
    auto latest = latest_due_date(config, today);
    if (!latest) {
      throw UsageError(
          Text{fmt::format(
                   "{} 及之前没有填报日（pilot.toml 中没有 [calendar.{}] 或其中此前没有填报日）："
                   "用 --date 指定",
                   today.str(), today.year),
               fmt::format(
                   "no due date on or before {} (pilot.toml has no [calendar.{}] with report days "
                   "before it); pass --date",
                   today.str(), today.year)});
    }
    return *latest;
  }
  auto d = Date::parse(o.date);
  if (!d) {
    throw UsageError(
        Text{fmt::format("--date 应为真实存在的日期 YYYY-MM-DD，而不是 “{}”", o.date),
             fmt::format("--date must be a date YYYY-MM-DD that exists, not \"{}\"", o.date)});
  }
  if (*d > today) {
    throw UsageError(Text{
        fmt::format("--date {} 晚于截至日期 {}：该期汇总还不能生成（可用 --as-of 指定更晚的日期）",
                    d->str(), today.str()),
        fmt::format(
            "--date {} is after the as-of date {}: the summary for it cannot be written yet "
            "(pass --as-of to look ahead)",
            d->str(), today.str())});
  }
  auto dates = due_dates_of_year(config, d->year);
  if (!dates) {
    throw UsageError(
        Text{fmt::format("--date {}：pilot.toml 中没有 [calendar.{}]", d->str(), d->year),
             fmt::format("--date {}: pilot.toml has no [calendar.{}]", d->str(), d->year)});
  }
  if (!std::binary_search(dates->begin(), dates->end(), *d)) {
    auto after = std::upper_bound(dates->begin(), dates->end(), *d);
    std::string before = after != dates->begin() ? std::prev(after)->str() : "";
    std::string next = after != dates->end() ? after->str() : "";
    std::string near_zh = before + (before.empty() || next.empty() ? "" : " 或 ") + next;
    std::string near_en = before + (before.empty() || next.empty() ? "" : " or ") + next;
    throw UsageError(
        Text{fmt::format("--date {} 不是双周报的填报日{}", d->str(),
                         near_zh.empty() ? "" : "（最近的是 " + near_zh + "）"),
             fmt::format("--date {} is not a due date of the fortnightly reports{}", d->str(),
                         near_en.empty() ? "" : " (nearest: " + near_en + ")")});
  }
  return *d;
}

int run_report(const ReportOptions& o, const Globals& g) {
  const std::string& f = o.output.format;
  check_binary_output(f, o.output_file, lang_of(g));
  Date today = as_of(g);
  Repository& repo = keep_until_exit(load(g));
  Date due = due_date(o, repo.config, today);
  Analysis& analysis = keep_until_exit(analyze(repo, AnalyzeOptions{today, {}, {}}));
  ProgressBook book(repo, today);
  ReportView view = compute_report(repo, book, analysis, due);
  view.latest_due = o.date.empty();
  view.head.made = made_date();

  const Lang lang = lang_of(g);
  std::string text;
  if (f == "json") text = render_report_json(view);
  else if (f == "csv") text = render_report_csv(view, !o.output.no_bom);
  else if (f == "table") text = render_report_text(view, view_style(o.output, g, o.output_file));
  else if (f == "html")
    text = render_report_html(view, compute_compliance(repo, book, analysis, due.year), lang);
  else if (f == "xlsx")
    text = render_report_xlsx(view, compute_compliance(repo, book, analysis, due.year), lang);
  else text = render_report_markdown(view, lang);
  emit_output(o.output_file, text, lang_of(g));
  return 0;
}

}  // namespace

void setup_report(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand("report", "the fortnightly summary for a due date / 双周报汇总");
  as_date(sub->add_option(
      "--date", o->date,
      "the due date, YYYY-MM-DD (default: the latest due date on or before --as-of)"
      " / 应报日期 YYYY-MM-DD（默认为 --as-of 当天或之前最近的一个）"));
  add_view_output_options(*sub, o->output, "md", k_page_formats);
  add_output_file_option(*sub, o->output_file);
  sub->callback([o, &g] { g.exit_code = run_report(*o, g); });
}

}  // namespace pilot::cli
