// pilot status: one row per pilot major (SPEC §4). A view, not a validation: findings are
// counted in the table but never change the exit code.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "pilot/progress.hpp"
#include "pilot/views.hpp"
#include "view_output.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct StatusOptions {
  int year = 0;  // 0: as-of's year
  std::string college;
  std::string major;
  std::string certificate;
  ViewOutputOptions output;
  std::string output_file;  // -o: "" = stdout
};

// A filter naming nothing in the repository is a usage error, with a "did you mean".
void check_known(const Repository& repo, Kind kind, const std::string& id, const char* option) {
  if (id.empty() || repo.knows(kind, id)) return;
  std::vector<std::string> ids;
  if (kind == Kind::college) for (const auto& r : repo.colleges) ids.push_back(r.id.value);
  if (kind == Kind::major) for (const auto& r : repo.majors) ids.push_back(r.id.value);
  if (kind == Kind::certificate) for (const auto& r : repo.certificates) ids.push_back(r.id.value);
  std::string guess = closest_match(id, std::vector<std::string_view>(ids.begin(), ids.end()));
  throw UsageError(
      Text{fmt::format("{}：仓库中没有{} “{}”", option, kind_name_zh(kind), id),
           fmt::format("{}: no {} \"{}\" in the repository", option, kind_name(kind), id)},
      guess.empty() ? Text{}
                    : Text{fmt::format("是否想输入 “{}”？", guess),
                           fmt::format("did you mean \"{}\"?", guess)});
}

int run_status(const StatusOptions& o, const Globals& g) {
  const std::string& f = o.output.format;
  check_binary_output(f, o.output_file, lang_of(g));
  Date today = as_of(g);
  Repository& repo = keep_until_exit(load(g));
  check_known(repo, Kind::college, o.college, "--college");
  check_known(repo, Kind::major, o.major, "--major");
  check_known(repo, Kind::certificate, o.certificate, "--certificate");
  Analysis& analysis = keep_until_exit(analyze(repo, AnalyzeOptions{today, {}, {}}));
  ProgressBook book(repo, today);
  StatusFilter filter{o.year != 0 ? o.year : today.year, o.college, o.major, o.certificate};
  StatusView view = compute_status(repo, book, analysis, filter);
  view.head.made = made_date();

  const Lang lang = lang_of(g);
  std::string out;
  if (f == "json") out = render_status_json(view);
  else if (f == "csv") out = render_status_csv(view, !o.output.no_bom);
  else if (f == "md") out = render_status_markdown(view, lang);
  else if (f == "html") out = render_status_html(view, lang);
  else if (f == "xlsx") out = render_status_xlsx(view, lang);
  else out = render_status_text(view, view_style(o.output, g, o.output_file));
  emit_output(o.output_file, out, lang);
  return 0;
}

}  // namespace

void setup_status(CLI::App& app, Globals& g) {
  auto o = std::make_shared<StatusOptions>();
  CLI::App* sub = app.add_subcommand("status", "one row per pilot major: quota, attendance, reports, findings / 试点进度");
  with_range(sub->add_option("--year", o->year, "pilot year (default: the year of --as-of)"
                                                " / 试点年度（默认为 --as-of 所在年）"), 1900,
             9999);
  sub->add_option("--college", o->college, "only majors of this college (id)"
                                           " / 只看该二级学院（编号）的专业");
  sub->add_option("--major", o->major, "only this major (code) / 只看该专业（代码）");
  sub->add_option("--certificate", o->certificate, "only pilots of this certificate (id)"
                                                   " / 只看该证书（编号）的试点");
  add_view_output_options(*sub, o->output, "table", k_page_formats);
  add_output_file_option(*sub, o->output_file);
  sub->callback([o, &g] { g.exit_code = run_status(*o, g); });
}

}  // namespace pilot::cli
