// Runs the registry over a repository and applies severities, waivers and filters.
#include <map>

#include <fmt/format.h>

#include "pilot/progress.hpp"
#include "pilot/rules.hpp"

namespace pilot {

namespace {

struct Waiver {
  std::string file;
  std::string rule;
  Pos pos;
  bool used = false;
};

template <class T>
void collect_waivers(const std::vector<T>& records, std::vector<Waiver>& out) {
  for (const auto& r : records) {
    for (const auto& [rule, reason] : r.waivers) out.push_back({r.file, rule, reason.pos});
  }
}

bool matches(const std::set<std::string>& patterns, const std::string& rule) {
  for (const auto& p : patterns) {
    if (rule.compare(0, p.size(), p) == 0) return true;  // "R5" selects R501..R505
  }
  return false;
}

}  // namespace

Analysis analyze(const Repository& repo, const AnalyzeOptions& options) {
  std::vector<Diagnostic> all = repo.load_diagnostics;
  ProgressBook book(repo, options.as_of);  // shared by the rules that need it
  CheckContext ctx{options.as_of, &book};
  for (const auto& rule : rule_registry()) {
    if (rule.check != nullptr) rule.check(repo, ctx, all);
  }

  std::vector<Waiver> waivers;
  collect_waivers(repo.colleges, waivers);
  collect_waivers(repo.majors, waivers);
  collect_waivers(repo.certificates, waivers);
  collect_waivers(repo.pilots, waivers);
  collect_waivers(repo.quota_changes, waivers);
  collect_waivers(repo.exams, waivers);
  collect_waivers(repo.reports, waivers);
  collect_waivers(repo.sites, waivers);
  collect_waivers(repo.funds, waivers);
  std::map<std::pair<std::string, std::string>, Waiver*> waiver_index;
  for (auto& w : waivers) waiver_index[{w.file, w.rule}] = &w;

  auto configured = [&](Diagnostic& d) {
    if (const RuleInfo* info = find_rule(d.rule); info != nullptr && !d.fixed_severity) {
      d.severity = info->default_severity;
    }
    auto it = repo.config.severities.find(d.rule);
    if (it != repo.config.severities.end() && (!d.fixed_severity || it->second == Severity::off)) {
      d.severity = it->second;
    }
    return d.severity != Severity::off;
  };

  Analysis result;
  std::vector<Diagnostic> kept;
  for (auto& d : all) {
    if (!configured(d)) continue;
    auto it = waiver_index.find({d.file, d.rule});
    if (it != waiver_index.end()) {
      it->second->used = true;
      result.waived.push_back(std::move(d));
    } else {
      kept.push_back(std::move(d));
    }
  }
  for (const auto& w : waivers) {
    if (w.used) continue;
    Diagnostic d = make_diagnostic(
        "W001", w.file, w.pos.line, w.pos.column,
        {fmt::format("对 {} 的豁免没有抑制任何发现", w.rule), fmt::format("the waiver of {} suppresses nothing", w.rule)},
        {"问题已解决的话，删除这条豁免，以免将来掩盖新的问题",
         "if the problem is gone, remove the waiver so that it cannot hide a future one"});
    if (configured(d)) kept.push_back(std::move(d));
  }
  for (auto& d : kept) {
    if (!options.select.empty() && !matches(options.select, d.rule)) continue;
    if (matches(options.ignore, d.rule)) continue;
    if (d.severity == Severity::error) ++result.errors;
    if (d.severity == Severity::warning) ++result.warnings;
    result.diagnostics.push_back(std::move(d));
  }
  sort_diagnostics(result.diagnostics);
  sort_diagnostics(result.waived);
  return result;
}

}  // namespace pilot
