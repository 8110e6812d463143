// pilot lsp: the Language Server over stdio (docs/lsp.md).
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include <CLI/CLI.hpp>

#include "common.hpp"
#include "pilot/lsp.hpp"

namespace pilot::cli {

namespace {

struct LspOptions {
  bool stdio = false;  // accepted for clients that pass it; stdio is the only transport
};

int run_lsp(const LspOptions&, const Globals& g) {
  lsp::ServerOptions options;
  if (!g.repo.empty()) options.repo = repo_root(g);  // a --repo without pilot.toml is exit 2 now
  const char* today = std::getenv("PILOT_TODAY");
  if (!g.as_of.empty() || (today != nullptr && today[0] != '\0')) options.as_of = as_of(g);
  options.lang = lang_of(g);
  options.jobs = g.jobs;
  return lsp::serve(STDIN_FILENO, STDOUT_FILENO, options);
}

}  // namespace

void setup_lsp(CLI::App& app, Globals& g) {
  auto o = std::make_shared<LspOptions>();
  CLI::App* sub = app.add_subcommand("lsp",
                                     "Language Server over stdio for editors: findings as you type "
                                     "/ 编辑器语言服务器（标准输入输出）：边写边检查");
  sub->add_flag("--stdio", o->stdio, "talk over stdin/stdout (the default and only transport)"
                                     " / 经标准输入输出通信（默认且唯一的方式）");
  sub->callback([o, &g] { g.exit_code = run_lsp(*o, g); });
}

}  // namespace pilot::cli
