// pilot add KIND: one new record from flags (one per field, '_' written '-'), checked by every
// rule before it is written (SPEC §4). Exit 0 written, 1 refused, 2 usage.
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "pilot/editors.hpp"
#include "writing.hpp"

namespace pilot::cli {

namespace {

enum class Req { optional, required };

// The flags of one `pilot add KIND`. Values live in maps whose nodes CLI11 binds to.
class Form {
 public:
  explicit Form(CLI::App* sub) : sub_(sub) {}

  // `alias`: another spelling of the flag ("--admin-account").
  void field(const std::string& name, const std::string& help, Req req = Req::optional, const std::string& alias = "") {
    auto* opt = sub_->add_option(alias.empty() ? flag_of(name) : flag_of(name) + "," + alias, single_[name], help);
    if (req == Req::required) opt->required();
    options_[name] = opt;
  }
  // Repeatable; `names` may add aliases ("--major,--majors").
  void list(const std::string& name, const std::string& names, const std::string& help, Req req = Req::optional) {
    auto* opt = sub_->add_option(names, multi_[name], help)->allow_extra_args(false);
    if (req == Req::required) opt->required();
    options_[name] = opt;
  }
  void flag(const std::string& name, const std::string& help) { options_[name] = sub_->add_flag(flag_of(name), flags_[name], help); }

  bool given(const std::string& name) const { return options_.at(name)->count() > 0; }
  const std::string& value(const std::string& name) const { return single_.at(name); }
  const std::vector<std::string>& values(const std::string& name) const { return multi_.at(name); }
  bool flag_value(const std::string& name) const { return flags_.at(name); }

  static std::string flag_of(const std::string& field) {
    std::string f = "--" + field;
    for (char& c : f) {
      if (c == '_') c = '-';
    }
    return f;
  }

 private:
  CLI::App* sub_;
  std::map<std::string, std::string> single_;
  std::map<std::string, std::vector<std::string>> multi_;
  std::map<std::string, bool> flags_;
  std::map<std::string, CLI::Option*> options_;
};

struct AddOptions {
  Kind kind = Kind::college;
  bool force = false;
  bool dry_run = false;
  std::unique_ptr<Form> form;
};

// Turns flag values into typed fields; a value that cannot be one is a usage error (exit 2).
class Reader {
 public:
  Reader(const Form& form, Lang lang) : f_(form), lang_(lang) {}

  [[noreturn]] void usage(const std::string& flag, const Text& what) const {
    throw UsageError(lang_ == Lang::zh ? fmt::format("{} {}", flag, what.zh) : fmt::format("{} {}", flag, what.en));
  }

  template <class T>
  static Located<T> have(T v) {
    Located<T> l;
    l.value = std::move(v);
    l.present = l.valid = true;
    return l;
  }

