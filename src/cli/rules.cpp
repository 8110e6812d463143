// pilot rules / pilot explain ID: the rule table and one rule's page.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common.hpp"
#include "pilot/render.hpp"
#include "pilot/rule_docs.hpp"
#include "pilot/rules.hpp"
#include "usage.hpp"

namespace pilot::cli {

namespace {

struct RulesOptions {
  std::string format = "table";
};

int run_rules(const RulesOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  if (o.format == "json") {
    auto list = nlohmann::ordered_json::array();
    for (const auto& r : rule_registry()) {
      list.push_back({{"id", r.id},
                      {"clause", r.clause},
                      {"severity", severity_name(r.default_severity)},
                      {"summary", r.summary.in(lang)},
                      {"summary_zh", r.summary.zh},
                      {"summary_en", r.summary.en}});
    }
    nlohmann::ordered_json j;
    j["schema_version"] = 1;
    j["rules"] = list;
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  Table t;
  t.headers = lang == Lang::zh ? std::vector<std::string>{"编号", "条款", "默认级别", "规则"}
                               : std::vector<std::string>{"ID", "Clause", "Severity", "Rule"};
  for (const auto& r : rule_registry()) {
    t.rows.push_back({std::string(r.id), std::string(r.clause), severity_name(r.default_severity), r.summary.in(lang)});
  }
  std::cout << (o.format == "md" ? render_table_markdown(t) : o.format == "csv" ? render_table_csv(t, true) : render_table_text(t));
  return 0;
}

int run_explain(const std::string& id, const Globals& g) {
  std::string upper;
  for (char c : id) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (find_rule(upper) == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto& r : rule_registry()) ids.push_back(r.id);
    std::string guess = closest_match(upper, ids);
    throw UsageError(
        Text{fmt::format("未知的规则编号 “{}”", id), fmt::format("unknown rule ID \"{}\"", id)},
        guess.empty()
            ? Text{"pilot rules 列出全部规则", "`pilot rules` lists them all"}
            : Text{fmt::format("是否想输入 “{}”？（pilot rules 列出全部规则）", guess),
                   fmt::format("did you mean \"{}\"? (`pilot rules` lists them all)", guess)});
  }
  auto doc = rule_doc(upper, lang_of(g));
  if (!doc) throw std::runtime_error("no documentation is embedded for " + upper);
  std::cout << *doc;
  return 0;
}

}  // namespace

void setup_rules(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RulesOptions>();
  CLI::App* rules = app.add_subcommand("rules", "the rule table / 规则一览");
  with_choices(rules->add_option("--format", o->format, "table | md | csv | json / 输出格式"),
               {"table", "md", "csv", "json"});
  rules->callback([o, &g] { g.exit_code = run_rules(*o, g); });

  auto id = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "one rule: what it checks, its policy clause, how to fix / 规则说明");
  explain->add_option("ID", *id, "rule ID, e.g. R501 / 规则编号，例如 R501")->required();
  explain->callback([id, &g] { g.exit_code = run_explain(*id, g); });
}

}  // namespace pilot::cli
