// pilot list: the records of one kind, filtered, with the effective values of pilots and
// quota changes taken from ProgressBook.
#include <algorithm>
#include <map>
#include <set>

#include "pilot/views.hpp"

namespace pilot {

namespace {

// What a record concerns, for --college and --major.
struct Concerns {
  std::set<std::string> colleges;
  std::set<std::string> majors;
};

// Indexes built once per list: majors by college, pilots by certificate.
class Relations {
 public:
  explicit Relations(const Repository& repo) : repo_(repo) {
    for (const Major& m : repo.majors) {
      if (m.id.valid && m.college.valid) majors_of_college_[m.college.value].push_back(m.id.value);
    }
    for (const Pilot& p : repo.pilots) {
      if (p.certificate.valid) pilots_of_certificate_[p.certificate.value].push_back(&p);
    }
  }

  void add_major(Concerns& c, const std::string& code) const {
    c.majors.insert(code);
    if (const Major* m = repo_.major(code); m != nullptr && m->college.valid) c.colleges.insert(m->college.value);
  }
  void add_college(Concerns& c, const std::string& college) const {
    c.colleges.insert(college);
    if (auto it = majors_of_college_.find(college); it != majors_of_college_.end()) {
      c.majors.insert(it->second.begin(), it->second.end());
    }
  }
  void add_pilot(Concerns& c, const Pilot& p) const {
    for (const PilotMajor& pm : p.majors.value) {
      if (pm.major.valid) add_major(c, pm.major.value);
    }
  }
  void add_pilot(Concerns& c, const Located<std::string>& id) const {
    if (!id.valid) return;
    if (const Pilot* p = repo_.pilot(id.value)) add_pilot(c, *p);
  }
  void add_certificate(Concerns& c, const std::string& certificate) const {
    if (auto it = pilots_of_certificate_.find(certificate); it != pilots_of_certificate_.end()) {
      for (const Pilot* p : it->second) add_pilot(c, *p);
    }
  }

