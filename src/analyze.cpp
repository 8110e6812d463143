// Runs the registry over a repository and applies severities, waivers and filters.
#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "pilot/progress.hpp"
#include "pilot/rules.hpp"
#include "pilot/text.hpp"

namespace pilot {

namespace {

// A waiver that counts, and whether it suppressed a finding.
struct WaiverUse {
  std::string file;
  std::string rule;
  Pos pos;
  bool used = false;
};

// S002 for a waiver that cannot count (waiver_problem), at the rule ID, or at the reason when
// that is what is wrong.
Diagnostic waiver_finding(const std::string& file, const std::string& rule, const Waiver& reason,
                          WaiverProblem problem) {
  switch (problem) {
    case WaiverProblem::unknown_rule: {
      std::vector<std::string_view> ids;
      for (const auto& r : rule_registry()) ids.push_back(r.id);
      std::string guess = closest_match(rule, ids);
      return make_diagnostic(
          "S002", file, reason.pos.line, reason.pos.column,
          {fmt::format("豁免中的规则编号 “{}” 不存在", rule),
           fmt::format("waiver names an unknown rule ID \"{}\"", rule)},
          guess.empty() ? Text{"运行 pilot rules 查看全部规则", "run `pilot rules` for the list"}
                        : Text{fmt::format("是不是想写 “{}”？", guess),
                               fmt::format("did you mean \"{}\"?", guess)});
    }
    case WaiverProblem::structural_rule:
      return make_diagnostic("S002", file, reason.pos.line, reason.pos.column,
                             {fmt::format("不能豁免结构规则 {}", rule),
                              fmt::format("structural rule {} cannot be waived", rule)},
                             {"修正文件本身", "fix the file itself"});
    case WaiverProblem::no_reason:
      break;
  }
  return make_diagnostic(
      "S002", file, reason.reason_pos.line, reason.reason_pos.column,
      {fmt::format("豁免 {} 没有写理由", rule), fmt::format("waiver of {} has no reason", rule)},
      {"写明依据，例如哪份文件同意了这个例外",
       "say why, e.g. which written approval allows the exception"});
}

// The waivers of `records` that count; S002 for those that cannot.
template <class T>
void collect_waivers(const std::vector<T>& records, std::vector<WaiverUse>& out,
                     std::vector<Diagnostic>& findings) {
  for (const auto& r : records) {
    for (const auto& [rule, reason] : r.waivers) {
      if (auto problem = waiver_problem(rule, reason)) {
        findings.push_back(waiver_finding(r.file, rule, reason, *problem));
      } else {
        out.push_back({r.file, rule, reason.pos});
      }
    }
  }
}

bool matches(const std::set<std::string>& patterns, const std::string& rule) {
  for (const auto& p : patterns) {
    if (rule.compare(0, p.size(), p) == 0) return true;  // "R5" selects R501..R505
  }
  return false;
}

}  // namespace

std::optional<WaiverProblem> waiver_problem(std::string_view rule, const Waiver& reason) {
  if (find_rule(rule) == nullptr) return WaiverProblem::unknown_rule;
  if (rule.front() == 'S') return WaiverProblem::structural_rule;
  if (!reason.valid || reason.value.find_first_not_of(" \t") == std::string::npos) {
    return WaiverProblem::no_reason;
  }
  return std::nullopt;
}

Analysis analyze(const Repository& repo, const AnalyzeOptions& options) {
  std::vector<Diagnostic> all = repo.load_diagnostics;
  ProgressBook book(repo, options.as_of);  // shared by the rules that need it
  CheckContext ctx{options.as_of, &book};
  for (const auto& rule : rule_registry()) {
    if (rule.check != nullptr) rule.check(repo, ctx, all);
  }

  std::vector<WaiverUse> waivers;
  collect_waivers(repo.colleges, waivers, all);
  collect_waivers(repo.majors, waivers, all);
  collect_waivers(repo.certificates, waivers, all);
  collect_waivers(repo.pilots, waivers, all);
  collect_waivers(repo.quota_changes, waivers, all);
  collect_waivers(repo.exams, waivers, all);
  collect_waivers(repo.reports, waivers, all);
  collect_waivers(repo.sites, waivers, all);
  collect_waivers(repo.funds, waivers, all);
  std::map<std::pair<std::string, std::string>, WaiverUse*> waiver_index;
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
        {fmt::format("对 {} 的豁免没有抑制任何发现", w.rule),
         fmt::format("the waiver of {} suppresses nothing", w.rule)},
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
