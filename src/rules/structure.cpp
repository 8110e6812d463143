// S003, S004, S006, S007: what makes the repository's records fit together.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "checks.hpp"

namespace pilot::checks {

namespace {

template <class T>
void duplicates_of(const std::vector<T>& records, Kind kind, std::vector<Diagnostic>& out,
                   bool per_year = false) {
  std::unordered_map<std::string, const T*> first;
  for (const auto& r : records) {
    if (!r.id.valid) continue;
    std::string key = per_year ? fmt::format("{}/{}", r.folder_year, r.id.value) : r.id.value;
    auto [it, inserted] = first.emplace(key, &r);
    if (inserted) continue;
    out.push_back(make_diagnostic(
        "S003", r.file, r.id.pos.line, r.id.pos.column,
        {fmt::format("{}编号 “{}” 重复，已在 {} 中使用", kind_name_zh(kind), r.id.value, it->second->file),
         fmt::format("duplicate {} id \"{}\": already used by {}", kind_name(kind), r.id.value, it->second->file)},
        {"每个编号只能用一次：改用新的编号（并同步修改文件名）", "each id is used once: pick a new id (and rename the file to match)"}));
  }
}

void unknown(std::vector<Diagnostic>& out, const std::string& file, const Pos& pos, Kind kind, const std::string& key,
             const std::string& value, const std::string& guess) {
  std::string command = fmt::format("pilot list {}", kind_name(kind));
  Text hint{fmt::format("检查拼写，或先添加该{}（运行 {} 查看已有的）", kind_name_zh(kind), command),
            fmt::format("check the spelling, or add that {} first (`{}` lists them)", kind_name(kind), command)};
  if (!guess.empty()) {
    hint = {fmt::format("是不是想写 “{}”？", guess) + hint.zh, fmt::format("did you mean \"{}\"? ", guess) + hint.en};
  }
  out.push_back(make_diagnostic(
      "S004", file, pos.line, pos.column,
      {fmt::format("“{}” 引用了不存在的{} “{}”", key, kind_name_zh(kind), value),
       fmt::format("\"{}\" refers to an unknown {} \"{}\"", key, kind_name(kind), value)},
      std::move(hint)));
}

// The known id closest to a mistyped one ("xinix" -> "xinxi"), else "".
std::string closest_id(const Repository& repo, Kind kind, const std::string& value) {
  const std::unordered_map<std::string, std::size_t>* index =
      kind == Kind::college       ? &repo.college_index
      : kind == Kind::major       ? &repo.major_index
      : kind == Kind::certificate ? &repo.certificate_index
      : kind == Kind::pilot       ? &repo.pilot_index
      : kind == Kind::site        ? &repo.site_index
                                  : nullptr;
  if (index == nullptr) return {};
  std::vector<std::string_view> ids;
  for (const auto& [id, at] : *index) ids.push_back(id);
  std::sort(ids.begin(), ids.end());  // the same guess on every run
  return closest_match(value, ids);
}

void ref(const Repository& repo, std::vector<Diagnostic>& out, const std::string& file, Kind kind,
         const Located<std::string>& field, const std::string& key) {
  if (field.valid && !repo.knows(kind, field.value)) {
    unknown(out, file, field.pos, kind, key, field.value, closest_id(repo, kind, field.value));
  }
}

void mismatch(std::vector<Diagnostic>& out, const std::string& file, const Pos& pos, Text message) {
  out.push_back(make_diagnostic("S006", file, pos.line, pos.column, std::move(message),
                                {"让文件名、文件夹与内容一致：改内容，或用 git mv 移动/重命名文件",
                                 "make the file's name and folder agree with its content: fix the value, or git mv the file"}));
}

template <class T>
void id_matches_stem(const std::vector<T>& records, std::vector<Diagnostic>& out) {
  for (const auto& r : records) {
    if (r.id.valid && r.id.value != r.stem) {
      mismatch(out, r.file, r.id.pos,
               {fmt::format("编号 “{}” 与文件名 “{}” 不一致", r.id.value, r.stem),
                fmt::format("id \"{}\" differs from the file name \"{}\"", r.id.value, r.stem)});
    }
  }
}

void year_matches(std::vector<Diagnostic>& out, const RecordBase& r, const Pos& pos, int year, const char* what_zh,
                  const char* what_en) {
  if (r.folder_year != 0 && year != r.folder_year) {
    mismatch(out, r.file, pos,
             {fmt::format("{}是 {} 年，但文件在 {} 年的文件夹中", what_zh, year, r.folder_year),
              fmt::format("{} is in {}, but the file is in the {} folder", what_en, year, r.folder_year)});
  }
}

}  // namespace

void s003_duplicate_ids(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  duplicates_of(repo.colleges, Kind::college, out);
  duplicates_of(repo.majors, Kind::major, out);
  duplicates_of(repo.certificates, Kind::certificate, out);
  duplicates_of(repo.pilots, Kind::pilot, out);
  duplicates_of(repo.exams, Kind::exam, out);
  duplicates_of(repo.sites, Kind::site, out);
  duplicates_of(repo.funds, Kind::fund, out, true);
}

void s004_unknown_references(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& m : repo.majors) ref(repo, out, m.file, Kind::college, m.college, "college");
  for (const auto& p : repo.pilots) {
    ref(repo, out, p.file, Kind::certificate, p.certificate, "certificate");
    ref(repo, out, p.file, Kind::major, p.lead_major, "lead_major");
    for (const auto& pm : p.majors.value) ref(repo, out, p.file, Kind::major, pm.major, "majors.major");
  }
  for (const auto& q : repo.quota_changes) {
    ref(repo, out, q.file, Kind::pilot, q.pilot, "pilot");
    ref(repo, out, q.file, Kind::major, q.initiated_by, "initiated_by");
    for (const auto& [code, n] : q.breakdown.value) ref(repo, out, q.file, Kind::major, code, "breakdown");
  }
  for (const auto& e : repo.exams) {
    ref(repo, out, e.file, Kind::pilot, e.pilot, "pilot");
    ref(repo, out, e.file, Kind::site, e.site, "site");
    for (const auto& r : e.results.value) ref(repo, out, e.file, Kind::major, r.major, "results.major");
  }
  for (const auto& r : repo.reports) {
    ref(repo, out, r.file, Kind::major, r.major, "major");
    ref(repo, out, r.file, Kind::pilot, r.pilot, "pilot");
  }
  for (const auto& s : repo.sites) ref(repo, out, s.file, Kind::college, s.college, "college");
  for (const auto& f : repo.funds) {
    ref(repo, out, f.file, Kind::college, f.college, "college");
    ref(repo, out, f.file, Kind::pilot, f.pilot, "pilot");
  }
}

