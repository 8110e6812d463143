// pilot list KIND: every record of a kind with its fields, file path and effective values, for
// scripts (SPEC §4; docs/list-format.md). A view, not a validation: exit 0 whatever it finds.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "pilot/progress.hpp"
#include "pilot/views.hpp"
#include "view_output.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

// The kinds as the command line spells them (model.hpp's table, so completions offer them).
std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (Kind k : k_all_kinds) names.emplace_back(kind_name(k));
  return names;
}

const std::vector<std::string> k_list_formats{"table", "csv", "json", "xlsx"};

struct ListOptions {
  std::string kind;
  int year = 0;
  std::string college;
  std::string major;
  ViewOutputOptions output;
  std::string output_file;  // -o: "" = stdout
};

// A --college or --major naming nothing in the repository is a usage error, with a "did you mean".
template <class T>
void check_known(const Repository& repo, const std::vector<T>& records, Kind kind, const std::string& id,
                 const char* option) {
  if (id.empty() || repo.knows(kind, id)) return;
  std::vector<std::string_view> ids;
  for (const T& r : records) ids.push_back(r.id.value);
  std::string guess = closest_match(id, ids);
  throw UsageError(
      Text{fmt::format("{}：仓库中没有{} “{}”", option, kind_name_zh(kind), id),
           fmt::format("{}: no {} \"{}\" in the repository", option, kind_name(kind), id)},
      guess.empty() ? Text{}
                    : Text{fmt::format("是否想输入 “{}”？", guess),
                           fmt::format("did you mean \"{}\"?", guess)});
}

int run_list(const ListOptions& o, const Globals& g) {
  check_binary_output(o.output.format, o.output_file, lang_of(g));
  Date today = as_of(g);
  Repository& repo = keep_until_exit(load(g));
  check_known(repo, repo.colleges, Kind::college, o.college, "--college");
  check_known(repo, repo.majors, Kind::major, o.major, "--major");
  ProgressBook book(repo, today);
  auto kind = parse_kind(o.kind);
  if (!kind) throw UsageError("unknown kind \"" + o.kind + "\"");  // IsMember already refused it
  ListView view = compute_list(repo, book, *kind, ListFilter{o.year, o.college, o.major});

  const std::string& f = o.output.format;
  std::string out;
  if (f == "json") out = render_list_json(view);
  else if (f == "csv") out = render_list_csv(view, !o.output.no_bom);
  else if (f == "xlsx") {
    Masthead head = masthead(repo.config, today);
    head.made = made_date();
    out = render_list_xlsx(view, head, lang_of(g));
  } else {
    out = render_list_text(view, view_style(o.output, g, o.output_file));
  }
  emit_output(o.output_file, out, lang_of(g));
  return 0;
}

}  // namespace

void setup_list(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* sub = app.add_subcommand("list", "the records of a kind with their fields and files, for scripts / 记录清单");
  std::string kinds;
  for (const auto& k : kind_names()) kinds += (kinds.empty() ? "" : " | ") + k;
  // "majors", "专业" mean "major": the transform runs before the choices are checked.
  with_choices(sub->add_option("KIND", o->kind, kinds)->required(), kind_names())
      ->transform([](std::string s) {
        auto k = parse_kind(s);
        return k ? std::string(kind_name(*k)) : s;
      });
  with_range(
      sub->add_option("--year", o->year,
                      "only records of this year (pilots, quota changes, exams, reports, funds; "
                      "certificates listed that year)"
                      " / 只列该年的记录（证书：当年在名单上的）"),
      1900, 9999);
  sub->add_option("--college", o->college, "only records that concern this college (id)"
                                           " / 只列该二级学院（编号）的记录");
  sub->add_option("--major", o->major, "only records that concern this major (code)"
                                       " / 只列该专业（代码）的记录");
  add_view_output_options(*sub, o->output, "table", k_list_formats);
  add_output_file_option(*sub, o->output_file);
  sub->callback([o, &g] { g.exit_code = run_list(*o, g); });
}

}  // namespace pilot::cli