  Located<std::string> text(const std::string& name) const {
    return f_.given(name) ? have(f_.value(name)) : Located<std::string>{};
  }
  Located<Date> date(const std::string& name) const {
    if (!f_.given(name)) return {};
    return have(parse_date(Form::flag_of(name), f_.value(name)));
  }
  Date parse_date(const std::string& flag, const std::string& v) const {
    auto d = Date::parse(v);
    if (!d) usage(flag, {fmt::format("应为真实存在的日期 YYYY-MM-DD,而不是 “{}”", v), fmt::format("must be a date YYYY-MM-DD that exists, not \"{}\"", v)});
    return *d;
  }
  long long whole(const std::string& flag, const std::string& v, long long lo, long long hi) const {
    std::size_t used = 0;
    long long n = 0;
    bool ok = !v.empty() && v.find_first_not_of("-0123456789") == std::string::npos;
    try {
      if (ok) n = std::stoll(v, &used);
    } catch (const std::exception&) {
      ok = false;
    }
    if (!ok || used != v.size() || n < lo || n > hi) {
      usage(flag, {fmt::format("应为 {}–{} 的整数,而不是 “{}”", lo, hi, v), fmt::format("must be a whole number {}–{}, not \"{}\"", lo, hi, v)});
    }
    return n;
  }
  Located<long long> count(const std::string& name) const {
    if (!f_.given(name)) return {};
    return have(whole(Form::flag_of(name), f_.value(name), 0, 1'000'000));
  }
  Located<int> year(const std::string& name) const {
    if (!f_.given(name)) return {};
    return have(static_cast<int>(whole(Form::flag_of(name), f_.value(name), 2000, 2100)));
  }
  template <class E>
  Located<E> choice(const std::string& name, std::optional<E> (*parse)(std::string_view), const char* choices) const {
    if (!f_.given(name)) return {};
    auto e = parse(f_.value(name));
    if (!e) usage(Form::flag_of(name), {fmt::format("的值 “{}” 无效;可用:{}", f_.value(name), choices), fmt::format("\"{}\" is not valid; use one of: {}", f_.value(name), choices)});
    return have(*e);
  }
  // "a:b:c" split at the first n-1 colons.
  std::vector<std::string> parts(const std::string& flag, const std::string& v, std::size_t n, const Text& shape) const {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      auto colon = v.find(':', start);
      if (colon == std::string::npos) break;
      out.push_back(v.substr(start, colon - start));
      start = colon + 1;
    }
    out.push_back(v.substr(start));
    if (out.size() < n) usage(flag, {fmt::format("的值 “{}” 应写成 {}", v, shape.zh), fmt::format("\"{}\" must be written {}", v, shape.en)});
    return out;
  }
  void common(RecordBase& base) const {
    base.notes = text("notes");
    for (const auto& w : f_.values("waiver")) {
      auto p = parts("--waiver", w, 2, {"规则编号:理由,例如 R301:省1+X办公室同意", "RULE:REASON, e.g. R301:approved by the provincial office"});
      base.waivers[p[0]] = have(p[1]);
    }
  }

  const Form& form() const { return f_; }

