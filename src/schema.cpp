// JSON Schema of the record kinds, from the field tables (include/pilot/fields.hpp) and the
// loader's ranges (src/record_reader.cpp).
#include "pilot/schema.hpp"

#include <fmt/format.h>

#include "pilot/fields.hpp"
#include "pilot/rules.hpp"
#include "pilot/text.hpp"

namespace pilot {

namespace {

using J = nlohmann::ordered_json;

// The loader's ranges (record_reader.cpp).
constexpr long long k_max_count = 1'000'000;
constexpr int k_min_year = 2000;
constexpr int k_max_year = 2100;
constexpr const char* k_date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
constexpr const char* k_id_pattern = "^[a-z0-9][a-z0-9-]*$";
constexpr const char* k_major_pattern = "^[0-9]{6}$";

// Whether a missing or empty (null) value is what the loader reports as S002.
enum class Need { required, optional };

Need need_of(const FieldSpec& f) {
  return f.need == pilot::Need::required ? Need::required : Need::optional;
}

// Title "中文 / English"; description: the Chinese sentence, a blank line, the English one.
void describe(J& s, const Text& title, const Text& description) {
  s["title"] = title.zh + " / " + title.en;
  if (!description.empty()) s["description"] = description.zh + "\n\n" + description.en;
}

// `types` plus "null" when the key may be left empty.
J types(std::initializer_list<const char*> names, Need need) {
  J t = J::array();
  for (const char* n : names) t.push_back(n);
  if (need == Need::optional) t.push_back("null");
  return t.size() == 1 ? t[0] : t;
}

// Any scalar the loader reads as text (`name: 123` is the text "123").
J text(Need need, const Text& title, const Text& description = {}) {
  J s;
  s["type"] = types({"string", "number", "boolean"}, need);
  describe(s, title, description);
  return s;
}

J id(Need need, const Text& title, const Text& description = {}) {
  J as_text{{"type", "string"}, {"pattern", k_id_pattern}};
  J s;
  // A bare `id: 0001` is read as the text "0001" by pilot, as the number 1 by YAML 1.2 tools.
  s["anyOf"] = J::array({as_text, J{{"type", "integer"}, {"minimum", 0}}});
  if (need == Need::optional) s["anyOf"].push_back(J{{"type", "null"}});
  describe(s, title,
           {description.zh + (description.zh.empty() ? "" : "\n") + "编号：小写字母、数字和连字符，以字母或数字开头。",
            description.en + (description.en.empty() ? "" : "\n") +
                "An ID: lowercase letters, digits and '-', starting with a letter or digit."});
  return s;
}

J major_code(Need need, const Text& title, const Text& description = {}) {
  J s;
  // pilot writes codes quoted ("510201"); a bare 510201 is read the same way.
  s["anyOf"] = J::array({J{{"type", "string"}, {"pattern", k_major_pattern}},
                         J{{"type", "integer"}, {"minimum", 100000}, {"maximum", 999999}}});
  if (need == Need::optional) s["anyOf"].push_back(J{{"type", "null"}});
  describe(s, title,
           {description.zh + (description.zh.empty() ? "" : "\n") + "6 位专业代码，写成带引号的字符串，例如 \"510201\"。",
            description.en + (description.en.empty() ? "" : "\n") +
                "A 6-digit major code, written as a quoted string, e.g. \"510201\"."});
  return s;
}

J year(Need need, const Text& title, const Text& description = {}) {
  J s{{"type", types({"integer"}, need)}, {"minimum", k_min_year}, {"maximum", k_max_year}};
  describe(s, title, description);
  return s;
}

// A whole number written without quotes; quotas may be <= 0 in the file (R306 reports that).
J count(Need need, long long minimum, const Text& title, const Text& description = {}) {
  J s{{"type", types({"integer"}, need)}, {"minimum", minimum}, {"maximum", k_max_count}};
  describe(s, title, description);
  return s;
}

J date(Need need, const Text& title, const Text& description = {}) {
  J s{{"type", types({"string"}, need)}, {"pattern", k_date_pattern}, {"format", "date"}};
  describe(s, title,
           {description.zh + (description.zh.empty() ? "" : "\n") + "日期 YYYY-MM-DD，必须真实存在。",
            description.en + (description.en.empty() ? "" : "\n") + "A date YYYY-MM-DD that exists."});
  return s;
}

J boolean(Need need, const Text& title, const Text& description = {}) {
  J s{{"type", types({"boolean"}, need)}};
  describe(s, title, description);
  return s;
}

J enumeration(Need need, const std::vector<std::string>& names, const Text& title, const Text& description = {}) {
  J s;
  J values = J::array();
  for (const auto& n : names) values.push_back(n);
  if (need == Need::optional) values.push_back(nullptr);
  s["enum"] = values;
  describe(s, title, description);
  return s;
}

// An object whose keys are all known (the loader reports any other key as S002).
struct Object {
  J properties = J::object();
  J required = J::array();

