// describe_app: the live CLI11 app as a CommandSpec tree.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <CLI/CLI.hpp>

#include "completion_model.hpp"
#include "pilot/model.hpp"
#include "pilot/schema.hpp"

namespace pilot::cli {

namespace {

// Options whose value is the ID of a record (or a rule), by long name.
const std::map<std::string, std::string, std::less<>> k_id_options{
    {"college", "college"},         {"major", "major"},   {"majors", "major"},     {"lead-major", "major"},
    {"initiated-by", "major"},      {"pilot", "pilot"},   {"certificate", "certificate"},
    {"site", "site"},               {"select", "rule"},   {"ignore", "rule"},
};
// Options and positionals whose value is a directory, by name (lowercase).
const std::set<std::string, std::less<>> k_dir_values{"repo", "dir"};

// The choices of an IsMember validator, as CLI11 shows them in the type name: "TEXT:{a,b,c}".
std::vector<std::string> member_choices(const CLI::Option& opt) {
  std::string type = opt.get_type_name();
  auto open = type.find('{');
  auto close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> words;
  std::string word;
  for (char c : type.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// The enum spellings of a record field (`add KIND --FIELD`), from the kind's JSON Schema.
std::vector<std::string> field_choices(Kind kind, const std::string& long_name) {
  std::string field = long_name;
  std::replace(field.begin(), field.end(), '-', '_');
  auto schema = record_schema(kind);
  auto props = schema.find("properties");
  if (props == schema.end()) return {};
  auto it = props->find(field);
  if (it == props->end() && field.size() > 1 && field.back() == 's') it = props->find(field.substr(0, field.size() - 1));
  if (it == props->end() && props->contains(field + "s")) it = props->find(field + "s");
  if (it == props->end()) return {};
  const auto* values = it->contains("enum") ? &(*it)["enum"] : nullptr;
  if (values == nullptr && it->contains("items") && (*it)["items"].contains("enum")) values = &(*it)["items"]["enum"];
  std::vector<std::string> words;
  if (values != nullptr) {
    for (const auto& v : *values) {
      if (v.is_string()) words.push_back(v.get<std::string>());
    }
  }
  return words;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `record_kind` is the kind of an `add KIND` command, if that is where the option is.
ValueSpec value_of(const CLI::Option& opt, const std::string& name, const std::string& command,
                   std::optional<Kind> record_kind) {
  ValueSpec v;
  if (opt.get_expected_max() == 0) return v;  // a flag
  v.source = ValueSpec::Source::any;
  if (auto words = member_choices(opt); !words.empty()) {
    v.source = ValueSpec::Source::words;
    v.words = std::move(words);
    return v;
  }
  if (record_kind) {
    if (auto words = field_choices(*record_kind, name); !words.empty()) {
      v.source = ValueSpec::Source::words;
      v.words = std::move(words);
      return v;
    }
  }
  std::string key = lower(name);
  if (command == "explain" && key == "id") {
    v.source = ValueSpec::Source::ids;
    v.id_kind = "rule";
  } else if (key == "kind") {
    v.source = ValueSpec::Source::words;
    for (Kind k : k_all_kinds) v.words.emplace_back(kind_name(k));
  } else if (auto it = k_id_options.find(key); it != k_id_options.end() && !(record_kind && key == "id")) {
    v.source = ValueSpec::Source::ids;
    v.id_kind = it->second;
  } else if (k_dir_values.count(key) != 0) {
    v.source = ValueSpec::Source::dirs;
  }
  return v;
}

std::string metavar_of(const CLI::Option& opt, const ValueSpec& v, const std::string& name) {
  if (v.source == ValueSpec::Source::flag) return "";
  if (v.source == ValueSpec::Source::words && v.words.size() <= 6) {
    std::string m = "{";
    for (const auto& w : v.words) m += (m.size() > 1 ? "|" : "") + w;
    return m + "}";
  }
  static const std::map<std::string, std::string, std::less<>> k_metavars{
      {"as-of", "DATE"},      {"date", "DATE"},        {"due", "DATE"},       {"submitted", "DATE"},
      {"approved", "DATE"},   {"rejected", "DATE"},    {"signed", "DATE"},    {"year", "YEAR"},
      {"listed-from", "YEAR"}, {"listed-to", "YEAR"},  {"changed-since", "REV"}, {"select", "IDS"},
      {"ignore", "IDS"}};
  if (auto it = k_metavars.find(name); it != k_metavars.end()) return it->second;
  if (v.source == ValueSpec::Source::dirs) return "DIR";
  if (v.source == ValueSpec::Source::ids) return v.id_kind == "major" ? "CODE" : "ID";
  std::string type = opt.get_type_name();
  type = type.substr(0, type.find(':'));
  if (type == "INT" || type == "UINT" || type == "FLOAT" || type == "NUMBER" || type == "NUM") {
    return "N";
  }
  std::string m;
  for (char c : name) m += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return m;
}

bool hidden(const CLI::App& app) { return app.get_group().empty() || app.get_name().rfind("__", 0) == 0; }

void collect_options(CLI::App& app, CommandSpec& spec, const std::string& command, std::optional<Kind> record_kind) {
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden
    if (opt->get_positional()) {
      PositionalSpec p;
      p.name = opt->get_name();
      p.help = opt->get_description();
      p.required = opt->get_required();
      p.value = value_of(*opt, p.name, command, std::nullopt);
      if (p.value.source == ValueSpec::Source::flag) p.value.source = ValueSpec::Source::any;
      spec.positionals.push_back(std::move(p));
      continue;
    }
    OptionSpec o;
    for (const auto& l : opt->get_lnames()) o.names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) o.names.push_back("-" + s);
    if (o.names.empty()) continue;
    std::string name = opt->get_lnames().empty() ? opt->get_snames().front() : opt->get_lnames().front();
    o.help = opt->get_description();
    o.value = value_of(*opt, name, command, record_kind);
    o.metavar = metavar_of(*opt, o.value, name);
    spec.options.push_back(std::move(o));
  }
  // Option groups are nameless sub-apps: their options belong to this command.
  for (CLI::App* group : app.get_subcommands([](CLI::App* a) { return a->get_name().empty(); })) {
    collect_options(*group, spec, command, record_kind);
  }
}

CommandSpec describe(CLI::App& app, const std::string& parent) {
  CommandSpec spec;
  spec.name = app.get_parent() == nullptr ? "" : app.get_name();
  spec.help = app.get_description();
  std::optional<Kind> record_kind;
  if (parent == "add") record_kind = parse_kind(spec.name);
  collect_options(app, spec, spec.name, record_kind);
  for (CLI::App* sub : app.get_subcommands([](CLI::App* a) { return !a->get_name().empty(); })) {
    if (hidden(*sub)) continue;
    spec.subcommands.push_back(describe(*sub, spec.name));
  }
  return spec;
}

void flatten_into(const CommandSpec& c, const std::string& path, std::vector<const OptionSpec*> inherited,
                  std::vector<CommandNode>& out) {
  for (const auto& o : c.options) {
    bool seen = std::any_of(inherited.begin(), inherited.end(), [&](const OptionSpec* p) { return p->names == o.names; });
    if (!seen) inherited.push_back(&o);
  }
  out.push_back({path, &c, inherited});
  for (const auto& sub : c.subcommands) {
    flatten_into(sub, path.empty() ? sub.name : path + " " + sub.name, inherited, out);
  }
}

}  // namespace

CommandSpec describe_app(CLI::App& app) { return describe(app, ""); }

std::vector<CommandNode> flatten(const CommandSpec& root) {
  std::vector<CommandNode> out;
  flatten_into(root, "", {}, out);
  return out;
}

}  // namespace pilot::cli