 private:
  const Form& f_;
  Lang lang_;
};

constexpr const char* k_level_choices = "初级, 中级, 高级 (junior, intermediate, senior)";

// -------------------------------------------------------------- the nine kinds: flags and records

void flags_college(Form& f) {
  f.field("id", "编号 / ID, e.g. xinxi", Req::required);
  f.field("name", "名称 / name, e.g. 信息工程学院", Req::required);
  f.field("leader", "分管领导(签署指标修改申请)/ the leader who signs quota changes", Req::required);
}
AnyRecord build_college(const Reader& r) {
  College c;
  c.id = r.text("id");
  c.name = r.text("name");
  c.leader = r.text("leader");
  return c;
}

void flags_major(Form& f) {
  f.field("id", "6 位专业代码 / the 6-digit major code", Req::required);
  f.field("name", "专业名称 / name", Req::required);
  f.field("college", "所属二级学院编号 / college ID", Req::required);
}
AnyRecord build_major(const Reader& r) {
  Major m;
  m.id = r.text("id");
  m.name = r.text("name");
  m.college = r.text("college");
  return m;
}

void flags_certificate(Form& f) {
  f.field("id", "编号 / ID, e.g. web-frontend", Req::required);
  f.field("name", "证书名称 / name", Req::required);
  f.field("organization", "培训评价组织 / the organization", Req::required);
  f.list("levels", "--levels,--level", "等级,可重复或逗号分隔 / levels, repeatable or comma-separated", Req::required);
  f.field("listed_from", "首次列入目录的年份 / first year on the list", Req::required);
  f.field("listed_to", "最后列入目录的年份 / last year on the list");
}
AnyRecord build_certificate(const Reader& r) {
  Certificate c;
  c.id = r.text("id");
  c.name = r.text("name");
  c.organization = r.text("organization");
  std::vector<Level> levels;
  for (const auto& v : split_list(r.form().values("levels"))) {
    auto l = parse_level(v);
    if (!l) r.usage("--levels", {fmt::format("的值 “{}” 无效;可用:{}", v, k_level_choices), fmt::format("\"{}\" is not valid; use one of: {}", v, k_level_choices)});
    levels.push_back(*l);
  }
  c.levels = Reader::have(levels);
  c.listed_from = r.year("listed_from");
  c.listed_to = r.year("listed_to");
  return c;
}

void flags_pilot(Form& f) {
  f.field("id", "编号 / ID, e.g. web-frontend-2026", Req::required);
  f.field("year", "试点年份 / pilot year", Req::required);
  f.field("certificate", "证书编号 / certificate ID", Req::required);
  f.field("level", std::string("等级 / level: ") + k_level_choices);
  f.field("status", "draft | submitted | approved | rejected (默认按所给日期推断 / default: from the dates given)");
  f.field("submitted", "申报提交日期 / date the application went in");
  f.field("approved", "批准日期 / approval date");
  f.field("rejected", "未通过日期 / rejection date");
  f.field("lead_major", "牵头专业代码 / lead major code");
  f.list("major", "--major,--majors", "专业:人数:专人,可重复 / CODE:QUOTA:CONTACT, repeatable, e.g. 510201:60:李老师");
  f.field("admin", "管理员账号 / admin account", Req::optional, "--admin-account");
  f.field("exam", "考务管理账号 / exam account", Req::optional, "--exam-account");
  f.field("plan", "工作计划(文字或仓库内的文件路径)/ work plan (text or a path in the repository)");
}
AnyRecord build_pilot(const Reader& r) {
  const Form& f = r.form();
  Pilot p;
  p.id = r.text("id");
  p.year = r.year("year");
  p.certificate = r.text("certificate");
  p.level = r.choice<Level>("level", parse_level, k_level_choices);
  p.status = r.choice<PilotStatus>("status", parse_pilot_status, "draft, submitted, approved, rejected (草稿, 已提交, 已批准, 未通过)");
  p.submitted = r.date("submitted");
  p.approved = r.date("approved");
  p.rejected = r.date("rejected");
  if (!p.status.present) {
    p.status = Reader::have(p.approved.present   ? PilotStatus::approved
                            : p.rejected.present ? PilotStatus::rejected
                            : p.submitted.present ? PilotStatus::submitted
                                                  : PilotStatus::draft);
  }
  p.lead_major = r.text("lead_major");
  if (f.given("major")) {
    p.majors = Reader::have(std::vector<PilotMajor>{});
    for (const auto& v : f.values("major")) {
      auto parts = r.parts("--major", v, 3, {"专业代码:人数:专人,例如 510201:60:李老师", "CODE:QUOTA:CONTACT, e.g. 510201:60:李老师"});
      PilotMajor m;
      m.major = Reader::have(parts[0]);
      m.quota = Reader::have(r.whole("--major", parts[1], -1'000'000, 1'000'000));
      if (!parts[2].empty()) m.contact = Reader::have(parts[2]);
      p.majors.value.push_back(std::move(m));
    }
  }
  p.admin_account = r.text("admin");
  p.exam_account = r.text("exam");
  p.accounts_present = p.admin_account.present || p.exam_account.present;
  p.plan = r.text("plan");
  return p;
}

void flags_quota_change(Form& f) {
  f.field("pilot", "试点编号 / pilot ID", Req::required);
  f.field("certificate_name", "证书名称(默认取自试点)/ certificate name (default: from the pilot)");
  f.field("level", "等级(默认取自试点)/ level (default: from the pilot)");
  f.field("original", "原指标(默认为当前指标)/ original quota (default: the current quota)");
  f.field("revised", "修改后指标 / revised quota");
  f.list("breakdown", "--breakdown", "专业代码:修改后指标,可重复 / CODE:N per major, repeatable");
  f.field("reason", "修改理由 / reason");
  f.field("initiated_by", "发起专业(牵头专业)代码 / initiating (lead) major code");
  f.field("signed_by", "签字的分管领导 / the leader who signed");
  f.flag("stamped", "已盖章 / stamped");
  f.field("submitted", "提交日期(默认为 as-of)/ submitted (default: as-of)");
}
AnyRecord build_quota_change(const Reader& r) {
  const Form& f = r.form();
  QuotaChange q;
  q.pilot = r.text("pilot");
  q.certificate_name = r.text("certificate_name");
  q.level = r.choice<Level>("level", parse_level, k_level_choices);
  q.original = r.count("original");
  q.revised = r.count("revised");
  if (f.given("breakdown")) {
    q.breakdown = Reader::have(std::vector<std::pair<Located<std::string>, Located<long long>>>{});
    for (const auto& v : f.values("breakdown")) {
      auto parts = r.parts("--breakdown", v, 2, {"专业代码:人数,例如 510201:50", "CODE:N, e.g. 510201:50"});
      q.breakdown.value.emplace_back(Reader::have(parts[0]), Reader::have(r.whole("--breakdown", parts[1], 0, 1'000'000)));
    }
  }
  q.reason = r.text("reason");
  q.initiated_by = r.text("initiated_by");
  q.signed_by = r.text("signed_by");
  if (f.flag_value("stamped")) q.stamped = Reader::have(true);
  q.submitted = r.date("submitted");
  return q;
}

void flags_exam(Form& f) {
  f.field("id", "批次编号 / batch ID, e.g. web-frontend-2026-b1", Req::required);
  f.field("pilot", "试点编号 / pilot ID", Req::required);
  f.field("date", "考试日期 / date", Req::required);
  f.field("status", "planned | held (计划 | 已考)", Req::required);
  f.field("site", "考核站点编号 / site ID");
  f.list("result", "--result,--results", "专业:报名:实考:通过,可重复 / MAJOR:REGISTERED:ATTENDED:PASSED, repeatable", Req::required);
}
AnyRecord build_exam(const Reader& r) {
  Exam e;
  e.id = r.text("id");
  e.pilot = r.text("pilot");
  e.date = r.date("date");
  e.status = r.choice<ExamStatus>("status", parse_exam_status, "planned, held (计划, 已考)");
  e.site = r.text("site");
  e.results = Reader::have(std::vector<ExamResult>{});
  for (const auto& v : r.form().values("result")) {
    auto parts = r.parts("--result", v, 4, {"专业:报名:实考:通过,例如 510201:30:28:25", "MAJOR:REGISTERED:ATTENDED:PASSED, e.g. 510201:30:28:25"});
    ExamResult x;
    x.major = Reader::have(parts[0]);
    x.registered = Reader::have(r.whole("--result", parts[1], 0, 1'000'000));
    x.attended = Reader::have(r.whole("--result", parts[2], 0, 1'000'000));
    x.passed = Reader::have(r.whole("--result", parts[3], 0, 1'000'000));
    e.results.value.push_back(std::move(x));
  }
  return e;
}

void flags_report(Form& f) {
  f.field("major", "专业代码 / major code", Req::required);
  f.field("pilot", "试点编号(默认为该专业当年已批准的试点)/ pilot ID (default: the major's approved pilot)");
  f.field("due", "截止日期(默认为 as-of 当天或之前最近的一个)/ due date (default: the latest on or before as-of)");
  f.field("submitted", "报送日期(默认为 as-of)/ submitted (default: as-of)");
  f.field("trained", "累计培训人数 / trained so far", Req::required);
  f.field("registered", "累计报名人数 / registered so far", Req::required);
  f.field("attended", "累计实考人数 / attended so far", Req::required);
  f.field("passed", "累计通过人数 / passed so far", Req::required);
  f.field("major_construction", "专业建设 / major construction");
  f.field("faculty", "师资队伍建设 / faculty");
  f.field("textbooks", "教材建设 / textbooks");
  f.field("training", "学生培训与考核 / training and assessment");
  f.field("funding", "经费投入 / funding");
}
AnyRecord build_report(const Reader& r) {
  Report rep;
  rep.major = r.text("major");
  rep.pilot = r.text("pilot");
  rep.due = r.date("due");
  rep.submitted = r.date("submitted");
  rep.progress = Reader::have(Progress{r.count("trained"), r.count("registered"), r.count("attended"), r.count("passed")});
  bool any = false;
  std::map<std::string, Located<std::string>> sections;
  for (const char* key : k_report_sections) {
    if (r.form().given(key)) {
      sections[key] = r.text(key);
      any = true;
    }
  }
  if (any) rep.sections = Reader::have(sections);
  return rep;
}

void flags_site(Form& f) {
  f.field("id", "编号 / ID, e.g. xinxi-site-01", Req::required);
  f.field("college", "签约的二级学院编号 / college ID", Req::required);
  f.field("organization", "培训评价组织 / organization", Req::required);
  f.field("signatory", "签约方 / signatory: college | office | school (二级学院 | 教务处 | 学校)");
  f.field("contract_process", "学校签约时:non-procurement(非采购合同)/ when the school signs");
  f.field("oa_ref", "学校签约时:OA 流程编号 / when the school signs: the OA reference");
  f.field("signed", "签约日期 / date signed", Req::required);
}
AnyRecord build_site(const Reader& r) {
  Site s;
  s.id = r.text("id");
  s.college = r.text("college");
  s.organization = r.text("organization");
  s.signatory_text = r.text("signatory");
  if (s.signatory_text.present) {
    // An unknown value is written as given: R401 explains what is allowed.
    if (auto v = parse_signatory(s.signatory_text.value)) s.signatory = Reader::have(*v);
  }
  if (r.form().given("contract_process")) {
    const std::string& v = r.form().value("contract_process");
    if (v != "non-procurement" && v != "非采购合同") {
      r.usage("--contract-process", {fmt::format("的值 “{}” 无效;可用:non-procurement(非采购合同)", v),
                                     fmt::format("\"{}\" is not valid; use non-procurement (非采购合同)", v)});
    }
    s.non_procurement = Reader::have(true);
  }
  s.oa_ref = r.text("oa_ref");
  s.signed_on = r.date("signed");
  return s;
}

void flags_fund(Form& f) {
  f.field("id", "编号(年内唯一)/ ID, unique within the year, e.g. 0001", Req::required);
  f.field("date", "日期 / date", Req::required);
  f.field("college", "二级学院编号 / college ID", Req::required);
  f.field("pilot", "试点编号 / pilot ID");
  f.field("direction", "income | expense (收入 | 支出)", Req::required);
  f.field("source", "college-budget | returned-exam-fee | student | other (学院经费 | 考务费返还 | 学生缴费 | 其他)", Req::required);
  f.field("category", "training | exam-fee | materials | internal-labor | other (培训 | 考务费 | 耗材 | 校内劳务 | 其他)", Req::required);
  f.field("amount", "金额(元,最多两位小数)/ amount in yuan, at most 2 decimals", Req::required);
}
AnyRecord build_fund(const Reader& r) {
  Fund f;
  f.id = r.text("id");
  f.date = r.date("date");
  f.college = r.text("college");
  f.pilot = r.text("pilot");
  f.direction = r.choice<Direction>("direction", parse_direction, "income, expense (收入, 支出)");
  f.source = r.choice<FundSource>("source", parse_fund_source, "college-budget, returned-exam-fee, student, other");
  f.category = r.choice<FundCategory>("category", parse_fund_category, "training, exam-fee, materials, internal-labor, other");
  const std::string& v = r.form().value("amount");
  auto dot = v.find('.');
  std::string whole = v.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : v.substr(dot + 1);
  bool ok = !whole.empty() && whole.size() <= 12 && whole.find_first_not_of("0123456789") == std::string::npos &&
            frac.size() <= 2 && frac.find_first_not_of("0123456789") == std::string::npos &&
            (dot == std::string::npos || !frac.empty());
  if (!ok) r.usage("--amount", {fmt::format("应为不小于 0 的金额(元,最多两位小数),而不是 “{}”", v), fmt::format("must be an amount in yuan ≥ 0 with at most 2 decimals, not \"{}\"", v)});
  frac.resize(2, '0');
  f.amount_fen = Reader::have(std::stoll(whole) * 100 + std::stoll(frac));
  return f;
}

struct KindEntry {
  Kind kind;
  const char* help;
  void (*flags)(Form&);
  AnyRecord (*build)(const Reader&);
};

constexpr KindEntry k_kind_entries[] = {
    {Kind::college, "二级学院 / a college", flags_college, build_college},
    {Kind::major, "专业 / a major", flags_major, build_major},
    {Kind::certificate, "证书 / a certificate of the MoE list", flags_certificate, build_certificate},
    {Kind::pilot, "试点申报 / a pilot application", flags_pilot, build_pilot},
    {Kind::quota_change, "指标修改申请 / a quota change", flags_quota_change, build_quota_change},
    {Kind::exam, "考试批次 / an exam batch", flags_exam, build_exam},
    {Kind::report, "双周报 / a fortnightly report", flags_report, build_report},
    {Kind::site, "考核站点协议 / a site agreement", flags_site, build_site},
    {Kind::fund, "经费收支 / a fund entry", flags_fund, build_fund},
};

const KindEntry& entry_of(Kind kind) {
  for (const auto& e : k_kind_entries) {
    if (e.kind == kind) return e;
  }
  return k_kind_entries[0];
}

int run_add(const AddOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  Date today = as_of(g);
  const KindEntry& entry = entry_of(o.kind);
  Reader reader(*o.form, lang);
  AnyRecord record = entry.build(reader);
  reader.common(std::visit([](auto& r) -> RecordBase& { return r; }, record));
  auto fault = test_file_system();
  {
    // Refuse what can never be placed before touching the repository (even its lock): the
    // due date of a report and the year of a quota change are only known after loading.
    AnyRecord probe = record;
    if (auto* rep = std::get_if<Report>(&probe); rep != nullptr && !rep->due.present) rep->due = Reader::have(today);
    RecordPath early = record_path(probe, today.year);
    if (!early.ok()) throw UsageError(early.error.in(lang));
  }

  std::optional<RepositoryLock> lock;
  Repository repo = load_locked(g, o.dry_run ? nullptr : &lock);

  if (auto* rep = std::get_if<Report>(&record)) {
    Text missing = fill_report_defaults(*rep, repo, today);  // the due date decides the path
    if (!missing.empty()) throw UsageError(missing.in(lang));
  }
  int year = today.year;
  if (auto* q = std::get_if<QuotaChange>(&record)) year = quota_change_year(*q, repo, today);
  RecordPath path = record_path(record, year);
  if (!path.ok()) throw UsageError(path.error.in(lang));
  if (auto* q = std::get_if<QuotaChange>(&record)) fill_quota_change_defaults(*q, repo, today, path.rel);

  WriteRequest request;
  request.kind = o.kind;
  request.rel = path.rel;
  // The first line lets editors (yaml-language-server) validate and complete the file with the
  // schema `pilot init` stores under .pilot/schema/, when the repository has it.
  request.text = modeline_if_schema_exists(repo.root, o.kind, path.rel) + render_record(record);
  request.overwrite = o.force ? Overwrite::yes : Overwrite::no;
  request.force = o.force ? Force::yes : Force::no;
  request.dry_run = o.dry_run ? DryRun::yes : DryRun::no;
  WriteOutcome outcome = write_record(repo, request, today, fault ? *fault : posix_file_system());
  return report_write(outcome, request, g);
}

}  // namespace

void setup_add(CLI::App& app, Globals& g) {
  CLI::App* add = app.add_subcommand("add", "write one new record, checked by every rule first / 新增一条记录(先检查全部规则)");
  add->require_subcommand(1);
  for (const auto& entry : k_kind_entries) {
    CLI::App* sub = add->add_subcommand(kind_name(entry.kind), entry.help);
    sub->fallthrough();
    auto o = std::make_shared<AddOptions>();
    o->kind = entry.kind;
    o->form = std::make_unique<Form>(sub);
    entry.flags(*o->form);
    o->form->field("notes", "备注 / notes");
    o->form->list("waiver", "--waiver,--waivers", "豁免 规则:理由,可重复 / RULE:REASON, repeatable");
    sub->add_flag("--force", o->force, "write even if it brings new errors, or replace an existing file / 即使带来新错误或文件已存在也写入");
    sub->add_flag("--dry-run", o->dry_run, "print the file instead of writing it / 只显示将写入的内容");
    sub->callback([o, &g] {
      try {
        g.exit_code = run_add(*o, g);
      } catch (const WriteError& e) {
        g.exit_code = report_write_error(e, g);
      }
    });
  }
}

}  // namespace pilot::cli
