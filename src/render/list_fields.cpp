// Every field of every kind for `pilot list`, in JSON, CSV and table form (docs/list-format.md).
// Missing or invalid values are null in JSON, empty in CSV and "—" in the table.
#include <fmt/format.h>

#include "list_fields.hpp"
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
    text("notes", r.notes);
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

void fields(const College& r, const ListEntry&, Sink& s) {
  s.text("id", r.id, {"代码", "ID"});
  s.text("name", r.name, {"名称", "Name"}, true);
  s.text("leader", r.leader, {"分管领导", "Leader"});
}

void fields(const Major& r, const ListEntry&, Sink& s) {
  s.text("id", r.id, {"专业代码", "Code"});
  s.text("name", r.name, {"名称", "Name"}, true);
  s.text("college", r.college, {"学院", "College"});
}

void fields(const Certificate& r, const ListEntry&, Sink& s) {
  s.text("id", r.id, {"代码", "ID"});
  s.text("name", r.name, {"名称", "Name"}, true);
  s.text("organization", r.organization, {"培训评价组织", "Organization"}, true);
  Json levels = nullptr;
  std::string flat;
  if (r.levels.valid) {
    levels = Json::array();
    for (Level l : r.levels.value) {
      levels.push_back(level_name(l));
      flat += (flat.empty() ? "" : ";") + std::string(level_name(l));
    }
  }
  s.scalar("levels", std::move(levels), flat, {"等级", "Levels"});
  s.number("listed_from", r.listed_from, {"列入自", "Listed from"});
  s.number("listed_to", r.listed_to, {"列入至", "Listed to"});
}

void fields(const Pilot& r, const ListEntry& e, Sink& s) {
  s.text("id", r.id, {"试点", "Pilot"});
  s.number("year", r.year, {"年度", "Year"});
  s.text("certificate", r.certificate, {"证书", "Certificate"});
  s.enumeration("level", r.level, level_name, {"等级", "Level"});
  s.enumeration("status", r.status, pilot_status_name, {"状态", "Status"});
  s.date("submitted", r.submitted);
  s.date("approved", r.approved, {"批准日期", "Approved"});
  s.date("rejected", r.rejected);
  s.text("lead_major", r.lead_major);
  std::string lead = e.effective_lead;
  s.scalar("effective_lead_major", lead.empty() ? Json(nullptr) : Json(lead), lead, {"牵头专业", "Lead"});

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
  s.cell({"专业:指标", "Majors:quota"}, cell, false, true);

  s.json("quota", e.quota);
  s.csv("quota", std::to_string(e.quota));
  s.json("effective_quota", e.effective_quota);
  s.csv("effective_quota", std::to_string(e.effective_quota));
  s.cell({"指标", "Quota"},
         e.quota == e.effective_quota ? std::to_string(e.quota) : fmt::format("{}→{}", e.quota, e.effective_quota),
         true);
  s.json("quota_changed", e.quota_changed);
  s.csv("quota_changed", yes_no(e.quota_changed));

  Json accounts = nullptr;
  if (r.accounts_present) {
    accounts = Json{{"admin", r.admin_account.valid ? Json(r.admin_account.value) : Json(nullptr)},
                    {"exam", r.exam_account.valid ? Json(r.exam_account.value) : Json(nullptr)}};
  }
  s.json("accounts", std::move(accounts));
  s.csv("admin_account", r.admin_account.valid ? r.admin_account.value : "");
  s.csv("exam_account", r.exam_account.valid ? r.exam_account.value : "");
  s.text("plan", r.plan);
}

void fields(const QuotaChange& r, const ListEntry& e, Sink& s) {
  s.text("pilot", r.pilot, {"试点", "Pilot"});
  s.scalar("year", r.folder_year != 0 ? Json(r.folder_year) : Json(nullptr),
           r.folder_year != 0 ? std::to_string(r.folder_year) : "", {"年度", "Year"}, true);
  s.text("certificate_name", r.certificate_name);
  s.enumeration("level", r.level, level_name);
  s.number("original", r.original, {"原指标", "Original"});
  s.number("revised", r.revised, {"修改后", "Revised"});
  Json breakdown = nullptr;
  std::string flat;
  if (r.breakdown.valid) {
    breakdown = Json::object();
    for (const auto& [code, n] : r.breakdown.value) {
      breakdown[code.value] = optional_json(n);
      flat += (flat.empty() ? "" : ";") + code.value + ":" + optional_number(n);
    }
  }
  s.scalar("breakdown", std::move(breakdown), flat, {"分专业", "Breakdown"}, false, true);
  s.text("reason", r.reason);
  s.text("initiated_by", r.initiated_by, {"发起专业", "Initiated by"});
  s.text("signed_by", r.signed_by, {"签字", "Signed by"});
  s.boolean("stamped", r.stamped, {"盖章", "Stamped"});
  s.date("submitted", r.submitted, {"提交日期", "Submitted"});
  s.scalar("in_effect", e.in_effect, yes_no(e.in_effect), {"生效", "In effect"});
}

