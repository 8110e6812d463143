// R301–R309: which majors pilot which certificates, and the application (三(一)–三(三)).
// R301–R307 and R309 look at submitted and approved pilots only (SPEC §2.2); R308 looks at the
// exams, reports and funds of a year against the approved pilots of that year.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks.hpp"
#include "pilot/progress.hpp"

namespace pilot::checks {

namespace {

// Submitted and approved pilots are applications the R3xx rules judge.
bool is_application(const Pilot& p) {
  return p.status.valid && (p.status.value == PilotStatus::submitted || p.status.value == PilotStatus::approved);
}

// Messages name at most this many other pilots or majors, then say how many more there are,
// so that a major in many pilots does not make the output quadratic.
constexpr std::size_t k_max_named = 5;

// "a (file), b (file)" for the first k_max_named pilots, then "等 N 个" / "and N more" when
// `total` exceeds what was named.
Text name_pilots(const std::vector<const Pilot*>& named, std::size_t total) {
  Text list;
  for (const Pilot* p : named) {
    const std::string& id = p->id.valid ? p->id.value : p->stem;
    list.zh += fmt::format("{}{}（{}）", list.zh.empty() ? "" : "、", id, p->file);
    list.en += fmt::format("{}{} ({})", list.en.empty() ? "" : ", ", id, p->file);
  }
  if (total <= named.size()) return list;
  return {fmt::format("{} 等 {} 个", list.zh, total), fmt::format("{} and {} more", list.en, total - named.size())};
}

const std::string& id_of(const Pilot& p) { return p.id.valid ? p.id.value : p.stem; }

}  // namespace

void r301_one_certificate_per_major(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  // (year, major) -> the applications it takes part in, with its entry in each (first entry).
  std::map<std::pair<int, std::string>, std::vector<std::pair<const Pilot*, const PilotMajor*>>> by_major;
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid) continue;
    std::set<std::string> seen;
    for (const auto& pm : p.majors.value) {
      if (pm.major.valid && seen.insert(pm.major.value).second) by_major[{p.year.value, pm.major.value}].emplace_back(&p, &pm);
    }
  }
  for (const auto& [key, entries] : by_major) {
    if (entries.size() < 2) continue;
    const auto& [year, major] = key;
    for (const auto& [p, pm] : entries) {
      std::vector<const Pilot*> others;
      for (std::size_t i = 0; i < entries.size() && others.size() < k_max_named; ++i) {
        if (entries[i].first != p) others.push_back(entries[i].first);
      }
      Text list = name_pilots(others, entries.size() - 1);
      out.push_back(make_diagnostic(
          "R301", p->file, pm->pos.line, pm->pos.column,
          {fmt::format("专业 {} 在 {} 年参加了 {} 个试点：除本试点外还有 {}；每个专业每年原则上只试点一个证书", major, year,
                       entries.size(), list.zh),
           fmt::format("major {} takes part in {} pilots in {}: besides this one, {}; a major pilots one certificate a year in principle",
                       major, entries.size(), year, list.en)},
          {"只保留该专业的一个试点；若省1+X办公室已同意该专业试点多个证书，在每个相关试点文件中加上 waivers: { R301: \"同意的依据\" }",
           "keep this major in one pilot only; if the provincial 1+X office approved several, add waivers: { R301: \"the approval\" } "
           "to each of these pilot files"}));
    }
  }
}

