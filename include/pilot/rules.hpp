#pragma once
// The rule registry: one table of every rule, and running them over a repository.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/diagnostic.hpp"
#include "pilot/repository.hpp"

namespace pilot {

class ProgressBook;

struct CheckContext {
  Date as_of;
  // The repository's ProgressBook as of `as_of`, built once by analyze() for every check to
  // share; nullptr when a check runs on its own (it then builds its own, see checks.hpp).
  const ProgressBook* progress = nullptr;
};

// A check appends findings at the rule's default severity; nothing here touches files.
using CheckFn = void (*)(const Repository&, const CheckContext&, std::vector<Diagnostic>&);

struct RuleInfo {
  std::string_view id;
  std::string_view clause;  // policy clause, "—" for structural rules, "security" for X
  Severity default_severity;
  Text summary;
  CheckFn check;  // nullptr: reported by the loader (S001, S002, S005, X001, X002) or analyze (W001)
  // Every source file that reports the rule (paths from the project root), so that a rule is
  // found from its ID mechanically; test_registry.cpp checks that each contains the ID.
  std::vector<std::string_view> reported_in = {};
};

const std::vector<RuleInfo>& rule_registry();
const RuleInfo* find_rule(std::string_view id);

struct AnalyzeOptions {
  Date as_of;
  std::set<std::string> select;  // empty = all
  std::set<std::string> ignore;
};

struct Analysis {
  std::vector<Diagnostic> diagnostics;  // reported, sorted, severities applied
  std::vector<Diagnostic> waived;       // suppressed by a waiver, sorted
  int errors = 0;
  int warnings = 0;
};

// Why a `waivers:` entry of `rule` with `reason` waives nothing (SPEC §3 "Waivers": an unknown
// rule ID, an S rule, an empty reason — each S002, reported by analyze()), or nullopt when it is
// a waiver that counts.
enum class WaiverProblem { unknown_rule, structural_rule, no_reason };
std::optional<WaiverProblem> waiver_problem(std::string_view rule, const Waiver& reason);

// Runs every rule, applies [rules] severities, waivers (S002 for a waiver that cannot count,
// W001 for one that suppresses nothing), --select/--ignore.
Analysis analyze(const Repository& repo, const AnalyzeOptions& options);

// Helper for checks: a finding at the rule's default severity.
Diagnostic make_diagnostic(std::string_view rule, const std::string& file, int line, int column,
                           Text message, Text hint);

}  // namespace pilot
