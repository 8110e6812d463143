// Defaults that save typing in `pilot add`: taken from the repository, never guessed.
#include <algorithm>
#include <fmt/format.h>

#include "pilot/calendar.hpp"
#include "pilot/progress.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

template <class T>
void set(Located<T>& field, T value) {
  field.value = std::move(value);
  field.present = field.valid = true;
}

}  // namespace

int quota_change_year(const QuotaChange& change, const Repository& repo, const Date& as_of) {
  const Pilot* p = change.pilot.present ? repo.pilot(change.pilot.value) : nullptr;
  return p != nullptr && p->year.valid ? p->year.value : as_of.year;
}

void fill_quota_change_defaults(QuotaChange& change, const Repository& repo, const Date& as_of, const std::string& rel) {
  if (!change.submitted.present) set(change.submitted, as_of);
  const Pilot* p = change.pilot.present ? repo.pilot(change.pilot.value) : nullptr;
  if (p == nullptr) return;
  if (!change.certificate_name.present && p->certificate.valid) {
    if (const Certificate* c = repo.certificate(p->certificate.value); c != nullptr && c->name.valid) {
      set(change.certificate_name, c->name.value);
    }
  }
  if (!change.level.present && p->level.valid) set(change.level, p->level.value);
  if (!change.original.present) {
    ProgressBook book(repo, as_of);
    std::optional<long long> current;
    for (const QuotaChange* q : book.quota_changes_of(p->id.value)) {
      if (q->file != rel && q->revised.valid) current = q->revised.value;  // ordered: the last wins
    }
    set(change.original, current ? *current : book.original_quota(*p));
  }
}

Text fill_report_defaults(Report& report, const Repository& repo, const Date& as_of) {
  if (!report.submitted.present) set(report.submitted, as_of);
  if (!report.due.present) {
    auto due = latest_due_date(repo.config, as_of);
    if (!due) {
      return {fmt::format("{} 之前没有双周报截止日（pilot.toml 缺少 [calendar.{}]？）：请用 --due 指定", as_of.str(), as_of.year),
              fmt::format("there is no report due date on or before {} (does pilot.toml lack [calendar.{}]?): give --due",
                          as_of.str(), as_of.year)};
    }
    set(report.due, *due);
  }
  if (!report.pilot.present && report.major.present) {
    ProgressBook book(repo, as_of);
    auto pilots = book.pilots_of(report.major.value, report.due.value.year);
    if (pilots.empty()) {
      return {fmt::format("专业 {} 在 {} 年没有已批准的试点：请用 --pilot 指定", report.major.value, report.due.value.year),
              fmt::format("major {} is in no approved pilot of {}: give --pilot", report.major.value, report.due.value.year)};
    }
    set(report.pilot, pilots.front()->id.value);
  }
  return {};
}

void fill_fund_defaults(Fund& fund, const Repository& repo) {
  if (fund.id.present || !fund.date.valid) return;
  const int year = fund.date.value.year;
  long long last = 0;
  std::size_t width = 4;
  for (const Fund& f : repo.funds) {
    if (f.folder_year != year) continue;
    const std::string& id = f.stem;
    if (id.empty() || id.size() > 12 || id.find_first_not_of("0123456789") != std::string::npos) continue;
    last = std::max(last, std::stoll(id));
    width = std::max(width, id.size());
  }
  set(fund.id, fmt::format("{:0{}}", last + 1, width));
}

}  // namespace pilot
