#pragma once
// What `status`, `report` and `compliance` share: output options and the terminal's width.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

#include "common.hpp"
#include "pilot/render.hpp"

namespace pilot::cli {

struct ViewOutputOptions {
  std::string format;
  bool no_bom = false;
  int width = -1;  // -1: the terminal's width when stdout is a terminal, else no limit
};

// --format (default `default_format`), --no-bom, --width.
inline void add_view_output_options(CLI::App& sub, ViewOutputOptions& o, const std::string& default_format) {
  o.format = default_format;
  sub.add_option("--format", o.format, "table | md | csv | json (default: " + default_format + ")")
      ->check(CLI::IsMember(k_table_formats));
  sub.add_flag("--no-bom", o.no_bom, "CSV without the UTF-8 byte order mark (Excel needs it for Chinese)");
  sub.add_option("--width", o.width, "fit tables into this many columns, 0 = no limit (default: the terminal's width)")
      ->check(CLI::Range(0, 10000));
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

inline ViewStyle view_style(const ViewOutputOptions& o, const Globals& g) {
  return ViewStyle{lang_of(g), color_of(g), view_width(o)};
}

}  // namespace pilot::cli
