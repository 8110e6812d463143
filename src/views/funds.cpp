// pilot funds: income and expense per college by category and source, the balance, and the
// findings (R402, R403 ...) beside the entries they concern (SPEC §4).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "view_common.hpp"

namespace pilot {

int fund_year(const Fund& fund) {
  return fund.date.valid ? fund.date.value.year : fund.folder_year;
}

void FundSum::add(const Fund& f) {
  if (!f.direction.valid || !f.amount_fen.valid) return;
  (f.direction.value == Direction::income ? income_fen : expense_fen) += f.amount_fen.value;
  ++entries;
}

namespace {

// Sums keyed by an optional enum, in the enum's order with nullopt last.
template <class E>
void add_to(std::vector<std::pair<std::optional<E>, FundSum>>& sums, const Located<E>& key,
            const Fund& f) {
  std::optional<E> k;
  if (key.valid) k = key.value;
  auto it = std::find_if(sums.begin(), sums.end(), [&](const auto& p) { return p.first == k; });
  if (it == sums.end()) {
    sums.emplace_back(k, FundSum{});
    it = std::prev(sums.end());
  }
  it->second.add(f);
  std::stable_sort(sums.begin(), sums.end(), [](const auto& a, const auto& b) {
    if (a.first.has_value() != b.first.has_value()) return a.first.has_value();
    return a.first.has_value() && *a.first < *b.first;
  });
}

void add_entry(FundsCollege& c, const FundEntryRow& row) {
  const Fund& f = *row.fund;
  c.sum.add(f);
  add_to(c.by_category, f.category, f);
  add_to(c.by_source, f.source, f);
  for (const Diagnostic* d : row.findings) {
    if (d->severity == Severity::error) ++c.findings.errors;
    if (d->severity == Severity::warning) ++c.findings.warnings;
  }
}

}  // namespace

FundsView compute_funds(const Repository& repo, const Analysis& analysis, const Date& as_of,
                        const FundsFilter& filter) {
  FundsView view;
  view.head = masthead(repo.config, as_of);
  view.as_of = as_of;
  view.filter = filter;

  std::unordered_map<std::string, std::vector<const Diagnostic*>> by_file;
  for (const Diagnostic& d : analysis.diagnostics) {
    if (d.file.starts_with("funds/")) by_file[d.file].push_back(&d);
  }
  for (const Fund& f : repo.funds) {
    if (filter.year != 0 && fund_year(f) != filter.year) continue;
    const std::string college = f.college.valid ? f.college.value : "";
    if (!filter.college.empty() && college != filter.college) continue;
    FundEntryRow row;
    row.fund = &f;
    if (const College* c = repo.college(college); c != nullptr) row.college_name = c->name.value;
    if (auto it = by_file.find(f.file); it != by_file.end()) row.findings = it->second;
    view.entries.push_back(std::move(row));
  }
  std::stable_sort(view.entries.begin(), view.entries.end(),
                   [](const FundEntryRow& a, const FundEntryRow& b) {
                     const Fund &x = *a.fund, &y = *b.fund;
                     if (x.date.valid != y.date.valid) return x.date.valid;
                     if (x.date.valid && x.date.value != y.date.value)
                       return x.date.value < y.date.value;
                     return x.file < y.file;
                   });

  std::map<std::string, FundsCollege> colleges;
  for (const FundEntryRow& row : view.entries) {
    // An entry whose college is not in the repository is summed under the unknown college.
    const bool known =
        !row.college_name.empty() || repo.college(row.fund->college.value) != nullptr;
    const std::string id = known && row.fund->college.valid ? row.fund->college.value : "";
    FundsCollege& c = colleges[id];
    c.college = id;
    c.college_name = row.college_name;
    add_entry(c, row);
    add_entry(view.total, row);
  }
  for (auto& [id, c] : colleges) {
    if (!id.empty()) view.colleges.push_back(std::move(c));
  }
  if (auto it = colleges.find(""); it != colleges.end())
    view.colleges.push_back(std::move(it->second));
  return view;
}

}  // namespace pilot
