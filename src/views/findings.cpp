// FindingIndex, count_findings, file_in_year, count_by_rule, Percent and row identities.
#include <algorithm>
#include <cctype>
#include <map>

#include "view_common.hpp"

namespace pilot {

std::optional<Percent> Percent::of(long long part, long long whole) {
  if (whole <= 0) return std::nullopt;
  long long p = std::max(0LL, part);
  return Percent{(p * 2000 + whole) / (2 * whole)};
}

namespace views_detail {

PilotMajorId identify(const Repository& repo, const MajorProgress& row) {
  PilotMajorId who;
  who.major = row.major;
  if (const Major* m = repo.major(row.major); m != nullptr) {
    who.major_name = m->name.value;
    who.college = m->college.value;
    if (const College* c = repo.college(m->college.value); c != nullptr) who.college_name = c->name.value;
  }
  if (const Pilot* p = row.pilot; p != nullptr) {
    who.pilot = p->id.value;
    who.year = year_of(row);
    who.certificate = p->certificate.value;
    if (const Certificate* c = repo.certificate(p->certificate.value); c != nullptr) {
      who.certificate_name = c->name.value;
    }
    if (p->level.valid) who.level = p->level.value;
    who.lead = lead_major(*p) == row.major;
  }
  if (row.entry != nullptr) who.contact = row.entry->contact.value;
  return who;
}

}  // namespace views_detail

namespace {

template <class T>
int last_line(int line, const Located<T>& field) {
  return field.present ? std::max(line, field.pos.line) : line;
}

}  // namespace

FindingIndex::FindingIndex(const Repository& repo, const ProgressBook& book) {
  const auto& rows = book.rows();
  // pilot id -> lead row; (major, year) -> first row.
  std::unordered_map<std::string, std::size_t> lead;
  std::map<std::pair<std::string, int>, std::size_t> first_of_major;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MajorProgress& r = rows[i];
    if (r.pilot == nullptr) continue;
    const std::string& pid = r.pilot->id.value;
    bool is_lead = lead_major(*r.pilot) == r.major;
    if (lead.find(pid) == lead.end() || is_lead) lead[pid] = i;
    first_of_major.emplace(std::make_pair(r.major, views_detail::year_of(r)), i);
  }
  auto lead_of = [&](const std::string& pilot_id) -> std::optional<std::size_t> {
    auto it = lead.find(pilot_id);
    if (it == lead.end()) return std::nullopt;
    return it->second;
  };

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const MajorProgress& r = rows[i];
    if (r.pilot == nullptr) continue;
    FileRows& f = files_[r.pilot->file];
    f.fallback = lead_of(r.pilot->id.value);
    if (r.entry != nullptr) {
      int last = r.entry->pos.line;
      last = last_line(last, r.entry->major);
      last = last_line(last, r.entry->quota);
      last = last_line(last, r.entry->contact);
      f.spans.push_back({r.entry->pos.line, last, i});
    }
  }
  for (const Exam& e : repo.exams) {
    auto fallback = lead_of(e.pilot.value);
    if (!fallback) continue;
    FileRows& f = files_[e.file];
    f.fallback = fallback;
    for (const ExamResult& res : e.results.value) {
      const MajorProgress* row = book.find(e.pilot.value, res.major.value);
      if (row == nullptr) continue;
      int last = res.pos.line;
      for (const auto* field : {&res.registered, &res.attended, &res.passed}) last = last_line(last, *field);
      last = last_line(last, res.major);
      f.spans.push_back({res.pos.line, last, static_cast<std::size_t>(row - rows.data())});
    }
  }
  for (const QuotaChange& q : repo.quota_changes) {
    if (auto fallback = lead_of(q.pilot.value)) files_[q.file].fallback = fallback;
  }
  for (const Fund& fund : repo.funds) {
    if (!fund.pilot.valid) continue;
    if (auto fallback = lead_of(fund.pilot.value)) files_[fund.file].fallback = fallback;
  }
  for (const Report& rep : repo.reports) {
    if (const MajorProgress* row = book.find(rep.pilot.value, rep.major.value); row != nullptr) {
      files_[rep.file].fallback = static_cast<std::size_t>(row - rows.data());
      continue;
    }
    int year = rep.due.valid ? rep.due.value.year : rep.folder_year;
    auto it = first_of_major.find({rep.major.value, year});
    if (it != first_of_major.end()) files_[rep.file].fallback = it->second;
  }
}

std::optional<std::size_t> FindingIndex::row_of(const Diagnostic& d) const {
  auto it = files_.find(d.file);
  if (it == files_.end()) return std::nullopt;
  for (const Span& s : it->second.spans) {
    if (d.line >= s.first_line && d.line <= s.last_line) return s.row;
  }
  return it->second.fallback;
}

std::vector<FindingCounts> count_findings(const FindingIndex& index, std::size_t row_count,
                                          const std::vector<Diagnostic>& diagnostics) {
  std::vector<FindingCounts> counts(row_count);
  for (const Diagnostic& d : diagnostics) {
    auto row = index.row_of(d);
    if (!row || *row >= row_count) continue;
    if (d.severity == Severity::error) ++counts[*row].errors;
    if (d.severity == Severity::warning) ++counts[*row].warnings;
  }
  return counts;
}

bool file_in_year(const std::string& file, int year) {
  auto slash = file.find('/');
  if (slash == std::string::npos) return true;
  std::string_view folder(file.data(), slash);
  if (folder != "pilots" && folder != "quota-changes" && folder != "exams" && folder != "reports" &&
      folder != "funds") {
    return true;
  }
  auto next = file.find('/', slash + 1);
  if (next == std::string::npos) return true;
  std::string_view y(file.data() + slash + 1, next - slash - 1);
  if (y.empty() || !std::all_of(y.begin(), y.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return true;
  }
  return y == std::to_string(year);
}

std::vector<RuleCount> count_by_rule(const Analysis& analysis, int year) {
  std::map<std::string, RuleCount> by_rule;
  auto entry = [&](const std::string& rule) -> RuleCount& {
    RuleCount& c = by_rule[rule];
    c.rule = rule;
    return c;
  };
  for (const Diagnostic& d : analysis.diagnostics) {
    if (!file_in_year(d.file, year)) continue;
    if (d.severity == Severity::error) ++entry(d.rule).errors;
    if (d.severity == Severity::warning) ++entry(d.rule).warnings;
  }
  for (const Diagnostic& d : analysis.waived) {
    if (file_in_year(d.file, year)) ++entry(d.rule).waived;
  }
  std::vector<RuleCount> out;
  out.reserve(by_rule.size());
  for (auto& [rule, count] : by_rule) out.push_back(std::move(count));
  return out;
}

}  // namespace pilot
