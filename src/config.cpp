#include "pilot/config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "pilot/rules.hpp"
#include "pilot/text.hpp"

namespace pilot {

const YearCalendar* Config::calendar(int year) const {
  auto it = years.find(year);
  return it == years.end() ? nullptr : &it->second;
}

namespace {

Pos pos_of(const toml::source_region& r) { return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)}; }

class ConfigReader {
 public:
  explicit ConfigReader(Config& config) : c_(config) {}

  void read(const toml::table& root) {
    collect_strings(root, "");
    for (auto&& [key, node] : root) {
      std::string k(key.str());
      if (k == "school") {
        table(node, "school", [&](const toml::table& t) { school(t); });
      } else if (k == "calendar") {
        table(node, "calendar", [&](const toml::table& t) { calendar(t); });
      } else if (k == "scoring") {
        table(node, "scoring", [&](const toml::table& t) { scoring(t); });
      } else if (k == "rules") {
        table(node, "rules", [&](const toml::table& t) { rules(t); });
      } else {
        unknown(k, key.source(), {"school", "calendar", "scoring", "rules"});
      }
    }
  }

 private:
  template <class F>
  void table(const toml::node& node, const std::string& path, F&& f) {
    if (const auto* t = node.as_table()) {
      f(*t);
    } else {
      wrong_type(path, node, "表 (table)", "a table");
    }
  }

  void add(Pos p, Text message, Text hint) {
    Diagnostic d;
    d.rule = "S007";
    d.file = "pilot.toml";
    d.line = p.line;
    d.column = p.column;
    d.message = std::move(message);
    d.hint = std::move(hint);
    c_.diagnostics.push_back(std::move(d));
  }

  void unknown(const std::string& key, const toml::source_region& where,
               const std::vector<std::string_view>& known) {
    std::string guess = closest_match(key, known);
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    add(pos_of(where), {fmt::format("pilot.toml 中有未知的键 \"{}\"", key), fmt::format("unknown key \"{}\" in pilot.toml", key)},
        guess.empty() ? Text{"可用的键：" + list, "known keys: " + list}
                      : Text{fmt::format("是不是想写 \"{}\"?", guess), fmt::format("did you mean \"{}\"?", guess)});
  }

  void wrong_type(const std::string& path, const toml::node& node, const char* zh, const char* en) {
    add(pos_of(node.source()), {fmt::format("pilot.toml 中 {} 的类型不对：应为{}", path, zh),
                                fmt::format("{} in pilot.toml has the wrong type: expected {}", path, en)},
        {"参照 pilot init 生成的模板修改", "compare with the template that `pilot init` writes"});
  }

  std::optional<std::string> string_value(const toml::node& node, const std::string& path) {
    if (const auto* s = node.as_string()) return s->get();
    wrong_type(path, node, "字符串", "a string");
    return std::nullopt;
  }

  std::optional<long long> int_value(const toml::node& node, const std::string& path, long long lo, long long hi) {
    if (const auto* i = node.as_integer()) {
      long long v = i->get();
      if (v >= lo && v <= hi) return v;
      add(pos_of(node.source()), {fmt::format("pilot.toml 中 {} 的值 {} 超出范围 {}–{}", path, v, lo, hi),
                                  fmt::format("{} in pilot.toml is {}, outside {}–{}", path, v, lo, hi)},
          {"改为范围内的整数", "use a whole number in that range"});
      return std::nullopt;
    }
    wrong_type(path, node, "整数", "an integer");
    return std::nullopt;
  }

  std::optional<Date> date_value(const toml::node& node, const std::string& path) {
    if (const auto* d = node.as_date()) {
      auto v = d->get();
      return Date{v.year, v.month, v.day};
    }
    if (const auto* s = node.as_string()) {
      if (auto d = Date::parse(s->get())) return d;
      add(pos_of(node.source()), {fmt::format("pilot.toml 中 {} 不是有效日期：\"{}\"", path, s->get()),
                                  fmt::format("{} in pilot.toml is not a valid date: \"{}\"", path, s->get())},
          {"日期写作 YYYY-MM-DD，且必须真实存在", "write dates as YYYY-MM-DD, and the day must exist"});
      return std::nullopt;
    }
    wrong_type(path, node, "日期 (YYYY-MM-DD)", "a date (YYYY-MM-DD)");
    return std::nullopt;
  }