 private:
  const Repository& repo_;
  std::map<std::string, std::vector<std::string>> majors_of_college_;
  std::map<std::string, std::vector<const Pilot*>> pilots_of_certificate_;
};

template <class T>
int year_or_folder(const Located<T>& field, int folder_year) {
  if constexpr (std::is_same_v<T, Date>) {
    if (field.valid) return field.value.year;
  } else {
    if (field.valid) return field.value;
  }
  return folder_year;
}

// The year of a record for --year; nullopt when the kind has none (every year matches).
// Certificates have in_year of their own: listed that year.
std::optional<int> year_of(const College&) { return std::nullopt; }
std::optional<int> year_of(const Major&) { return std::nullopt; }
std::optional<int> year_of(const Site&) { return std::nullopt; }
std::optional<int> year_of(const Pilot& p) { return year_or_folder(p.year, p.folder_year); }
std::optional<int> year_of(const QuotaChange& q) { return q.folder_year; }
std::optional<int> year_of(const Exam& e) { return year_or_folder(e.date, e.folder_year); }
std::optional<int> year_of(const Report& r) { return year_or_folder(r.due, r.folder_year); }
std::optional<int> year_of(const Fund& f) { return year_or_folder(f.date, f.folder_year); }

bool in_year(const Certificate& c, int year) {
  return c.listed_from.valid && c.listed_from.value <= year && (!c.listed_to.valid || year <= c.listed_to.value);
}
template <class T>
bool in_year(const T& record, int year) {
  auto y = year_of(record);
  return !y || *y == year;
}

void concerns_of(const Relations& rel, const College& r, Concerns& c) {
  if (r.id.valid) rel.add_college(c, r.id.value);
}
void concerns_of(const Relations&, const Major& r, Concerns& c) {
  if (r.id.valid) c.majors.insert(r.id.value);
  if (r.college.valid) c.colleges.insert(r.college.value);
}
void concerns_of(const Relations& rel, const Certificate& r, Concerns& c) {
  if (r.id.valid) rel.add_certificate(c, r.id.value);
}
void concerns_of(const Relations& rel, const Pilot& r, Concerns& c) { rel.add_pilot(c, r); }
void concerns_of(const Relations& rel, const QuotaChange& r, Concerns& c) { rel.add_pilot(c, r.pilot); }
void concerns_of(const Relations& rel, const Exam& r, Concerns& c) {
  rel.add_pilot(c, r.pilot);
  for (const ExamResult& result : r.results.value) {
    if (result.major.valid) rel.add_major(c, result.major.value);
  }
}
void concerns_of(const Relations& rel, const Report& r, Concerns& c) {
  if (r.major.valid) rel.add_major(c, r.major.value);
}
void concerns_of(const Relations& rel, const Site& r, Concerns& c) {
  if (r.college.valid) rel.add_college(c, r.college.value);
}
void concerns_of(const Relations& rel, const Fund& r, Concerns& c) {
  if (r.college.valid) c.colleges.insert(r.college.value);
  Concerns of_pilot;
  rel.add_pilot(of_pilot, r.pilot);
  if (!of_pilot.majors.empty()) {
    c.majors.insert(of_pilot.majors.begin(), of_pilot.majors.end());
  } else if (r.college.valid) {
    rel.add_college(c, r.college.value);
  }
}

// The effective values of a pilot: quotas after the change in effect, and its lead.
void fill_pilot(ListEntry& e, const Pilot& p, const ProgressBook& book) {
  e.quota = book.original_quota(p);
  for (const PilotMajor& pm : p.majors.value) {
    std::optional<long long> quota;
    if (pm.quota.valid) quota = pm.quota.value;
    const MajorProgress* row = p.id.valid && pm.major.valid ? book.find(p.id.value, pm.major.value) : nullptr;
    if (row != nullptr && row->pilot == &p && row->entry == &pm) {
      quota = row->quota;
      e.quota_changed = e.quota_changed || row->quota_changed;
    }
    if (quota) e.effective_quota += std::max(0LL, *quota);
    e.effective_quotas.push_back(quota);
  }
  if (p.lead_major.valid && !p.lead_major.value.empty()) {
    e.effective_lead = p.lead_major.value;
  } else if (p.majors.value.size() == 1 && p.majors.value.front().major.valid) {
    e.effective_lead = p.majors.value.front().major.value;
  }
}

template <class T>
void collect(const Repository& repo, const ProgressBook& book, const std::vector<T>& records,
             const ListFilter& filter, ListView& view) {
  std::optional<Relations> relations;
  if (!filter.college.empty() || !filter.major.empty()) relations.emplace(repo);
  for (const T& r : records) {
    if (filter.year != 0 && !in_year(r, filter.year)) continue;
    if (relations) {
      Concerns c;
      concerns_of(*relations, r, c);
      if (!filter.college.empty() && !c.colleges.contains(filter.college)) continue;
      if (!filter.major.empty() && !c.majors.contains(filter.major)) continue;
    }
    ListEntry e;
    e.record = &r;
    if constexpr (std::is_same_v<T, Pilot>) fill_pilot(e, r, book);
    if constexpr (std::is_same_v<T, QuotaChange>) e.in_effect = r.pilot.valid && book.quota_change(r.pilot.value) == &r;
    view.entries.push_back(std::move(e));
  }
}

}  // namespace

ListView compute_list(const Repository& repo, const ProgressBook& book, Kind kind, const ListFilter& filter) {
  ListView view;
  view.kind = kind;
  view.filter = filter;
  switch (kind) {
    case Kind::college: collect(repo, book, repo.colleges, filter, view); break;
    case Kind::major: collect(repo, book, repo.majors, filter, view); break;
    case Kind::certificate: collect(repo, book, repo.certificates, filter, view); break;
    case Kind::pilot: collect(repo, book, repo.pilots, filter, view); break;
    case Kind::quota_change: collect(repo, book, repo.quota_changes, filter, view); break;
    case Kind::exam: collect(repo, book, repo.exams, filter, view); break;
    case Kind::report: collect(repo, book, repo.reports, filter, view); break;
    case Kind::site: collect(repo, book, repo.sites, filter, view); break;
    case Kind::fund: collect(repo, book, repo.funds, filter, view); break;
  }
  std::stable_sort(view.entries.begin(), view.entries.end(),
                   [](const ListEntry& a, const ListEntry& b) { return a.record->file < b.record->file; });
  return view;
}

}  // namespace pilot
