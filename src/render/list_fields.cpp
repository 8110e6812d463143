// Every field of every kind for `pilot list`, in JSON, CSV and table form (docs/list-format.md):
// the kind's fields in the order of its table (include/pilot/fields.hpp), scalars from the
// table, nested blocks and the columns the repository adds (effective values) by hand.
// Missing or invalid values are null in JSON, empty in CSV and "—" in the table.
#include <fmt/format.h>

#include "list_fields.hpp"
#include "pilot/fields.hpp"
#include "pilot/rules.hpp"

namespace pilot::list_detail {

namespace {

constexpr const char* k_none = "—";

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// Adds fields to all three forms at once.
class Sink {
 public:
  explicit Sink(Fields& f) : f_(f) {}

  void json(const std::string& key, Json value) { f_.json[key] = std::move(value); }
  void csv(const std::string& column, std::string cell) { f_.csv.emplace_back(column, std::move(cell)); }
  void cell(Text header, std::string text, bool right = false, bool shrink = false) {
    f_.cells.push_back({std::move(header), text.empty() ? k_none : std::move(text), right, shrink});
  }

  // A scalar in JSON and CSV, and in the table when `header` is not empty.
  void scalar(const std::string& key, Json value, std::string text, const Text& header = {}, bool right = false,
              bool shrink = false) {
    json(key, std::move(value));
    csv(key, text);
    if (!header.empty()) cell(header, std::move(text), right, shrink);
  }

  void text(const std::string& key, const Located<std::string>& v, const Text& header = {}, bool shrink = false) {
    scalar(key, v.valid ? Json(v.value) : Json(nullptr), v.valid ? v.value : "", header, false, shrink);
  }
  template <class N>
  void number(const std::string& key, const Located<N>& v, const Text& header = {}) {
    scalar(key, v.valid ? Json(v.value) : Json(nullptr), v.valid ? std::to_string(v.value) : "", header, true);
  }
  void date(const std::string& key, const Located<Date>& v, const Text& header = {}) {
    scalar(key, v.valid ? Json(v.value.str()) : Json(nullptr), v.valid ? v.value.str() : "", header);
  }
  void boolean(const std::string& key, const Located<bool>& v, const Text& header = {}) {
    scalar(key, v.valid ? Json(v.value) : Json(nullptr), v.valid ? yes_no(v.value) : "", header);
  }
  template <class E>
  void enumeration(const std::string& key, const Located<E>& v, const char* (*name)(E), const Text& header = {}) {
    scalar(key, v.valid ? Json(name(v.value)) : Json(nullptr), v.valid ? name(v.value) : "", header);
  }

  // The path leads in JSON and CSV; the table shows it last (file_cell).
  void file(const RecordBase& r) {
    json("file", r.file);
    csv("file", r.file);
  }
  void file_cell(const RecordBase& r) { cell({"文件", "File"}, r.file, false, true); }

  // notes and waivers close every record.
  void notes_and_waivers(const RecordBase& r) {
    text(std::string(common_fields()[0].key), r.notes);
    Json waivers = Json::object();
    std::string flat;
    for (const auto& [rule, reason] : r.waivers) {
      if (waiver_problem(rule, reason)) continue;  // S002, waives nothing: not listed
      waivers[rule] = reason.value;
      flat += (flat.empty() ? "" : ";") + rule + ":" + reason.value;
    }
    json("waivers", std::move(waivers));
    csv("waivers", flat);
  }