namespace {

// R302's second half: two applications of one year for the same certificate and level. The
// policy wants several majors of one certificate in one application with a lead major, so each
// such pilot file gets a finding at its `certificate` line naming the others.
void same_certificate_and_level(const Repository& repo, std::vector<Diagnostic>& out) {
  using Key = std::tuple<int, std::string, int>;  // year, certificate, level
  std::map<Key, std::vector<const Pilot*>> by_certificate;
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid || !p.certificate.valid || !p.level.valid) continue;
    by_certificate[{p.year.value, p.certificate.value, static_cast<int>(p.level.value)}].push_back(
        &p);
  }
  for (const auto& [key, pilots] : by_certificate) {
    if (pilots.size() < 2) continue;
    const int year = std::get<0>(key);
    const std::string& certificate = std::get<1>(key);
    Level level = pilots.front()->level.value;
    for (const Pilot* p : pilots) {
      std::vector<const Pilot*> others;
      for (const Pilot* o : pilots) {
        if (o != p && others.size() < k_max_named) others.push_back(o);
      }
      Text list = name_pilots(others, pilots.size() - 1);
      out.push_back(make_diagnostic(
          "R302", p->file, p->certificate.pos.line, p->certificate.pos.column,
          {fmt::format(
               "{} 年还有试点 {} 申报同一证书 {} 的{}等级；多个专业同时申报同一证书应合为一个试点，"
               "并设牵头专业",
               year, list.zh, certificate, level_name(level)),
           fmt::format(
               "pilot {} of {} applies for the same certificate {} at the same level {} ({}) as "
               "{}; several majors applying for one certificate form one pilot with a lead major",
               id_of(*p), year, certificate, level_name(level), level_name_en(level), list.en)},
          {"把这些试点合并为一个试点文件：各专业都列在 majors 中，写明 lead_major，删除其余文件",
           "merge these pilots into one pilot file: every major under majors, with a lead_major; "
           "delete the other files"}));
    }
  }
}

}  // namespace

void r302_lead_major(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& p : repo.pilots) {
    if (!is_application(p)) continue;
    std::vector<std::string> codes;
    for (const auto& pm : p.majors.value) {
      if (pm.major.valid) codes.push_back(pm.major.value);
    }
    std::string list = fmt::format("{}", fmt::join(codes, ", "));
    if (!p.lead_major.present) {
      if (p.majors.value.size() < 2) continue;
      out.push_back(make_diagnostic(
          "R302", p.file, p.lead_major.pos.line, p.lead_major.pos.column,
          {fmt::format("试点 {} 有 {} 个专业（{}），但没有牵头专业 lead_major", id_of(p), p.majors.value.size(), list),
           fmt::format("pilot {} has {} majors ({}) but no lead_major", id_of(p), p.majors.value.size(), list)},
          {fmt::format("多个专业申报同一证书应设牵头专业：加上 lead_major: \"{}\"（改为实际牵头的专业）", codes.empty() ? "510201" : codes.front()),
           fmt::format("several majors piloting one certificate need a lead: add lead_major: \"{}\" (or whichever major leads)",
                       codes.empty() ? "510201" : codes.front())}));
      continue;
    }
    if (!p.lead_major.valid || codes.empty()) continue;  // not a major code: S002; no majors: R306
    if (std::find(codes.begin(), codes.end(), p.lead_major.value) != codes.end()) continue;
    out.push_back(make_diagnostic(
        "R302", p.file, p.lead_major.pos.line, p.lead_major.pos.column,
        {fmt::format("试点 {} 的牵头专业 {} 不是它的试点专业（{}）", id_of(p), p.lead_major.value, list),
         fmt::format("pilot {}: lead major {} is not one of its majors ({})", id_of(p), p.lead_major.value, list)},
        {"牵头专业必须是 majors 中的一个：改正 lead_major，或把该专业加入 majors",
         "the lead must be one of the majors: correct lead_major, or add that major to majors"}));
  }
  same_certificate_and_level(repo, out);
}

