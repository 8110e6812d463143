// The rule table: every rule pilot knows, in one place.
#include <algorithm>

#include "checks.hpp"

namespace pilot {

using namespace checks;

const std::vector<RuleInfo>& rule_registry() {
  static const std::vector<RuleInfo> rules = {
      {"S001", "—", Severity::error, {"文件不是有效的 YAML（含同一映射中重复的键）", "file is not valid YAML, including a key repeated in one mapping"}, nullptr, {"src/yaml.cpp", "src/yaml_checks.cpp"}},
      {"S002", "—", Severity::error, {"记录不符合格式：缺键、类型错误、未知键、无效枚举、无效日期、负数", "record breaks its schema: missing key, wrong type, unknown key, bad enum, bad date, negative count"}, nullptr, {"src/record_reader.cpp", "src/records.cpp", "src/repeated_majors.cpp", "src/analyze.cpp", "src/security.cpp"}},
      {"S003", "—", Severity::error, {"同类记录编号重复", "duplicate id within a kind"}, s003_duplicate_ids, {"src/rules/structure.cpp"}},
      {"S004", "—", Severity::error, {"引用了不存在的二级学院、专业、证书、试点或站点", "reference to an unknown college, major, certificate, pilot or site"}, s004_unknown_references, {"src/rules/structure.cpp"}},
      {"S005", "—", Severity::error, {"文件不能作为记录：非 UTF-8、过大、嵌套过深、锚点别名、非普通文件", "file cannot be a record: not UTF-8, too large, nested too deeply, anchors/aliases, not a regular file"}, nullptr, {"src/yaml.cpp", "src/load/walk.cpp"}},
      {"S006", "—", Severity::error, {"文件位置与内容不一致：编号与文件名、年份文件夹、专业文件夹", "file location disagrees with its content: id vs file name, year folder, major folder"}, s006_location, {"src/records.cpp", "src/load/walk.cpp", "src/rules/structure.cpp"}},
      {"S007", "—", Severity::error, {"pilot.toml 有误：未知键、类型、规则或级别，日历不可能或缺失", "pilot.toml problem: unknown key, wrong type, unknown rule or severity, impossible calendar, missing [calendar.YEAR]"}, s007_config, {"src/config.cpp", "src/rules/structure.cpp", "src/lsp/workspace.cpp"}},
      {"R301", "三(一)", Severity::warning, {"一个专业一年参加多个试点", "a major takes part in more than one pilot in a year"}, r301_one_certificate_per_major, {"src/rules/application.cpp"}},
      {"R302", "三(一)", Severity::error, {"多专业试点无牵头专业或牵头不在其中；或同年两试点同证书同等级", "a pilot of several majors has no lead major, or the lead is not one of its majors; or two pilots of a year have the same certificate and level"}, r302_lead_major, {"src/rules/application.cpp"}},
      {"R303", "三(二)", Severity::error, {"证书当年不在教育部名单上，或没有该等级", "certificate not on the list in the pilot's year, or lacks that level"}, r303_certificate_listed, {"src/rules/application.cpp"}},
      {"R304", "三(二)", Severity::warning, {"证书等级与学校应对应的等级不同（高职为中级）", "level differs from the school's expected level (中级 for 高职)"}, r304_expected_level, {"src/rules/application.cpp"}},
      {"R305", "三(三)1", Severity::warning, {"申报日期不在当年申报期内", "application submitted outside the year's application window"}, r305_application_window, {"src/rules/application.cpp"}},
      {"R306", "三(三)2", Severity::error, {"申报材料不完整：等级、指标或工作计划缺失", "application incomplete: level, a quota or the work plan missing"}, r306_application_complete, {"src/rules/application.cpp"}},
      {"R307", "三(三)3", Severity::error, {"牵头专业缺管理员或考务账号、两者相同或与其他牵头专业共用", "lead major lacks its admin or exam account, the two are equal, or shared with another lead major"}, r307_accounts, {"src/rules/application.cpp"}},
      {"R308", "三(三)4", Severity::error, {"考试、双周报或经费引用了当年未获批的试点（不跨年结转）", "exams, reports or funds of a year refer to a pilot not approved for that year"}, r308_no_carry_over, {"src/rules/application.cpp"}},
      {"R309", "三(三)4", Severity::warning, {"上年指标未完成就更换证书", "a major switches certificate although last year's quota was not met"}, r309_switch_after_missed_quota, {"src/rules/application.cpp"}},
      {"R310", "三(三)", Severity::error, {"申报日期不可能：批准或未通过早于申报，或申报、批准不在试点年度内", "an application's dates cannot be right: decided before submitted, or submitted/approved outside the pilot's year"}, r310_application_dates, {"src/rules/application.cpp"}},
      {"R401", "三(四)3", Severity::error, {"考核站点协议签约主体缺失或无效，或学校盖章未走非采购合同流程", "site agreement signatory missing or invalid, or school-signed without the non-procurement process and OA reference"}, r401_site_agreement, {"src/rules/money.cpp"}},
      {"R402", "三(四)4", Severity::error, {"向在校生收取了培训、考证费用", "money collected from students"}, r402_no_student_fees, {"src/rules/money.cpp"}},
      {"R403", "三(四)4", Severity::error, {"返还的考务费用于校内人员劳务费", "returned exam fees spent on internal staff labor"}, r403_exam_fee_labor, {"src/rules/money.cpp"}},
      {"R501", "三(五)1", Severity::error, {"试点专业未完成（或无法完成）当年考核指标", "a pilot major did not (or cannot) meet its quota for the year"}, r501_quota_met, {"src/rules/quota.cpp"}},
      {"R502", "三(五)2", Severity::error, {"同一证书同一等级一年内多次修改指标", "more than one quota change in a year for one certificate and level"}, r502_one_quota_change, {"src/rules/quota.cpp"}},
      {"R503", "三(五)2", Severity::error, {"指标修改申请不完整或不一致，或在批准前、年度结束后提交", "quota change incomplete or inconsistent, or submitted before the approval or after the year"}, r503_quota_change_complete, {"src/rules/quota.cpp"}},
      {"R504", "三(五)1", Severity::error, {"考试结果不一致", "exam results inconsistent"}, r504_exam_results, {"src/rules/quota.cpp"}},
      {"R505", "三(五)1", Severity::warning, {"考试日期已过，批次仍标记为计划", "an exam batch still planned although its date has passed"}, r505_stale_planned_batch, {"src/rules/quota.cpp"}},
      {"R601", "三(六)2", Severity::error, {"缺少双周报", "a fortnightly report is missing"}, r601_report_missing, {"src/rules/reports.cpp"}},
      {"R602", "三(六)2", Severity::warning, {"双周报迟交，或填报日期不是应报日期", "a report submitted late, or filed for a date that is not a due date"}, r602_report_late, {"src/rules/reports.cpp"}},
      {"R603", "三(六)1", Severity::error, {"试点专业没有指派专人负责", "a pilot major has no dedicated contact person"}, r603_contact, {"src/rules/reports.cpp"}},
      {"R604", "三(六)3", Severity::warning, {"双周报缺少五项数据之一", "a report leaves out one of the five data sections"}, r604_report_sections, {"src/rules/reports.cpp"}},
      {"R605", "三(五)1", Severity::warning, {"双周报累计参考人数与该专业当年各试点的考试批次不一致", "a report's cumulative attended disagrees with the held exam batches of its major's pilots"}, r605_report_attended, {"src/rules/reports.cpp"}},
      {"R606", "三(六)2", Severity::error, {"双周报填在不含该专业的试点下", "a report names a pilot that does not include its major"}, r606_report_pilot_major, {"src/rules/reports.cpp"}},
      {"X001", "security", Severity::error, {"记录或 pilot.toml 中有密码等机密", "a secret in a record or pilot.toml"}, nullptr, {"src/security.cpp"}},
      {"X002", "security", Severity::error, {"记录中有个人信息：身份证号或手机号", "personal data in a record: a resident ID or mobile number"}, nullptr, {"src/security.cpp"}},
      {"W001", "—", Severity::warning, {"豁免没有抑制任何发现", "a waiver that suppresses nothing"}, nullptr, {"src/analyze.cpp"}},
  };
  return rules;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& rules = rule_registry();
  auto it = std::find_if(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

Diagnostic make_diagnostic(std::string_view rule, const std::string& file, int line, int column, Text message,
                           Text hint) {
  Diagnostic d;
  d.rule = std::string(rule);
  const RuleInfo* info = find_rule(rule);
  d.severity = info != nullptr ? info->default_severity : Severity::error;
  d.file = file;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

}  // namespace pilot
