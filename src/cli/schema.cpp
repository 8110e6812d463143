// pilot schema [KIND] [--write]: the JSON Schemas of the record kinds; --write stores them in
// the repository with the editor settings that use them (include/pilot/editors.hpp). Exit 0,
// 1 when a file could not be written, 2 usage.
#include "pilot/schema.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>

#include "common.hpp"
#include "pilot/editors.hpp"
#include "usage.hpp"
#include "writing.hpp"

namespace pilot::cli {

namespace {

struct SchemaOptions {
  std::string kind;
  bool write = false;
};

int run_schema(const SchemaOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  if (o.write) {
    if (!o.kind.empty()) {
      throw UsageError(lang == Lang::zh
                           ? "--write 会写入全部种类的 schema，不要同时指定 KIND"
                           : "--write stores the schemas of every kind: leave out KIND");
    }
    using namespace std::chrono_literals;
    auto root = repo_root(g);
    RepositoryLock lock(root, 60s);
    auto fault = test_file_system();
    EditorFiles files = write_editor_files(root, fault ? *fault : posix_file_system());
    if (!g.quiet) {
      for (const auto& rel : files.written) {
        std::cout << (lang == Lang::zh ? fmt::format("已写入 {}\n", rel)
                                       : fmt::format("wrote {}\n", rel));
      }
      for (const auto& rel : files.unchanged) {
        std::cout << (lang == Lang::zh ? fmt::format("{} 已是最新\n", rel)
                                       : fmt::format("{} is up to date\n", rel));
      }
    }
    for (const auto& warning : files.warnings)
      std::cerr << "pilot: warning: " << warning.in(lang) << "\n";
    return 0;
  }
  if (o.kind.empty()) {
    std::cout << all_schemas_json();
  } else {
    std::cout << schema_json(*parse_kind(o.kind));
  }
  return 0;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> names;
  for (Kind k : k_all_kinds) names.emplace_back(kind_name(k));
  return names;
}

}  // namespace

void setup_schema(CLI::App& app, Globals& g) {
  auto o = std::make_shared<SchemaOptions>();
  CLI::App* sub = app.add_subcommand(
      "schema",
      "JSON Schema of the record kinds, for editors / 记录的 JSON Schema（编辑器补全与校验）");
  with_choices(sub->add_option("KIND", o->kind, "one kind (default: one document with every kind)"
                                                " / 记录种类（默认为包含全部种类的一个文档）"),
               kind_names());
  sub->add_flag(
      "--write", o->write,
      "store every kind's schema under .pilot/schema/ and map the record folders to them in "
      ".vscode/settings.json / 写入 .pilot/schema/ 并在 .vscode/settings.json "
      "中为各记录文件夹指定");
  sub->callback([o, &g] {
    try {
      g.exit_code = run_schema(*o, g);
    } catch (const WriteError& e) {
      g.exit_code = report_write_error(e, g);
    }
  });
}

}  // namespace pilot::cli