  std::optional<DateRange> range_value(const toml::node& node, const std::string& path) {
    const auto* a = node.as_array();
    if (a == nullptr || a->size() != 2) {
      wrong_type(path, node, "两个日期组成的数组 [开始， 结束]", "an array of two dates [from, to]");
      return std::nullopt;
    }
    auto from = date_value(*a->get(0), path);
    auto to = date_value(*a->get(1), path);
    if (!from || !to) return std::nullopt;
    if (*to < *from) {
      add(pos_of(node.source()), {fmt::format("pilot.toml 中 {} 的结束日期早于开始日期", path),
                                  fmt::format("{} in pilot.toml ends before it starts", path)},
          {"交换两个日期", "swap the two dates"});
      return std::nullopt;
    }
    return DateRange{*from, *to};
  }

  // A report day exists in every month: 1–28. A day 29–31 is S007 but kept (due in the months
  // that have it, as written); any other number is not a day and is left out.
  std::optional<int> report_day(const toml::node& node, const std::string& path) {
    const auto* i = node.as_integer();
    if (i == nullptr) {
      wrong_type(path, node, "整数", "an integer");
      return std::nullopt;
    }
    long long v = i->get();
    if (v >= 1 && v <= 28) return static_cast<int>(v);
    add(pos_of(node.source()),
        {fmt::format("pilot.toml 中 {} 的填报日 {} 不在 1–28 之内，不是每个月都有这一天", path, v),
         fmt::format("report day {} in {} of pilot.toml is outside 1–28: not every month has it", v,
                     path)},
        {"填报日写 1–28 之间的日子（三(六)2：每月 10、20 日）",
         "use days from 1 to 28 (三(六)2: the 10th and 20th of each month)"});
    if (v >= 29 && v <= 31) return static_cast<int>(v);
    return std::nullopt;
  }

  // The application window of [calendar.Y] lies within Y.
  std::optional<DateRange> window_of_year(const toml::node& node, const std::string& path, int y) {
    auto range = range_value(node, path);
    if (!range || (range->from.year == y && range->to.year == y)) return range;
    add(pos_of(node.source()),
        {fmt::format("pilot.toml 中 {} 是 {} 至 {}，不在 {} 年内", path, range->from.str(),
                     range->to.str(), y),
         fmt::format("{} in pilot.toml is {} to {}, not within {}", path, range->from.str(),
                     range->to.str(), y)},
        {fmt::format(
             "[calendar.{}] 的申报期在 {} 年内（三(三)1：每年 3–5 月）；"
             "是不是从上一年复制后没改年份？",
             y, y),
         fmt::format(
             "the application window of [calendar.{}] lies within {} (三(三)1: March to May); "
             "copied from another year without changing it?",
             y, y)});
    return std::nullopt;
  }