void r303_certificate_listed(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid || !p.certificate.valid) continue;
    const Certificate* c = repo.certificate(p.certificate.value);
    if (c == nullptr) continue;  // unknown: S004
    int y = p.year.value;
    const std::string& cid = p.certificate.value;
    if (c->listed_from.valid && y < c->listed_from.value) {
      out.push_back(make_diagnostic(
          "R303", p.file, p.certificate.pos.line, p.certificate.pos.column,
          {fmt::format("证书 {} 从 {} 年起才列入教育部名单（{}），不能用于 {} 年的试点", cid, c->listed_from.value, c->file, y),
           fmt::format("certificate {} is on the MoE list only from {} ({}), not in the pilot's year {}", cid, c->listed_from.value,
                       c->file, y)},
          {"改选当年名单上的证书；若名单记录有误，按教育部公布的名单改正证书文件的 listed_from",
           "choose a certificate on that year's list; if the list entry is wrong, correct listed_from in the certificate file"}));
    } else if (c->listed_to.valid && y > c->listed_to.value) {
      out.push_back(make_diagnostic(
          "R303", p.file, p.certificate.pos.line, p.certificate.pos.column,
          {fmt::format("证书 {} 在 {} 年之后已不在教育部名单上（{}），不能用于 {} 年的试点", cid, c->listed_to.value, c->file, y),
           fmt::format("certificate {} left the MoE list after {} ({}): not available for the pilot's year {}", cid,
                       c->listed_to.value, c->file, y)},
          {"改选当年名单上的证书；若名单记录有误，按教育部公布的名单改正证书文件的 listed_to",
           "choose a certificate on that year's list; if the list entry is wrong, correct listed_to in the certificate file"}));
    }
    if (p.level.valid && c->levels.valid) {
      const auto& levels = c->levels.value;
      if (std::find(levels.begin(), levels.end(), p.level.value) == levels.end()) {
        std::vector<std::string> names;
        for (Level l : levels) names.emplace_back(level_name(l));
        std::string list = fmt::format("{}", fmt::join(names, "、"));
        out.push_back(make_diagnostic(
            "R303", p.file, p.level.pos.line, p.level.pos.column,
            {fmt::format("证书 {} 没有{}等级（该证书的等级：{}）", cid, level_name(p.level.value), list),
             fmt::format("certificate {} has no {} ({}) level (its levels: {})", cid, level_name(p.level.value),
                         level_name_en(p.level.value), list)},
            {"把 level 改为该证书实有的等级（高职原则上为中级）", "set level to one the certificate has (中级 in principle for 高职)"}));
      }
    }
  }
}

void r304_expected_level(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  Level expected = repo.config.expected_level;
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.level.valid || p.level.value == expected) continue;
    out.push_back(make_diagnostic(
        "R304", p.file, p.level.pos.line, p.level.pos.column,
        {fmt::format("试点 {} 的证书等级是{}，而学校应对应{}（pilot.toml 的 school.expected_level）", id_of(p),
                     level_name(p.level.value), level_name(expected)),
         fmt::format("pilot {} is at level {} ({}), but the school's expected level is {} ({}) (school.expected_level in pilot.toml)",
                     id_of(p), level_name(p.level.value), level_name_en(p.level.value), level_name(expected),
                     level_name_en(expected))},
        {fmt::format("高职院校原则上对应中级证书：改为 level: {}；确需其他等级时，加上 waivers: {{ R304: \"原因\" }}", level_name(expected)),
         fmt::format("higher vocational colleges pilot 中级 in principle: set level: {}; if another level is intended, add "
                     "waivers: {{ R304: \"the reason\" }}",
                     level_name(expected))}));
  }
}

void r305_application_window(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid || !p.submitted.valid) continue;
    const YearCalendar* cal = repo.config.calendar(p.year.value);
    if (cal == nullptr || !cal->application_window) continue;  // S007 reports the missing calendar
    const DateRange& window = *cal->application_window;
    if (window.contains(p.submitted.value)) continue;
    out.push_back(make_diagnostic(
        "R305", p.file, p.submitted.pos.line, p.submitted.pos.column,
        {fmt::format("试点 {} 的申报日期 {} 不在 {} 年的申报期 {} 至 {} 内", id_of(p), p.submitted.value.str(), p.year.value,
                     window.from.str(), window.to.str()),
         fmt::format("pilot {} was submitted on {}, outside {}'s application window {} to {}", id_of(p), p.submitted.value.str(),
                     p.year.value, window.from.str(), window.to.str())},
        {fmt::format("核对 submitted 日期；若申报期有变，改正 pilot.toml 中 [calendar.{}] 的 application_window；"
                     "经省1+X办公室同意的补报，加上 waivers: {{ R305: \"依据\" }}",
                     p.year.value),
         fmt::format("check the submitted date; if the window changed, correct application_window in [calendar.{}] of pilot.toml; "
                     "for a late application the province accepted, add waivers: {{ R305: \"the approval\" }}",
                     p.year.value)}));
  }
}