 private:
  Fields& f_;
};

std::string optional_number(const Located<long long>& v) { return v.valid ? std::to_string(v.value) : ""; }
Json optional_json(const Located<long long>& v) { return v.valid ? Json(v.value) : Json(nullptr); }

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// A scalar field of the tables, in all three forms.
void scalar(const FieldSpec& f, const RecordBase& record, Sink& s) {
  const std::string key(f.key);
  const Text header = f.list.header.text();
  auto name = [&](std::size_t i) { return std::string(f.values->values[i].name); };
  // The tables bind members of a record; listing only reads them.
  FieldRef ref = field_ref(f, const_cast<RecordBase&>(record));
  std::visit(
      Overloaded{
          [](std::monostate) {},
          [&](Located<std::string>* v) { s.text(key, *v, header, f.list.shrink); },
          [&](Located<int>* v) { s.number(key, *v, header); },
          [&](Located<long long>* v) {
            if (f.type != FieldType::money) {
              s.number(key, *v, header);
              return;
            }
            // Yuan as a number (JSON) and with two decimals (CSV, table); the exact fen beside.
            std::string yuan;
            if (v->valid) yuan = fmt::format("{}.{:02}", v->value / 100, v->value % 100);
            s.scalar(key, v->valid ? Json(static_cast<double>(v->value) / 100.0) : Json(nullptr), yuan,
                     header, true);
            s.json(key + "_fen", optional_json(*v));
            s.csv(key + "_fen", optional_number(*v));
          },
          [&](Located<bool>* v) {
            if (f.type == FieldType::boolean) {
              s.boolean(key, *v, header);
              return;
            }
            // An enumeration kept as "is it the first value": any other text is "other".
            std::string text = !v->valid ? "" : v->value ? name(0) : "other";
            s.scalar(key, text.empty() ? Json(nullptr) : Json(text), text, header);
          },
          [&](Located<Date>* v) { s.date(key, *v, header); },
          [&](Located<std::vector<Level>>* v) {
            Json levels = nullptr;
            std::string flat;
            if (v->valid) {
              levels = Json::array();
              for (Level l : v->value) {
                levels.push_back(level_name(l));
                flat += (flat.empty() ? "" : ";") + std::string(level_name(l));
              }
            }
            s.scalar(key, std::move(levels), flat, header);
          },
          [&](auto v) {
            if constexpr (std::is_pointer_v<decltype(v)>) {
              std::string text = v->valid ? name(static_cast<std::size_t>(v->value)) : "";
              s.scalar(key, v->valid ? Json(text) : Json(nullptr), text, header);
            } else {
              // The enum's first spelling when the text names one, else the text as written.
              std::string text = v.value->valid ? name(static_cast<std::size_t>(v.value->value))
                                 : v.text->valid ? v.text->value
                                                 : "";
              s.scalar(key, v.text->present ? Json(text) : Json(nullptr), text, header);
            }
          },
      },
      ref);
}

// ---------------------------------------------------------------- nested blocks, by hand

void majors(const FieldSpec& f, const Pilot& r, const ListEntry& e, Sink& s) {
  Json majors = Json::array();
  std::string file_flat, effective_flat, contacts_flat, cell;
  const auto& entries = r.majors.value;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const PilotMajor& pm = entries[i];
    // Plain values rather than a copied optional: GCC 12 -O2 warns (falsely) about the latter.
    const bool has_effective = i < e.effective_quotas.size() && e.effective_quotas[i].has_value();
    const long long effective = has_effective ? e.effective_quotas[i].value() : 0;
    std::string code = pm.major.valid ? pm.major.value : "";
    std::string eff = has_effective ? std::to_string(effective) : "";
    majors.push_back(Json{{"major", pm.major.valid ? Json(code) : Json(nullptr)},
                          {"quota", optional_json(pm.quota)},
                          {"effective_quota", has_effective ? Json(effective) : Json(nullptr)},
                          {"contact", pm.contact.valid ? Json(pm.contact.value) : Json(nullptr)}});
    const char* sep = i == 0 ? "" : ";";
    file_flat += sep + code + ":" + optional_number(pm.quota);
    effective_flat += sep + code + ":" + eff;
    contacts_flat += sep + code + ":" + (pm.contact.valid ? pm.contact.value : "");
    std::string quota = optional_number(pm.quota);
    cell += (i == 0 ? "" : ", ") + code + ":" + (quota == eff ? quota : quota + "→" + eff);
  }
  s.json("majors", r.majors.valid ? std::move(majors) : Json(nullptr));
  s.csv("majors", file_flat);
  s.csv("effective_majors", effective_flat);
  s.csv("contacts", contacts_flat);
  s.cell(f.list.header.text(), cell, false, f.list.shrink);