  // A vacation of [calendar.Y] touches Y and lasts at most k_max_vacation_days (both ends counted).
  std::optional<DateRange> vacation_of_year(const toml::node& node, const std::string& path,
                                            int y) {
    auto range = range_value(node, path);
    if (!range) return range;
    long days = days_between(range->from, range->to) + 1;
    if (range->to.year < y || range->from.year > y) {
      add(pos_of(node.source()),
          {fmt::format("pilot.toml 中 {} 的假期 {} 至 {} 与 {} 年没有交集", path, range->from.str(),
                       range->to.str(), y),
           fmt::format("the vacation {} to {} in {} of pilot.toml does not touch {}",
                       range->from.str(), range->to.str(), path, y)},
          {fmt::format("[calendar.{}] 只写 {} 年的寒暑假（寒假可从上一年 12 月开始）", y, y),
           fmt::format(
               "[calendar.{}] lists the vacations of {} (a winter break may start in the December "
               "before)",
               y, y)});
      return std::nullopt;
    }
    if (days > k_max_vacation_days) {
      add(pos_of(node.source()),
          {fmt::format("pilot.toml 中 {} 的假期 {} 至 {} 长达 {} 天，超过 {} 天", path,
                       range->from.str(), range->to.str(), days, k_max_vacation_days),
           fmt::format("the vacation {} to {} in {} of pilot.toml lasts {} days, more than {}",
                       range->from.str(), range->to.str(), path, days, k_max_vacation_days)},
          {"寒暑假各写一段实际的起止日期；假期中不用填双周报，过长的假期会漏掉应报日期",
           "write each winter and summer break with its real dates; no report is due in a "
           "vacation, so one too long hides due dates"});
      return std::nullopt;
    }
    return range;
  }

  void school(const toml::table& t) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      std::string path = "school." + k;
      if (k == "name") {
        if (auto s = string_value(node, path)) c_.school_name = *s;
      } else if (k == "office") {
        if (auto s = string_value(node, path)) c_.school_office = *s;
      } else if (k == "kind") {
        if (auto s = string_value(node, path)) c_.school_kind = *s;
      } else if (k == "expected_level") {
        if (auto s = string_value(node, path)) {
          if (auto l = parse_level(*s)) {
            c_.expected_level = *l;
          } else {
            add(pos_of(node.source()), {fmt::format("school.expected_level 的值 \"{}\" 不是证书等级", *s),
                                        fmt::format("school.expected_level \"{}\" is not a level", *s)},
                {"可用：初级、中级、高级", "use 初级， 中级 or 高级 (junior, intermediate, senior)"});
          }
        }
      } else {
        unknown(k, key.source(), {"name", "office", "kind", "expected_level"});
      }
    }
  }

  void calendar(const toml::table& t) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      std::string path = "calendar." + k;
      if (k == "report_days") {
        const auto* a = node.as_array();
        if (a == nullptr) {
          wrong_type(path, node, "整数数组", "an array of integers");
          continue;
        }
        std::vector<int> days;
        for (const auto& d : *a) {
          if (auto v = report_day(d, path)) days.push_back(*v);
        }
        if (a->empty()) {
          add(pos_of(node.source()),
              {"pilot.toml 中 calendar.report_days 是空的：没有任何双周报应报日期",
               "calendar.report_days in pilot.toml is empty: no fortnightly report would ever be "
               "due"},
              {"写上每月的填报日（三(六)2）：report_days = [10, 20]",
               "list the report days of each month (三(六)2): report_days = [10, 20]"});
        }
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        c_.report_days = days;
      } else if (k == "report_grace_days") {
        if (auto v = int_value(node, path, 0, 60)) c_.report_grace_days = static_cast<int>(*v);
      } else if (k.size() == 4 && std::all_of(k.begin(), k.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        Pos at = pos_of(key.source());  // clang 14 cannot capture a structured binding
        table(node, path, [&](const toml::table& y) { year(std::stoi(k), y, at); });
      } else {
        unknown(k, key.source(), {"report_days", "report_grace_days", "2026"});
      }
    }
  }

  void year(int y, const toml::table& t, Pos p) {
    YearCalendar cal;
    cal.year = y;
    cal.pos = p;
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      std::string path = fmt::format("calendar.{}.{}", y, k);
      if (k == "application_window") {
        cal.application_window = window_of_year(node, path, y);
      } else if (k == "vacations") {
        const auto* a = node.as_array();
        if (a == nullptr) {
          wrong_type(path, node, "日期区间数组", "an array of date ranges");
          continue;
        }
        for (const auto& r : *a) {
          if (auto range = vacation_of_year(r, path, y)) cal.vacations.push_back(*range);
        }
      } else {
        unknown(k, key.source(), {"application_window", "vacations"});
      }
    }
    c_.years[y] = std::move(cal);
  }

  void scoring(const toml::table& t) {
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      if (k == "quota_item_points") {
        if (auto v = int_value(node, "scoring." + k, 0, 1000)) c_.quota_item_points = static_cast<int>(*v);
      } else {
        unknown(k, key.source(), {"quota_item_points"});
      }
    }
  }

  void rules(const toml::table& t) {
    std::vector<std::string_view> ids;
    for (const auto& r : rule_registry()) ids.push_back(r.id);
    for (auto&& [key, node] : t) {
      std::string k(key.str());
      if (find_rule(k) == nullptr) {
        std::string guess = closest_match(k, ids);
        add(pos_of(key.source()), {fmt::format("[rules] 中有未知的规则编号 \"{}\"", k),
                                   fmt::format("unknown rule ID \"{}\" in [rules]", k)},
            guess.empty() ? Text{"运行 pilot rules 查看全部规则", "run `pilot rules` for the list"}
                          : Text{fmt::format("是不是想写 \"{}\"?", guess), fmt::format("did you mean \"{}\"?", guess)});
        continue;
      }
      auto s = string_value(node, "rules." + k);
      if (!s) continue;
      Severity sev;
      if (*s == "error") {
        sev = Severity::error;
      } else if (*s == "warning") {
        sev = Severity::warning;
      } else if (*s == "off") {
        sev = Severity::off;
      } else {
        add(pos_of(node.source()), {fmt::format("[rules] 中 {} 的级别 \"{}\" 无效", k, *s),
                                    fmt::format("severity \"{}\" of {} in [rules] is not valid", *s, k)},
            {"可用：\"error\"、\"warning\"、\"off\"", "use \"error\", \"warning\" or \"off\""});
        continue;
      }
      c_.severities[k] = sev;
      c_.severity_pos[k] = pos_of(key.source());
    }
  }

  void collect_strings(const toml::node& node, const std::string& path) {
    if (const auto* t = node.as_table()) {
      for (auto&& [key, child] : *t) {
        std::string p = path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
        c_.strings.push_back({p, {child.is_string() ? child.as_string()->get() : std::string(), pos_of(key.source())}});
        collect_strings(child, p);
      }
    } else if (const auto* a = node.as_array()) {
      for (const auto& child : *a) {
        if (const auto* s = child.as_string()) c_.strings.push_back({path, {s->get(), pos_of(child.source())}});
        else collect_strings(child, path);
      }
    }
  }

  Config& c_;
};

}  // namespace