void r306_application_complete(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  auto incomplete = [&](const Pilot& p, const Pos& pos, Text message, Text hint) {
    out.push_back(make_diagnostic("R306", p.file, pos.line, pos.column, std::move(message), std::move(hint)));
  };
  for (const auto& p : repo.pilots) {
    if (!is_application(p)) continue;
    const std::string& id = id_of(p);
    if (!p.level.present) {
      incomplete(p, p.level.pos, {fmt::format("试点 {} 的申报缺少证书等级 level", id), fmt::format("pilot {}: the application lacks its level", id)},
                 {"加上 level: 中级（初级、中级或高级）", "add level: 中级 (初级, 中级 or 高级)"});
    }
    if (!p.majors.present || (p.majors.valid && p.majors.value.empty())) {
      incomplete(p, p.majors.pos,
                 {fmt::format("试点 {} 的申报没有试点专业 majors", id), fmt::format("pilot {}: the application names no majors", id)},
                 {"加上 majors:\n  - { major: \"510201\", quota: 60, contact: 李老师 }",
                  "add majors:\n  - { major: \"510201\", quota: 60, contact: 李老师 }"});
    }
    for (const auto& pm : p.majors.value) {
      std::string major = pm.major.valid ? pm.major.value : "?";
      if (!pm.quota.present) {
        incomplete(p, pm.quota.pos,
                   {fmt::format("试点 {} 中专业 {} 缺少试点人数 quota", id, major),
                    fmt::format("pilot {}: major {} has no quota", id, major)},
                   {"在该专业一项中写明试点人数，例如 quota: 60", "give the major its quota, e.g. quota: 60"});
      } else if (pm.quota.valid && pm.quota.value <= 0) {
        incomplete(p, pm.quota.pos,
                   {fmt::format("试点 {} 中专业 {} 的试点人数是 {}，应大于 0", id, major, pm.quota.value),
                    fmt::format("pilot {}: major {} has quota {}; it must be more than 0", id, major, pm.quota.value)},
                   {"写上实际申报的试点人数；不再试点的专业从 majors 中删除",
                    "write the quota actually applied for; remove a major that no longer takes part"});
      }
    }
    if (!p.plan.present || (p.plan.valid && is_blank(p.plan.value))) {
      incomplete(p, p.plan.pos,
                 {fmt::format("试点 {} 的申报缺少当年试点工作计划 plan", id), fmt::format("pilot {}: the application lacks its work plan", id)},
                 {fmt::format("加上 plan: {}年…试点工作计划（计划名称，或仓库中计划文件的路径）", p.year.valid ? p.year.value : 2026),
                  "add plan: the work plan's title, or the path of the plan file in the repository"});
    } else if (p.plan.valid && plan_is_path(p.plan.value) && repo.plan_paths_present.count(p.plan.value) == 0) {
      incomplete(p, p.plan.pos,
                 {fmt::format("试点 {} 的工作计划 “{}” 看起来是文件路径，但仓库中没有这个文件", id, p.plan.value),
                  fmt::format("pilot {}: the work plan \"{}\" looks like a path, but no such file exists inside the repository", id,
                              p.plan.value)},
                 {"把计划文件提交到仓库中该路径（相对仓库根目录，不能用 .. 跳出仓库），或把 plan 改为计划名称",
                  "commit the plan file at that path (relative to the repository root, no '..'), or write the plan's title instead"});
    }
  }
}