  s.json("quota", e.quota);
  s.csv("quota", std::to_string(e.quota));
  s.json("effective_quota", e.effective_quota);
  s.csv("effective_quota", std::to_string(e.effective_quota));
  s.cell({"指标", "Quota"},
         e.quota == e.effective_quota ? std::to_string(e.quota) : fmt::format("{}→{}", e.quota, e.effective_quota),
         true);
  s.json("quota_changed", e.quota_changed);
  s.csv("quota_changed", yes_no(e.quota_changed));
}

void accounts(const FieldSpec&, const Pilot& r, const ListEntry&, Sink& s) {
  Json accounts = nullptr;
  if (r.accounts_present) {
    accounts = Json{{"admin", r.admin_account.valid ? Json(r.admin_account.value) : Json(nullptr)},
                    {"exam", r.exam_account.valid ? Json(r.exam_account.value) : Json(nullptr)}};
  }
  s.json("accounts", std::move(accounts));
  s.csv("admin_account", r.admin_account.valid ? r.admin_account.value : "");
  s.csv("exam_account", r.exam_account.valid ? r.exam_account.value : "");
}

void breakdown(const FieldSpec& f, const QuotaChange& r, const ListEntry&, Sink& s) {
  Json breakdown = nullptr;
  std::string flat;
  if (r.breakdown.valid) {
    breakdown = Json::object();
    for (const auto& [code, n] : r.breakdown.value) {
      breakdown[code.value] = optional_json(n);
      flat += (flat.empty() ? "" : ";") + code.value + ":" + optional_number(n);
    }
  }
  s.scalar("breakdown", std::move(breakdown), flat, f.list.header.text(), false, f.list.shrink);
}

void results(const FieldSpec& f, const Exam& r, const ListEntry&, Sink& s) {
  Json results = nullptr;
  std::string flat;
  if (r.results.valid) {
    results = Json::array();
    for (const ExamResult& x : r.results.value) {
      results.push_back(Json{{"major", x.major.valid ? Json(x.major.value) : Json(nullptr)},
                             {"registered", optional_json(x.registered)},
                             {"attended", optional_json(x.attended)},
                             {"passed", optional_json(x.passed)}});
      flat += fmt::format("{}{}:{}/{}/{}", flat.empty() ? "" : ";", x.major.valid ? x.major.value : "",
                          optional_number(x.registered), optional_number(x.attended), optional_number(x.passed));
    }
  }
  s.scalar("results", std::move(results), flat, f.list.header.text(), false, f.list.shrink);
}

void progress(const FieldSpec&, const Report& r, const ListEntry&, Sink& s) {
  const Progress& p = r.progress.value;
  std::pair<const char*, const Located<long long>*> counts[] = {
      {"trained", &p.trained}, {"registered", &p.registered}, {"attended", &p.attended}, {"passed", &p.passed}};
  Json progress = Json::object();
  for (const auto& [key, v] : counts) {
    progress[key] = optional_json(*v);
    s.csv(std::string("progress_") + key, optional_number(*v));
  }
  s.json("progress", r.progress.present ? std::move(progress) : Json(nullptr));
  s.cell({"培训", "Trained"}, optional_number(p.trained), true);
  s.cell({"参考", "Attended"}, optional_number(p.attended), true);
  s.cell({"通过", "Passed"}, optional_number(p.passed), true);
}

void sections(const FieldSpec&, const Report& r, const ListEntry&, Sink& s) {
  Json sections = Json::object();
  int filled = 0;
  for (const char* key : k_report_sections) {
    auto it = r.sections.value.find(key);
    bool has = it != r.sections.value.end() && it->second.valid;
    sections[key] = has ? Json(it->second.value) : Json(nullptr);
    s.csv(std::string("section_") + key, has ? it->second.value : "");
    if (has && !it->second.value.empty()) ++filled;
  }
  s.json("sections", r.sections.present ? std::move(sections) : Json(nullptr));
  s.cell({"五项数据", "Sections"}, fmt::format("{}/{}", filled, std::size(k_report_sections)), true);
}

// Columns of the repository's making beside the file's fields: after the field `after`
// ("" = before the first).
void pilot_lead(const RecordBase&, const ListEntry& e, Sink& s) {
  std::string lead = e.effective_lead;
  s.scalar("effective_lead_major", lead.empty() ? Json(nullptr) : Json(lead), lead, {"牵头专业", "Lead"});
}

void folder_year(const RecordBase& r, const ListEntry&, Sink& s) {
  s.scalar("year", r.folder_year != 0 ? Json(r.folder_year) : Json(nullptr),
           r.folder_year != 0 ? std::to_string(r.folder_year) : "", {"年度", "Year"}, true);
}

void in_effect(const RecordBase&, const ListEntry& e, Sink& s) {
  s.scalar("in_effect", e.in_effect, yes_no(e.in_effect), {"生效", "In effect"});
}

struct Derived {
  Kind kind;
  std::string_view after;
  void (*emit)(const RecordBase&, const ListEntry&, Sink&);
};

constexpr Derived k_derived[] = {
    {Kind::pilot, "lead_major", pilot_lead},
    {Kind::quota_change, "pilot", folder_year},
    {Kind::quota_change, "submitted", in_effect},
    {Kind::fund, "", folder_year},
};

// The hand-written listing of each block the tables declare.
struct BlockLister {
  Kind kind;
  std::string_view key;
  void (*emit)(const FieldSpec&, const RecordBase&, const ListEntry&, Sink&);
};

template <class T, void (*Emit)(const FieldSpec&, const T&, const ListEntry&, Sink&)>
void block_as(const FieldSpec& f, const RecordBase& r, const ListEntry& e, Sink& s) {
  Emit(f, static_cast<const T&>(r), e, s);
}

constexpr BlockLister k_block_listers[] = {
    {Kind::pilot, "majors", block_as<Pilot, majors>},
    {Kind::pilot, "accounts", block_as<Pilot, accounts>},
    {Kind::quota_change, "breakdown", block_as<QuotaChange, breakdown>},
    {Kind::exam, "results", block_as<Exam, results>},
    {Kind::report, "progress", block_as<Report, progress>},
    {Kind::report, "sections", block_as<Report, sections>},
};

void derived(Kind kind, std::string_view after, const RecordBase& r, const ListEntry& e, Sink& s) {
  for (const Derived& d : k_derived) {
    if (d.kind == kind && d.after == after) d.emit(r, e, s);
  }
}

template <class T>
Fields fields_of(Kind kind, const ListEntry* entry) {
  static const T k_empty{};
  static const ListEntry k_no_entry{};
  const T& record = entry != nullptr ? static_cast<const T&>(*entry->record) : k_empty;
  const ListEntry& e = entry != nullptr ? *entry : k_no_entry;
  Fields f;
  Sink s(f);
  s.file(record);
  derived(kind, "", record, e, s);
  for (const FieldSpec& field : kind_spec(kind).fields) {
    if (!field.is_block()) {
      scalar(field, record, s);
    } else {
      for (const BlockLister& b : k_block_listers) {
        if (b.kind == kind && b.key == field.key) b.emit(field, record, e, s);
      }
    }
    derived(kind, field.key, record, e, s);
  }
  s.notes_and_waivers(record);
  s.file_cell(record);
  return f;
}

}  // namespace

Fields list_fields(Kind kind, const ListEntry* entry) {
  switch (kind) {
    case Kind::college: return fields_of<College>(kind, entry);
    case Kind::major: return fields_of<Major>(kind, entry);
    case Kind::certificate: return fields_of<Certificate>(kind, entry);
    case Kind::pilot: return fields_of<Pilot>(kind, entry);
    case Kind::quota_change: return fields_of<QuotaChange>(kind, entry);
    case Kind::exam: return fields_of<Exam>(kind, entry);
    case Kind::report: return fields_of<Report>(kind, entry);
    case Kind::site: return fields_of<Site>(kind, entry);
    case Kind::fund: return fields_of<Fund>(kind, entry);
  }
  return {};
}

}  // namespace pilot::list_detail