  Object& add(std::string_view key, J schema, Need need) {
    properties[std::string(key)] = std::move(schema);
    if (need == Need::required) required.push_back(std::string(key));
    return *this;
  }

  J build(const Text& title, const Text& description = {}) const {
    J s;
    s["type"] = "object";
    describe(s, title, description);
    s["properties"] = properties;
    if (!required.empty()) s["required"] = required;
    s["additionalProperties"] = false;
    return s;
  }
};

// What every record may carry: notes and waivers.
void add_common(Object& o) {
  J rule_ids = J::array();
  for (const auto& r : rule_registry()) {
    if (r.id[0] != 'S') rule_ids.push_back(std::string(r.id));
  }
  J reason{{"anyOf", J::array({J{{"type", "string"}, {"pattern", "[^ \\t]"}}, J{{"type", {"number", "boolean"}}}})},
           {"title", "豁免理由 / reason"}};
  J waivers{{"type", types({"object"}, Need::optional)},
            {"propertyNames", J{{"enum", rule_ids}}},
            {"additionalProperties", reason}};
  describe(waivers, common_fields()[1].title.text(),
           {"每项写成 “规则编号: 理由”。只能豁免条款写明“原则上”或经学校书面批准的例外；S 规则不能豁免。",
            "rule ID: reason. Only for exceptions a clause qualifies with \"in principle\" or the school approved in "
            "writing; S rules cannot be waived."});
  const FieldSpec& notes = common_fields()[0];
  o.add(notes.key, text(Need::optional, notes.title.text()), Need::optional);
  o.add("waivers", waivers, Need::optional);
}

// The names first, then the aliases: 初级, 中级, 高级, junior, intermediate, senior.
std::vector<std::string> spellings(const EnumSpec& spec) {
  std::vector<std::string> out;
  for (const EnumValue& v : spec.values) out.emplace_back(v.name);
  for (const EnumValue& v : spec.values) out.emplace_back(v.alias);
  return out;
}

J scalar_schema(const FieldSpec& f) {
  Need need = need_of(f);
  Text title = f.title.text();
  Text description = f.description.text();
  switch (f.type) {
    case FieldType::text: return text(need, title, description);
    case FieldType::id: return id(need, title, description);
    case FieldType::major_code: return major_code(need, title, description);
    case FieldType::year: return year(need, title, description);
    case FieldType::count: return count(need, 0, title, description);
    case FieldType::quota: return count(need, -k_max_count, title, description);
    case FieldType::date: return date(need, title, description);
    case FieldType::boolean: return boolean(need, title, description);
    case FieldType::enumeration:
      return enumeration(need, spellings(*f.values), title, description);
    case FieldType::money: {
      J amount{{"type", types({"number"}, need)}, {"minimum", 0}, {"maximum", 999'999'999'999.99}};
      describe(amount, title, description);
      return amount;
    }
    case FieldType::levels: {
      J levels{{"type", types({"array"}, need)},
               {"items", enumeration(Need::required, spellings(*f.values), {"等级", "level"})}};
      describe(levels, title, description);
      return levels;
    }
    case FieldType::block: break;
  }
  return J::object();
}

// "{ major, quota, contact }"
std::string keys_of(std::span<const FieldSpec> parts) {
  std::string keys;
  for (const FieldSpec& p : parts) keys += (keys.empty() ? "" : ", ") + std::string(p.key);
  return "{ " + keys + " }";
}

J block_schema(const FieldSpec& f) {
  Need need = need_of(f);
  if (f.shape == BlockShape::pairs) {  // major code -> count
    J s{{"type", types({"object"}, need)},
        {"propertyNames", J{{"pattern", k_major_pattern}}},
        {"additionalProperties",
         J{{"type", "integer"}, {"minimum", 0}, {"maximum", k_max_count}}}};
    describe(s, f.title.text(), f.description.text());
    return s;
  }
  Object parts;
  for (const FieldSpec& p : f.parts) parts.add(p.key, scalar_schema(p), need_of(p));
  if (f.shape == BlockShape::mapping) {
    J s = parts.build(f.title.text(), f.description.text());
    s["type"] = types({"object"}, need);
    return s;
  }
  std::string keys = keys_of(f.parts);
  J s{{"type", types({"array"}, need)}, {"items", parts.build(f.item.text(), {keys, keys})}};
  describe(s, f.title.text(), f.description.text());
  return s;
}

// The keys a status needs (Need::when): when the status is one of the values (by name or
// alias), the key is required and holds a date.
J when_schema(Kind kind, const FieldSpec& f) {
  const FieldSpec* on = find_field(kind, f.when.key);
  J names = J::array();
  for (std::string_view v : f.when.values) {
    const EnumValue& value = on->values->values[enum_index(*on->values, v).value()];
    names.push_back(std::string(value.name));
    names.push_back(std::string(value.alias));
  }
  std::string status(f.when.key);
  std::string key(f.key);
  J present{{"type", "string"}};
  return J{{"if", J{{"properties", J{{status, J{{"enum", names}}}}},
                    {"required", J::array({status})}}},
           {"then", J{{"required", J::array({key})}, {"properties", J{{key, present}}}}}};
}

J kind_schema(Kind kind) {
  const KindSpec& spec = kind_spec(kind);
  Object o;
  for (const FieldSpec& f : spec.fields) {
    o.add(f.key, f.is_block() ? block_schema(f) : scalar_schema(f), need_of(f));
  }
  add_common(o);
  J s = o.build(spec.title.text(), spec.layout.text());
  J all = J::array();
  for (const FieldSpec& f : spec.fields) {
    if (f.need == pilot::Need::when) all.push_back(when_schema(kind, f));
  }
  if (!all.empty()) s["allOf"] = all;
  return s;
}

}  // namespace

nlohmann::ordered_json record_schema(Kind kind) {
  J s;
  s["$schema"] = k_json_schema_dialect;
  J body = kind_schema(kind);
  for (auto& [key, value] : body.items()) s[key] = value;
  return s;
}

std::string schema_json(Kind kind) { return record_schema(kind).dump(2) + "\n"; }

std::string all_schemas_json() {
  J s;
  s["$schema"] = k_json_schema_dialect;
  s["title"] = "pilot 的全部记录 / every pilot record";
  s["description"] = "每种记录的结构见 $defs;pilot schema KIND 打印其中一种。\n\nEach kind's schema is in $defs; `pilot schema KIND` prints one.";
  J defs = J::object();
  J any = J::array();
  for (Kind k : k_all_kinds) {
    defs[kind_name(k)] = kind_schema(k);
    any.push_back(J{{"$ref", fmt::format("#/$defs/{}", kind_name(k))}});
  }
  s["$defs"] = defs;
  s["anyOf"] = any;
  return s.dump(2) + "\n";
}

std::string schema_file_name(Kind kind) { return std::string(kind_name(kind)) + ".json"; }

std::vector<std::pair<std::string, std::string>> schema_files() {
  std::vector<std::pair<std::string, std::string>> files;
  for (Kind k : k_all_kinds) files.emplace_back(std::string(k_schema_dir) + "/" + schema_file_name(k), schema_json(k));
  return files;
}

std::string schema_modeline(Kind kind, std::string_view rel_path) {
  std::string up;
  for (char c : rel_path) {
    if (c == '/') up += "../";
  }
  return fmt::format("# yaml-language-server: $schema={}{}/{}", up, k_schema_dir, schema_file_name(kind));
}

}  // namespace pilot