void r307_accounts(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  struct Use {
    const Pilot* pilot;
    const Located<std::string>* account;
    std::string lead;
  };
  std::map<std::pair<int, std::string>, std::vector<Use>> by_account;  // (year, account) -> uses
  for (const auto& p : repo.pilots) {
    if (!is_application(p)) continue;
    const std::string& id = id_of(p);
    if (!p.accounts_present) {
      out.push_back(make_diagnostic(
          "R307", p.file, p.pos.line, p.pos.column,
          {fmt::format("试点 {} 没有 accounts（牵头专业的管理员账号 admin 和考务管理账号 exam）", id),
           fmt::format("pilot {} has no accounts (the lead major's admin and exam accounts)", id)},
          {"加上教务处分配的两个账号：accounts: { admin: …, exam: … }",
           "add the two accounts the academic affairs office assigned: accounts: { admin: ..., exam: ... }"}));
      continue;
    }
    bool admin_ok = p.admin_account.valid && !is_blank(p.admin_account.value);
    bool exam_ok = p.exam_account.valid && !is_blank(p.exam_account.value);
    for (auto [ok, field, name_zh, key] : {std::tuple{admin_ok, &p.admin_account, "管理员账号", "admin"},
                                           std::tuple{exam_ok, &p.exam_account, "考务管理账号", "exam"}}) {
      if (ok || (field->present && !field->valid)) continue;  // present but not text: S002
      Pos at = field->present ? field->pos : p.accounts_pos;
      out.push_back(make_diagnostic(
          "R307", p.file, at.line, at.column,
          {fmt::format("试点 {} 缺少牵头专业的{} accounts.{}", id, name_zh, key),
           fmt::format("pilot {} lacks the lead major's {} account accounts.{}", id, key, key)},
          {fmt::format("填写教务处分配的{}：accounts.{}", name_zh, key),
           fmt::format("fill in the {} account the academic affairs office assigned: accounts.{}", key, key)}));
    }
    if (admin_ok && exam_ok && p.admin_account.value == p.exam_account.value) {
      out.push_back(make_diagnostic(
          "R307", p.file, p.exam_account.pos.line, p.exam_account.pos.column,
          {fmt::format("试点 {} 的管理员账号和考务管理账号相同（“{}”）", id, p.exam_account.value),
           fmt::format("pilot {}: the admin and exam accounts are the same (\"{}\")", id, p.exam_account.value)},
          {"管理员账号和考务管理账号是两个不同的账号：填写教务处分配的考务管理账号",
           "the admin and the exam account are two different accounts: write the exam account the office assigned"}));
    }
    std::optional<std::string> lead = lead_major(p);
    if (!lead || !p.year.valid) continue;
    if (admin_ok) by_account[{p.year.value, p.admin_account.value}].push_back({&p, &p.admin_account, *lead});
    if (exam_ok && p.exam_account.value != p.admin_account.value) {
      by_account[{p.year.value, p.exam_account.value}].push_back({&p, &p.exam_account, *lead});
    }
  }
  for (const auto& [key, uses] : by_account) {
    const auto& [year, account] = key;
    std::map<std::string, std::size_t> uses_by_lead;
    for (const auto& use : uses) ++uses_by_lead[use.lead];
    if (uses_by_lead.size() < 2) continue;
    for (const auto& use : uses) {
      std::vector<std::string> leads;
      for (const auto& [lead, n] : uses_by_lead) {
        if (lead != use.lead && leads.size() < k_max_named) leads.push_back(lead);
      }
      std::vector<const Pilot*> others;
      for (std::size_t i = 0; i < uses.size() && others.size() < k_max_named; ++i) {
        if (uses[i].lead != use.lead) others.push_back(uses[i].pilot);
      }
      std::string lead_list = fmt::format("{}", fmt::join(leads, ", "));
      Text list = name_pilots(others, uses.size() - uses_by_lead[use.lead]);
      out.push_back(make_diagnostic(
          "R307", use.pilot->file, use.account->pos.line, use.account->pos.column,
          {fmt::format("账号 “{}” 在 {} 年被不同的牵头专业共用：本试点牵头专业 {}，另有牵头专业 {}（试点 {}）", account, year, use.lead,
                       lead_list, list.zh),
           fmt::format("account \"{}\" is shared by different lead majors in {}: this pilot's lead {}, and lead major {} (pilot {})",
                       account, year, use.lead, lead_list, list.en)},
          {"每个牵头专业有自己的管理员账号和考务管理账号：核对并填写教务处分配给本牵头专业的账号",
           "each lead major has its own admin and exam accounts: check and write the ones the office assigned to this lead major"}));
    }
  }
}

