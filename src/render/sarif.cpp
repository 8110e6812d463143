// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for code-scanning dashboards.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diagnostics_writer.hpp"
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
    full += lang == Lang::zh ? fmt::format("（学校指导意见 {}）", clause) : fmt::format(" (the school's guidance, clause {})", clause);
  }
  rule["fullDescription"] = {{"text", full}};
  if (auto page = rule_doc(r.id, lang)) {
    rule["help"] = {{"text", *page}, {"markdown", *page}};
  }
  rule["defaultConfiguration"] = {{"level", sarif_level(r.default_severity)}};
  rule["properties"] = {{"clause", clause}, {"tags", J::array({"1+X", std::string(r.id.substr(0, 1))})}};
  return rule;
}

// One result as nlohmann::json::dump(2) would print it at `indent` spaces, written directly:
// no JSON tree per finding.
void result(std::string& out, const Diagnostic& d, Lang lang,
            const std::map<std::string, int>& rule_index, const std::string& prefix, int indent,
            bool waived) {
  auto pad = [&](int extra) { out.append(static_cast<std::size_t>(indent + extra), ' '); };
  pad(0);
  out += "{\n";
  pad(2);
  out += "\"ruleId\": ";
  append_json_string(out, d.rule);
  out += ",\n";
  if (auto it = rule_index.find(d.rule); it != rule_index.end()) {
    pad(2);
    out += fmt::format("\"ruleIndex\": {},\n", it->second);
  }
  pad(2);
  out += fmt::format("\"level\": \"{}\",\n", sarif_level(d.severity));
  std::string text = d.message.in(lang);
  if (!d.hint.empty()) text += (lang == Lang::zh ? "\n提示：" : "\nhint: ") + d.hint.in(lang);
  pad(2);
  out += "\"message\": {\n";
  pad(4);
  out += "\"text\": ";
  append_json_string(out, text);
  out += "\n";
  pad(2);
  out += "},\n";
  pad(2);
  out += "\"locations\": [\n";
  pad(4);
  out += "{\n";
  pad(6);
  out += "\"physicalLocation\": {\n";
  pad(8);
  out += "\"artifactLocation\": {\n";
  pad(10);
  out += "\"uri\": ";
  append_json_string(out, uri_path_escape(prefix + d.file));
  out += ",\n";
  pad(10);
  out += "\"uriBaseId\": \"%SRCROOT%\"\n";
  pad(8);
  out += "}";
  if (d.line > 0) {
    out += ",\n";
    pad(8);
    out += "\"region\": {\n";
    pad(10);
    out += fmt::format("\"startLine\": {},\n", d.line);
    pad(10);
    out += fmt::format("\"startColumn\": {}\n", std::max(d.column, 1));
    pad(8);
    out += "}";
  }
  out += "\n";
  pad(6);
  out += "}\n";
  pad(4);
  out += "}\n";
  pad(2);
  out += "]";
  if (waived) {  // a `waivers:` entry in the record
    out += ",\n";
    pad(2);
    out += "\"suppressions\": [\n";
    pad(4);
    out += "{\n";
    pad(6);
    out += "\"kind\": \"inSource\"\n";
    pad(4);
    out += "}\n";
    pad(2);
    out += "]";
  }
  out += "\n";
  pad(0);
  out += "}";
}

// Stands for the results in the log's JSON tree: the tree is printed around them.
constexpr std::string_view k_results_placeholder = "\\u0001pilot-results\\u0001";

}  // namespace

void write_diagnostics_sarif(const DiagnosticsView& view, const SarifOptions& options,
                             const Sink& sink) {
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

  J run;
  run["tool"] = {{"driver", driver}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = "\x01pilot-results\x01";
  run["properties"] = {{"as_of", view.as_of.str()},
                       {"summary", {{"errors", a.errors}, {"warnings", a.warnings}, {"waived", a.waived.size()}}}};
  J log;
  log["$schema"] = k_sarif_schema;
  log["version"] = "2.1.0";
  log["runs"] = J::array({run});
  const std::string frame = log.dump(2) + "\n";

  // The frame up to the placeholder, the results at the indentation of their key, the rest.
  const std::string quoted = "\"" + std::string(k_results_placeholder) + "\"";
  const std::size_t at = frame.find(quoted);
  const std::size_t line_start = frame.rfind('\n', at) + 1;
  const int indent = static_cast<int>(frame.find_first_not_of(' ', line_start) - line_start);
  render_detail::Chunked out(sink);
  out.add(std::string_view(frame).substr(0, at));
  std::size_t count = a.diagnostics.size() + (view.show_waived ? a.waived.size() : 0);
  if (count == 0) {
    out.add("[]");
  } else {
    out.add("[\n");
    bool first = true;
    auto one = [&](const Diagnostic& d, bool waived) {
      if (!first) out.buffer() += ",\n";
      first = false;
      result(out.buffer(), d, view.lang, rule_index, options.uri_prefix, indent + 2, waived);
      out.maybe_flush();
    };
    for (const auto& d : a.diagnostics) one(d, false);
    if (view.show_waived) {
      for (const auto& d : a.waived) one(d, true);
    }
    out.buffer() += '\n';
    out.buffer().append(static_cast<std::size_t>(indent), ' ');
    out.add("]");
  }
  out.add(std::string_view(frame).substr(at + quoted.size()));
  out.finish();
}

std::string render_diagnostics_sarif(const DiagnosticsView& view, const SarifOptions& options) {
  return render_detail::collect(
      [&](const Sink& sink) { write_diagnostics_sarif(view, options, sink); });
}

}  // namespace pilot
