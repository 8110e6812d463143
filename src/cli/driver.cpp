// Builds the command line, runs the chosen subcommand, and holds the only top-level catch.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "common.hpp"
#include "sanitizer.hpp"
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
  if (text.empty()) {
    if (const char* env = std::getenv("PILOT_TODAY"); env != nullptr && env[0] != '\0') {
      text = env;
      source = "$PILOT_TODAY";
    }
  }
  if (text.empty()) return Date::today();
  auto d = Date::parse(text);
  if (!d) throw UsageError(fmt::format("{} must be a date YYYY-MM-DD that exists, not \"{}\"", source, text));
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
  if (progress) std::cerr << "pilot: loading " << root.string() << " ..." << std::flush;
  Repository repo = load_repository(root, LoadOptions{g.jobs});
  if (progress) std::cerr << "\r\x1b[K";
  return repo;
}

namespace {

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
  app.add_option("--repo", g.repo, "data repository (default: $PILOT_REPO, else the nearest pilot.toml upwards)");
  app.add_option("--as-of", g.as_of, "the date checks run as of, YYYY-MM-DD (default: $PILOT_TODAY, else today)");
  app.add_option("--lang", g.lang, "zh | en (default: $PILOT_LANG, then LC_ALL/LANG)")
      ->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--color", g.color, "auto | always | never (honours NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", g.quiet, "print only what was asked for");
  app.add_option("--jobs", g.jobs, "threads that read files (default: all cores)")->check(CLI::Range(1u, 256u));
}

}  // namespace

int run_cli(int argc, char** argv) {
  Globals g;
  CLI::App app{"pilot — 1+X 证书制度试点数据检查与报表 / checks and reports for a 1+X certificate pilot", "pilot"};
  app.set_version_flag("--version", std::string("pilot ") + PILOT_VERSION);
  app.require_subcommand(1);
  add_globals(app, g);
  for (Setup setup : {setup_validate, setup_rules, setup_calendar, setup_status, setup_report, setup_compliance,
                      setup_funds,
                      setup_list, setup_init, setup_add, setup_decide, setup_completions, setup_schema,
                      setup_complete_ids}) {
    setup(app, g);
  }
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "pilot: error: " << e.what() << "\n";
    return 2;
  } catch (const RepositoryNotFound& e) {
    std::cerr << "pilot: error: " << e.text.in(lang_of(g)) << "\n";
    return 2;
  } catch (const ConfigError& e) {
    if (e.line == 0) {  // the file itself: unreadable, not a regular file, too large
      std::cerr << (lang_of(g) == Lang::zh
                        ? fmt::format("pilot: 错误：无法读取 pilot.toml：{}\n  提示：pilot.toml 必须是可读的普通文件，且不超过 1 MiB\n", e.what())
                        : fmt::format("pilot: error: cannot read pilot.toml: {}\n  hint: pilot.toml must be a readable regular file of at most 1 MiB\n", e.what()));
      return 2;
    }
    std::cerr << (lang_of(g) == Lang::zh
                      ? fmt::format("pilot: 错误: pilot.toml:{}:{}: 无法解析 pilot.toml:{}\n  提示:对照 pilot init 生成的模板检查该行\n", e.line, e.column, e.what())
                      : fmt::format("pilot: error: pilot.toml:{}:{}: cannot parse pilot.toml: {}\n  hint: compare that line with the template `pilot init` writes\n", e.line, e.column, e.what()));
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pilot: error: " << e.what() << "\n";
    return 2;
  }
  return g.exit_code;
}

}  // namespace pilot::cli
