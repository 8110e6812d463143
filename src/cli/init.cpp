// pilot init [DIR] --name SCHOOL: a new data repository (SPEC §4). Exit 0 created, 1 refused
// (DIR already holds a pilot.toml) or a file could not be written, 2 usage.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "pilot/editors.hpp"
#include "writing.hpp"

namespace pilot::cli {

namespace {

struct InitOptions {
  std::string dir;
  std::string name;
};

int run_init(const InitOptions& o, const Globals& g) {
  Lang lang = lang_of(g);
  bool zh = lang == Lang::zh;
  Date today = as_of(g);
  if (o.name.find_first_not_of(" \t") == std::string::npos) {
    throw UsageError(zh ? "--name 不能为空：写学校全称" : "--name must not be empty: give the school's name");
  }
  std::filesystem::path dir = !o.dir.empty() ? o.dir : !g.repo.empty() ? g.repo : std::filesystem::current_path().string();
  std::error_code ec;
  if (std::filesystem::exists(dir / "pilot.toml", ec)) {
    std::cerr << (zh ? fmt::format("pilot: 拒绝初始化：{} 已经是试点数据仓库（有 pilot.toml）；未写入任何内容\n", dir.string())
                     : fmt::format("pilot: refused: {} already is a pilot repository (it has a pilot.toml); nothing was written\n",
                                   dir.string()));
    return 1;
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw WriteError({fmt::format("无法创建文件夹 {}({})", dir.string(), ec.message()),
                      fmt::format("cannot create the folder {} ({})", dir.string(), ec.message())});
  }
  auto fault = test_file_system();
  FileSystem& fs = fault ? *fault : posix_file_system();
  const auto files = init_files(o.name, today.year);
  for (const auto& file : files) {
    if (&file == &files.back()) {
      // The schemas and the editor settings that use them, before pilot.toml (last, so that an
      // interrupted init leaves no repository); an existing .vscode/settings.json is merged
      // into, never replaced.
      EditorFiles editor = write_editor_files(dir, fs);
      for (const auto& rel : editor.written) std::cout << rel << "\n";
      for (const auto& warning : editor.warnings)
        std::cerr << "pilot: warning: " << warning.in(lang) << "\n";
    }
    if (std::filesystem::exists(std::filesystem::symlink_status(dir / file.rel, ec))) {
      if (!g.quiet) std::cerr << (zh ? fmt::format("pilot: 保留已有的 {}\n", file.rel) : fmt::format("pilot: kept the existing {}\n", file.rel));
      continue;
    }
    if (auto warning = write_file_atomically(dir, file.rel, file.text, Overwrite::no, fs)) {
      std::cerr << "pilot: warning: " << warning->in(lang) << "\n";
    }
    std::cout << file.rel << "\n";
  }
  if (!g.quiet) {
    std::cerr << (zh ? fmt::format("pilot: 已在 {} 建好仓库：先核对 pilot.toml 中 {} 年的申报窗口和寒暑假，再用 pilot add 添加记录\n",
                                   dir.string(), today.year)
                     : fmt::format("pilot: repository ready in {}: check the {} application window and vacations in pilot.toml, "
                                   "then add records with `pilot add`\n",
                                   dir.string(), today.year));
  }
  return 0;
}

}  // namespace

void setup_init(CLI::App& app, Globals& g) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* sub = app.add_subcommand("init", "create a new data repository / 新建试点数据仓库");
  sub->add_option("dir", o->dir, "the folder (default: --repo, else the current folder)"
                                 " / 文件夹（默认为 --repo，否则为当前文件夹）");
  sub->add_option("--name", o->name, "学校全称 / the school's name")->required();
  sub->callback([o, &g] {
    try {
      g.exit_code = run_init(*o, g);
    } catch (const WriteError& e) {
      g.exit_code = report_write_error(e, g);
    }
  });
}

}  // namespace pilot::cli
