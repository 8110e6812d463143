// Builds the command line, runs the chosen subcommand, and holds the only top-level catch.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "common.hpp"
#include "sanitizer.hpp"
#include "usage.hpp"
#include "pilot/config.hpp"

namespace pilot::cli {

Lang lang_of(const Globals& g) {
  if (g.lang == "zh") return Lang::zh;
  if (g.lang == "en") return Lang::en;
  return lang_from_environment();
}

Date as_of(const Globals& g) {
  std::string text = g.as_of;
  const char* source = "--as-of";
  if (text.empty() && g.as_of_given) {
    throw UsageError(
        Text{"--as-of 后面是空值：写一个日期 YYYY-MM-DD，或去掉 --as-of 以使用 $PILOT_TODAY 或今天",
             "--as-of is empty: give a date YYYY-MM-DD, or leave --as-of out to use $PILOT_TODAY "
             "or today"});
  }
  if (text.empty()) {
    if (const char* env = std::getenv("PILOT_TODAY"); env != nullptr && env[0] != '\0') {
      text = env;
      source = "$PILOT_TODAY";
    }
  }
  if (text.empty()) return Date::today();
  auto d = Date::parse(text);
  if (!d) {
    throw UsageError(
        Text{fmt::format("{} 应为真实存在的日期 YYYY-MM-DD，而不是 “{}”", source, text),
             fmt::format("{} must be a date YYYY-MM-DD that exists, not \"{}\"", source, text)});
  }
  return *d;
}

Color color_of(const Globals& g) {
  if (g.color == "always") return Color::yes;
  if (g.color == "never") return Color::no;
  if (const char* nc = std::getenv("NO_COLOR"); nc != nullptr && nc[0] != '\0') return Color::no;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::string_view(term) == "dumb") return Color::no;
  return isatty(STDOUT_FILENO) ? Color::yes : Color::no;
}

std::filesystem::path repo_root(const Globals& g) {
  std::optional<std::filesystem::path> dir;
  if (!g.repo.empty()) dir = g.repo;
  return find_repository(dir, std::filesystem::current_path());
}

Repository load(const Globals& g) {
  auto root = repo_root(g);
  bool progress = !g.quiet && isatty(STDERR_FILENO);
  if (progress) {
    std::cerr << (lang_of(g) == Lang::zh ? "pilot: 正在读取 " : "pilot: loading ") << root.string()
              << " ..." << std::flush;
  }
  Repository repo = load_repository(root, LoadOptions{g.jobs});
  if (progress) std::cerr << "\r\x1b[K";
  return repo;
}

namespace {

int g_stdout_errno = 0;  // why the first failed write to stdout failed (stdout_sink)

struct Kept {
  void* pointer;
  void (*destroy)(void*);
};

// Plain pointers in static storage: what they point to stays reachable until exit.
struct KeptTable {
  Kept entries[16] = {};
  int count = 0;
#ifdef PILOT_ASAN
  ~KeptTable() {
    for (int i = count; i-- > 0;) entries[i].destroy(entries[i].pointer);
  }
#endif
};
KeptTable g_kept;

}  // namespace

void* keep_pointer_until_exit(void* p, void (*destroy)(void*)) {
  if (g_kept.count < static_cast<int>(std::size(g_kept.entries))) g_kept.entries[g_kept.count++] = Kept{p, destroy};
  return p;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::string item;
    for (char c : v + ",") {
      if (c == ',' || c == ' ') {
        if (!item.empty()) out.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
  }
  return out;
}

namespace {

void add_globals(CLI::App& app, Globals& g) {
  app.add_option("--repo", g.repo,
                 "data repository (default: $PILOT_REPO, else the nearest pilot.toml upwards)"
                 " / 数据仓库（默认为 $PILOT_REPO，否则向上找最近的 pilot.toml）")
      ->type_name("DIR");
  as_date(
      app.add_option("--as-of", g.as_of,
                     "the date checks run as of, YYYY-MM-DD (default: $PILOT_TODAY, else today)"
                     " / 检查所依据的日期 YYYY-MM-DD（默认为 $PILOT_TODAY，否则为今天）"))
      ->each([&g](const std::string&) { g.as_of_given = true; });
  with_choices(app.add_option("--lang", g.lang, "zh | en (default: $PILOT_LANG, then LC_ALL/LANG)"
                              " / 输出语言（默认取 $PILOT_LANG，其次 LC_ALL/LANG）"),
               {"zh", "en"});
  with_choices(app.add_option("--color", g.color, "auto | always | never (honours NO_COLOR)"
                                                  " / 颜色（遵守 NO_COLOR）"),
               {"auto", "always", "never"});
  app.add_flag("-q,--quiet", g.quiet, "print only what was asked for / 只输出所要求的内容");
  with_range(app.add_option("--jobs", g.jobs, "threads that read files (default: all cores)"
                            " / 读文件的线程数（默认为全部核心）"), 1,
             256);
}

void print_usage_error(const UsageError& e, Lang lang) {
  std::cerr << "pilot: error: " << e.text.in(lang) << "\n";
  if (!e.hint.empty()) {
    std::cerr << (lang == Lang::zh ? "  提示：" : "  hint: ") << e.hint.in(lang) << "\n";
  }
}

// Flushes stdout; false (after saying why on stderr) when what was printed did not all get out.
bool stdout_written(Lang lang) {
  errno = 0;
  std::cout.flush();
  if (!std::cout.fail() && std::ferror(stdout) == 0) return true;
  int error = g_stdout_errno != 0 ? g_stdout_errno : errno;
  std::string reason = error != 0 ? std::strerror(error) : "write error";
  std::string reason_zh = error != 0 ? errno_text(error).zh : "写出错误";
  std::cerr << (lang == Lang::zh
                    ? fmt::format("pilot: 错误：无法写出输出（{}）：输出不完整\n  "
                                  "提示：检查磁盘空间，或输出到别处\n",
                                  reason_zh)
                    : fmt::format(
                          "pilot: error: cannot write the output ({}): it is incomplete\n"
                          "  hint: check the free disk space, or send the output elsewhere\n",
                          reason));
  return false;
}

}  // namespace

Sink stdout_sink() {
  return [](std::string_view piece) {
    if (!std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size())) &&
        g_stdout_errno == 0) {
      g_stdout_errno = errno;
    }
  };
}

