// R601–R605 (三(六), 三(五)1): the fortnightly report (双周报) — filed for every due date, on time,
// with its five sections and a cumulative attended that agrees with the exams; and a contact
// person for every pilot major. Due dates come from calendar.hpp, counts from ProgressBook.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks.hpp"
#include "pilot/calendar.hpp"
#include "pilot/progress.hpp"

namespace pilot::checks {

namespace {

struct SectionName {
  const char* key;
  const char* zh;
};

// SPEC §2.2 order: 专业建设、师资队伍建设、教材建设、学生培训与考核、经费投入 (三(六)3).
constexpr SectionName k_sections[] = {{"major_construction", "专业建设"},
                                      {"faculty", "师资队伍建设"},
                                      {"textbooks", "教材建设"},
                                      {"training", "学生培训与考核"},
                                      {"funding", "经费投入"}};

std::string report_path(const std::string& major, const Date& due) {
  return fmt::format("reports/{}/{}/{}.yaml", due.year, major, due.str());
}

// The report's pilot when it is approved and the report is of that pilot's year; else nullptr
// (other years and unapproved pilots are R308's and S006's).
const Pilot* pilot_of(const Repository& repo, const Report& r) {
  if (!r.pilot.valid || !r.major.valid || !r.due.valid) return nullptr;
  const Pilot* p = approved_pilot(repo, r.pilot.value);
  return p != nullptr && p->year.value == r.due.value.year ? p : nullptr;
}

// Why `d` is not one of the due dates of a major whose earliest approval is `approved`.
Text why_not_due(const Config& config, const Date& d, const Date& approved) {
  std::string days = fmt::format("{}", fmt::join(config.report_days, "、"));
  std::string days_en = fmt::format("{}", fmt::join(config.report_days, ", "));
  if (std::find(config.report_days.begin(), config.report_days.end(), d.day) == config.report_days.end()) {
    return {fmt::format("双周报每月 {} 日填报", days), fmt::format("reports fall due on day {} of each month", days_en)};
  }
  if (in_vacation(config, d)) return {"该日在寒暑假中，不用填报", "that day is in a vacation, when no report is due"};
  return {fmt::format("试点 {} 批准，此前（含当天）不用填报", approved.str()),
          fmt::format("the pilot was approved on {}; no report is due on or before that day", approved.str())};
}

}  // namespace

void r601_report_missing(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& row : book.rows()) {
    const Pilot& p = *row.pilot;
    if (repo.config.calendar(p.year.value) == nullptr) continue;  // S007 reports it
    for (const auto& due : book.tally(row).missing_dates) {
      std::string path = report_path(row.major, due);
      Date last = grace_end(repo.config, due);
      std::string by = last == due ? due.str() : fmt::format("{}（宽限至 {}）", due.str(), last.str());
      std::string by_en = last == due ? due.str() : fmt::format("{} (grace until {})", due.str(), last.str());
      out.push_back(make_diagnostic(
          "R601", p.file, row.entry->pos.line, row.entry->pos.column,
          {fmt::format("专业 {}（试点 {}）缺少应报日期 {} 的双周报 {}，应于 {} 前填报", row.major, p.id.value, due.str(), path, by),
           fmt::format("major {} (pilot {}) has no fortnightly report for the due date {}: {} is missing (due by {})",
                       row.major, p.id.value, due.str(), path, by_en)},
          {fmt::format("补填双周报：新建 {}（可用 pilot add report），写明 progress 和五项 sections", path),
           fmt::format("file the report: create {} (pilot add report writes it) with its progress and five sections", path)}));
    }
  }
}

