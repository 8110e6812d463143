#include "usage.hpp"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

namespace pilot::cli {

namespace {

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

// "did you mean …?" for `word` among `candidates`, or an empty Text.
Text did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                  std::string_view prefix = "") {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  std::string best = closest_match(word, views);
  if (best.empty() || edit_distance(word, best) >= word.size())
    return {};  // "fr" is no typo of "zh"
  return {fmt::format("是否想输入 “{}{}”？", prefix, best),
          fmt::format("did you mean \"{}{}\"?", prefix, best)};
}

Text help_hint(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = &app; a->get_parent() != nullptr; a = a->get_parent()) {
    path = a->get_name() + " " + path;
  }
  std::string command = "pilot " + path + "--help";
  return {fmt::format("运行 {} 查看用法", command), fmt::format("run `{}` for the usage", command)};
}

// The hint: a "did you mean" (if any), then where the usage is.
Text hint_with(const Text& guess, const CLI::App& app) {
  Text help = help_hint(app);
  if (guess.empty()) return help;
  return {guess.zh + help.zh, guess.en + " (" + help.en + ")"};
}

bool named(const CLI::App* a) { return !a->get_name().empty(); }
bool visible(const CLI::App* a) {
  return named(a) && !a->get_group().empty() && a->get_name().rfind("__", 0) != 0;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands(visible)) names.push_back(sub->get_name());
  return names;
}

const CLI::App* subcommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands(named)) {
    if (sub->check_name(name)) return sub;
  }
  return nullptr;
}

// Options of an app and its option groups (nameless sub-apps).
void options_of(const CLI::App& app, std::vector<const CLI::Option*>& out) {
  for (const CLI::Option* opt : app.get_options()) out.push_back(opt);
  for (const CLI::App* group :
       app.get_subcommands([](const CLI::App* a) { return a->get_name().empty(); })) {
    options_of(*group, out);
  }
}

// The options valid at `app` on the command line: its own and its parents' (they fall through).
std::vector<const CLI::Option*> options_at(const CLI::App& app) {
  std::vector<const CLI::Option*> all;
  for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) options_of(*a, all);
  return all;
}

std::vector<std::string> long_names(const std::vector<const CLI::Option*>& options) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : options) {
    if (opt->get_group().empty()) continue;  // hidden
    for (const auto& l : opt->get_lnames()) names.push_back(l);
  }
  return names;
}

const CLI::Option* find_option(const std::vector<const CLI::Option*>& options,
                               const std::string& name) {
  for (const CLI::Option* opt : options) {
    if (opt->check_name(name)) return opt;
  }
  return nullptr;
}

// What on the command line CLI11 could not place: the first word that is no subcommand where
// one is expected, an option that no command on the path has, a word left over.
struct Culprit {
  enum class Kind { none, command, option, argument } kind = Kind::none;
  std::string word;
  const CLI::App* where = nullptr;  // the command it was given to
};

Culprit find_culprit(const CLI::App& root, int argc, const char* const* argv) {
  const CLI::App* cur = &root;
  std::size_t positionals_used = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    std::vector<const CLI::Option*> options = options_at(*cur);
    if (arg.size() > 1 && arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9')) {
      std::string name = arg.substr(0, arg.find('='));
      if (arg.rfind("--", 0) != 0 && arg.size() > 2)
        name = arg.substr(0, 2);  // -qx: the first flag
      const CLI::Option* opt = find_option(options, name);
      if (opt == nullptr) return {Culprit::Kind::option, name, cur};
      if (opt->get_expected_max() == 0 || arg.find('=') != std::string::npos ||
          name.size() < arg.size())
        continue;
      bool many = opt->get_items_expected_max() > 1;
      do {  // the option's values: one, or (a list) every word up to the next option or command
        if (i + 1 >= argc || (std::strncmp(argv[i + 1], "-", 1) == 0 && argv[i + 1][1] != '\0') ||
            subcommand(*cur, argv[i + 1]) != nullptr) {
          break;
        }
        ++i;
      } while (many);
      continue;
    }
    if (const CLI::App* sub = subcommand(*cur, arg)) {
      cur = sub;
      positionals_used = 0;
      continue;
    }
    std::size_t positionals = 0;
    bool list = false;
    std::vector<const CLI::Option*> own;
    options_of(*cur, own);
    for (const CLI::Option* opt : own) {
      if (!opt->get_positional()) continue;
      ++positionals;
      list = list || opt->get_items_expected_max() > 1;
    }
    if (positionals_used < positionals || list) {
      ++positionals_used;
      continue;
    }
    if (!subcommand_names(*cur).empty()) return {Culprit::Kind::command, arg, cur};
    return {Culprit::Kind::argument, arg, cur};
  }
  return {Culprit::Kind::none, "", cur};
}

// "--name is required" -> "--name" (CLI11's wording, for the translation).
std::string before(const std::string& text, const char* marker) {
  auto at = text.find(marker);
  return at == std::string::npos ? std::string() : text.substr(0, at);
}

}  // namespace