Config parse_config(std::string_view text) {
  Config config;
  try {
    toml::table root = toml::parse(text, std::string_view("pilot.toml"));
    ConfigReader(config).read(root);
    sort_diagnostics(config.diagnostics);  // toml++ iterates tables in key order, not file order
  } catch (const toml::parse_error& e) {
    throw ConfigError(std::string(e.description()), static_cast<int>(e.source().begin.line),
                      static_cast<int>(e.source().begin.column));
  }
  return config;
}

Config load_config(const std::filesystem::path& file) {
  // Opened without blocking (a FIFO swapped in after the repository was found must not hang
  // pilot) and read only when it is a regular file within the size limit of record files.
  auto cannot = [&](const std::string& why, const std::string& why_zh) {
    return ConfigError(file.string() + ": " + why, 0, 0, file.string() + "：" + why_zh);
  };
  int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    throw cannot(std::strerror(err), errno_text(err).zh);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw cannot("not a regular file", "不是普通文件");
  }
  if (static_cast<std::size_t>(st.st_size) > k_max_config_size) {
    ::close(fd);
    throw cannot(fmt::format("{} bytes, more than the limit of {}", st.st_size, k_max_config_size),
                 fmt::format("{} 字节，超过上限 {}", st.st_size, k_max_config_size));
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      throw cannot(std::strerror(err), errno_text(err).zh);
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(got);
  return parse_config(text);
}

}  // namespace pilot
