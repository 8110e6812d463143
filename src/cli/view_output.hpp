#pragma once
// What the views (`status`, `report`, `compliance`, `funds`, `list`) share: output options,
// the terminal's width, the date a view is made, and writing to stdout or -o FILE.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "common.hpp"
#include "pilot/render.hpp"
#include "pilot/write.hpp"
#include "usage.hpp"

namespace pilot::cli {

struct ViewOutputOptions {
  std::string format;
  bool no_bom = false;
  int width = -1;  // -1: the terminal's width when stdout is a terminal, else no limit
};

// The formats of `status`, `report`, `compliance` and `funds`: the view formats plus a
// self-contained HTML page and an Excel workbook.
inline const std::vector<std::string> k_page_formats{"table", "md", "csv", "json", "html", "xlsx"};

// The date a view is made (SPEC §5): $PILOT_TODAY when it is set, so that tests and goldens are
// reproducible, else today. --as-of does not change it: it dates the data, not the document.
inline Date made_date() {
  if (const char* env = std::getenv("PILOT_TODAY"); env != nullptr && env[0] != '\0') {
    auto d = Date::parse(env);
    if (!d)
      throw UsageError(std::string("$PILOT_TODAY must be a date YYYY-MM-DD that exists, not \"") +
                       env + "\"");
    return *d;
  }
  return Date::today();
}

// An xlsx workbook is bytes, not text: it goes to -o FILE or to a redirected stdout, never to a
// terminal (a usage error, exit 2, before any work).
inline void check_binary_output(const std::string& format, const std::string& path, Lang lang) {
  if (format != "xlsx" || (!path.empty() && path != "-") || isatty(STDOUT_FILENO) == 0) return;
  throw UsageError(
      lang == Lang::zh
          ? "--format xlsx 输出的是 Excel 文件：请用 -o 文件名.xlsx "
            "指定文件（或把标准输出重定向到文件）"
          : "--format xlsx writes an Excel file: give -o FILE.xlsx (or redirect stdout to a file)");
}

// --format (one of `formats`, default `default_format`), --no-bom, --width.
inline void add_view_output_options(CLI::App& sub, ViewOutputOptions& o, const std::string& default_format,
                                    const std::vector<std::string>& formats = k_table_formats) {
  o.format = default_format;
  std::string names;
  for (const auto& f : formats) names += (names.empty() ? "" : " | ") + f;
  with_choices(sub.add_option("--format", o.format,
                              names + " (default: " + default_format + ") / 输出格式（默认 " +
                                  default_format + "）"),
               formats);
  sub.add_flag("--no-bom", o.no_bom,
               "CSV without the UTF-8 byte order mark (Excel needs it for Chinese)"
               " / CSV 不加 UTF-8 BOM（Excel 显示中文需要它）");
  with_range(sub.add_option(
                 "--width", o.width,
                 "fit tables into this many columns, 0 = no limit (default: the terminal's width)"
                 " / 表格宽度上限，0 为不限（默认为终端宽度）"),
             0, 10000);
}

// Columns to fit text tables into: --width, else when stdout is a terminal $COLUMNS or the
// terminal's own width; 0 = no limit.
inline int view_width(const ViewOutputOptions& o) {
  if (o.width >= 0) return o.width;
  if (isatty(STDOUT_FILENO) == 0) return 0;
  if (const char* env = std::getenv("COLUMNS"); env != nullptr) {
    char* end = nullptr;
    long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n > 0 && n < 10000) return static_cast<int>(n);
  }
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;
}

// -o FILE: where a view goes ("" or "-": stdout).
inline void add_output_file_option(CLI::App& sub, std::string& path) {
  sub.add_option("-o,--output", path,
                 "write to this file instead of stdout (replaced whole, never half-written)"
                 " / 写入该文件而非标准输出（整体替换，不会只写一半）");
}

// Prints `text` to stdout, or writes it to `path` atomically (a temporary file beside it, then
// a rename). A file that cannot be written is a UsageError (exit 2) naming it, in `lang`.
inline void emit_output(const std::string& path, const std::string& text, Lang lang) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  try {
    AtomicFile file(std::filesystem::absolute(path), path, posix_file_system());
    file.write(text);
    if (auto warning = file.commit(Overwrite::yes)) std::cerr << "pilot: warning: " << warning->in(lang) << "\n";
  } catch (const WriteError& e) {
    throw UsageError(e.text);
  }
}

inline ViewStyle view_style(const ViewOutputOptions& o, const Globals& g) {
  return ViewStyle{lang_of(g), color_of(g), view_width(o)};
}

// The style of a table going to `file` (-o): a file is no terminal, so no fitting (unless
// --width) and no colour (unless --color always).
inline ViewStyle view_style(const ViewOutputOptions& o, const Globals& g, const std::string& file) {
  ViewStyle s = view_style(o, g);
  if (file.empty() || file == "-") return s;
  if (o.width < 0) s.width = 0;
  if (g.color != "always") s.color = Color::no;
  return s;
}

}  // namespace pilot::cli
