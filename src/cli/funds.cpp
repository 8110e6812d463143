// pilot funds: income and expense per college by category and source, the balance, and the
// findings beside the entries they concern (SPEC §4). A view, not a validation: findings are
// shown but never change the exit code.
#include <memory>

#include "pilot/views.hpp"
#include "view_output.hpp"

namespace pilot::cli {

namespace {

struct FundsOptions {
  int year = 0;  // 0: as-of's year
  std::string college;
  ViewOutputOptions output;
  std::string output_file;  // -o: "" = stdout
};

int run_funds(const FundsOptions& o, const Globals& g) {
  const std::string& f = o.output.format;
  const Lang lang = lang_of(g);
  check_binary_output(f, o.output_file, lang);
  Date today = as_of(g);
  Repository& repo = keep_until_exit(load(g));
  if (!o.college.empty() && !repo.knows(Kind::college, o.college)) {
    std::vector<std::string_view> ids;
    for (const auto& c : repo.colleges) ids.push_back(c.id.value);
    std::string message = "--college: no college \"" + o.college + "\" in the repository";
    if (std::string guess = closest_match(o.college, ids); !guess.empty()) {
      message += " (did you mean \"" + guess + "\"?)";
    }
    throw UsageError(message);
  }
  Analysis& analysis = keep_until_exit(analyze(repo, AnalyzeOptions{today, {}, {}}));
  FundsView view = compute_funds(repo, analysis, today,
                                 FundsFilter{o.year != 0 ? o.year : today.year, o.college});
  view.head.made = made_date();

  std::string out;
  if (f == "json") out = render_funds_json(view);
  else if (f == "csv") out = render_funds_csv(view, !o.output.no_bom);
  else if (f == "md") out = render_funds_markdown(view, lang);
  else if (f == "html") out = render_funds_html(view, lang);
  else if (f == "xlsx") out = render_funds_xlsx(view, lang);
  else out = render_funds_text(view, view_style(o.output, g, o.output_file));
  emit_output(o.output_file, out, lang);
  return 0;
}

}  // namespace

void setup_funds(CLI::App& app, Globals& g) {
  auto o = std::make_shared<FundsOptions>();
  CLI::App* sub = app.add_subcommand(
      "funds", "income and expense per college by category and source, with findings / 经费收支");
  sub->add_option("--year", o->year, "the year of the entries (default: the year of --as-of)"
                                     " / 经费年度（默认为 --as-of 所在年）")
      ->check(CLI::Range(1900, 9999));
  sub->add_option("--college", o->college, "only entries of this college (id)"
                                           " / 只看该二级学院（编号）");
  add_view_output_options(*sub, o->output, "table", k_page_formats);
  add_output_file_option(*sub, o->output_file);
  sub->callback([o, &g] { g.exit_code = run_funds(*o, g); });
}

}  // namespace pilot::cli
