// pilot list: the records of one kind, filtered, with the effective values of pilots and
// quota changes taken from ProgressBook.
#include <algorithm>
#include <map>

#include "pilot/views.hpp"

namespace pilot {

namespace {

// Whether a record concerns the wanted college and major (--college, --major; "" = any).
// Each test is a look-up or a walk over one pilot's majors: listing stays linear.
class Concerns {
 public:
  Concerns(const Repository& repo, const ListFilter& filter) : repo_(repo), college_(filter.college), major_(filter.major) {
    if (!college_.empty() || !major_.empty()) {
      for (const Pilot& p : repo.pilots) {
        if (p.certificate.valid) pilots_of_certificate_[p.certificate.value].push_back(&p);
      }
    }
  }

  bool operator()(const College& r) const { return college_is(r.id) && (major_.empty() || same(college_of_major(), r.id)); }
  bool operator()(const Major& r) const { return college_is(r.college) && (major_.empty() || is(r.id, major_)); }
  bool operator()(const Certificate& r) const {
    if (college_.empty() && major_.empty()) return true;
    bool college = college_.empty(), major = major_.empty();
    if (auto it = r.id.valid ? pilots_of_certificate_.find(r.id.value) : pilots_of_certificate_.end();
        it != pilots_of_certificate_.end()) {
      for (const Pilot* p : it->second) {
        college = college || pilot_in_college(p);
        major = major || pilot_has_major(p);
      }
    }
    return college && major;
  }
  bool operator()(const Pilot& r) const {
    return (college_.empty() || pilot_in_college(&r)) && (major_.empty() || pilot_has_major(&r));
  }
  bool operator()(const QuotaChange& r) const {
    return (college_.empty() && major_.empty()) || (*this)(pilot_of(r.pilot));
  }
  bool operator()(const Exam& r) const {
    const Pilot* p = pilot_of(r.pilot);
    bool college = college_.empty() || pilot_in_college(p), major = major_.empty() || pilot_has_major(p);
    for (const ExamResult& x : r.results.value) {
      college = college || major_in_college(x.major);
      major = major || is(x.major, major_);
    }
    return college && major;
  }
  bool operator()(const Report& r) const {
    return (college_.empty() || major_in_college(r.major)) && (major_.empty() || is(r.major, major_));
  }
  bool operator()(const Site& r) const { return college_is(r.college) && (major_.empty() || same(college_of_major(), r.college)); }
  bool operator()(const Fund& r) const {
    if (!college_is(r.college)) return false;
    if (major_.empty()) return true;
    const Pilot* p = pilot_of(r.pilot);
    if (p != nullptr && !p->majors.value.empty()) return pilot_has_major(p);
    return same(college_of_major(), r.college);
  }

 private:
  static bool is(const Located<std::string>& field, const std::string& id) { return field.valid && field.value == id; }
  static bool same(const Located<std::string>& a, const Located<std::string>& b) { return a.valid && is(b, a.value); }
  bool college_is(const Located<std::string>& college) const { return college_.empty() || is(college, college_); }
  bool major_in_college(const Located<std::string>& code) const {
    const Major* m = code.valid ? repo_.major(code.value) : nullptr;
    return m != nullptr && is(m->college, college_);
  }
  // The wanted major's college (an invalid field when it is unknown).
  Located<std::string> college_of_major() const {
    const Major* m = repo_.major(major_);
    return m != nullptr ? m->college : Located<std::string>{};
  }
  const Pilot* pilot_of(const Located<std::string>& id) const { return id.valid ? repo_.pilot(id.value) : nullptr; }
  bool pilot_in_college(const Pilot* p) const {
    if (p == nullptr) return false;
    for (const PilotMajor& pm : p->majors.value) {
      if (major_in_college(pm.major)) return true;
    }
    return false;
  }
  bool pilot_has_major(const Pilot* p) const {
    if (p == nullptr) return false;
    for (const PilotMajor& pm : p->majors.value) {
      if (is(pm.major, major_)) return true;
    }
    return false;
  }
  // A quota change of an unknown pilot concerns no college or major.
  bool operator()(const Pilot* p) const { return p != nullptr && (*this)(*p); }

  const Repository& repo_;
  const std::string& college_;
  const std::string& major_;
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
std::optional<int> year_of(const Fund& f) { return fund_year(f); }

bool in_year(const Certificate& c, int year) {
  return c.listed_from.valid && c.listed_from.value <= year && (!c.listed_to.valid || year <= c.listed_to.value);
}
template <class T>
bool in_year(const T& record, int year) {
  auto y = year_of(record);
  return !y || *y == year;
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
  e.effective_lead = lead_major(p).value_or("");
}

template <class T>
void collect(const Repository& repo, const ProgressBook& book, const std::vector<T>& records,
             const ListFilter& filter, ListView& view) {
  const Concerns concerns(repo, filter);
  for (const T& r : records) {
    if (filter.year != 0 && !in_year(r, filter.year)) continue;
    if (!concerns(r)) continue;
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
