// `pilot set KIND ID`: which file holds the record, and the diff its --dry-run prints.
#include <algorithm>

#include <fmt/format.h>

#include "lines.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

// Calls f(base, id) for each record of `kind`, id as `set` names it.
template <class F>
void each_record(const Repository& repo, Kind kind, F f) {
  auto all = [&](const auto& records) {
    for (const auto& r : records) {
      const RecordBase& base = r;
      std::string id = kind == Kind::report ? base.folder_major + "/" + base.stem : base.stem;
      f(base, id);
    }
  };
  switch (kind) {
    case Kind::college: all(repo.colleges); break;
    case Kind::major: all(repo.majors); break;
    case Kind::certificate: all(repo.certificates); break;
    case Kind::pilot: all(repo.pilots); break;
    case Kind::quota_change: all(repo.quota_changes); break;
    case Kind::exam: all(repo.exams); break;
    case Kind::report: all(repo.reports); break;
    case Kind::site: all(repo.sites); break;
    case Kind::fund: all(repo.funds); break;
  }
}

}  // namespace

std::vector<std::string> record_files(const Repository& repo, Kind kind, std::string_view id) {
  std::vector<std::string> out;
  each_record(repo, kind, [&](const RecordBase& r, const std::string& rid) {
    if (rid == id || r.file == id) out.push_back(r.file);
  });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> record_ids(const Repository& repo, Kind kind) {
  std::vector<std::string> out;
  each_record(repo, kind, [&](const RecordBase&, const std::string& rid) { out.push_back(rid); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string line_diff(std::string_view before, std::string_view after, const std::string& rel) {
  std::vector<lines::Line> a = lines::split(before).lines;
  std::vector<lines::Line> b = lines::split(after).lines;
  const std::size_t n = a.size(), m = b.size();
  // Longest common subsequence of whole lines (line ends included): record files are small.
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      bool same = a[i].content == b[j].content && a[i].eol == b[j].eol;
      lcs[i][j] = same ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", rel, rel);
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i].content == b[j].content && a[i].eol == b[j].eol) {
      ++i, ++j;
      continue;
    }
    // One hunk: everything up to the next common line.
    std::size_t i0 = i, j0 = j;
    std::string minus, plus;
    while (i < n || j < m) {
      bool same = i < n && j < m && a[i].content == b[j].content && a[i].eol == b[j].eol;
      if (same) break;
      if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        plus += "+" + b[j].content + "\n";
        ++j;
      } else {
        minus += "-" + a[i].content + "\n";
        ++i;
      }
    }
    // Unified-diff ranges without context: "start,count", start is the line before when empty.
    auto range = [](std::size_t from, std::size_t count) {
      return fmt::format("{},{}", count == 0 ? from : from + 1, count);
    };
    out += fmt::format("@@ -{} +{} @@\n", range(i0, i - i0), range(j0, j - j0)) + minus + plus;
  }
  return out;
}

}  // namespace pilot
