#include "pilot/model.hpp"

#include <array>
#include <string_view>

namespace pilot {

namespace {

struct KindNames {
  Kind kind;
  const char* name;
  const char* folder;
  const char* zh;
};

constexpr std::array<KindNames, 9> k_kinds{{
    {Kind::college, "college", "colleges", "二级学院"},
    {Kind::major, "major", "majors", "专业"},
    {Kind::certificate, "certificate", "certificates", "证书"},
    {Kind::pilot, "pilot", "pilots", "试点"},
    {Kind::quota_change, "quota-change", "quota-changes", "指标修改申请"},
    {Kind::exam, "exam", "exams", "考试批次"},
    {Kind::report, "report", "reports", "双周报"},
    {Kind::site, "site", "sites", "考核站点协议"},
    {Kind::fund, "fund", "funds", "经费收支"},
}};

// One enum's spellings: the first of each row is written, all are accepted.
template <class E, std::size_t N>
std::optional<E> parse_enum(std::string_view s,
                            const std::array<std::pair<E, std::array<const char*, 3>>, N>& table) {
  for (const auto& [value, names] : table) {
    for (const char* name : names) {
      if (name != nullptr && s == name) return value;
    }
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Level, std::array<const char*, 3>>, 3> k_levels{{
    {Level::junior, {"初级", "junior", nullptr}},
    {Level::intermediate, {"中级", "intermediate", nullptr}},
    {Level::senior, {"高级", "senior", nullptr}},
}};
constexpr std::array<std::pair<PilotStatus, std::array<const char*, 3>>, 4> k_pilot_statuses{{
    {PilotStatus::draft, {"draft", "草稿", nullptr}},
    {PilotStatus::submitted, {"submitted", "已提交", nullptr}},
    {PilotStatus::approved, {"approved", "已批准", nullptr}},
    {PilotStatus::rejected, {"rejected", "未通过", nullptr}},
}};
constexpr std::array<std::pair<ExamStatus, std::array<const char*, 3>>, 2> k_exam_statuses{{
    {ExamStatus::planned, {"planned", "计划", nullptr}},
    {ExamStatus::held, {"held", "已考", nullptr}},
}};
constexpr std::array<std::pair<Signatory, std::array<const char*, 3>>, 3> k_signatories{{
    {Signatory::college, {"college", "二级学院", nullptr}},
    {Signatory::office, {"office", "教务处", nullptr}},
    {Signatory::school, {"school", "学校", nullptr}},
}};
constexpr std::array<std::pair<Direction, std::array<const char*, 3>>, 2> k_directions{{
    {Direction::income, {"income", "收入", nullptr}},
    {Direction::expense, {"expense", "支出", nullptr}},
}};
constexpr std::array<std::pair<FundSource, std::array<const char*, 3>>, 4> k_sources{{
    {FundSource::college_budget, {"college-budget", "学院经费", nullptr}},
    {FundSource::returned_exam_fee, {"returned-exam-fee", "考务费返还", nullptr}},
    {FundSource::student, {"student", "学生缴费", nullptr}},
    {FundSource::other, {"other", "其他", nullptr}},
}};
constexpr std::array<std::pair<FundCategory, std::array<const char*, 3>>, 5> k_categories{{
    {FundCategory::training, {"training", "培训", nullptr}},
    {FundCategory::exam_fee, {"exam-fee", "考务费", nullptr}},
    {FundCategory::materials, {"materials", "耗材", nullptr}},
    {FundCategory::internal_labor, {"internal-labor", "校内劳务", nullptr}},
    {FundCategory::other, {"other", "其他", nullptr}},
}};

template <class E, std::size_t N>
const char* first_name(E v, const std::array<std::pair<E, std::array<const char*, 3>>, N>& table) {
  for (const auto& [value, names] : table) {
    if (value == v) return names[0];
  }
  return "";
}

}  // namespace

const char* kind_name(Kind k) { return k_kinds[static_cast<std::size_t>(k)].name; }
const char* kind_folder(Kind k) { return k_kinds[static_cast<std::size_t>(k)].folder; }
const char* kind_name_zh(Kind k) { return k_kinds[static_cast<std::size_t>(k)].zh; }
std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& k : k_kinds) {
    if (name == k.name || name == k.folder || name == k.zh) return k.kind;
  }
  return std::nullopt;
}

const char* level_name(Level l) { return first_name(l, k_levels); }
const char* level_name_en(Level l) { return k_levels[static_cast<std::size_t>(l)].second[1]; }
std::optional<Level> parse_level(std::string_view s) { return parse_enum(s, k_levels); }
const char* pilot_status_name(PilotStatus s) { return first_name(s, k_pilot_statuses); }
std::optional<PilotStatus> parse_pilot_status(std::string_view s) {
  return parse_enum(s, k_pilot_statuses);
}
const char* exam_status_name(ExamStatus s) { return first_name(s, k_exam_statuses); }
std::optional<ExamStatus> parse_exam_status(std::string_view s) {
  return parse_enum(s, k_exam_statuses);
}
const char* signatory_name(Signatory s) { return first_name(s, k_signatories); }
std::optional<Signatory> parse_signatory(std::string_view s) { return parse_enum(s, k_signatories); }
const char* direction_name(Direction d) { return first_name(d, k_directions); }
std::optional<Direction> parse_direction(std::string_view s) { return parse_enum(s, k_directions); }
const char* fund_source_name(FundSource s) { return first_name(s, k_sources); }
std::optional<FundSource> parse_fund_source(std::string_view s) { return parse_enum(s, k_sources); }
const char* fund_category_name(FundCategory c) { return first_name(c, k_categories); }
std::optional<FundCategory> parse_fund_category(std::string_view s) {
  return parse_enum(s, k_categories);
}

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  auto ok_first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!ok_first(id[0])) return false;
  for (char c : id) {
    if (!ok_first(c) && c != '-') return false;
  }
  return true;
}

bool is_valid_major_code(std::string_view code) {
  if (code.size() != 6) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<std::string> lead_major(const Pilot& p) {
  const auto& majors = p.majors.value;
  if (p.lead_major.valid) {
    for (const PilotMajor& pm : majors) {
      if (pm.major.valid && pm.major.value == p.lead_major.value) return p.lead_major.value;
    }
  }
  if (majors.size() == 1 && majors.front().major.valid) return majors.front().major.value;
  return std::nullopt;
}

}  // namespace pilot
