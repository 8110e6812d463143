#include "pilot/model.hpp"

#include "pilot/fields.hpp"

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

namespace {

// The spellings live in the field tables (src/fields_table.cpp); string_views into literals.
template <class E>
const char* first_name(E v) {
  return enum_spec<E>().values[static_cast<std::size_t>(v)].name.data();
}

template <class E>
std::optional<E> parse_enum(std::string_view s) {
  auto i = enum_index(enum_spec<E>(), s);
  return i ? std::optional<E>(static_cast<E>(*i)) : std::nullopt;
}

}  // namespace

const char* level_name(Level l) { return first_name(l); }
const char* level_name_en(Level l) {
  return enum_spec<Level>().values[static_cast<std::size_t>(l)].alias.data();
}
std::optional<Level> parse_level(std::string_view s) { return parse_enum<Level>(s); }
const char* pilot_status_name(PilotStatus s) { return first_name(s); }
std::optional<PilotStatus> parse_pilot_status(std::string_view s) { return parse_enum<PilotStatus>(s); }
const char* exam_status_name(ExamStatus s) { return first_name(s); }
std::optional<ExamStatus> parse_exam_status(std::string_view s) { return parse_enum<ExamStatus>(s); }
const char* signatory_name(Signatory s) { return first_name(s); }
std::optional<Signatory> parse_signatory(std::string_view s) { return parse_enum<Signatory>(s); }
const char* direction_name(Direction d) { return first_name(d); }
std::optional<Direction> parse_direction(std::string_view s) { return parse_enum<Direction>(s); }
const char* fund_source_name(FundSource s) { return first_name(s); }
std::optional<FundSource> parse_fund_source(std::string_view s) { return parse_enum<FundSource>(s); }
const char* fund_category_name(FundCategory c) { return first_name(c); }
std::optional<FundCategory> parse_fund_category(std::string_view s) {
  return parse_enum<FundCategory>(s);
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
