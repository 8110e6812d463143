// R501–R504 (三(五)): quotas met, one quota change a year and a complete one, exam results that
// add up. The arithmetic lives in ProgressBook; these checks only compare and word findings.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks.hpp"
#include "pilot/progress.hpp"

namespace pilot::checks {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A certificate name as R503 compares it: without spaces (ASCII, tab, U+3000) and without a
// trailing 职业技能等级证书, the form's full title of a certificate (SPEC §3 R503).
std::string comparable_name(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (s.substr(i, 3) == "\u3000") {
      i += 2;
      continue;
    }
    out += s[i];
  }
  constexpr std::string_view k_title = "职业技能等级证书";
  if (out.size() > k_title.size() && out.ends_with(k_title))
    out.resize(out.size() - k_title.size());
  return out;
}

// Whether the pilot is the one its id indexes and is approved (duplicates are S003's).
bool counted(const Repository& repo, const Pilot& p) { return p.id.valid && approved_pilot(repo, p.id.value) == &p; }

std::set<std::string> majors_of(const Pilot& p) {
  std::set<std::string> out;
  for (const auto& pm : p.majors.value) {
    if (pm.major.valid) out.insert(pm.major.value);
  }
  return out;
}

}  // namespace

void r501_quota_met(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& row : book.rows()) {
    const Pilot& p = *row.pilot;
    int year = p.year.value;
    bool closed = ctx.as_of > Date{year, 12, 31};
    if (closed ? row.met() : row.reachable()) continue;
    Text changed = row.quota_changed
                       ? Text{fmt::format("（已按指标修改申请由 {} 调整为 {}）", row.original_quota, row.quota),
                              fmt::format(" (revised from {} by the quota change)", row.original_quota)}
                       : Text{};
    Text message, hint;
    if (closed) {
      long long shortfall = row.quota - row.attended;
      message = {fmt::format("试点 {} 的专业 {} 未完成 {} 年考核指标：指标 {} 人{}，已考批次参考 {} 人，差 {} 人",
                             p.id.value, row.major, year, row.quota, changed.zh, row.attended, shortfall),
                 fmt::format("pilot {}, major {} missed its {} quota: quota {}{}, attended in held batches {}, short by {}",
                             p.id.value, row.major, year, row.quota, changed.en, row.attended, shortfall)};
      hint = {fmt::format("若有已考批次尚未录入，在 exams/{}/ 中补录（status: held）；否则指标未完成，该专业绩效考核该项不计分（三(五)3）", year),
              fmt::format("if held batches are not recorded yet, add them under exams/{}/ (status: held); otherwise the quota "
                          "was missed and the major scores 0 on that item (三(五)3)", year)};
    } else {
      long long reach = row.attended + row.planned;
      long long shortfall = row.quota - reach;
      message = {fmt::format("试点 {} 的专业 {} 按现有安排无法完成 {} 年考核指标：指标 {} 人{}，已考 {} 人 + 计划批次报名 {} 人 = {} 人，还差 {} 人",
                             p.id.value, row.major, year, row.quota, changed.zh, row.attended, row.planned, reach, shortfall),
                 fmt::format("pilot {}, major {} cannot reach its {} quota as planned: quota {}{}, attended {} + planned {} = {}, short by {}",
                             p.id.value, row.major, year, row.quota, changed.en, row.attended, row.planned, reach, shortfall)};
      hint = {fmt::format("在 {}-12-31 前再安排考试批次（在 exams/{}/ 中新增 status: planned 的批次），或向教务处申请修改指标（三(五)2，每个证书每年一次）",
                          year, year),
              fmt::format("plan another exam batch before {}-12-31 (a status: planned batch under exams/{}/), or apply to the "
                          "office for a quota change (三(五)2, once per certificate a year)", year, year)};
    }
    Diagnostic d = make_diagnostic("R501", p.file, row.entry->pos.line, row.entry->pos.column, std::move(message),
                                   std::move(hint));
    if (!closed) {
      d.severity = Severity::warning;
      d.fixed_severity = true;  // SPEC §3: a warning until 31 Dec whatever [rules] says
    }
    out.push_back(std::move(d));
  }
}

