// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for code-scanning dashboards.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "pilot/render.hpp"
#include "pilot/rule_docs.hpp"

namespace pilot {

namespace {

using J = nlohmann::ordered_json;

constexpr const char* k_sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::off: return "none";
  }
  return "none";
}

J rule_descriptor(const RuleInfo& r, Lang lang) {
  J rule;
  rule["id"] = std::string(r.id);
  rule["shortDescription"] = {{"text", r.summary.in(lang)}};
  std::string clause = std::string(r.clause);
  std::string full = r.summary.in(lang);
  if (clause != "—") {
    full += lang == Lang::zh ? fmt::format("(学校指导意见 {})", clause) : fmt::format(" (the school's guidance, clause {})", clause);
  }
  rule["fullDescription"] = {{"text", full}};
  if (auto page = rule_doc(r.id, lang)) {
    rule["help"] = {{"text", *page}, {"markdown", *page}};
  }
  rule["defaultConfiguration"] = {{"level", sarif_level(r.default_severity)}};
  rule["properties"] = {{"clause", clause}, {"tags", J::array({"1+X", std::string(r.id.substr(0, 1))})}};
  return rule;
}

J result(const Diagnostic& d, Lang lang, const std::map<std::string, int>& rule_index, const std::string& prefix) {
  J r;
  r["ruleId"] = d.rule;
  if (auto it = rule_index.find(d.rule); it != rule_index.end()) r["ruleIndex"] = it->second;
  r["level"] = sarif_level(d.severity);
  std::string text = d.message.in(lang);
  if (!d.hint.empty()) text += (lang == Lang::zh ? "\n提示:" : "\nhint: ") + d.hint.in(lang);
  r["message"] = {{"text", text}};
  J physical;
  physical["artifactLocation"] = {{"uri", prefix + d.file}, {"uriBaseId", "%SRCROOT%"}};
  if (d.line > 0) physical["region"] = {{"startLine", d.line}, {"startColumn", std::max(d.column, 1)}};
  r["locations"] = J::array({J{{"physicalLocation", physical}}});
  return r;
}

}  // namespace

std::string render_diagnostics_sarif(const DiagnosticsView& view, const SarifOptions& options) {
  const Analysis& a = *view.analysis;
  J driver;
  driver["name"] = "pilot";
  driver["version"] = PILOT_VERSION;
  driver["semanticVersion"] = PILOT_VERSION;
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  J rules = J::array();
  std::map<std::string, int> rule_index;
  for (const auto& r : rule_registry()) {
    rule_index[std::string(r.id)] = static_cast<int>(rules.size());
    rules.push_back(rule_descriptor(r, view.lang));
  }
  driver["rules"] = rules;

  J results = J::array();
  for (const auto& d : a.diagnostics) results.push_back(result(d, view.lang, rule_index, options.uri_prefix));
  if (view.show_waived) {
    for (const auto& d : a.waived) {
      J r = result(d, view.lang, rule_index, options.uri_prefix);
      r["suppressions"] = J::array({J{{"kind", "inSource"}}});  // a `waivers:` entry in the record
      results.push_back(r);
    }
  }

  J run;
  run["tool"] = {{"driver", driver}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results;
  run["properties"] = {{"as_of", view.as_of.str()},
                       {"summary", {{"errors", a.errors}, {"warnings", a.warnings}, {"waived", a.waived.size()}}}};
  J log;
  log["$schema"] = k_sarif_schema;
  log["version"] = "2.1.0";
  log["runs"] = J::array({run});
  return log.dump(2) + "\n";
}

}  // namespace pilot
