#pragma once
// The command line as data: every visible subcommand, option and positional of the live CLI11
// app, with what their values are. Shell completions and the man page are generated from it,
// so they follow every change to the command line (completions/ and docs/pilot.1 are checked
// against the generators by tests).
#include <string>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace pilot::cli {

// What the value of an option or a positional argument is.
struct ValueSpec {
  enum class Source { flag, any, words, ids, dirs, files };
  Source source = Source::flag;
  std::vector<std::string> words;  // Source::words
  std::string id_kind;             // Source::ids: what `pilot __complete` lists (major, pilot, rule, ...)
};

struct OptionSpec {
  std::vector<std::string> names;  // long names first ("--format"), then short ("-q")
  std::string help;
  std::string metavar;  // "DIR", "{text|json}", ... ("" for a flag)
  ValueSpec value;
};

struct PositionalSpec {
  std::string name;  // "ID", "KIND", ...
  std::string help;
  bool required = false;
  ValueSpec value;
};

struct CommandSpec {
  std::string name;  // "" for pilot itself
  std::string help;
  std::vector<OptionSpec> options;  // its own (option groups merged in), definition order
  std::vector<PositionalSpec> positionals;
  std::vector<CommandSpec> subcommands;  // the visible ones: hidden commands (group "") are left out
};

// Walks the app (recursing into subcommands and option groups). Choices come from IsMember
// validators; fields of `add KIND` from the record schemas; ID-valued options by name.
CommandSpec describe_app(CLI::App& app);

// One command of the tree with its path ("add pilot") and every option valid there: its own
// and its ancestors' (subcommands fall through to their parents' options), without repeats.
struct CommandNode {
  std::string path;
  const CommandSpec* command = nullptr;
  std::vector<const OptionSpec*> options;
};
std::vector<CommandNode> flatten(const CommandSpec& root);

std::string bash_completion(const CommandSpec& root);
std::string zsh_completion(const CommandSpec& root);
std::string fish_completion(const CommandSpec& root);
// The roff source of pilot(1).
std::string man_page(const CommandSpec& root);

}  // namespace pilot::cli