void r502_one_quota_change(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  // "每个试点证书当年…一次": the changes of every approved pilot of one year, certificate and
  // level count together (two such pilots are R302's); a pilot without a valid certificate or
  // level counts on its own.
  using Key = std::tuple<int, std::string, int, std::string>;  // year, certificate, level, pilot
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  std::map<Key, std::vector<std::pair<const Pilot*, const QuotaChange*>>> groups;
  for (const auto& p : repo.pilots) {
    if (!counted(repo, p)) continue;
    bool known = p.certificate.valid && p.level.valid;
    Key key{p.year.value, known ? p.certificate.value : "",
            known ? static_cast<int>(p.level.value) : -1, known ? "" : p.id.value};
    for (const QuotaChange* q : book.quota_changes_of(p.id.value)) groups[key].emplace_back(&p, q);
  }
  for (auto& [key, changes] : groups) {
    if (changes.size() < 2) continue;
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
      return quota_change_before(a.second, b.second);
    });
    const auto& [first_pilot, first] = changes.front();
    Text when = first->submitted.valid
                    ? Text{fmt::format("，{} 提交", first->submitted.value.str()),
                           fmt::format(", submitted {}", first->submitted.value.str())}
                    : Text{"，未写提交日期", ", without a submitted date"};
    for (std::size_t i = 1; i < changes.size(); ++i) {
      const auto& [p, q] = changes[i];
      Text what =
          p->certificate.valid && p->level.valid
              ? Text{fmt::format("证书 {}（{}）", p->certificate.value, level_name(p->level.value)),
                     fmt::format("certificate {} at level {} ({})", p->certificate.value,
                                 level_name(p->level.value), level_name_en(p->level.value))}
              : Text{fmt::format("试点 {}", p->id.value), fmt::format("pilot {}", p->id.value)};
      Text whose = first_pilot == p ? Text{}
                                    : Text{fmt::format("（试点 {}）", first_pilot->id.value),
                                           fmt::format(" (pilot {})", first_pilot->id.value)};
      out.push_back(make_diagnostic(
          "R502", q->file, q->pilot.pos.line, q->pilot.pos.column,
          {fmt::format(
               "{}在 {} 年已有指标修改申请 {}{}{}，这是第 {} 份；"
               "每个试点证书每年只能申请修改指标一次",
               what.zh, p->year.value, first->file, whose.zh, when.zh, i + 1),
           fmt::format(
               "{} already has a quota change in {}: {}{}{}; this is number {}, but a pilot "
               "certificate may change its quota once a year",
               what.en, p->year.value, first->file, whose.en, when.en, i + 1)},
          {fmt::format("把修改合并到 {} 中，删除本文件", first->file),
           fmt::format("merge the change into {} and delete this file", first->file)}));
    }
  }
}

namespace {

// The findings of one quota change; `before` is the pilot's quota before it (nullopt: unknown).
class QuotaChangeCheck {
 public:
  QuotaChangeCheck(const Repository& repo, const Pilot& p, const QuotaChange& q, std::vector<Diagnostic>& out)
      : repo_(repo), p_(p), q_(q), out_(out) {}

  void run(std::optional<long long> before) {
    required_fields();
    if (before && q_.original.valid && q_.original.value != *before) {
      add(q_.original.pos,
          {fmt::format("原指标数 {} 与试点 {} 修改前的指标 {} 不一致", q_.original.value, p_.id.value, *before),
           fmt::format("original {} differs from pilot {}'s quota before this change, {}", q_.original.value, p_.id.value, *before)},
          {fmt::format("把 original 改为 {}（试点文件中各专业指标之和，或上一次修改后的指标）", *before),
           fmt::format("set original to {} (the sum of the majors' quotas in the pilot file, or the previous change's revised)", *before)});
    }
    certificate_and_level();
    positive_quotas();
    breakdown();
    signatures();
    submitted_date();
  }

 private:
  void add(const Pos& pos, Text message, Text hint) {
    out_.push_back(make_diagnostic("R503", q_.file, pos.line, pos.column, std::move(message), std::move(hint)));
  }

