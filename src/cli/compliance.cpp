// pilot compliance: the year-end performance view of 三(五)3 (SPEC §4). A view, not a
// validation: violations are listed but never change the exit code.
#include <iostream>
#include <memory>

#include "pilot/progress.hpp"
#include "pilot/views.hpp"
#include "view_output.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct ComplianceOptions {
  int year = 0;  // 0: default_compliance_year (as-of's, or the year just closed)
  ViewOutputOptions output;
  std::string output_file;  // -o: "" = stdout
};

int run_compliance(const ComplianceOptions& o, const Globals& g) {
  const std::string& f = o.output.format;
  check_binary_output(f, o.output_file, lang_of(g));
  Date today = as_of(g);
  Repository& repo = keep_until_exit(load(g));
  Analysis& analysis = keep_until_exit(analyze(repo, AnalyzeOptions{today, {}, {}}));
  ProgressBook book(repo, today);
  ComplianceView view = compute_compliance(
      repo, book, analysis, o.year != 0 ? o.year : default_compliance_year(repo, today));
  view.head.made = made_date();

  std::string text;
  if (f == "json") text = render_compliance_json(view);
  else if (f == "csv") text = render_compliance_csv(view, !o.output.no_bom);
  else if (f == "md") text = render_compliance_markdown(view, lang_of(g));
  else if (f == "html") text = render_compliance_html(view, lang_of(g));
  else if (f == "xlsx") text = render_compliance_xlsx(view, lang_of(g));
  else text = render_compliance_text(view, view_style(o.output, g, o.output_file));
  emit_output(o.output_file, text, lang_of(g));
  return 0;
}

}  // namespace

void setup_compliance(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ComplianceOptions>();
  CLI::App* sub = app.add_subcommand("compliance", "year-end performance: quotas met, points, punctuality / 绩效考核");
  with_range(sub->add_option("--year", o->year,
                             "pilot year (default: the year of --as-of; in January, the year just closed)"
                             " / 试点年度（默认为 --as-of 所在年；1 月时为刚结束的一年）"),
             1900, 9999);
  add_view_output_options(*sub, o->output, "table", k_page_formats);
  add_output_file_option(*sub, o->output_file);
  sub->callback([o, &g] { g.exit_code = run_compliance(*o, g); });
}

}  // namespace pilot::cli
