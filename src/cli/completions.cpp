// pilot completions bash|zsh|fish, and the hidden helpers the scripts and the build use:
// `pilot __complete KIND` (IDs for dynamic completion), `pilot __man` (pilot(1)) and
// `pilot __data-format FILE` (docs/data-format.md's field tables).
#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <set>

#include <CLI/CLI.hpp>

#include "common.hpp"
#include "completion_model.hpp"
#include "pilot/fields.hpp"
#include "pilot/rules.hpp"
#include "usage.hpp"

namespace fs = std::filesystem;

namespace pilot::cli {

namespace {

const std::vector<std::string> k_shells{"bash", "zsh", "fish"};

// The IDs of one kind: the stems of its files (SPEC §2: a record's id is its file stem, S006
// reports otherwise). Only folder listings, no file is read: completion must be instant even
// on a repository of thousands of records, and works while files are broken.
std::vector<std::string> ids_of(const fs::path& root, Kind kind) {
  std::set<std::string> ids;
  fs::path dir = root / kind_folder(kind);
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return {};
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    auto ext = p.extension().string();
    if (ext != ".yaml" && ext != ".yml") continue;
    std::string stem = p.stem().string();
    bool ok = kind == Kind::major ? is_valid_major_code(stem) : is_valid_id(stem);
    if (ok) ids.insert(stem);
  }
  return {ids.begin(), ids.end()};
}

// Prints the IDs one per line; prints nothing (exit 1) when there is no repository.
int run_complete_ids(const std::string& what, const Globals& g) {
  if (what == "rule") {
    for (const auto& r : rule_registry()) std::cout << r.id << "\n";
    return 0;
  }
  auto kind = parse_kind(what);
  if (!kind) return 1;
  fs::path root;
  try {
    root = repo_root(g);
  } catch (const std::exception&) {
    return 1;
  }
  for (const auto& id : ids_of(root, *kind)) std::cout << id << "\n";
  return 0;
}

}  // namespace

void setup_completions(CLI::App& app, Globals& g) {
  auto shell = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("completions", "shell completion script / 命令行自动补全脚本");
  with_choices(sub->add_option("SHELL", *shell, "bash | zsh | fish"
                                                " / 所用的 shell")->required(), k_shells);
  sub->footer(
      "bash: pilot completions bash > /usr/share/bash-completion/completions/pilot\n"
      "zsh:  pilot completions zsh > \"${fpath[1]}/_pilot\"\n"
      "fish: pilot completions fish > ~/.config/fish/completions/pilot.fish");
  CLI::App* root = &app;
  sub->callback([shell, root, &g] {
    CommandSpec spec = describe_app(*root);
    std::cout << (*shell == "bash" ? bash_completion(spec) : *shell == "zsh" ? zsh_completion(spec) : fish_completion(spec));
    g.exit_code = 0;
  });

  CLI::App* man = app.add_subcommand("__man", "print pilot(1) in roff (docs/pilot.1)");
  man->group("");
  man->callback([root, &g] {
    std::cout << man_page(describe_app(*root));
    g.exit_code = 0;
  });

  // docs/data-format.md with its field tables regenerated from the field tables:
  //   pilot __data-format docs/data-format.md > x && mv x docs/data-format.md
  auto doc = std::make_shared<std::string>();
  CLI::App* format = app.add_subcommand("__data-format", "print FILE with its field tables regenerated");
  format->group("");
  format->add_option("FILE", *doc, "docs/data-format.md")->required();
  format->callback([doc, &g] {
    std::ifstream in(*doc, std::ios::binary);
    if (!in) throw UsageError("cannot read " + *doc);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      std::cout << splice_field_tables(text);
    } catch (const std::invalid_argument& e) {
      throw UsageError(*doc + ": " + e.what());
    }
    g.exit_code = 0;
  });
}

void setup_complete_ids(CLI::App& app, Globals& g) {
  auto what = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("__complete", "print the IDs of a kind, one per line (for completion scripts)");
  sub->group("");
  sub->add_option("KIND", *what, "college | major | certificate | pilot | site | rule")->required();
  sub->callback([what, &g] { g.exit_code = run_complete_ids(*what, g); });
}

}  // namespace pilot::cli