  void missing(const char* key, const char* what_zh, const Pos& pos, bool blank) {
    add(pos,
        {fmt::format("指标修改申请{}“{}”（{}）", blank ? "的这一项是空的：" : "缺少", key, what_zh),
         fmt::format("the quota change {} \"{}\" ({})", blank ? "leaves blank" : "lacks", key, what_zh)},
        {fmt::format("按三(五)2 补上 {}: …", key), fmt::format("add \"{}: ...\" as 三(五)2 requires", key)});
  }

  void text_field(const Located<std::string>& f, const char* key, const char* what_zh) {
    if (!f.present) missing(key, what_zh, f.pos, false);
    else if (f.valid && is_blank(f.value)) missing(key, what_zh, f.pos, true);
  }

  template <class T>
  void field(const Located<T>& f, const char* key, const char* what_zh) {
    if (!f.present) missing(key, what_zh, f.pos, false);
  }

  void required_fields() {
    text_field(q_.certificate_name, "certificate_name", "试点证书名称");
    field(q_.level, "level", "证书等级");
    field(q_.original, "original", "原指标数");
    field(q_.revised, "revised", "修改后的指标数");
    if (p_.majors.value.size() > 1 && !q_.breakdown.present) {
      missing("breakdown", "多个试点专业时每个专业修改后的指标数", q_.pos, false);
    }
    text_field(q_.reason, "reason", "修改原因");
    field(q_.initiated_by, "initiated_by", "发起的牵头专业");
    text_field(q_.signed_by, "signed_by", "签字的二级学院领导");
    field(q_.stamped, "stamped", "是否盖章");
    field(q_.submitted, "submitted", "提交日期");
  }

  void certificate_and_level() {
    const Certificate* cert = p_.certificate.valid ? repo_.certificate(p_.certificate.value) : nullptr;
    if (cert != nullptr && cert->name.valid && q_.certificate_name.valid &&
        !is_blank(q_.certificate_name.value) &&
        comparable_name(q_.certificate_name.value) != comparable_name(cert->name.value)) {
      add(q_.certificate_name.pos,
          {fmt::format("证书名称 “{}” 与证书目录 {} 中的 “{}” 不一致", q_.certificate_name.value, cert->file, cert->name.value),
           fmt::format("certificate_name \"{}\" differs from \"{}\" in {}", q_.certificate_name.value, cert->name.value, cert->file)},
          {fmt::format("写证书目录中的名称：certificate_name: {}", cert->name.value),
           fmt::format("use the name from the certificate list: certificate_name: {}", cert->name.value)});
    }
    if (p_.level.valid && q_.level.valid && p_.level.value != q_.level.value) {
      add(q_.level.pos,
          {fmt::format("等级 {} 与试点 {} 的等级 {} 不一致", level_name(q_.level.value), p_.id.value, level_name(p_.level.value)),
           fmt::format("level {} differs from pilot {}'s level {}", level_name_en(q_.level.value), p_.id.value,
                       level_name_en(p_.level.value))},
          {fmt::format("写试点的等级：level: {}", level_name(p_.level.value)),
           fmt::format("use the pilot's level: level: {}", level_name(p_.level.value))});
    }
  }

  // `revised` and every breakdown entry must be > 0 (a negative one is S002's): a pilot major
  // whose quota is cut to nothing leaves the pilot instead (R306 judges the pilot's quotas alike).
  void positive_quotas() {
    if (q_.revised.valid && q_.revised.value <= 0) {
      add(q_.revised.pos,
          {fmt::format("修改后的指标数 revised 是 {}，应大于 0", q_.revised.value),
           fmt::format("revised is {}; it must be more than 0", q_.revised.value)},
          {"写上修改后实际要完成的指标数；若整个试点不再进行，向教务处说明，而不是把指标改为 0",
           "write the quota actually to be met; if the pilot stops altogether, tell the office "
           "instead of revising it to 0"});
    }
    if (!q_.breakdown.valid) return;
    std::set<std::string> pilot_majors = majors_of(p_);
    for (const auto& [code, n] : q_.breakdown.value) {
      if (!n.valid || n.value > 0) continue;
      if (code.valid && !pilot_majors.contains(code.value)) continue;  // breakdown() reports it
      std::string major = code.valid ? code.value : "?";
      add(n.pos,
          {fmt::format("breakdown 中专业 {} 修改后的指标数是 {}，应大于 0", major, n.value),
           fmt::format("breakdown gives major {} a revised quota of {}; it must be more than 0",
                       major, n.value)},
          {"写上该专业修改后实际要完成的指标数；不再参加试点的专业应从试点中删除，"
           "而不是把指标改为 0",
           "write the quota this major will actually meet; a major that leaves the pilot is "
           "removed from it, not revised to 0"});
    }
  }

