// One file's bytes -> one record (parse_record): the kind's fields in the order of its table
// (include/pilot/fields.hpp), scalars read from the table, nested blocks by hand.
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "pilot/fields.hpp"
#include "pilot/repository.hpp"
#include "pilot/security.hpp"
#include "pilot/yaml.hpp"
#include "record_reader.hpp"
#include "repeated_majors.hpp"

namespace pilot {

namespace {

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

// ------------------------------------------------------------------ nested blocks, by hand

void read_majors(RecordReader& r, Pilot& p, std::vector<Diagnostic>& out) {
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
}

void read_accounts(RecordReader& r, Pilot& p, std::vector<Diagnostic>& out) {
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

void read_breakdown(RecordReader& r, QuotaChange& q, std::vector<Diagnostic>&) {
  const YNode* b = r.node("breakdown");
  if (b != nullptr && !b->is_null()) {
    q.breakdown.present = true;
    q.breakdown.pos = r.key_pos("breakdown");
    if (!b->is_map()) {
      r.problem(*b, {"“breakdown” 应为映射：“专业代码: 修改后指标”", "\"breakdown\" must be a mapping of major code to revised quota"},
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
}

void read_results(RecordReader& r, Exam& e, std::vector<Diagnostic>& out) {
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

void read_progress(RecordReader& r, Report& rep, std::vector<Diagnostic>& out) {
  const YNode* progress = r.node("progress");
  if (progress == nullptr || progress->is_null()) {
    rep.progress.pos = r.pos();
    YNode record;  // where the finding points when there is no key: the record
    record.line = r.pos().line;
    record.column = r.pos().column;
    r.problem(progress != nullptr ? *progress : record,
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
}

void read_sections(RecordReader& r, Report& rep, std::vector<Diagnostic>& out) {
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

// The hand-written reader of each block the tables declare.
struct BlockReader {
  Kind kind;
  std::string_view key;
  void (*read)(RecordReader&, RecordBase&, std::vector<Diagnostic>&);
};

template <class T, void (*Read)(RecordReader&, T&, std::vector<Diagnostic>&)>
void read_block_as(RecordReader& r, RecordBase& rec, std::vector<Diagnostic>& out) {
  Read(r, static_cast<T&>(rec), out);
}

constexpr BlockReader k_block_readers[] = {
    {Kind::pilot, "majors", read_block_as<Pilot, read_majors>},
    {Kind::pilot, "accounts", read_block_as<Pilot, read_accounts>},
    {Kind::quota_change, "breakdown", read_block_as<QuotaChange, read_breakdown>},
    {Kind::exam, "results", read_block_as<Exam, read_results>},
    {Kind::report, "progress", read_block_as<Report, read_progress>},
    {Kind::report, "sections", read_block_as<Report, read_sections>},
};

// ------------------------------------------------------------------ scalars, from the tables

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// Need::when decided: required when the named enum field (read before) holds one of the values.
Need need_of(const FieldSpec& f, std::span<const FieldSpec> fields, RecordBase& rec) {
  if (f.need != Need::when) return f.need;
  for (const FieldSpec& on : fields) {
    if (on.key != f.when.key || on.values == nullptr) continue;
    std::optional<std::size_t> index = enum_value(field_ref(on, rec));
    if (!index) return Need::optional;
    std::string_view name = on.values->values[*index].name;
    for (std::string_view v : f.when.values) {
      if (v == name) return Need::required;
    }
  }
  return Need::optional;
}

void read_scalar(RecordReader& r, const FieldSpec& f, RecordBase& rec, Need need) {
  std::string_view key = f.key;
  std::visit(Overloaded{
                 [](std::monostate) {},
                 [&](Located<std::string>* p) {
                   *p = f.type == FieldType::id           ? r.id(key, need)
                        : f.type == FieldType::major_code ? r.major_code(key, need)
                                                          : r.text(key, need);
                 },
                 [&](Located<int>* p) { *p = r.year(key, need); },
                 [&](Located<long long>* p) {
                   *p = f.type == FieldType::money ? r.money_fen(key, need)
                                                   : r.count(key, need, f.type == FieldType::quota);
                 },
                 [&](Located<bool>* p) {
                   if (f.type == FieldType::boolean) {
                     *p = r.boolean(key, need);
                     return;
                   }
                   // An enumeration kept as "is it the first value": other text is valid but
                   // false (a policy rule, not S002, reports it).
                   Located<std::string> t = r.text(key, need);
                   p->present = t.present;
                   p->pos = t.pos;
                   if (t.valid) {
                     p->value = enum_index(*f.values, t.value) == std::optional<std::size_t>(0);
                     p->valid = true;
                   }
                 },
                 [&](Located<Date>* p) { *p = r.date(key, need); },
                 [&](Located<std::vector<Level>>* p) { *p = r.levels(key, need); },
                 [&](auto p) {
                   using P = decltype(p);
                   if constexpr (std::is_pointer_v<P>) {
                     using E = decltype(std::remove_pointer_t<P>::value);
                     *p = r.enumeration<E>(key, need, *f.values);
                   } else {
                     // The text as written; the enum when it names one (a policy rule judges
                     // other text).
                     *p.text = r.text(key, need);
                     if (p.text->valid) {
                       if (auto i = enum_index(*f.values, p.text->value)) {
                         using E = decltype(p.value->value);
                         p.value->value = static_cast<E>(*i);
                         p.value->valid = p.value->present = true;
                         p.value->pos = p.text->pos;
                       }
                     }
                   }
                 },
             },
             f.ref(rec));
}

void read_fields(RecordReader& r, Kind kind, RecordBase& rec, std::vector<Diagnostic>& out) {
  std::span<const FieldSpec> fields = kind_spec(kind).fields;
  for (const FieldSpec& f : fields) {
    if (!f.is_block()) {
      read_scalar(r, f, rec, need_of(f, fields, rec));
      continue;
    }
    for (const BlockReader& b : k_block_readers) {
      if (b.kind == kind && b.key == f.key) b.read(r, rec, out);
    }
  }
}

template <class T>
AnyRecord read_as(Kind kind, const YNode& root, RecordBase&& placed, std::vector<Diagnostic>& out) {
  T rec;
  static_cast<RecordBase&>(rec) = std::move(placed);
  {
    RecordReader r(root, "", out);
    r.common(rec);
    read_fields(r, kind, rec, out);
  }
  return rec;
}

AnyRecord read_kind(Kind kind, const YNode& root, RecordBase&& base, std::vector<Diagnostic>& out) {
  switch (kind) {
    case Kind::college: return read_as<College>(kind, root, std::move(base), out);
    case Kind::major: return read_as<Major>(kind, root, std::move(base), out);
    case Kind::certificate: return read_as<Certificate>(kind, root, std::move(base), out);
    case Kind::pilot: return read_as<Pilot>(kind, root, std::move(base), out);
    case Kind::quota_change: return read_as<QuotaChange>(kind, root, std::move(base), out);
    case Kind::exam: return read_as<Exam>(kind, root, std::move(base), out);
    case Kind::report: return read_as<Report>(kind, root, std::move(base), out);
    case Kind::site: return read_as<Site>(kind, root, std::move(base), out);
    case Kind::fund: return read_as<Fund>(kind, root, std::move(base), out);
  }
  return College{};
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
        d.message = {fmt::format("记录必须是映射（“键: 值”），而这里是{}", root.is_seq() ? "列表" : "单个值"),
                     fmt::format("a record must be a mapping (key: value), not a {}", root.is_seq() ? "list" : "single value")};
      }
      d.hint = {fmt::format("参照 pilot schema {} 或 docs/ 中的格式说明", kind_name(kind)),
                fmt::format("see `pilot schema {}` or the data format in docs/", kind_name(kind))};
      out.push_back(std::move(d));
    } else if (placed) {
      parsed.record = read_kind(kind, root, std::move(base), out);
    }
  }
  for (auto& d : out) d.file = rel_path;
  return parsed;
}

AnyRecord read_record_node(Kind kind, const YNode& map, std::vector<Diagnostic>& out) {
  return read_kind(kind, map, RecordBase{}, out);
}

}  // namespace pilot
