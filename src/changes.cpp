#include "pilot/changes.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace pilot {

namespace {

// Drops from `now` one finding for each of `before` that is the same: rule, file and message
// agree. A finding at the very same place is matched first, so that of three findings where
// there were two, the one at a new place is the one kept.
void drop_known(std::vector<Diagnostic>& now, const std::vector<Diagnostic>& before) {
  using Key = std::tuple<const std::string&, const std::string&, const std::string&,
                         const std::string&>;
  auto key = [](const Diagnostic& d) { return Key{d.rule, d.file, d.message.en, d.message.zh}; };
  std::map<Key, std::size_t> unmatched;  // before's findings not yet matched, by key
  std::map<std::tuple<Key, int, int>, std::size_t> at_place;
  for (const auto& d : before) {
    ++unmatched[key(d)];
    ++at_place[{key(d), d.line, d.column}];
  }
  std::vector<char> known(now.size(), 0);
  for (std::size_t i = 0; i < now.size(); ++i) {
    auto it = at_place.find({key(now[i]), now[i].line, now[i].column});
    if (it == at_place.end() || it->second == 0) continue;
    --it->second;
    --unmatched[key(now[i])];
    known[i] = 1;
  }
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (known[i]) continue;
    auto it = unmatched.find(key(now[i]));
    if (it == unmatched.end() || it->second == 0) continue;
    --it->second;
    known[i] = 1;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (known[i]) continue;
    if (kept != i) now[kept] = std::move(now[i]);
    ++kept;
  }
  now.resize(kept);
}

}  // namespace

void keep_new_findings(Analysis& now, const Analysis& before) {
  drop_known(now.diagnostics, before.diagnostics);
  drop_known(now.waived, before.waived);
  auto count = [&](Severity s) {
    return static_cast<int>(std::count_if(now.diagnostics.begin(), now.diagnostics.end(),
                                          [&](const Diagnostic& d) { return d.severity == s; }));
  };
  now.errors = count(Severity::error);
  now.warnings = count(Severity::warning);
}

}  // namespace pilot