void r602_report_late(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  if (repo.config.report_days.empty()) return;  // no report day at all: S007, not a guess
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& r : repo.reports) {
    const Pilot* p = pilot_of(repo, r);
    if (p == nullptr || repo.config.calendar(p->year.value) == nullptr) continue;
    const Date& due = r.due.value;
    auto pilots = book.pilots_of(r.major.value, p->year.value);
    if (pilots.empty()) continue;  // the major is in no approved pilot of the year: R606
    // The earliest approval of the major's pilots; none valid: S002 says `approved` is missing,
    // and without it no due date is known (SPEC §2.2: no placeholder dates).
    std::optional<Date> approved;
    for (const Pilot* other : pilots) {
      if (other->approved.valid && (!approved || other->approved.value < *approved))
        approved = other->approved.value;
    }
    if (!approved) continue;
    auto dates = book.due_dates_of_major(r.major.value, p->year.value);
    if (!std::binary_search(dates.begin(), dates.end(), due)) {
      Text why = why_not_due(repo.config, due, *approved);
      auto next = std::lower_bound(dates.begin(), dates.end(), due);
      Text nearest = next == dates.end()
                         ? Text{"当年已没有之后的应报日期", "there is no later due date that year"}
                         : Text{fmt::format("下一个应报日期是 {}", next->str()), fmt::format("the next due date is {}", next->str())};
      out.push_back(make_diagnostic(
          "R602", r.file, r.due.pos.line, r.due.pos.column,
          {fmt::format("{} 不是专业 {} 的应报日期：{}；{}", due.str(), r.major.value, why.zh, nearest.zh),
           fmt::format("{} is not a due date of major {}: {}; {}", due.str(), r.major.value, why.en, nearest.en)},
          {"把这份双周报改到应报日期（同时用 git mv 改文件名），或删除它；pilot calendar 列出全年应报日期",
           "move the report to a due date (git mv the file to match), or delete it; `pilot calendar` lists the due dates"}));
      continue;
    }
    if (!r.submitted.valid) continue;
    Date last = grace_end(repo.config, due);
    if (r.submitted.value <= last) continue;
    long days_late = days_between(last, r.submitted.value);
    out.push_back(make_diagnostic(
        "R602", r.file, r.submitted.pos.line, r.submitted.pos.column,
        {fmt::format("双周报迟交：应报日期 {}（宽限 {} 天，至 {}），{} 才提交，晚了 {} 天", due.str(),
                     repo.config.report_grace_days, last.str(), r.submitted.value.str(), days_late),
         fmt::format("report submitted late: due {} (grace {} days, until {}), submitted {}, {} days late", due.str(),
                     repo.config.report_grace_days, last.str(), r.submitted.value.str(), days_late)},
        {"按应报日期填报双周报（三(六)2）；若提交日期写错，改正 submitted",
         "file reports on their due dates (三(六)2); if the submitted date is wrong, correct it"}));
  }
}

void r603_contact(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& p : repo.pilots) {
    if (!p.status.valid || (p.status.value != PilotStatus::submitted && p.status.value != PilotStatus::approved)) continue;
    std::string pilot_name = p.id.valid ? p.id.value : p.stem;
    for (const auto& pm : p.majors.value) {
      bool missing = !pm.contact.present;
      bool blank = pm.contact.valid && is_blank(pm.contact.value);
      if (!missing && !blank) continue;
      const Pos& at = pm.pos;  // the major's entry, missing or blank (SPEC §3 R603, docs/rules/R603.md)
      std::string major = pm.major.valid ? pm.major.value : "?";
      out.push_back(make_diagnostic(
          "R603", p.file, at.line, at.column,
          {fmt::format("试点 {} 的专业 {} 没有指派专人负责（contact {}）", pilot_name, major, missing ? "缺失" : "为空"),
           fmt::format("major {} of pilot {} has no dedicated contact person (contact is {})", major, pilot_name,
                       missing ? "missing" : "blank")},
          {"在该专业一项中写上负责人：contact: 李老师（三(六)1 要求指派专人跟进）",
           "name the person in the major's entry: contact: 李老师 (三(六)1 requires a dedicated person)"}));
    }
  }
}

void r604_report_sections(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& r : repo.reports) {
    if (pilot_of(repo, r) == nullptr) continue;
    if (r.sections.present && !r.sections.valid) continue;  // not a mapping: S002
    for (const auto& s : k_sections) {
      auto it = r.sections.value.find(s.key);
      bool missing = it == r.sections.value.end() || !it->second.present;
      if (!missing && !(it->second.valid && is_blank(it->second.value))) continue;
      Pos at = missing ? r.sections.pos : it->second.pos;
      out.push_back(make_diagnostic(
          "R604", r.file, at.line, at.column,
          {fmt::format("双周报{}“{}”（{}）一项", missing ? "缺少" : "留空了", s.zh, s.key),
           fmt::format("the report {} the section \"{}\" ({})", missing ? "leaves out" : "leaves blank", s.key, s.zh)},
          {fmt::format("在 sections 下写上 {}: 本期{}的进展（没有进展也写明“本期无”），三(六)3", s.key, s.zh),
           fmt::format("write \"{}: ...\" under sections with this period's {} data (say so if there is none), 三(六)3",
                       s.key, s.zh)}));
    }
  }
}