namespace {

const char* status_zh(PilotStatus s) {
  switch (s) {
    case PilotStatus::draft: return "草稿";
    case PilotStatus::submitted: return "已提交";
    case PilotStatus::approved: return "已批准";
    case PilotStatus::rejected: return "未通过";
  }
  return "";
}

// R308 for one record of folder year `year` that names `pilot_id` at `field`.
void carry_over(const Repository& repo, const RecordBase& r, const char* kind_zh, const char* kind_en,
                const Located<std::string>& field, std::vector<Diagnostic>& out) {
  if (!field.valid || r.folder_year == 0) return;
  const Pilot* p = repo.pilot(field.value);
  if (p == nullptr || !p->status.valid || !p->year.valid) return;  // unknown: S004; unreadable: S002
  int year = r.folder_year;
  bool approved = p->status.value == PilotStatus::approved;
  if (approved && p->year.value == year) return;
  Text why = p->year.value != year
                 ? Text{fmt::format("它是 {} 年的试点", p->year.value), fmt::format("it is a pilot of {}", p->year.value)}
                 : Text{fmt::format("它的状态是{}（{}），尚未批准", status_zh(p->status.value), pilot_status_name(p->status.value)),
                        fmt::format("its status is {}, not approved", pilot_status_name(p->status.value))};
  out.push_back(make_diagnostic(
      "R308", r.file, field.pos.line, field.pos.column,
      {fmt::format("{} 年的{}引用了试点 {}，但{}；试点不跨年结转，只能记在当年获批的试点下", year, kind_zh, field.value, why.zh),
       fmt::format("this {} of {} refers to pilot {}, but {}; pilots do not carry over between years, only the year's approved "
                   "pilots count",
                   kind_en, year, field.value, why.en)},
      {fmt::format("改为 {} 年已批准的试点（pilot list pilot --year {} 可查看）；若试点待批，批准后再记录", year, year),
       fmt::format("refer to an approved pilot of {} (`pilot list pilot --year {}` lists them); if it awaits approval, record "
                   "this after the approval",
                   year, year)}));
}

}  // namespace

void r308_no_carry_over(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& e : repo.exams) carry_over(repo, e, "考试批次", "exam batch", e.pilot, out);
  for (const auto& r : repo.reports) carry_over(repo, r, "双周报", "report", r.pilot, out);
  for (const auto& f : repo.funds) carry_over(repo, f, "经费收支", "fund entry", f.pilot, out);
}

void r309_switch_after_missed_quota(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  // (year, major) -> certificates of the applications it takes part in that year.
  std::map<std::pair<int, std::string>, std::set<std::string>> certificates_of;
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid || !p.certificate.valid) continue;
    for (const auto& pm : p.majors.value) {
      if (pm.major.valid) certificates_of[{p.year.value, pm.major.value}].insert(p.certificate.value);
    }
  }
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid || !p.certificate.valid) continue;
    int year = p.year.value;
    for (const auto& pm : p.majors.value) {
      if (!pm.major.valid) continue;
      const auto& now = certificates_of[{year, pm.major.value}];
      for (const Pilot* before : book.pilots_of(pm.major.value, year - 1)) {
        if (!before->certificate.valid || before->certificate.value == p.certificate.value) continue;
        if (now.count(before->certificate.value) > 0) continue;  // it continues that certificate too
        const MajorProgress* row = book.find(id_of(*before), pm.major.value);
        if (row == nullptr || row->met()) continue;
        out.push_back(make_diagnostic(
            "R309", p.file, pm.pos.line, pm.pos.column,
            {fmt::format("专业 {} 从 {} 年的证书 {}（试点 {}）改为 {}，但上一年度指标未完成：参考 {} 人，指标 {} 人", pm.major.value,
                         year - 1, before->certificate.value, id_of(*before), p.certificate.value, row->attended, row->quota),
             fmt::format("major {} switches from {}'s certificate {} (pilot {}) to {}, although last year's quota was not met: {} "
                         "attended of {}",
                         pm.major.value, year - 1, before->certificate.value, id_of(*before), p.certificate.value, row->attended,
                         row->quota)},
            {fmt::format("上一年度试点证书指标完成后才可更换证书：继续申报 {}，或在该试点文件中以 waivers: {{ R309: \"原因\" }} 记录已获同意的更换",
                         before->certificate.value),
             fmt::format("a major may switch certificate once last year's quota is met: continue with {}, or record an approved "
                         "switch with waivers: {{ R309: \"the reason\" }} in this pilot file",
                         before->certificate.value)}));
      }
    }
  }
}

