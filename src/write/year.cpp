// `pilot year open Y`: a [calendar.Y] table added to pilot.toml, every other byte kept.
#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "lines.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

// The same day a year later; 29 February becomes 28 February.
Date next_year(const Date& d) {
  Date out{d.year + 1, d.month, d.day};
  if (!Date::parse(out.str())) out.day = 28;
  return out;
}

DateRange next_year(const DateRange& r) {
  return {next_year(r.from), next_year(r.to)};
}

std::string range_toml(const DateRange& r) {
  return fmt::format("[\"{}\", \"{}\"]", r.from.str(), r.to.str());
}

// The 1-based lines of every table header ([x] and [[x]]) of the document.
std::set<int> header_lines(const toml::table& root) {
  std::set<int> out;
  std::function<void(const toml::table&)> walk = [&](const toml::table& t) {
    for (const auto& [key, node] : t) {
      if (const toml::table* sub = node.as_table()) {
        if (!sub->is_inline() && sub->source().begin.line > 0)
          out.insert(static_cast<int>(sub->source().begin.line));
        walk(*sub);
      } else if (const toml::array* arr = node.as_array();
                 arr != nullptr && arr->is_array_of_tables()) {
        for (const auto& item : *arr) {
          if (const toml::table* el = item.as_table()) {
            if (el->source().begin.line > 0) out.insert(static_cast<int>(el->source().begin.line));
            walk(*el);
          }
        }
      }
    }
  };
  walk(root);
  return out;
}

}  // namespace

YearOpen open_year(std::string_view toml_text, int year, const std::optional<DateRange>& window,
                   const std::vector<DateRange>& vacations) {
  YearOpen out;
  Config config = parse_config(toml_text);  // throws ConfigError on text that is not TOML
  if (config.calendar(year) != nullptr) {
    out.reason = {fmt::format("pilot.toml 已有 [calendar.{}]", year),
                  fmt::format("pilot.toml already has [calendar.{}]", year)};
    out.hint = {"直接编辑 pilot.toml 中的这一节", "edit that table of pilot.toml itself"};
    return out;
  }
  const YearCalendar* previous = config.calendar(year - 1);
  if (window) {
    out.window = *window;
  } else if (previous != nullptr && previous->application_window) {
    out.window = next_year(*previous->application_window);
    out.moved = true;
  }
  if (!vacations.empty()) {
    out.vacations = vacations;
  } else if (previous != nullptr && !window) {
    for (const DateRange& v : previous->vacations) out.vacations.push_back(next_year(v));
    out.moved = true;
  }
  if (!out.window) {
    out.reason = {
        fmt::format("pilot.toml 没有 [calendar.{}] 的申报窗口可以顺延", year - 1),
        fmt::format("pilot.toml has no application window of [calendar.{}] to move", year - 1)};
    out.hint = {
        fmt::format(
            "用 --window {0}-03-01,{0}-05-31 和 --vacation “开始,结束” 给出（按省里通知和校历）",
            year),
        fmt::format("give them: --window {0}-03-01,{0}-05-31 and --vacation START,END (from the "
                    "province's notice and the school calendar)",
                    year)};
    return out;
  }

  lines::LineFile file = lines::split(toml_text);
  const std::string& eol = file.eol;
  std::string table = fmt::format("[calendar.{}]{}application_window = {}{}", year, eol,
                                  range_toml(*out.window), eol);
  std::string list;
  for (const DateRange& v : out.vacations) list += (list.empty() ? "" : ", ") + range_toml(v);
  table += fmt::format("vacations = [{}]{}", list, eol);

  // After the calendar table of the latest year before Y (else after [calendar], else at the
  // end): before the next header and the blank and comment lines just above it.
  int after = 0;
  for (const auto& [y, cal] : config.years) {
    if (y < year && cal.pos.line > 0) after = cal.pos.line;
  }
  toml::table root = toml::parse(toml_text);
  if (after == 0) {
    if (const toml::table* cal = root["calendar"].as_table(); cal != nullptr) {
      after = static_cast<int>(cal->source().begin.line);
    }
  }
  std::set<int> headers = header_lines(root);
  auto next = after > 0 ? headers.upper_bound(after) : headers.end();
  std::size_t at = file.lines.size();  // index of the line the table goes before
  if (next != headers.end()) {
    at = static_cast<std::size_t>(*next - 1);
    while (at > 0 && lines::is_blank_or_comment(file.lines[at - 1].content) &&
           static_cast<int>(at) > after)
      --at;
  }

  std::string text = file.bom;
  for (std::size_t i = 0; i < file.lines.size(); ++i) {
    if (i == at) text += eol + table;
    text += file.lines[i].content + file.lines[i].eol;
    if (i + 1 == file.lines.size() && file.lines[i].eol.empty() && at == file.lines.size())
      text += eol;
  }
  if (at == file.lines.size()) text += (file.lines.empty() ? "" : eol) + table;

  Config check = parse_config(text);
  const YearCalendar* added = check.calendar(year);
  if (added == nullptr || !added->application_window ||
      added->vacations.size() != out.vacations.size() ||
      check.diagnostics.size() > config.diagnostics.size()) {
    out.reason = {
        fmt::format("[calendar.{}] 的日期不成立（窗口须在当年之内，假期不超过 100 天且与当年相交）",
                    year),
        fmt::format("the dates of [calendar.{}] cannot be right (the window inside the year, a "
                    "vacation at most 100 days long and touching the year)",
                    year)};
    out.hint = {"检查 --window 和 --vacation", "check --window and --vacation"};
    return out;
  }
  out.text = std::move(text);
  out.ok = true;
  return out;
}

}  // namespace pilot