namespace {

std::vector<std::string> ids_of(const std::vector<const Pilot*>& pilots) {
  std::vector<std::string> ids;
  for (const Pilot* p : pilots) ids.push_back(p->id.value);
  return ids;
}

// The pilots' ids, "a、b" / "a, b".
Text pilot_list(const std::vector<const Pilot*>& pilots) {
  auto ids = ids_of(pilots);
  return {fmt::format("{}", fmt::join(ids, "、")), fmt::format("{}", fmt::join(ids, ", "))};
}

}  // namespace

void r605_report_attended(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& r : repo.reports) {
    const Pilot* p = pilot_of(repo, r);
    if (p == nullptr || !r.progress.valid) continue;
    const auto& attended = r.progress.value.attended;
    if (!attended.valid) continue;
    // A major files one report per due date whichever pilot it names: its cumulative attended
    // covers the batches of all its approved pilots of the year.
    auto pilots = book.pilots_of(r.major.value, p->year.value);
    if (pilots.empty()) continue;  // the major is in no approved pilot of the year: R606
    long long expected = 0;
    for (const Pilot* q : pilots)
      expected += book.attended_until(q->id.value, r.major.value, r.due.value);
    if (attended.value == expected) continue;
    Text names = pilot_list(pilots);
    Text of = pilots.size() == 1
                  ? Text{fmt::format("试点 {}", names.zh), fmt::format("pilot {}", names.en)}
                  : Text{fmt::format("试点 {} 合计", names.zh),
                         fmt::format("pilots {} together", names.en)};
    out.push_back(make_diagnostic(
        "R605", r.file, attended.pos.line, attended.pos.column,
        {fmt::format("双周报累计参考 {} 人，而专业 {} 截至 {} 的已考批次（{}）参考 {} 人",
                     attended.value, r.major.value, r.due.value.str(), of.zh, expected),
         fmt::format(
             "the report's cumulative attended is {}, but the held batches of major {} up to {} "
             "({}) add up to {}",
             attended.value, r.major.value, r.due.value.str(), of.en, expected)},
        {fmt::format("把 progress.attended 改为 {}；若有已考批次漏录，在 exams/{}/ 中补录",
                     expected, p->year.value),
         fmt::format(
             "set progress.attended to {}; if a held batch is not recorded, add it under exams/{}/",
             expected, p->year.value)}));
  }
}

void r606_report_pilot_major(const Repository& repo, const CheckContext& ctx,
                             std::vector<Diagnostic>& out) {
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& r : repo.reports) {
    const Pilot* p = pilot_of(repo, r);
    if (p == nullptr) continue;
    bool included = std::any_of(
        p->majors.value.begin(), p->majors.value.end(),
        [&](const PilotMajor& pm) { return pm.major.valid && pm.major.value == r.major.value; });
    if (included) continue;
    int year = p->year.value;
    auto pilots = book.pilots_of(r.major.value, year);
    Text hint =
        pilots.empty()
            ? Text{fmt::format(
                       "专业 {} 不在 {} 年任何已批准的试点中：核对 major；"
                       "不参加试点的专业不填双周报",
                       r.major.value, year),
                   fmt::format(
                       "major {} is in no approved pilot of {}: check major; a major outside the "
                       "pilots files no reports",
                       r.major.value, year)}
            : Text{fmt::format("改为该专业所在的试点：pilot: {}",
                               fmt::join(ids_of(pilots), " 或 pilot: ")),
                   fmt::format("name the major's own pilot: pilot: {}",
                               fmt::join(ids_of(pilots), " or pilot: "))};
    out.push_back(make_diagnostic(
        "R606", r.file, r.pilot.pos.line, r.pilot.pos.column,
        {fmt::format("双周报是专业 {} 的，却填在试点 {} 下，而该试点不含这个专业", r.major.value,
                     p->id.value),
         fmt::format(
             "the report is major {}'s, but it names pilot {}, which does not include that major",
             r.major.value, p->id.value)},
        std::move(hint)));
  }
}

}  // namespace pilot::checks