CLI::Option* with_choices(CLI::Option* opt, std::vector<std::string> choices) {
  std::string name = opt->get_name();
  std::string shown = "{" + joined(choices, ",") + "}";
  opt->check(CLI::Validator(
      [name, choices](std::string& value) -> std::string {
        for (const auto& c : choices) {
          if (value == c) return {};
        }
        std::string list = joined(choices, ", ");
        throw UsageError(
            Text{fmt::format("{} 的值 “{}” 无效：可用 {}", name, value, joined(choices, "、")),
                 fmt::format("{}: \"{}\" is not one of {}", name, value, list)},
            did_you_mean(value, choices));
      },
      shown));
  return opt;
}

CLI::Option* with_range(CLI::Option* opt, long long lo, long long hi) {
  std::string name = opt->get_name();
  opt->type_name("NUM");
  opt->check(CLI::Validator(
      [name, lo, hi](std::string& value) -> std::string {
        long long n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec == std::errc() && end == value.data() + value.size() && n >= lo && n <= hi) {
          return {};
        }
        throw UsageError(
            Text{fmt::format("{} 应为 {} 到 {} 之间的整数，而不是 “{}”", name, lo, hi, value),
                 fmt::format("{} must be a whole number from {} to {}, not \"{}\"", name, lo, hi,
                             value)});
      },
      ""));
  return opt;
}

CLI::Option* as_date(CLI::Option* opt) {
  opt->type_name("DATE");
  return opt;
}

Lang usage_lang(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    std::string_view value;
    if (arg == "--lang" && i + 1 < argc) {
      value = argv[i + 1];
    } else if (arg.rfind("--lang=", 0) == 0) {
      value = arg.substr(7);
    }
    if (value == "zh") return Lang::zh;
    if (value == "en") return Lang::en;
  }
  return lang_from_environment();
}

UsageError explain_parse_error(const CLI::ParseError& e, const CLI::App& app, int argc,
                               const char* const* argv) {
  Culprit c = find_culprit(app, argc, argv);
  const CLI::App& where = c.where != nullptr ? *c.where : app;
  switch (c.kind) {
    case Culprit::Kind::command:
      return UsageError(Text{fmt::format("未知的子命令 “{}”", c.word),
                             fmt::format("unknown command \"{}\"", c.word)},
                        hint_with(did_you_mean(c.word, subcommand_names(where)), where));
    case Culprit::Kind::option: {
      std::string bare = c.word.substr(c.word.find_first_not_of('-'));
      return UsageError(Text{fmt::format("未知的选项 “{}”", c.word),
                             fmt::format("unknown option \"{}\"", c.word)},
                        hint_with(did_you_mean(bare, long_names(options_at(where)), "--"), where));
    }
    case Culprit::Kind::argument:
      return UsageError(Text{fmt::format("多余的参数 “{}”", c.word),
                             fmt::format("unexpected argument \"{}\"", c.word)},
                        help_hint(where));
    case Culprit::Kind::none:
      break;
  }
  std::string what = e.what();
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    if (what.find("subcommand") != std::string::npos) {
      std::string names = joined(subcommand_names(where), ", ");
      return UsageError(
          Text{fmt::format("缺少子命令：可用 {}", joined(subcommand_names(where), "、")),
               fmt::format("a command is missing: one of {}", names)},
          help_hint(where));
    }
    if (std::string name = before(what, " is required"); !name.empty()) {
      return UsageError(
          Text{fmt::format("缺少必需的 {}", name), fmt::format("{} is required", name)},
          help_hint(where));
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    std::string name = before(what, ": ");
    if (!name.empty() && what.find(" missing") != std::string::npos) {
      return UsageError(
          Text{fmt::format("{} 后面缺少值", name), fmt::format("{} needs a value", name)},
          help_hint(where));
    }
    if (name.empty()) name = before(what, " was given");
    if (!name.empty() && what.find("At Most") != std::string::npos) {
      return UsageError(
          Text{fmt::format("{} 只能给一次", name), fmt::format("{} is given more than once", name)},
          help_hint(where));
    }
  }
  return UsageError(Text{"命令行有误：" + what, what}, help_hint(where));
}

namespace {

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override {
    std::string out = CLI::Formatter::make_help(app, std::move(name), mode);
    if (mode != CLI::AppFormatMode::Normal || app->get_parent() == nullptr) return out;
    std::string globals;
    for (const CLI::App* a = app->get_parent(); a != nullptr; a = a->get_parent()) {
      for (const CLI::Option* opt : a->get_options()) {
        if (opt->get_group().empty() || opt->check_name("--help")) continue;
        globals += make_option(opt, false);
      }
    }
    if (globals.empty()) return out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out + "\n\nGlobal options (also accepted after the subcommand) / 全局选项：\n" + globals;
  }
};

}  // namespace

std::shared_ptr<CLI::Formatter> help_formatter() { return std::make_shared<HelpFormatter>(); }

}  // namespace pilot::cli
