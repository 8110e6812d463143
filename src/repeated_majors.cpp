#include "repeated_majors.hpp"

#include <map>
#include <string>

#include <fmt/format.h>

namespace pilot {

namespace {

template <class Entry>
void drop_repeated(std::vector<Entry>& entries, const char* list, std::vector<Diagnostic>& out) {
  std::map<std::string, int> first_line;  // major -> line of its first entry
  std::vector<Entry> kept;
  kept.reserve(entries.size());
  for (auto& e : entries) {
    if (!e.major.valid) {
      kept.push_back(std::move(e));
      continue;
    }
    auto [it, first] = first_line.try_emplace(e.major.value, e.major.pos.line);
    if (first) {
      kept.push_back(std::move(e));
      continue;
    }
    Diagnostic d;
    d.rule = "S002";
    d.line = e.major.pos.line;
    d.column = e.major.pos.column;
    d.message = {fmt::format("“{}” 中专业 {} 出现了两次（第一次在第 {} 行）", list, e.major.value,
                             it->second),
                 fmt::format("major {} appears twice in \"{}\" (first on line {})", e.major.value,
                             list, it->second)};
    d.hint = {
        fmt::format("每个专业只写一项：把两项合并为一项，删除第 {} 行这一项", e.major.pos.line),
        fmt::format("list each major once: merge the two entries and delete this one on line {}",
                    e.major.pos.line)};
    out.push_back(std::move(d));
  }
  entries = std::move(kept);
}

}  // namespace

void drop_repeated_majors(std::vector<PilotMajor>& majors, std::vector<Diagnostic>& out) {
  drop_repeated(majors, "majors", out);
}

void drop_repeated_majors(std::vector<ExamResult>& results, std::vector<Diagnostic>& out) {
  drop_repeated(results, "results", out);
}

}  // namespace pilot
