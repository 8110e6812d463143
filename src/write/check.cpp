// Validate before write: the same path as `pilot validate`, once without and once with the
// new file, and the errors that only the second run finds.
#include <map>
#include <tuple>

#include "pilot/rules.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

using Key = std::tuple<std::string, std::string, int, std::string>;

Key key_of(const Diagnostic& d, int line) { return {d.rule, d.file, line, d.message.en}; }

}  // namespace

int LineMap::map(int old_line) const {
  if (old_line <= 0 || new_line_of.empty()) return old_line;
  if (static_cast<std::size_t>(old_line) > new_line_of.size()) {
    // Past the last line: shifted as the last line was.
    int last = static_cast<int>(new_line_of.size());
    return old_line + (new_line_of.back() - last);
  }
  return new_line_of[static_cast<std::size_t>(old_line - 1)];
}

std::vector<Diagnostic> errors_added(Repository& repo, Kind kind, const std::string& rel, std::string_view text,
                                     const Date& as_of, const LineMap& lines) {
  AnalyzeOptions options;
  options.as_of = as_of;
  std::map<Key, int> before;
  for (const auto& d : analyze(repo, options).diagnostics) {
    if (d.severity != Severity::error) continue;
    ++before[key_of(d, d.file == rel ? lines.map(d.line) : d.line)];
  }

  remove_file(repo, kind, rel);
  add_parsed(repo, parse_record(kind, rel, text));
  repo.build_indexes();

  std::vector<Diagnostic> added;
  for (auto& d : analyze(repo, options).diagnostics) {
    if (d.severity != Severity::error) continue;
    auto it = before.find(key_of(d, d.line));
    if (it != before.end() && it->second > 0) {
      --it->second;
      continue;
    }
    added.push_back(std::move(d));
  }
  return added;
}

}  // namespace pilot