void fields(const Exam& r, const ListEntry&, Sink& s) {
  s.text("id", r.id, {"批次", "Batch"});
  s.text("pilot", r.pilot, {"试点", "Pilot"});
  s.date("date", r.date, {"日期", "Date"});
  s.enumeration("status", r.status, exam_status_name, {"状态", "Status"});
  s.text("site", r.site, {"站点", "Site"});
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
  s.scalar("results", std::move(results), flat, {"结果 专业:报名/参考/通过", "Results major:reg/att/pass"}, false, true);
}

void fields(const Report& r, const ListEntry&, Sink& s) {
  s.text("major", r.major, {"专业", "Major"});
  s.text("pilot", r.pilot, {"试点", "Pilot"});
  s.date("due", r.due, {"填报日", "Due"});
  s.date("submitted", r.submitted, {"提交日期", "Submitted"});
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

void fields(const Site& r, const ListEntry&, Sink& s) {
  s.text("id", r.id, {"站点", "Site"});
  s.text("college", r.college, {"学院", "College"});
  s.text("organization", r.organization, {"培训评价组织", "Organization"}, true);
  std::string signatory = r.signatory.valid ? signatory_name(r.signatory.value)
                          : r.signatory_text.valid ? r.signatory_text.value
                                                   : "";
  s.scalar("signatory", r.signatory_text.present ? Json(signatory) : Json(nullptr), signatory, {"签约方", "Signatory"});
  std::string process = !r.non_procurement.valid ? "" : r.non_procurement.value ? "non-procurement" : "other";
  s.scalar("contract_process", process.empty() ? Json(nullptr) : Json(process), process);
  s.text("oa_ref", r.oa_ref, {"OA 编号", "OA ref"});
  s.date("signed", r.signed_on, {"签订日期", "Signed"});
}

void fields(const Fund& r, const ListEntry&, Sink& s) {
  s.scalar("year", r.folder_year != 0 ? Json(r.folder_year) : Json(nullptr),
           r.folder_year != 0 ? std::to_string(r.folder_year) : "", {"年度", "Year"}, true);
  s.text("id", r.id, {"编号", "ID"});
  s.date("date", r.date, {"日期", "Date"});
  s.text("college", r.college, {"学院", "College"});
  s.text("pilot", r.pilot, {"试点", "Pilot"});
  s.enumeration("direction", r.direction, direction_name, {"收支", "Direction"});
  s.enumeration("source", r.source, fund_source_name, {"来源", "Source"});
  s.enumeration("category", r.category, fund_category_name, {"类别", "Category"});
  std::string yuan;
  if (r.amount_fen.valid) yuan = fmt::format("{}.{:02}", r.amount_fen.value / 100, r.amount_fen.value % 100);
  s.scalar("amount", r.amount_fen.valid ? Json(static_cast<double>(r.amount_fen.value) / 100.0) : Json(nullptr), yuan,
           {"金额（元）", "Amount (yuan)"}, true);
  s.json("amount_fen", optional_json(r.amount_fen));
  s.csv("amount_fen", optional_number(r.amount_fen));
}

template <class T>
Fields fields_of(const ListEntry* entry) {
  static const T k_empty{};
  static const ListEntry k_no_entry{};
  const T& record = entry != nullptr ? static_cast<const T&>(*entry->record) : k_empty;
  Fields f;
  Sink s(f);
  s.file(record);
  fields(record, entry != nullptr ? *entry : k_no_entry, s);
  s.notes_and_waivers(record);
  s.file_cell(record);
  return f;
}

}  // namespace

Fields list_fields(Kind kind, const ListEntry* entry) {
  switch (kind) {
    case Kind::college: return fields_of<College>(entry);
    case Kind::major: return fields_of<Major>(entry);
    case Kind::certificate: return fields_of<Certificate>(entry);
    case Kind::pilot: return fields_of<Pilot>(entry);
    case Kind::quota_change: return fields_of<QuotaChange>(entry);
    case Kind::exam: return fields_of<Exam>(entry);
    case Kind::report: return fields_of<Report>(entry);
    case Kind::site: return fields_of<Site>(entry);
    case Kind::fund: return fields_of<Fund>(entry);
  }
  return {};
}

}  // namespace pilot::list_detail
