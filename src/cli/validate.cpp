// pilot validate: every rule over the repository.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "changed_files.hpp"
#include "common.hpp"
#include "pilot/changes.hpp"
#include "pilot/render.hpp"
#include "pilot/rules.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct ValidateOptions {
  std::string format;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool strict = false;
  bool show_waived = false;
  std::string changed_since;  // report only the findings that are new since this git revision
};

int run_validate(const ValidateOptions& o, const Globals& g) {
  Date today = as_of(g);
  AnalyzeOptions options;
  options.as_of = today;
  for (const auto& id : split_list(o.select)) options.select.insert(id);
  for (const auto& id : split_list(o.ignore)) options.ignore.insert(id);
  for (const auto* list : {&options.select, &options.ignore}) {
    for (const auto& id : *list) {
      bool known = false;
      for (const auto& r : rule_registry()) known = known || r.id.substr(0, id.size()) == id;
      if (!known) {
        throw UsageError(
            Text{fmt::format("没有以 “{}” 开头的规则编号（pilot rules 列出全部规则）", id),
                 fmt::format("no rule ID starts with \"{}\" (see `pilot rules`)", id)});
      }
    }
  }
  // --changed-since: the merge base is found before loading, so that a bad revision fails fast.
  std::string base;
  if (!o.changed_since.empty()) base = merge_base_of(repo_root(g), o.changed_since, lang_of(g));
  Repository& repo = keep_until_exit(load(g));
  Analysis& analysis = keep_until_exit(analyze(repo, options));
  if (!base.empty()) {
    // Analysed already, repo gives the merge base the records of the files that did not change.
    std::optional<Repository> before = repository_at(repo.root, base, repo, lang_of(g), g.jobs);
    if (before) keep_new_findings(analysis, keep_until_exit(analyze(*before, options)));
    if (before) keep_until_exit(std::move(*before));
  }

  std::string format = o.format;
  if (format.empty()) {
    const char* gha = std::getenv("GITHUB_ACTIONS");
    format = gha != nullptr && std::string_view(gha) == "true" ? "github" : "text";
  }
  DiagnosticsView view{&analysis, today, lang_of(g), o.show_waived};
  // Streamed to stdout finding by finding: 60,000 findings never sit in memory as text.
  const Sink out = stdout_sink();
  if (format == "json") {
    write_diagnostics_json(view, out);
  } else if (format == "github") {
    write_diagnostics_github(view, git_prefix(repo.root), out);
    if (!g.quiet) write_diagnostics_text(view, Color::no, false, out);
  } else if (format == "sarif") {
    write_diagnostics_sarif(view, SarifOptions{git_prefix(repo.root), PILOT_HOMEPAGE_URL}, out);
  } else if (format == "junit") {
    write_diagnostics_junit(view, out);
  } else {
    write_diagnostics_text(view, color_of(g), g.quiet, out);
  }
  if (analysis.errors > 0) return 1;
  if (o.strict && analysis.warnings > 0) return 1;
  return 0;
}

}  // namespace

void setup_validate(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* sub = app.add_subcommand("validate", "check every rule of the guidance / 检查全部规则");
  with_choices(
      sub->add_option("--format", o->format,
                      "text | json | github | junit | sarif (github when GITHUB_ACTIONS=true)"
                      " / 输出格式（GITHUB_ACTIONS=true 时默认 github）"),
      {"text", "json", "github", "junit", "sarif"});
  sub->add_option("--select", o->select, "only these rule IDs or prefixes (comma-separated)"
                  " / 只检查这些规则编号或前缀（逗号分隔）");
  sub->add_option("--ignore", o->ignore, "leave out these rule IDs or prefixes (comma-separated)"
                  " / 不检查这些规则编号或前缀（逗号分隔）");
  sub->add_flag("--strict", o->strict, "exit 1 on warnings too / 有 warning 也以 1 退出");
  sub->add_flag("--show-waived", o->show_waived, "also list the findings that waivers suppress"
                                                 " / 也列出被豁免的发现");
  sub->add_option("--changed-since", o->changed_since,
                  "report only the findings that are new since the merge base of this git revision "
                  "(or A...B) and HEAD, in any file / 只报告相对该 git 版本与 HEAD 的合并基础新出现的问题");
  sub->callback([o, &g] { g.exit_code = run_validate(*o, g); });
}

}  // namespace pilot::cli