void s006_location(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  id_matches_stem(repo.colleges, out);
  id_matches_stem(repo.majors, out);
  id_matches_stem(repo.certificates, out);
  id_matches_stem(repo.pilots, out);
  id_matches_stem(repo.exams, out);
  id_matches_stem(repo.sites, out);
  id_matches_stem(repo.funds, out);
  for (const auto& p : repo.pilots) {
    if (p.year.valid) year_matches(out, p, p.year.pos, p.year.value, "试点年度", "the pilot's year");
  }
  for (const auto& e : repo.exams) {
    if (e.date.valid) year_matches(out, e, e.date.pos, e.date.value.year, "考试日期", "the exam date");
  }
  for (const auto& f : repo.funds) {
    if (f.date.valid) year_matches(out, f, f.date.pos, f.date.value.year, "收支日期", "the entry's date");
  }
  for (const auto& q : repo.quota_changes) {
    if (!q.pilot.valid) continue;
    if (q.pilot.value != q.stem) {
      mismatch(out, q.file, q.pilot.pos,
               {fmt::format("试点 “{}” 与文件名 “{}” 不一致（指标修改申请以试点编号命名）", q.pilot.value, q.stem),
                fmt::format("pilot \"{}\" differs from the file name \"{}\" (a quota change is named after its pilot)", q.pilot.value, q.stem)});
    }
    if (const Pilot* p = repo.pilot(q.pilot.value); p != nullptr && p->year.valid) {
      year_matches(out, q, q.pilot.pos, p->year.value, "所属试点的年度", "its pilot's year");
    }
  }
  for (const auto& r : repo.reports) {
    if (r.due.valid) {
      if (r.due.value.str() != r.stem) {
        mismatch(out, r.file, r.due.pos,
                 {fmt::format("应报日期 {} 与文件名 “{}” 不一致", r.due.value.str(), r.stem),
                  fmt::format("due date {} differs from the file name \"{}\"", r.due.value.str(), r.stem)});
      }
      year_matches(out, r, r.due.pos, r.due.value.year, "应报日期", "the due date");
    }
    if (r.major.valid && r.major.value != r.folder_major) {
      mismatch(out, r.file, r.major.pos,
               {fmt::format("专业 “{}” 的双周报放在了专业 “{}” 的文件夹中", r.major.value, r.folder_major),
                fmt::format("a report of major \"{}\" is in the folder of major \"{}\"", r.major.value, r.folder_major)});
    }
  }
}

void s007_config(const Repository& repo, const CheckContext&, std::vector<Diagnostic>& out) {
  for (const auto& d : repo.config.diagnostics) out.push_back(d);
  std::set<int> reported;
  for (const auto& p : repo.pilots) {
    if (!p.year.valid || !p.status.valid) continue;
    if (p.status.value != PilotStatus::submitted && p.status.value != PilotStatus::approved) continue;
    int y = p.year.value;
    if (repo.config.calendar(y) != nullptr || !reported.insert(y).second) continue;
    out.push_back(make_diagnostic(
        "S007", "pilot.toml", 1, 1,
        {fmt::format("pilot.toml 缺少 [calendar.{}]，而 {} 年有已提交或已批准的试点（如 {}）；该年的日期规则 R305、R601、R602 已跳过", y, y, p.file),
         fmt::format("pilot.toml lacks [calendar.{}] although {} has submitted or approved pilots (e.g. {}); the date rules R305, R601, R602 of that year are skipped", y, y, p.file)},
        {fmt::format("运行 pilot year open {0}（把上一年的日期顺延一年，再核对），或手工加上 [calendar.{0}]，写明 application_window 和 vacations", y),
         fmt::format("run `pilot year open {0}` (last year's dates a year on, to check), or add [calendar.{0}] "
                     "with its application_window and vacations by hand", y)}));
  }
}

}  // namespace pilot::checks
