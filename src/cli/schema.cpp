// pilot schema [KIND] [--write]: the JSON Schemas of the record kinds.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "common.hpp"
#include "pilot/schema.hpp"
#include "usage.hpp"

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
      throw UsageError(lang == Lang::zh ? "--write 会写入全部种类的 schema,不要同时指定 KIND"
                                        : "--write stores the schemas of every kind: leave out KIND");
    }
    auto root = repo_root(g);
    write_schemas(root);
    if (!g.quiet) {
      for (const auto& [rel, text] : schema_files()) {
        std::cout << (lang == Lang::zh ? fmt::format("已写入 {}\n", rel) : fmt::format("wrote {}\n", rel));
      }
    }
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
  CLI::App* sub = app.add_subcommand("schema", "JSON Schema of the record kinds, for editors / 记录的 JSON Schema(编辑器补全与校验)");
  with_choices(sub->add_option("KIND", o->kind, "one kind (default: one document with every kind)"),
               kind_names());
  sub->add_flag("--write", o->write, "store every kind's schema under .pilot/schema/ of the repository / 写入仓库的 .pilot/schema/");
  sub->callback([o, &g] { g.exit_code = run_schema(*o, g); });
}

}  // namespace pilot::cli
