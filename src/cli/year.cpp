// pilot year open Y [--window A,B] [--vacation A,B ...]: add [calendar.Y] to pilot.toml, every
// other byte kept (SPEC §4). Without flags the previous year's window and vacations are moved
// by one year and printed for review. Exit 0 written, 1 refused, 2 usage.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "writing.hpp"

namespace pilot::cli {

namespace {

struct YearOptions {
  int year = 0;
  std::string window;
  std::vector<std::string> vacations;
  bool dry_run = false;
};

// "A,B" (also "A，B" or "A B") as a range of two dates.
DateRange parse_range(const std::string& flag, std::string value) {
  for (std::string_view wide : {"\uFF0C", "\u3001"}) {
    for (auto at = value.find(wide); at != std::string::npos; at = value.find(wide))
      value.replace(at, wide.size(), ",");
  }
  std::optional<Date> from, to;
  if (auto sep = value.find_first_of(", "); sep != std::string::npos) {
    from = Date::parse(value.substr(0, sep));
    if (auto second = value.find_first_not_of(", ", sep); second != std::string::npos) {
      to = Date::parse(value.substr(second));
    }
  }
  if (!from || !to) {
    throw UsageError(
        Text{fmt::format("{}：“{}” 应为 “开始,结束” 两个日期 YYYY-MM-DD", flag, value),
             fmt::format("{}: \"{}\" must be two dates START,END (YYYY-MM-DD)", flag, value)});
  }
  return {*from, *to};
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof())
    throw WriteError(
        {"无法读取 pilot.toml；未写入任何内容", "cannot read pilot.toml; nothing was written"});
  return ss.str();
}

int run_year_open(const YearOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  bool zh = lang == Lang::zh;
  std::optional<DateRange> window;
  if (!o.window.empty()) window = parse_range("--window", o.window);
  std::vector<DateRange> vacations;
  for (const std::string& v : o.vacations) vacations.push_back(parse_range("--vacation", v));

  using namespace std::chrono_literals;
  std::filesystem::path root = repo_root(g);
  std::optional<RepositoryLock> lock;
  if (!o.dry_run) lock.emplace(root, 60s);
  const std::string before = read_text(root / "pilot.toml");
  YearOpen open = open_year(before, o.year, window, vacations);
  if (!open.ok) {
    std::cerr << fmt::format("pilot: {}: {}\n  {} {}\n", zh ? "拒绝修改" : "refused",
                             open.reason.in(lang), zh ? "提示：" : "hint:", open.hint.in(lang));
    return 1;
  }
  if (o.dry_run) {
    std::cout << line_diff(before, open.text, "pilot.toml");
  } else {
    auto fault = test_file_system();
    auto warning = write_file_atomically(root, "pilot.toml", open.text, Overwrite::yes,
                                         fault ? *fault : posix_file_system());
    std::cout << "pilot.toml\n";
    if (warning) std::cerr << "pilot: warning: " << warning->in(lang) << "\n";
  }
  // What the year now holds, for review.
  std::cout << fmt::format("[calendar.{}]\n", o.year);
  std::cout << fmt::format("  {} {} – {}\n", zh ? "申报窗口" : "application window",
                           open.window->from.str(), open.window->to.str());
  for (const DateRange& v : open.vacations) {
    std::cout << fmt::format("  {} {} – {}\n", zh ? "假期" : "vacation", v.from.str(), v.to.str());
  }
  if (open.moved) {
    std::cerr
        << (zh ? fmt::format(
                     "pilot: 注意：以上日期由 {} 年顺延一年而来，请按省里当年通知和校历核对（pilot.toml）\n",
                     o.year - 1)
               : fmt::format(
                     "pilot: note: these dates are {}'s moved by one year; check them against the "
                     "province's notice and the school calendar (pilot.toml)\n",
                     o.year - 1));
  }
  return 0;
}

}  // namespace

void setup_year(CLI::App& app, Globals& g) {
  CLI::App* year =
      app.add_subcommand("year", "a pilot year's calendar in pilot.toml / 试点年度的日历");
  year->require_subcommand(1);
  CLI::App* open = year->add_subcommand(
      "open",
      "add [calendar.Y] to pilot.toml, every other byte kept / 在 pilot.toml 中新增 [calendar.Y]");
  open->fallthrough();
  auto o = std::make_shared<YearOptions>();
  open->add_option("year", o->year, "年份 / the year, e.g. 2027")
      ->required()
      ->check(CLI::Range(2000, 2100));
  open->add_option(
      "--window", o->window,
      "申报窗口 “开始,结束” / application window START,END (default: last year's, a year on)");
  open->add_option(
          "--vacation", o->vacations,
          "假期 “开始,结束”（可重复）/ a vacation START,END, repeatable (default: last year's, a year on)")
      ->allow_extra_args(false);
  open->add_flag("--dry-run", o->dry_run,
                 "print the diff instead of writing / 只显示将做的修改（diff）");
  open->callback([o, &g] {
    try {
      g.exit_code = run_year_open(*o, g);
    } catch (const WriteError& e) {
      g.exit_code = report_write_error(e, g);
    }
  });
}

}  // namespace pilot::cli
