// JSON Schema of the record kinds, mirroring src/records.cpp and src/record_reader.cpp.
#include "pilot/schema.hpp"

#include <fmt/format.h>

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

// Enum spellings as model.cpp accepts them; the first of each value is what pilot writes.
const std::vector<std::string> k_level_names{"初级", "中级", "高级", "junior", "intermediate", "senior"};
const std::vector<std::string> k_pilot_status_names{"draft",    "submitted", "approved", "rejected",
                                                    "草稿",     "已提交",    "已批准",   "未通过"};
const std::vector<std::string> k_exam_status_names{"planned", "held", "计划", "已考"};
const std::vector<std::string> k_signatory_names{"college", "office", "school", "二级学院", "教务处", "学校"};
const std::vector<std::string> k_contract_process_names{"non-procurement", "非采购合同"};
const std::vector<std::string> k_direction_names{"income", "expense", "收入", "支出"};
const std::vector<std::string> k_source_names{"college-budget", "returned-exam-fee", "student", "other",
                                              "学院经费",       "考务费返还",        "学生缴费", "其他"};
const std::vector<std::string> k_category_names{"training", "exam-fee", "materials", "internal-labor", "other",
                                                "培训",     "考务费",   "耗材",      "校内劳务",       "其他"};

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
           {description.zh + (description.zh.empty() ? "" : "\n") + "编号:小写字母、数字和连字符,以字母或数字开头。",
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
           {description.zh + (description.zh.empty() ? "" : "\n") + "6 位专业代码,写成带引号的字符串,例如 \"510201\"。",
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
           {description.zh + (description.zh.empty() ? "" : "\n") + "日期 YYYY-MM-DD,必须真实存在。",
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

  Object& add(const char* key, J schema, Need need) {
    properties[key] = std::move(schema);
    if (need == Need::required) required.push_back(key);
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
  describe(waivers, {"豁免", "waivers"},
           {"规则编号: 理由。只能豁免条款写明“原则上”或经学校书面批准的例外;S 规则不能豁免。",
            "rule ID: reason. Only for exceptions a clause qualifies with \"in principle\" or the school approved in "
            "writing; S rules cannot be waived."});
  o.add("notes", text(Need::optional, {"备注", "notes"}), Need::optional);
  o.add("waivers", waivers, Need::optional);
}

const Text k_levels_text{"等级:初级、中级、高级(也接受 junior、intermediate、senior)。",
                         "Level: 初级, 中级, 高级 (junior, intermediate, senior are accepted too)."};

J college_schema() {
  Object o;
  o.add("id", id(Need::required, {"二级学院编号", "college ID"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("name", text(Need::required, {"二级学院名称", "college name"}), Need::required)
      .add("leader", text(Need::required, {"分管领导", "leader"}, {"在指标修改申请上签字的人。", "Signs the quota changes."}),
           Need::required);
  add_common(o);
  return o.build({"二级学院", "college"}, {"colleges/<编号>.yaml", "colleges/<id>.yaml"});
}

J major_schema() {
  Object o;
  o.add("id", major_code(Need::required, {"专业代码", "major code"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("name", text(Need::required, {"专业名称", "major name"}), Need::required)
      .add("college", id(Need::required, {"所属二级学院", "college"}), Need::required);
  add_common(o);
  return o.build({"专业", "major"}, {"majors/<专业代码>.yaml", "majors/<major-code>.yaml"});
}

J certificate_schema() {
  Object o;
  J levels{{"type", "array"}, {"items", enumeration(Need::required, k_level_names, {"等级", "level"})}};
  describe(levels, {"证书等级", "levels"}, {"例如 [初级, 中级, 高级]。", "e.g. [初级, 中级, 高级]."});
  o.add("id", id(Need::required, {"证书编号", "certificate ID"}), Need::required)
      .add("name", text(Need::required, {"证书名称", "certificate name"}), Need::required)
      .add("organization", text(Need::required, {"培训评价组织", "organization"}), Need::required)
      .add("levels", levels, Need::required)
      .add("listed_from", year(Need::required, {"首次列入目录年份", "first year listed"}), Need::required)
      .add("listed_to", year(Need::optional, {"最后列入目录年份", "last year listed"}, {"仍在目录中时省略。", "Omit while still listed."}),
           Need::optional);
  add_common(o);
  return o.build({"职业技能等级证书", "certificate"}, {"certificates/<编号>.yaml", "certificates/<id>.yaml"});
}

J pilot_schema() {
  Object entry;
  entry.add("major", major_code(Need::required, {"专业代码", "major code"}), Need::required)
      .add("quota", count(Need::optional, -k_max_count, {"试点人数(指标)", "quota"},
                          {"须大于 0(否则 R306)。", "Must be greater than 0 (else R306)."}),
           Need::optional)
      .add("contact", text(Need::optional, {"专人负责", "contact"}, {"该专业负责试点的专人(R603)。", "The dedicated person (R603)."}),
           Need::optional);
  J majors{{"type", types({"array"}, Need::optional)},
           {"items", entry.build({"试点专业", "pilot major"}, {"{ major, quota, contact }", "{ major, quota, contact }"})}};
  describe(majors, {"试点专业", "majors"}, {"每个专业一项。", "One entry per major."});

  Object accounts;
  accounts.add("admin", text(Need::optional, {"管理员账号", "admin account"}), Need::optional)
      .add("exam", text(Need::optional, {"考务管理账号", "exam account"}), Need::optional);
  J accounts_schema = accounts.build({"牵头专业的账号", "the lead major's accounts"}, {"两个账号不能相同(R307)。", "The two must differ (R307)."});
  accounts_schema["type"] = types({"object"}, Need::optional);

  Object o;
  o.add("id", id(Need::required, {"试点编号", "pilot ID"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("year", year(Need::required, {"试点年度", "pilot year"}, {"与年份文件夹一致。", "Matches the year folder."}), Need::required)
      .add("certificate", id(Need::required, {"证书", "certificate"}), Need::required)
      .add("level", enumeration(Need::optional, k_level_names, {"证书等级", "level"}, k_levels_text), Need::optional)
      .add("status", enumeration(Need::required, k_pilot_status_names, {"申报状态", "status"},
                                 {"草稿、已提交、已批准、未通过。", "draft, submitted, approved, rejected."}),
           Need::required)
      .add("submitted", date(Need::optional, {"申报日期", "submitted"}, {"状态不是草稿时必填。", "Required unless the status is draft."}),
           Need::optional)
      .add("approved", date(Need::optional, {"批准日期", "approved"}, {"状态为已批准时必填。", "Required when approved."}), Need::optional)
      .add("rejected", date(Need::optional, {"未通过日期", "rejected"}, {"状态为未通过时必填。", "Required when rejected."}), Need::optional)
      .add("lead_major", major_code(Need::optional, {"牵头专业", "lead major"}, {"多专业试点必填(R302)。", "Required for several majors (R302)."}),
           Need::optional)
      .add("majors", majors, Need::optional)
      .add("accounts", accounts_schema, Need::optional)
      .add("plan", text(Need::optional, {"试点工作计划", "work plan"},
                        {"文字,或仓库内的文件路径(R306)。", "Text, or the path of a file in the repository (R306)."}),
           Need::optional);
  add_common(o);
  J s = o.build({"试点申报", "pilot"}, {"pilots/<年>/<编号>.yaml", "pilots/<year>/<id>.yaml"});

  // The dates a status needs (read_pilot: Need::required when the status says so).
  auto when = [](std::vector<std::string> statuses, const char* key) {
    J names = J::array();
    for (const auto& n : statuses) names.push_back(n);
    J date_present{{"type", "string"}};
    return J{{"if", J{{"properties", J{{"status", J{{"enum", names}}}}}, {"required", J::array({"status"})}}},
             {"then", J{{"required", J::array({key})}, {"properties", J{{key, date_present}}}}}};
  };
  s["allOf"] = J::array({when({"submitted", "已提交", "approved", "已批准", "rejected", "未通过"}, "submitted"),
                         when({"approved", "已批准"}, "approved"), when({"rejected", "未通过"}, "rejected")});
  return s;
}

J quota_change_schema() {
  J breakdown{{"type", types({"object"}, Need::optional)},
              {"propertyNames", J{{"pattern", k_major_pattern}}},
              {"additionalProperties", J{{"type", "integer"}, {"minimum", 0}, {"maximum", k_max_count}}}};
  describe(breakdown, {"修改后各专业指标", "breakdown"},
           {"专业代码: 修改后指标;多专业试点必填。", "major code: revised quota; required when the pilot has several majors."});
  Object o;
  o.add("pilot", id(Need::required, {"试点", "pilot"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("certificate_name", text(Need::optional, {"证书名称", "certificate name"}), Need::optional)
      .add("level", enumeration(Need::optional, k_level_names, {"证书等级", "level"}, k_levels_text), Need::optional)
      .add("original", count(Need::optional, 0, {"原指标", "original quota"}), Need::optional)
      .add("revised", count(Need::optional, 0, {"修改后指标", "revised quota"}), Need::optional)
      .add("breakdown", breakdown, Need::optional)
      .add("reason", text(Need::optional, {"修改原因", "reason"}), Need::optional)
      .add("initiated_by", major_code(Need::optional, {"发起专业", "initiated by"}, {"须为牵头专业。", "Must be the lead major."}),
           Need::optional)
      .add("signed_by", text(Need::optional, {"分管领导签字", "signed by"}, {"牵头专业所属二级学院的分管领导。", "The leader of the lead major's college."}),
           Need::optional)
      .add("stamped", boolean(Need::optional, {"已盖章", "stamped"}), Need::optional)
      .add("submitted", date(Need::optional, {"提交日期", "submitted"}), Need::optional);
  add_common(o);
  return o.build({"指标修改申请", "quota change"}, {"quota-changes/<年>/<试点编号>.yaml,每个试点每年一次。",
                                                    "quota-changes/<year>/<pilot-id>.yaml, once per pilot a year."});
}

J exam_schema() {
  Object result;
  result.add("major", major_code(Need::required, {"专业代码", "major code"}), Need::required)
      .add("registered", count(Need::required, 0, {"报名人数", "registered"},
                               {"以在校生身份报名的人数;计划批次为预计人数。", "Enrolled students who registered; for a planned batch, the seats expected."}),
           Need::required)
      .add("attended", count(Need::required, 0, {"实考人数", "attended"}), Need::required)
      .add("passed", count(Need::required, 0, {"通过人数", "passed"}), Need::required);
  J results{{"type", "array"},
            {"items", result.build({"考试结果", "result"}, {"{ major, registered, attended, passed }", "{ major, registered, attended, passed }"})}};
  describe(results, {"各专业考试结果", "results"}, {"每个专业一项。", "One entry per major."});
  Object o;
  o.add("id", id(Need::required, {"批次编号", "batch ID"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("pilot", id(Need::required, {"试点", "pilot"}), Need::required)
      .add("date", date(Need::required, {"考试日期", "date"}), Need::required)
      .add("status", enumeration(Need::required, k_exam_status_names, {"状态", "status"}, {"计划或已考。", "planned or held."}),
           Need::required)
      .add("site", id(Need::optional, {"考核站点", "site"}), Need::optional)
      .add("results", results, Need::required);
  add_common(o);
  return o.build({"考试批次", "exam batch"}, {"exams/<年>/<批次编号>.yaml", "exams/<year>/<batch-id>.yaml"});
}

J report_schema() {
  Object progress;
  progress.add("trained", count(Need::required, 0, {"累计培训人数", "trained"}), Need::required)
      .add("registered", count(Need::required, 0, {"累计报名人数", "registered"}), Need::required)
      .add("attended", count(Need::required, 0, {"累计实考人数", "attended"}), Need::required)
      .add("passed", count(Need::required, 0, {"累计通过人数", "passed"}), Need::required);
  Object sections;
  const Text section_titles[] = {{"专业建设", "major construction"},
                                 {"师资队伍建设", "faculty"},
                                 {"教材建设", "textbooks"},
                                 {"学生培训与考核", "training"},
                                 {"经费投入", "funding"}};
  std::size_t i = 0;
  for (const char* key : k_report_sections) sections.add(key, text(Need::optional, section_titles[i++]), Need::optional);
  J sections_schema = sections.build({"五项数据", "sections"}, {"五项都要填写(R604)。", "All five belong in a report (R604)."});
  sections_schema["type"] = types({"object"}, Need::optional);

  Object o;
  o.add("major", major_code(Need::required, {"专业", "major"}, {"与专业文件夹一致。", "Matches the major folder."}), Need::required)
      .add("pilot", id(Need::required, {"试点", "pilot"}), Need::required)
      .add("due", date(Need::required, {"应报日期", "due date"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("submitted", date(Need::required, {"提交日期", "submitted"}), Need::required)
      .add("progress", progress.build({"年度累计进度", "progress, cumulative for the year"}), Need::required)
      .add("sections", sections_schema, Need::optional);
  add_common(o);
  return o.build({"双周报", "fortnightly report"},
                 {"reports/<年>/<专业代码>/<YYYY-MM-DD>.yaml", "reports/<year>/<major-code>/<YYYY-MM-DD>.yaml"});
}

J site_schema() {
  Object o;
  o.add("id", id(Need::required, {"站点编号", "site ID"}, {"等于文件名。", "Equals the file name."}), Need::required)
      .add("college", id(Need::required, {"二级学院", "college"}), Need::required)
      .add("organization", text(Need::required, {"培训评价组织", "organization"}), Need::required)
      .add("signatory", enumeration(Need::optional, k_signatory_names, {"签约主体", "signatory"},
                                    {"二级学院、教务处或学校(R401)。", "college, office or school (R401)."}),
           Need::optional)
      .add("contract_process", enumeration(Need::optional, k_contract_process_names, {"合同流程", "contract process"},
                                           {"学校签约时须为非采购合同。", "non-procurement when the school signs."}),
           Need::optional)
      .add("oa_ref", text(Need::optional, {"OA 流程编号", "OA reference"}, {"学校签约时必填。", "Required when the school signs."}),
           Need::optional)
      .add("signed", date(Need::required, {"签订日期", "signed"}), Need::required);
  add_common(o);
  return o.build({"考核站点协议", "site agreement"}, {"sites/<编号>.yaml", "sites/<id>.yaml"});
}

J fund_schema() {
  J amount{{"type", "number"}, {"minimum", 0}, {"maximum", 999'999'999'999.99}};
  describe(amount, {"金额(元)", "amount (yuan)"},
           {"不小于 0,最多两位小数,不加引号,例如 1250.50。", "At least 0, at most two decimals, without quotes, e.g. 1250.50."});
  Object o;
  o.add("id", id(Need::required, {"流水编号", "entry ID"}, {"在年份文件夹内唯一,等于文件名。", "Unique within its year folder; equals the file name."}),
        Need::required)
      .add("date", date(Need::required, {"日期", "date"}), Need::required)
      .add("college", id(Need::required, {"二级学院", "college"}), Need::required)
      .add("pilot", id(Need::optional, {"试点", "pilot"}), Need::optional)
      .add("direction", enumeration(Need::required, k_direction_names, {"收支", "direction"}), Need::required)
      .add("source", enumeration(Need::required, k_source_names, {"经费来源", "source"},
                                 {"不得向学生收费(R402)。", "No money may be collected from students (R402)."}),
           Need::required)
      .add("category", enumeration(Need::required, k_category_names, {"用途", "category"},
                                   {"返还的考务费不得用于校内劳务(R403)。", "Returned exam fees may not pay internal labor (R403)."}),
           Need::required)
      .add("amount", amount, Need::required);
  add_common(o);
  return o.build({"经费收支", "fund entry"}, {"funds/<年>/<编号>.yaml", "funds/<year>/<id>.yaml"});
}

J kind_schema(Kind kind) {
  switch (kind) {
    case Kind::college: return college_schema();
    case Kind::major: return major_schema();
    case Kind::certificate: return certificate_schema();
    case Kind::pilot: return pilot_schema();
    case Kind::quota_change: return quota_change_schema();
    case Kind::exam: return exam_schema();
    case Kind::report: return report_schema();
    case Kind::site: return site_schema();
    case Kind::fund: return fund_schema();
  }
  return J::object();
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