namespace {

// One R310 finding at `at` of pilot `p`.
void application_date(const Pilot& p, const Pos& at, Text message, Text hint,
                      std::vector<Diagnostic>& out) {
  out.push_back(
      make_diagnostic("R310", p.file, at.line, at.column, std::move(message), std::move(hint)));
}

}  // namespace

void r310_application_dates(const Repository& repo, const CheckContext&,
                            std::vector<Diagnostic>& out) {
  for (const auto& p : repo.pilots) {
    if (!is_application(p) || !p.year.valid) continue;
    const std::string& id = id_of(p);
    const int year = p.year.value;
    if (p.submitted.valid && p.submitted.value.year != year) {
      application_date(
          p, p.submitted.pos,
          {fmt::format("试点 {} 是 {} 年的申报，申报日期却是 {}", id, year,
                       p.submitted.value.str()),
           fmt::format("pilot {} applies for {}, but its submitted date is {}", id, year,
                       p.submitted.value.str())},
          {fmt::format(
               "每年的试点在当年申报（三(三)1、三(三)4）：核对 submitted 和 year；继续试点的证书在 "
               "{} 年重新申报",
               p.submitted.value.year),
           fmt::format(
               "each year's pilot is applied for in that year (三(三)1, 三(三)4): check submitted "
               "and year; a continued certificate applies again in {}",
               p.submitted.value.year)},
          out);
    }
    // The province's decision comes after the application; an approval lies within the year.
    struct Decision {
      const Located<Date>* date;
      const char* key;
      const char* zh;
      const char* en;
    };
    for (const Decision& d : {Decision{&p.approved, "approved", "批准", "approved"},
                              Decision{&p.rejected, "rejected", "不予批准", "rejected"}}) {
      if (!d.date->valid) continue;
      const Date& when = d.date->value;
      if (p.submitted.valid && when < p.submitted.value) {
        application_date(
            p, d.date->pos,
            {fmt::format("试点 {} 的{}日期 {} 早于申报日期 {}", id, d.zh, when.str(),
                         p.submitted.value.str()),
             fmt::format("pilot {} was {} on {}, before it was submitted on {}", id, d.en,
                         when.str(), p.submitted.value.str())},
            {fmt::format("省里的决定在申报之后：核对 {} 和 submitted 两个日期", d.key),
             fmt::format(
                 "the province decides after the application: check the {} and submitted dates",
                 d.key)},
            out);
      } else if (d.date == &p.approved && when.year != year) {
        application_date(
            p, d.date->pos,
            {fmt::format("试点 {} 是 {} 年的试点，批准日期却是 {}", id, year, when.str()),
             fmt::format("pilot {} is a pilot of {}, but it was approved on {}", id, year,
                         when.str())},
            {fmt::format(
                 "核对 approved 日期：{} 年的试点在当年获批，指标在当年 12 月 31 日前完成（"
                 "三(五)1）",
                 year),
             fmt::format(
                 "check the approved date: a pilot of {} is approved within that year and meets "
                 "its quota by 31 Dec (三(五)1)",
                 year)},
            out);
      }
    }
  }
}

}  // namespace pilot::checks