  // Submitted after the pilot's approval (an unapproved quota cannot change) and by 31 Dec of its
  // year (a change after the year cannot rescue a missed quota). Skipped when either date is
  // unknown: S002 reports a missing `approved`.
  void submitted_date() {
    if (!q_.submitted.valid || !p_.year.valid) return;
    const Date& d = q_.submitted.value;
    Date year_end{p_.year.value, 12, 31};
    if (d > year_end) {
      add(q_.submitted.pos,
          {fmt::format(
               "指标修改申请 {} 才提交，晚于试点 {} 年度的 12 月 31 日；"
               "年度结束后不能再修改当年指标",
               d.str(), p_.id.value),
           fmt::format(
               "the quota change was submitted on {}, after 31 Dec of pilot {}'s year; a year's "
               "quota cannot be changed once the year is over",
               d.str(), p_.id.value)},
          {fmt::format("修改申请须在 {} 前提交（三(五)1、三(五)2）；若日期写错，改正 submitted",
                       year_end.str()),
           fmt::format(
               "a quota change must be submitted by {} (三(五)1, 三(五)2); if the date is wrong, "
               "correct submitted",
               year_end.str())});
    } else if (p_.approved.valid && d < p_.approved.value) {
      add(q_.submitted.pos,
          {fmt::format("指标修改申请 {} 提交，早于试点 {} 的批准日期 {}；只能修改已批准的指标",
                       d.str(), p_.id.value, p_.approved.value.str()),
           fmt::format(
               "the quota change was submitted on {}, before pilot {} was approved on {}; only an "
               "approved quota can be changed",
               d.str(), p_.id.value, p_.approved.value.str())},
          {"批准前的调整写进申报材料（试点文件的 majors）；若日期写错，改正 submitted",
           "before the approval, change the application itself (the majors of the pilot file); if "
           "the date is wrong, correct submitted"});
    }
  }

  void breakdown() {
    if (!q_.breakdown.valid) return;
    std::set<std::string> pilot_majors = majors_of(p_);
    std::set<std::string> named;
    long long sum = 0;
    bool all_valid = true;
    for (const auto& [code, n] : q_.breakdown.value) {
      all_valid = all_valid && code.valid && n.valid;
      if (n.valid) sum += n.value;
      if (!code.valid) continue;
      named.insert(code.value);
      if (!pilot_majors.contains(code.value)) {
        add(code.pos,
            {fmt::format("breakdown 中的专业 {} 不是试点 {} 的专业", code.value, p_.id.value),
             fmt::format("breakdown names major {}, which is not a major of pilot {}", code.value, p_.id.value)},
            {fmt::format("只列试点 {} 的专业：{}", p_.id.value, fmt::join(pilot_majors, "、")),
             fmt::format("list only the majors of pilot {}: {}", p_.id.value, fmt::join(pilot_majors, ", "))});
      }
    }
    for (const auto& m : pilot_majors) {
      if (named.contains(m)) continue;
      add(q_.breakdown.pos,
          {fmt::format("breakdown 缺少试点 {} 的专业 {} 修改后的指标数", p_.id.value, m),
           fmt::format("breakdown lacks the revised quota of major {} of pilot {}", m, p_.id.value)},
          {fmt::format("加上一行 \"{}\": <修改后的指标数>", m), fmt::format("add a line \"{}\": <revised quota>", m)});
    }
    if (all_valid && q_.revised.valid && sum != q_.revised.value) {
      add(q_.breakdown.pos,
          {fmt::format("breakdown 各专业合计 {}，与修改后的指标数 revised: {} 不一致", sum, q_.revised.value),
           fmt::format("breakdown adds up to {}, but revised is {}", sum, q_.revised.value)},
          {"让各专业修改后的指标之和等于 revised", "make the majors' revised quotas add up to revised"});
    }
  }

