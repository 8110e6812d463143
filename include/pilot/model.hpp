#pragma once
// Records as plain structs. Every field remembers where it stood in its file.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pilot/date.hpp"

namespace pilot {

struct Pos {
  int line = 0;
  int column = 0;
};

// A field: `present` when the key is in the file; `valid` when its value also parsed.
template <class T>
struct Located {
  T value{};
  Pos pos;
  bool present = false;
  bool valid = false;
  const T& operator*() const { return value; }
  const T* operator->() const { return &value; }
  explicit operator bool() const { return valid; }
};

enum class Kind { college, major, certificate, pilot, quota_change, exam, report, site, fund };
inline constexpr Kind k_all_kinds[] = {Kind::college, Kind::major,  Kind::certificate,
                                       Kind::pilot,   Kind::quota_change, Kind::exam,
                                       Kind::report,  Kind::site,   Kind::fund};
const char* kind_name(Kind k);     // "college", "quota-change", ...
const char* kind_folder(Kind k);   // "colleges", "quota-changes", ...
const char* kind_name_zh(Kind k);  // "二级学院", ...
std::optional<Kind> parse_kind(std::string_view name);

enum class Level { junior, intermediate, senior };
enum class PilotStatus { draft, submitted, approved, rejected };
enum class ExamStatus { planned, held };
enum class Signatory { college, office, school };
enum class Direction { income, expense };
enum class FundSource { college_budget, returned_exam_fee, student, other };
enum class FundCategory { training, exam_fee, materials, internal_labor, other };

// The reason of one `waivers:` entry as the file writes it (SPEC §3 "Waivers"). Located::pos
// is the position of the rule ID key; `present` unless the reason is null, `valid` when it is a
// single value. The loader checks only that `waivers` is a mapping of rule IDs; analyze()
// decides whether an entry waives anything (waiver_problem in rules.hpp).
struct Waiver : Located<std::string> {
  Waiver() = default;
  Waiver(Located<std::string> reason) : Located<std::string>(std::move(reason)) {}  // NOLINT
  Pos reason_pos;  // the reason's position; the key's when the reason is null
};

// Every record: where it lives and what the loader learned from its path.
struct RecordBase {
  std::string file;        // relative to the repository root
  std::string stem;        // file name without .yaml/.yml
  int folder_year = 0;     // the <year> folder, 0 when the kind has none
  std::string folder_major;  // reports: the <major-code> folder
  Pos pos;                 // the record mapping
  Located<std::string> notes;
  std::map<std::string, Waiver> waivers;  // rule ID as written -> reason
};

struct College : RecordBase {
  Located<std::string> id, name, leader;
};

struct Major : RecordBase {
  Located<std::string> id, name, college;
};

struct Certificate : RecordBase {
  Located<std::string> id, name, organization;
  Located<std::vector<Level>> levels;
  Located<int> listed_from, listed_to;
};

struct PilotMajor {
  Pos pos;  // the entry's mapping
  Located<std::string> major;
  Located<long long> quota;
  Located<std::string> contact;
};

struct Pilot : RecordBase {
  Located<std::string> id, certificate, lead_major, plan;
  Located<int> year;
  Located<Level> level;
  Located<PilotStatus> status;
  Located<Date> submitted, approved, rejected;
  Located<std::vector<PilotMajor>> majors;
  Pos accounts_pos;
  bool accounts_present = false;
  Located<std::string> admin_account, exam_account;
};

// The pilot's lead major, the one definition every rule and view uses (SPEC §2.2, R302):
// `lead_major` when it names one of the pilot's majors; else, for a pilot of exactly one major,
// that major ("a single major leads itself"); else none. A pilot of several majors whose
// `lead_major` is missing (R302), not one of its majors (R302) or not a major code (S002) has
// no lead: nothing downstream guesses one.
std::optional<std::string> lead_major(const Pilot& p);

struct QuotaChange : RecordBase {
  Located<std::string> pilot, certificate_name, reason, initiated_by, signed_by;
  Located<Level> level;
  Located<long long> original, revised;
  // major code -> revised quota, in file order
  Located<std::vector<std::pair<Located<std::string>, Located<long long>>>> breakdown;
  Located<bool> stamped;
  Located<Date> submitted;
};

struct ExamResult {
  Pos pos;
  Located<std::string> major;
  Located<long long> registered, attended, passed;
};

struct Exam : RecordBase {
  Located<std::string> id, pilot, site;
  Located<Date> date;
  Located<ExamStatus> status;
  Located<std::vector<ExamResult>> results;
};

struct Progress {
  Located<long long> trained, registered, attended, passed;
};

inline constexpr const char* k_report_sections[] = {"major_construction", "faculty", "textbooks",
                                                    "training", "funding"};

struct Report : RecordBase {
  Located<std::string> major, pilot;
  Located<Date> due, submitted;
  Located<Progress> progress;
  Located<std::map<std::string, Located<std::string>>> sections;  // section key -> text
};

struct Site : RecordBase {
  Located<std::string> id, college, organization, oa_ref;
  Located<std::string> signatory_text;  // as written; R401 judges it
  Located<Signatory> signatory;         // valid when the text is a known value
  Located<bool> non_procurement;        // contract_process: non-procurement (false: other text, R401)
  Located<Date> signed_on;
};

struct Fund : RecordBase {
  Located<std::string> id, college, pilot;
  Located<Date> date;
  Located<Direction> direction;
  Located<FundSource> source;
  Located<FundCategory> category;
  Located<long long> amount_fen;  // amount in 分 (1/100 yuan)
};

// Enum spellings: the first is what pilot writes; aliases are accepted.
const char* level_name(Level l);  // 初级 | 中级 | 高级
const char* level_name_en(Level l);
std::optional<Level> parse_level(std::string_view s);
const char* pilot_status_name(PilotStatus s);
std::optional<PilotStatus> parse_pilot_status(std::string_view s);
const char* exam_status_name(ExamStatus s);
std::optional<ExamStatus> parse_exam_status(std::string_view s);
const char* signatory_name(Signatory s);
std::optional<Signatory> parse_signatory(std::string_view s);
const char* direction_name(Direction d);
std::optional<Direction> parse_direction(std::string_view s);
const char* fund_source_name(FundSource s);
std::optional<FundSource> parse_fund_source(std::string_view s);
const char* fund_category_name(FundCategory c);
std::optional<FundCategory> parse_fund_category(std::string_view s);

// IDs: [a-z0-9][a-z0-9-]*; major codes: 6 digits.
bool is_valid_id(std::string_view id);
bool is_valid_major_code(std::string_view code);

}  // namespace pilot
