// Where a record lives (SPEC §2): computed from its own fields, every component checked.
#include <fmt/format.h>

#include "pilot/write.hpp"

namespace pilot {

namespace {

RecordPath refuse(Text error) { return RecordPath{"", std::move(error)}; }

Text bad_id(std::string_view field, const Located<std::string>& value) {
  if (!value.present || value.value.empty()) {
    return {fmt::format("缺少 --{}，它决定文件名", field), fmt::format("--{} is missing: it names the file", field)};
  }
  return {fmt::format("--{} 的值 “{}” 不是合法的编号：只能用小写字母、数字和连字符，以字母或数字开头", field, value.value),
          fmt::format("--{} \"{}\" is not a valid ID: use lowercase letters, digits and '-', starting with a letter or digit",
                      field, value.value)};
}

bool id_ok(const Located<std::string>& f) { return f.present && is_valid_id(f.value); }

std::string flat(Kind kind, const std::string& stem) { return fmt::format("{}/{}.yaml", kind_folder(kind), stem); }

std::string yearly(Kind kind, int year, const std::string& stem) {
  return fmt::format("{}/{:04}/{}.yaml", kind_folder(kind), year, stem);
}

bool year_ok(int year) { return year >= 2000 && year <= 2100; }

Text bad_date(std::string_view field) {
  return {fmt::format("缺少有效的 --{}（YYYY-MM-DD），它决定年份文件夹", field),
          fmt::format("--{} (YYYY-MM-DD) is missing or invalid: it decides the year folder", field)};
}

}  // namespace

RecordPath record_path(const AnyRecord& record, int quota_change_year) {
  return std::visit(
      [&](const auto& r) -> RecordPath {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, College> || std::is_same_v<T, Certificate> || std::is_same_v<T, Site>) {
          if (!id_ok(r.id)) return refuse(bad_id("id", r.id));
          return {flat(kind_of(record), r.id.value), {}};
        } else if constexpr (std::is_same_v<T, Major>) {
          if (!r.id.present || !is_valid_major_code(r.id.value)) {
            return refuse({fmt::format("--id 的值 “{}” 不是 6 位专业代码", r.id.value),
                           fmt::format("--id \"{}\" is not a 6-digit major code", r.id.value)});
          }
          return {flat(Kind::major, r.id.value), {}};
        } else if constexpr (std::is_same_v<T, Pilot>) {
          if (!id_ok(r.id)) return refuse(bad_id("id", r.id));
          if (!r.year.present || !year_ok(r.year.value)) {
            return refuse({"缺少有效的 --year（2000–2100），它决定年份文件夹",
                           "--year (2000–2100) is missing or invalid: it decides the year folder"});
          }
          return {yearly(Kind::pilot, r.year.value, r.id.value), {}};
        } else if constexpr (std::is_same_v<T, QuotaChange>) {
          if (!id_ok(r.pilot)) return refuse(bad_id("pilot", r.pilot));
          if (!year_ok(quota_change_year)) {
            return refuse({"无法确定指标修改申请的年份文件夹", "cannot tell the year folder of the quota change"});
          }
          return {yearly(Kind::quota_change, quota_change_year, r.pilot.value), {}};
        } else if constexpr (std::is_same_v<T, Exam> || std::is_same_v<T, Fund>) {
          if (!id_ok(r.id)) return refuse(bad_id("id", r.id));
          if (!r.date.present || !r.date.value.valid() || !year_ok(r.date.value.year)) return refuse(bad_date("date"));
          return {yearly(kind_of(record), r.date.value.year, r.id.value), {}};
        } else {
          static_assert(std::is_same_v<T, Report>);
          if (!r.major.present || !is_valid_major_code(r.major.value)) {
            return refuse({fmt::format("--major 的值 “{}” 不是 6 位专业代码", r.major.value),
                           fmt::format("--major \"{}\" is not a 6-digit major code", r.major.value)});
          }
          if (!r.due.present || !r.due.value.valid() || !year_ok(r.due.value.year)) return refuse(bad_date("due"));
          return {fmt::format("reports/{:04}/{}/{}.yaml", r.due.value.year, r.major.value, r.due.value.str()), {}};
        }
      },
      record);
}

}  // namespace pilot