  void signatures() {
    // No lead (R302 or S002 says why): neither who initiates nor who signs can be judged.
    const std::string lead = lead_major(p_).value_or("");
    if (!lead.empty() && q_.initiated_by.valid && q_.initiated_by.value != lead) {
      add(q_.initiated_by.pos,
          {fmt::format("指标修改申请由专业 {} 发起，但试点 {} 的牵头专业是 {}", q_.initiated_by.value, p_.id.value, lead),
           fmt::format("the quota change was initiated by major {}, but pilot {}'s lead major is {}", q_.initiated_by.value,
                       p_.id.value, lead)},
          {fmt::format("修改申请须由牵头专业发起（三(五)2）：initiated_by: \"{}\"", lead),
           fmt::format("the lead major initiates a quota change (三(五)2): initiated_by: \"{}\"", lead)});
    }
    const Major* lead_record = lead.empty() ? nullptr : repo_.major(lead);
    const College* college =
        lead_record != nullptr && lead_record->college.valid ? repo_.college(lead_record->college.value) : nullptr;
    if (college != nullptr && college->leader.valid && q_.signed_by.valid && !is_blank(q_.signed_by.value) &&
        trimmed(q_.signed_by.value) != trimmed(college->leader.value)) {
      add(q_.signed_by.pos,
          {fmt::format("签字人 “{}” 不是牵头专业 {} 所属二级学院 {} 的分管领导 “{}”", q_.signed_by.value, lead,
                       college->id.value, college->leader.value),
           fmt::format("signed by \"{}\", who is not \"{}\", the leader of college {} of lead major {}", q_.signed_by.value,
                       college->leader.value, college->id.value, lead)},
          {fmt::format("由二级学院领导签字（三(五)2）：signed_by: {}；若领导已变更，先更新 {}", college->leader.value, college->file),
           fmt::format("the college leader signs (三(五)2): signed_by: {}; if the leader changed, update {} first",
                       college->leader.value, college->file)});
    }
    if (q_.stamped.valid && !q_.stamped.value) {
      add(q_.stamped.pos, {"指标修改申请没有盖章（stamped: false）", "the quota change is not stamped (stamped: false)"},
          {"二级学院盖章后扫描发至教务处，再写 stamped: true", "have the college stamp it, send the scan to the office, then set stamped: true"});
    }
  }

  const Repository& repo_;
  const Pilot& p_;
  const QuotaChange& q_;
  std::vector<Diagnostic>& out_;
};

}  // namespace

void r503_quota_change_complete(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  std::optional<ProgressBook> own;
  const ProgressBook& book = progress_of(repo, ctx, own);
  for (const auto& p : repo.pilots) {
    if (!counted(repo, p)) continue;
    const auto& changes = book.quota_changes_of(p.id.value);
    if (changes.empty()) continue;
    bool quotas_known = std::all_of(p.majors.value.begin(), p.majors.value.end(),
                                    [](const PilotMajor& pm) { return pm.quota.valid && pm.quota.value > 0; });
    std::optional<long long> before;
    if (quotas_known && !p.majors.value.empty()) before = book.original_quota(p);
    for (const QuotaChange* q : changes) {
      QuotaChangeCheck(repo, p, *q, out).run(before);
      before = q->revised.valid ? std::optional<long long>(q->revised.value) : std::nullopt;
    }
  }
}