int run_cli(int argc, char** argv) {
  Globals g;
  CLI::App app{"pilot — 1+X 证书制度试点数据检查与报表 / checks and reports for a 1+X certificate pilot", "pilot"};
  app.formatter(help_formatter());
  app.set_help_flag("-h,--help", "Print this help message and exit / 显示本帮助并退出");
  app.set_version_flag("--version", std::string("pilot ") + PILOT_VERSION,
                       "Display program version information and exit / 显示版本并退出");
  app.require_subcommand(1);
  add_globals(app, g);
  for (Setup setup : {setup_validate, setup_rules, setup_calendar, setup_status, setup_report, setup_compliance,
                      setup_funds, setup_list, setup_init, setup_add, setup_set, setup_year,
                      setup_decide, setup_completions, setup_schema, setup_complete_ids, setup_lsp}) {
    setup(app, g);
  }
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    int code = app.exit(e);
    return stdout_written(usage_lang(argc, argv)) ? code : 2;
  } catch (const CLI::CallForAllHelp& e) {
    int code = app.exit(e);
    return stdout_written(usage_lang(argc, argv)) ? code : 2;
  } catch (const CLI::CallForVersion& e) {
    int code = app.exit(e);
    return stdout_written(usage_lang(argc, argv)) ? code : 2;
  } catch (const CLI::ParseError& e) {
    print_usage_error(explain_parse_error(e, app, argc, argv), usage_lang(argc, argv));
    return 2;
  } catch (const UsageError& e) {
    print_usage_error(e, g.lang.empty() ? usage_lang(argc, argv) : lang_of(g));
    return 2;
  } catch (const RepositoryNotFound& e) {
    std::cerr << (lang_of(g) == Lang::zh ? "pilot: 错误：" : "pilot: error: ")
              << e.text.in(lang_of(g)) << "\n";
    return 2;
  } catch (const ConfigError& e) {
    if (e.line == 0) {  // the file itself: unreadable, not a regular file, too large
      std::cerr << (lang_of(g) == Lang::zh
                        ? fmt::format("pilot: 错误：无法读取 pilot.toml：{}\n  提示：pilot.toml 必须是可读的普通文件，且不超过 1 MiB\n",
                                      e.zh.empty() ? std::string(e.what()) : e.zh)
                        : fmt::format("pilot: error: cannot read pilot.toml: {}\n  hint: pilot.toml must be a readable regular file of at most 1 MiB\n", e.what()));
      return 2;
    }
    std::cerr << (lang_of(g) == Lang::zh
                      ? fmt::format("pilot: 错误：pilot.toml:{}:{}：无法解析 pilot.toml：{}\n  提示：对照 pilot init 生成的模板检查该行\n", e.line, e.column, e.what())
                      : fmt::format("pilot: error: pilot.toml:{}:{}: cannot parse pilot.toml: {}\n  hint: compare that line with the template `pilot init` writes\n", e.line, e.column, e.what()));
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pilot: error: " << e.what() << "\n";
    return 2;
  }
  if (!stdout_written(lang_of(g))) return 2;
  return g.exit_code;
}

}  // namespace pilot::cli
