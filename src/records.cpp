// One file's bytes -> one record (parse_record), and records -> Repository (add_parsed).
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "pilot/repository.hpp"
#include "pilot/security.hpp"
#include "pilot/yaml.hpp"
#include "record_reader.hpp"
#include "repeated_majors.hpp"

namespace pilot {

namespace {

constexpr const char* k_levels_choices = "初级、中级、高级 (junior, intermediate, senior)";

Diagnostic s006(Text message, Text hint) {
  Diagnostic d;
  d.rule = "S006";
  d.line = 1;
  d.column = 1;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

// Reads the parts of a path: kind folder, optional year folder, report major folder, stem.
bool place(Kind kind, const std::string& rel, RecordBase& base, std::vector<Diagnostic>& out) {
  std::array<std::string_view, 4> parts;  // the first four parts: more is misplaced anyway
  std::size_t count = 0;
  std::string_view rest(rel), name;
  while (true) {
    auto slash = rest.find('/');
    name = rest.substr(0, slash);
    if (count < parts.size()) parts[count] = name;
    ++count;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  base.stem = std::string(name.substr(0, name.rfind('.')));
  bool yearly = kind == Kind::pilot || kind == Kind::quota_change || kind == Kind::exam ||
                kind == Kind::report || kind == Kind::fund;
  std::size_t expected = kind == Kind::report ? 4 : yearly ? 3 : 2;
  auto misplaced = [&] {
    std::string layout = kind == Kind::report ? "reports/<年>/<专业代码>/<YYYY-MM-DD>.yaml"
                         : yearly             ? fmt::format("{}/<年>/<编号>.yaml", kind_folder(kind))
                                              : fmt::format("{}/<编号>.yaml", kind_folder(kind));
    std::string layout_en = kind == Kind::report ? "reports/<year>/<major-code>/<YYYY-MM-DD>.yaml"
                            : yearly             ? fmt::format("{}/<year>/<id>.yaml", kind_folder(kind))
                                                 : fmt::format("{}/<id>.yaml", kind_folder(kind));
    out.push_back(s006({fmt::format("文件位置不对：{}应放在 {}", kind_name_zh(kind), layout),
                        fmt::format("file is not where a {} belongs: {}", kind_name(kind), layout_en)},
                       {"把文件移到正确的文件夹", "move the file to the right folder"}));
    return false;
  };
  if (count != expected) return misplaced();
  if (yearly) {
    std::string_view y = parts[1];
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string_view::npos) return misplaced();
    base.folder_year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
  }
  if (kind == Kind::report) base.folder_major = std::string(parts[2]);
  return true;
}

void read_college(RecordReader& r, College& c) {
  c.id = r.id("id", Need::required);
  c.name = r.text("name", Need::required);
  c.leader = r.text("leader", Need::required);
}

void read_major(RecordReader& r, Major& m) {
  m.id = r.major_code("id", Need::required);
  m.name = r.text("name", Need::required);
  m.college = r.id("college", Need::required);
}

void read_certificate(RecordReader& r, Certificate& c) {
  c.id = r.id("id", Need::required);
  c.name = r.text("name", Need::required);
  c.organization = r.text("organization", Need::required);
  c.levels = r.levels("levels", Need::required);
  c.listed_from = r.year("listed_from", Need::required);
  c.listed_to = r.year("listed_to", Need::optional);
}

void read_pilot(RecordReader& r, Pilot& p, std::vector<Diagnostic>& out) {
  p.id = r.id("id", Need::required);
  p.year = r.year("year", Need::required);
  p.certificate = r.id("certificate", Need::required);
  p.level = r.enumeration<Level>("level", Need::policy, parse_level, k_levels_choices);
  p.status = r.enumeration<PilotStatus>("status", Need::required, parse_pilot_status,
                                        "draft, submitted, approved, rejected （草稿、已提交、已批准、未通过）");
  bool not_draft = p.status.valid && p.status.value != PilotStatus::draft;
  p.submitted = r.date("submitted", not_draft ? Need::required : Need::optional);
  p.approved = r.date("approved", p.status.valid && p.status.value == PilotStatus::approved ? Need::required : Need::optional);
  p.rejected = r.date("rejected", p.status.valid && p.status.value == PilotStatus::rejected ? Need::required : Need::optional);
  p.lead_major = r.major_code("lead_major", Need::optional);
  p.plan = r.text("plan", Need::policy);
  const YNode* majors = r.node("majors");
  if (majors != nullptr && !majors->is_null()) {
    p.majors.present = true;
    p.majors.pos = r.key_pos("majors");
    if (!majors->is_seq()) {
      r.problem(*majors, {"“majors” 应为列表", "\"majors\" must be a list"},
                {"例如 majors:\n  - { major: \"510201\", quota: 60, contact: 李老师 }",
                 "e.g. majors:\n  - { major: \"510201\", quota: 60, contact: 李老师 }"});
    } else {
      p.majors.valid = true;
      int i = 0;
      for (const auto& item : majors->items) {
        ++i;
        std::string path = fmt::format("majors[{}]", i);
        if (!item.is_map()) {
          r.problem(item, {fmt::format("“{}” 应为映射 {{ major, quota, contact }}", path),
                           fmt::format("\"{}\" must be a mapping {{ major, quota, contact }}", path)},
                    {"例如 - { major: \"510201\", quota: 60, contact: 李老师 }",
                     "e.g. - { major: \"510201\", quota: 60, contact: 李老师 }"});
          continue;
        }
        RecordReader e(item, path, out);
        PilotMajor pm;
        pm.pos = e.pos();
        pm.major = e.major_code("major", Need::required);
        pm.quota = e.count("quota", Need::policy, true);
        pm.contact = e.text("contact", Need::policy);
        p.majors.value.push_back(std::move(pm));
      }
      drop_repeated_majors(p.majors.value, out);
    }
  } else {
    p.majors.pos = r.pos();
  }
  const YNode* accounts = r.node("accounts");
  p.accounts_pos = r.pos();
  if (accounts != nullptr && !accounts->is_null()) {
    p.accounts_present = true;
    p.accounts_pos = r.key_pos("accounts");
    if (!accounts->is_map()) {
      r.problem(*accounts, {"“accounts” 应为映射 { admin, exam }", "\"accounts\" must be a mapping { admin, exam }"},
                {"例如 accounts: { admin: xx_admin, exam: xx_exam }", "e.g. accounts: { admin: xx_admin, exam: xx_exam }"});
    } else {
      RecordReader a(*accounts, "accounts", out);
      p.admin_account = a.text("admin", Need::policy);
      p.exam_account = a.text("exam", Need::policy);
    }
  }
}

void read_quota_change(RecordReader& r, QuotaChange& q, std::vector<Diagnostic>&) {
  q.pilot = r.id("pilot", Need::required);
  q.certificate_name = r.text("certificate_name", Need::policy);
  q.level = r.enumeration<Level>("level", Need::policy, parse_level, k_levels_choices);
  q.original = r.count("original", Need::policy);
  q.revised = r.count("revised", Need::policy);
  const YNode* b = r.node("breakdown");
  if (b != nullptr && !b->is_null()) {
    q.breakdown.present = true;
    q.breakdown.pos = r.key_pos("breakdown");
    if (!b->is_map()) {
      r.problem(*b, {"“breakdown” 应为映射：专业代码: 修改后指标", "\"breakdown\" must be a mapping of major code to revised quota"},
                {"例如 breakdown: { \"510201\": 50, \"510202\": 30 }", "e.g. breakdown: { \"510201\": 50, \"510202\": 30 }"});
    } else {
      q.breakdown.valid = true;
      for (const auto& [k, v] : b->entries) {
        Located<std::string> code;
        code.value = k.value;
        code.pos = {k.line, k.column};
        code.present = true;
        code.valid = is_valid_major_code(k.value);
        if (!code.valid) {
          r.problem(k, {fmt::format("breakdown 中的 “{}” 不是 6 位专业代码", k.value),
                        fmt::format("\"{}\" in breakdown is not a 6-digit major code", k.value)},
                    {"写成带引号的专业代码，例如 \"510201\": 50", "write a quoted major code, e.g. \"510201\": 50"});
        }
        Located<long long> n;
        n.pos = {v.line, v.column};
        n.present = true;
        bool fractional = false;
        (void)fractional;
        if (v.is_scalar() && !v.quoted && !v.value.empty() && v.value.size() <= 7 &&
            v.value.find_first_not_of("0123456789") == std::string::npos && std::stoll(v.value) <= 1'000'000) {
          n.value = std::stoll(v.value);
          n.valid = true;
        } else {
          r.problem(v, {fmt::format("breakdown 中 “{}” 的指标应为 0–1000000 的整数", k.value),
                        fmt::format("the quota of \"{}\" in breakdown must be a whole number 0–1000000", k.value)},
                    {"例如 \"510201\": 50", "e.g. \"510201\": 50"});
        }
        q.breakdown.value.emplace_back(code, n);
      }
    }
  }
  q.reason = r.text("reason", Need::policy);
  q.initiated_by = r.major_code("initiated_by", Need::policy);
  q.signed_by = r.text("signed_by", Need::policy);
  q.stamped = r.boolean("stamped", Need::policy);
  q.submitted = r.date("submitted", Need::policy);
}

void read_exam(RecordReader& r, Exam& e, std::vector<Diagnostic>& out) {
  e.id = r.id("id", Need::required);
  e.pilot = r.id("pilot", Need::required);
  e.date = r.date("date", Need::required);
  e.status = r.enumeration<ExamStatus>("status", Need::required, parse_exam_status, "planned, held（计划、已考）");
  e.site = r.id("site", Need::optional);
  const YNode* results = r.node("results");
  if (results == nullptr || results->is_null()) {
    YNode record;  // where the finding points when there is no key: the record (a local: loader threads share statics)
    record.line = r.pos().line;
    record.column = r.pos().column;
    r.problem(results != nullptr ? *results : record,
              {"缺少必填的键 “results”", "missing required key \"results\""},
              {"例如 results:\n  - { major: \"510201\", registered: 30, attended: 28, passed: 25 }",
               "e.g. results:\n  - { major: \"510201\", registered: 30, attended: 28, passed: 25 }"});
    return;
  }
  e.results.present = true;
  e.results.pos = r.key_pos("results");
  if (!results->is_seq()) {
    r.problem(*results, {"“results” 应为列表", "\"results\" must be a list"},
              {"每个专业一项 { major, registered, attended, passed }", "one entry per major { major, registered, attended, passed }"});
    return;
  }
  e.results.valid = true;
  int i = 0;
  for (const auto& item : results->items) {
    ++i;
    std::string path = fmt::format("results[{}]", i);
    if (!item.is_map()) {
      r.problem(item, {fmt::format("“{}” 应为映射 {{ major, registered, attended, passed }}", path),
                       fmt::format("\"{}\" must be a mapping {{ major, registered, attended, passed }}", path)},
                {"例如 - { major: \"510201\", registered: 30, attended: 28, passed: 25 }",
                 "e.g. - { major: \"510201\", registered: 30, attended: 28, passed: 25 }"});
      continue;
    }
    RecordReader x(item, path, out);
    ExamResult res;
    res.pos = x.pos();
    res.major = x.major_code("major", Need::required);
    res.registered = x.count("registered", Need::required);
    res.attended = x.count("attended", Need::required);
    res.passed = x.count("passed", Need::required);
    e.results.value.push_back(std::move(res));
  }
  drop_repeated_majors(e.results.value, out);
}

void read_report(RecordReader& r, Report& rep, std::vector<Diagnostic>& out) {
  rep.major = r.major_code("major", Need::required);
  rep.pilot = r.id("pilot", Need::required);
  rep.due = r.date("due", Need::required);
  rep.submitted = r.date("submitted", Need::required);
  const YNode* progress = r.node("progress");
  if (progress == nullptr || progress->is_null()) {
    rep.progress.pos = r.pos();
    r.problem(progress != nullptr ? *progress : *[&] { static thread_local YNode dummy; dummy.line = r.pos().line; dummy.column = r.pos().column; return &dummy; }(),
              {"缺少必填的键 “progress”", "missing required key \"progress\""},
              {"例如 progress: { trained: 40, registered: 35, attended: 30, passed: 28 }",
               "e.g. progress: { trained: 40, registered: 35, attended: 30, passed: 28 }"});
  } else if (!progress->is_map()) {
    rep.progress.present = true;
    r.problem(*progress, {"“progress” 应为映射", "\"progress\" must be a mapping"},
              {"例如 progress: { trained: 40, registered: 35, attended: 30, passed: 28 }",
               "e.g. progress: { trained: 40, registered: 35, attended: 30, passed: 28 }"});
  } else {
    rep.progress.present = true;
    rep.progress.pos = r.key_pos("progress");
    RecordReader p(*progress, "progress", out);
    rep.progress.value.trained = p.count("trained", Need::required);
    rep.progress.value.registered = p.count("registered", Need::required);
    rep.progress.value.attended = p.count("attended", Need::required);
    rep.progress.value.passed = p.count("passed", Need::required);
    rep.progress.valid = true;
  }
  const YNode* sections = r.node("sections");
  rep.sections.pos = r.pos();
  if (sections != nullptr && !sections->is_null()) {
    rep.sections.present = true;
    rep.sections.pos = r.key_pos("sections");
    if (!sections->is_map()) {
      r.problem(*sections, {"“sections” 应为映射", "\"sections\" must be a mapping"},
                {"五项：major_construction, faculty, textbooks, training, funding",
                 "five keys: major_construction, faculty, textbooks, training, funding"});
    } else {
      rep.sections.valid = true;
      RecordReader s(*sections, "sections", out);
      for (const char* key : k_report_sections) {
        auto t = s.text(key, Need::policy);
        if (t.present) rep.sections.value[key] = std::move(t);
      }
    }
  }
}

void read_site(RecordReader& r, Site& s) {
  s.id = r.id("id", Need::required);
  s.college = r.id("college", Need::required);
  s.organization = r.text("organization", Need::required);
  s.signatory_text = r.text("signatory", Need::policy);
  if (s.signatory_text.valid) {
    if (auto v = parse_signatory(s.signatory_text.value)) {
      s.signatory.value = *v;
      s.signatory.valid = s.signatory.present = true;
      s.signatory.pos = s.signatory_text.pos;
    }
  }
  auto process = r.text("contract_process", Need::policy);
  s.non_procurement.present = process.present;
  s.non_procurement.pos = process.pos;
  if (process.valid) {
    // Any other text is valid-but-false: R401 reports it (SPEC §2.2: the contract process is R401's).
    s.non_procurement.value = process.value == "non-procurement" || process.value == "非采购合同";
    s.non_procurement.valid = true;
  }
  s.oa_ref = r.text("oa_ref", Need::policy);
  s.signed_on = r.date("signed", Need::required);
}

void read_fund(RecordReader& r, Fund& f) {
  f.id = r.id("id", Need::required);
  f.date = r.date("date", Need::required);
  f.college = r.id("college", Need::required);
  f.pilot = r.id("pilot", Need::optional);
  f.direction = r.enumeration<Direction>("direction", Need::required, parse_direction, "income, expense（收入、支出）");
  f.source = r.enumeration<FundSource>("source", Need::required, parse_fund_source,
                                       "college-budget, returned-exam-fee, student, other （学院经费、考务费返还、学生缴费、其他）");
  f.category = r.enumeration<FundCategory>("category", Need::required, parse_fund_category,
                                           "training, exam-fee, materials, internal-labor, other （培训、考务费、耗材、校内劳务、其他）");
  f.amount_fen = r.money_fen("amount", Need::required);
}

template <class T, class F>
AnyRecord read_as(const YNode& root, RecordBase&& placed, std::vector<Diagnostic>& out, F&& f) {
  T rec;
  static_cast<RecordBase&>(rec) = std::move(placed);
  {
    RecordReader r(root, "", out);
    r.common(rec);
    f(r, rec);
  }
  return rec;
}

}  // namespace

ParsedFile parse_record(Kind kind, const std::string& rel_path, std::string_view bytes) {
  ParsedFile parsed;
  parsed.kind = kind;
  parsed.file = rel_path;
  std::vector<Diagnostic>& out = parsed.diagnostics;
  RecordBase base;
  base.file = rel_path;
  bool placed = place(kind, rel_path, base, out);

  YamlParse yaml = parse_yaml(bytes);
  for (auto& d : yaml.diagnostics) out.push_back(std::move(d));
  if (yaml.ok) {
    const YNode& root = yaml.root;
    scan_document_security(root, out);
    if (!root.is_map()) {
      Diagnostic d;
      d.rule = "S002";
      d.line = root.line;
      d.column = root.column;
      if (root.is_null()) {
        d.message = {"文件是空的，不是一条记录", "file is empty: not a record"};
      } else {
        d.message = {fmt::format("记录必须是映射（键: 值），而这里是{}", root.is_seq() ? "列表" : "单个值"),
                     fmt::format("a record must be a mapping (key: value), not a {}", root.is_seq() ? "list" : "single value")};
      }
      d.hint = {fmt::format("参照 pilot schema {} 或 docs/ 中的格式说明", kind_name(kind)),
                fmt::format("see `pilot schema {}` or the data format in docs/", kind_name(kind))};
      out.push_back(std::move(d));
    } else if (placed) {
      switch (kind) {
        case Kind::college: parsed.record = read_as<College>(root, std::move(base), out, read_college); break;
        case Kind::major: parsed.record = read_as<Major>(root, std::move(base), out, read_major); break;
        case Kind::certificate: parsed.record = read_as<Certificate>(root, std::move(base), out, read_certificate); break;
        case Kind::pilot:
          parsed.record = read_as<Pilot>(root, std::move(base), out, [&](RecordReader& r, Pilot& p) { read_pilot(r, p, out); });
          break;
        case Kind::quota_change:
          parsed.record = read_as<QuotaChange>(root, std::move(base), out, [&](RecordReader& r, QuotaChange& q) { read_quota_change(r, q, out); });
          break;
        case Kind::exam:
          parsed.record = read_as<Exam>(root, std::move(base), out, [&](RecordReader& r, Exam& e) { read_exam(r, e, out); });
          break;
        case Kind::report:
          parsed.record = read_as<Report>(root, std::move(base), out, [&](RecordReader& r, Report& rep) { read_report(r, rep, out); });
          break;
        case Kind::site: parsed.record = read_as<Site>(root, std::move(base), out, read_site); break;
        case Kind::fund: parsed.record = read_as<Fund>(root, std::move(base), out, read_fund); break;
      }
    }
  }
  for (auto& d : out) d.file = rel_path;
  return parsed;
}

}  // namespace pilot