void r504_exam_results(const Repository& repo, const CheckContext& ctx, std::vector<Diagnostic>& out) {
  for (const auto& e : repo.exams) {
    if (!e.pilot.valid) continue;
    const Pilot* p = approved_pilot(repo, e.pilot.value);
    if (p == nullptr) continue;
    auto add = [&](const Pos& pos, Text message, Text hint) {
      out.push_back(make_diagnostic("R504", e.file, pos.line, pos.column, std::move(message), std::move(hint)));
    };
    std::set<std::string> pilot_majors = majors_of(*p);
    for (const auto& r : e.results.value) {
      std::string m = r.major.valid ? r.major.value : "?";
      if (r.major.valid && !pilot_majors.contains(r.major.value)) {
        add(r.major.pos,
            {fmt::format("考试结果中的专业 {} 不是试点 {} 的专业", m, p->id.value),
             fmt::format("the results name major {}, which is not a major of pilot {}", m, p->id.value)},
            {fmt::format("改为试点的专业（{}），或把该专业的考生记到它自己试点的批次中", fmt::join(pilot_majors, "、")),
             fmt::format("use a major of the pilot ({}), or record those students in a batch of their own pilot",
                         fmt::join(pilot_majors, ", "))});
      }
      if (r.attended.valid && r.registered.valid && r.attended.value > r.registered.value) {
        add(r.attended.pos,
            {fmt::format("专业 {} 参考 {} 人，多于报名 {} 人", m, r.attended.value, r.registered.value),
             fmt::format("major {}: attended {} is more than registered {}", m, r.attended.value, r.registered.value)},
            {"核对成绩册：参考人数不能多于报名人数", "check the exam records: attended cannot exceed registered"});
      }
      if (r.passed.valid && r.attended.valid && r.passed.value > r.attended.value) {
        add(r.passed.pos,
            {fmt::format("专业 {} 通过 {} 人，多于参考 {} 人", m, r.passed.value, r.attended.value),
             fmt::format("major {}: passed {} is more than attended {}", m, r.passed.value, r.attended.value)},
            {"核对成绩册：通过人数不能多于参考人数", "check the exam records: passed cannot exceed attended"});
      }
    }
    if (!e.status.valid || e.status.value != ExamStatus::held || !e.date.valid) continue;
    const Date& d = e.date.value;
    if (d.year != p->year.value) {
      add(e.date.pos,
          {fmt::format("已考批次日期 {} 不在试点 {} 的年度 {} 内，不能计入当年指标", d.str(), p->id.value, p->year.value),
           fmt::format("held batch dated {} is outside pilot {}'s year {}, so it cannot count towards that quota", d.str(),
                       p->id.value, p->year.value)},
          {fmt::format("核对考试日期；{} 年的考试应记在该年获批的试点下（三(三)4，不跨年结转）", d.year),
           fmt::format("check the date; an exam of {} belongs to a pilot approved for that year (三(三)4, no carry-over)", d.year)});
    }
    if (d > ctx.as_of) {
      add(e.date.pos,
          {fmt::format("批次标记为已考（held），但日期 {} 晚于检查日期 {}", d.str(), ctx.as_of.str()),
           fmt::format("the batch is marked held, but its date {} is after the as-of date {}", d.str(), ctx.as_of.str())},
          {"尚未举行的批次写 status: planned；若日期写错，改正 date", "a batch still to come is status: planned; if the date is wrong, fix it"});
    }
  }
}

void r505_stale_planned_batch(const Repository& repo, const CheckContext& ctx,
                              std::vector<Diagnostic>& out) {
  for (const auto& e : repo.exams) {
    if (!e.pilot.valid || !e.status.valid || e.status.value != ExamStatus::planned || !e.date.valid)
      continue;
    if (!(e.date.value < ctx.as_of) || approved_pilot(repo, e.pilot.value) == nullptr) continue;
    long long seats = 0;
    for (const auto& r : e.results.value) {
      if (r.registered.valid) seats += r.registered.value;
    }
    const std::string& id = e.id.valid ? e.id.value : e.stem;
    out.push_back(make_diagnostic(
        "R505", e.file, e.status.pos.line, e.status.pos.column,
        {fmt::format(
             "考试批次 {} 的日期 {} 已早于检查日期 {}，却仍标记为计划（planned）；"
             "它的 {} 个计划名额不再计入指标预计（R501、pilot status、pilot report）",
             id, e.date.value.str(), ctx.as_of.str(), seats),
         fmt::format(
             "exam batch {} is dated {}, before the as-of date {}, but is still marked planned; "
             "its {} planned seats no longer count towards the quota (R501, pilot status, pilot "
             "report)",
             id, e.date.value.str(), ctx.as_of.str(), seats)},
        {"考试已举行：改为 status: held，并填写各专业实际的 registered、attended、passed；"
         "考试改期：把 date 改为新的日期",
         "if the exam took place, set status: held with each major's actual registered, attended "
         "and passed; if it was postponed, set date to the new day"}));
  }
}

}  // namespace pilot::checks
