// Workbooks with libxlsxwriter: title blocks, typed tables, frozen headers, autofilters, widths
// from the contents and native charts. libxlsxwriter writes to a file name only, so the book
// is written to a temporary file and read back: renderers return bytes.
#include "xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

namespace pilot::xlsx {

using view_render::Cell;
using view_render::CellType;
using view_render::Grid;
using view_render::RowKind;
using view_render::Show;

std::string sheet_name(std::string_view name, int max_chars) {
  std::string out;
  int chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < max_chars;) {
    auto b = static_cast<unsigned char>(name[i]);
    std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    n = std::min(n, name.size() - i);
    std::string_view ch = name.substr(i, n);
    i += n;
    if (ch.size() == 1 && std::string_view("[]:*?/\\").find(ch[0]) != std::string_view::npos)
      continue;
    if (ch.size() == 1 && static_cast<unsigned char>(ch[0]) < 0x20) continue;
    out += ch;
    ++chars;
  }
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "Sheet" : out;
}

Book book_of(const view_render::Document& doc, Lang lang) {
  Book book;
  book.head = doc.head;
  book.lang = lang;
  book.title = doc.title;
  for (const view_render::Section& s : doc.sections) {
    Sheet sheet;
    sheet.name = s.sheet.empty() ? s.title : s.sheet;
    sheet.title = s.title;
    if (book.sheets.empty()) sheet.notes = doc.lines;
    if (!s.intro.empty()) sheet.notes.push_back(s.intro);
    sheet.grid = s.grid;
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

namespace {

constexpr double k_max_width = 60;
constexpr lxw_color_t k_green = 0x1B5E20;
constexpr lxw_color_t k_amber = 0x7A4F00;
constexpr lxw_color_t k_red = 0xB71C1C;
constexpr lxw_color_t k_muted = 0x555555;
constexpr lxw_color_t k_head_fill = 0xEEF0F3;
constexpr lxw_color_t k_sum_fill = 0xF6F7F9;

// The formats a book needs, made once each.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {}

  lxw_format* title() {
    return once(title_, [](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 14);
    });
  }
  lxw_format* subtitle() {
    return once(subtitle_, [](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 12);
    });
  }
  lxw_format* section() {
    return once(section_, [](lxw_format* f) { format_set_bold(f); });
  }
  lxw_format* note() {
    return once(note_, [](lxw_format* f) { format_set_font_color(f, k_muted); });
  }
  lxw_format* header(bool right) {
    lxw_format*& slot = right ? header_right_ : header_left_;
    return once(slot, [right](lxw_format* f) {
      format_set_bold(f);
      format_set_bg_color(f, k_head_fill);
      format_set_bottom(f, LXW_BORDER_THIN);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      if (right) format_set_align(f, LXW_ALIGN_RIGHT);
    });
  }

  // A data cell's format: its type's number format, its colour, bold on sums.
  lxw_format* cell(CellType type, const char* style, RowKind kind) {
    auto key = std::make_tuple(static_cast<int>(type), std::string(style != nullptr ? style : ""),
                               static_cast<int>(kind));
    auto [it, inserted] = cells_.try_emplace(key, nullptr);
    if (!inserted) return it->second;
    lxw_format* f = workbook_add_format(wb_);
    switch (type) {
      case CellType::text:
      case CellType::code: format_set_num_format(f, "@"); break;
      case CellType::count: format_set_num_format(f, "0"); break;
      case CellType::percent: format_set_num_format(f, "0.0%"); break;
      case CellType::money: format_set_num_format(f, "#,##0.00"); break;
      case CellType::date: format_set_num_format(f, "yyyy-mm-dd"); break;
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (type == CellType::date) format_set_align(f, LXW_ALIGN_LEFT);
    const std::string_view s(style != nullptr ? style : "");
    if (s == view_render::k_green) format_set_font_color(f, k_green);
    if (s == view_render::k_yellow) format_set_font_color(f, k_amber);
    if (s == view_render::k_red) format_set_font_color(f, k_red);
    if (s == view_render::k_bold || kind != RowKind::detail) format_set_bold(f);
    if (kind != RowKind::detail) format_set_bg_color(f, k_sum_fill);
    if (kind == RowKind::total) format_set_top(f, LXW_BORDER_MEDIUM);
    it->second = f;
    return f;
  }

 private:
  template <class Setup>
  lxw_format* once(lxw_format*& slot, Setup setup) {
    if (slot == nullptr) {
      slot = workbook_add_format(wb_);
      setup(slot);
    }
    return slot;
  }

  lxw_workbook* wb_;
  lxw_format *title_ = nullptr, *subtitle_ = nullptr, *section_ = nullptr, *note_ = nullptr;
  lxw_format *header_left_ = nullptr, *header_right_ = nullptr;
  std::map<std::tuple<int, std::string, int>, lxw_format*> cells_;
};

// Text from the data as a spreadsheet shows it: control characters as escapes (they are not
// even allowed in the file's XML), and a leading ' where a formula could start.
// The same printable() and formula guard as CSV cells (csv_field), without CSV's quoting.
std::string sheet_text(std::string_view s) {
  Printable keep;
  keep.tab = true;
  keep.line_breaks = LineBreaks::keep;
  std::string shown = printable(s, keep);
  return is_plain_number(shown) ? shown : formula_safe(shown);
}

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(fmt::format("xlsx: {}: {}", what, lxw_strerror(e)));
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& c, lxw_format* f) {
  if (c.blank) {
    check(worksheet_write_blank(ws, row, col, f), "blank cell");
    return;
  }
  switch (c.type) {
    case CellType::text:
    case CellType::code:
      check(worksheet_write_string(ws, row, col, sheet_text(c.text).c_str(), f), "text cell");
      return;
    case CellType::count:
      check(worksheet_write_number(ws, row, col, static_cast<double>(c.number), f), "count");
      return;
    case CellType::percent:
      check(worksheet_write_number(ws, row, col, static_cast<double>(c.number) / 1000.0, f),
            "percent");
      return;
    case CellType::money:
      check(worksheet_write_number(ws, row, col, static_cast<double>(c.number) / 100.0, f),
            "money");
      return;
    case CellType::date: {
      lxw_datetime dt{c.date.year, c.date.month, c.date.day, 0, 0, 0};
      check(worksheet_write_datetime(ws, row, col, &dt, f), "date");
      return;
    }
  }
}

// Where a sheet's table landed: the header row and the sheet column of each grid column.
struct Placed {
  lxw_row_t header_row = 0;
  std::vector<int> column;  // grid column -> sheet column, -1 when not shown in sheets
};

Placed write_table(lxw_worksheet* ws, const Grid& g, lxw_row_t header_row, Formats& fmts,
                   Lang lang) {
  Placed p;
  p.header_row = header_row;
  std::vector<std::size_t> shown;
  for (std::size_t c = 0; c < g.columns.size(); ++c) {
    p.column.push_back(g.columns[c].show == Show::tables ? -1 : static_cast<int>(shown.size()));
    if (g.columns[c].show != Show::tables) shown.push_back(c);
  }
  std::vector<double> widths(shown.size(), 6);
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const view_render::Column& col = g.columns[shown[k]];
    const auto sc = static_cast<lxw_col_t>(k);
    check(worksheet_write_string(ws, header_row, sc, sheet_text(col.header).c_str(),
                                 fmts.header(view_render::is_numeric(col.type))),
          "header");
    widths[k] = std::max(widths[k], static_cast<double>(display_width(col.header)));
    for (std::size_t r = 0; r < g.rows.size(); ++r) {
      const Cell& cell = g.rows[r][shown[k]];
      const RowKind kind = r < g.kinds.size() ? g.kinds[r] : RowKind::detail;
      const auto row = static_cast<lxw_row_t>(header_row + 1 + r);
      write_cell(ws, row, sc, cell, fmts.cell(cell.type, cell.style, kind));
      if (!cell.blank)
        widths[k] = std::max(widths[k], static_cast<double>(display_width(cell.text)));
    }
  }
  for (std::size_t k = 0; k < shown.size(); ++k) {
    const auto sc = static_cast<lxw_col_t>(k);
    check(worksheet_set_column(ws, sc, sc, std::min(widths[k] + 2, k_max_width), nullptr), "width");
  }
  if (g.rows.empty() && !shown.empty()) {
    check(worksheet_write_string(ws, header_row + 1, 0, view_render::none_label(lang), fmts.note()),
          "none");
  }
  worksheet_freeze_panes(ws, header_row + 1, 0);
  if (!shown.empty()) {
    const auto last_row =
        static_cast<lxw_row_t>(header_row + std::max<std::size_t>(g.rows.size(), 1));
    check(
        worksheet_autofilter(ws, header_row, 0, last_row, static_cast<lxw_col_t>(shown.size() - 1)),
        "autofilter");
  }
  return p;
}

// A palette that stays apart in grey: dark, mid and light tones alternate.
constexpr lxw_color_t k_series[] = {0x1F3B73, 0xD98C1E, 0x4E8F3A, 0x8FB0DC, 0x8E1616,
                                    0x6A4C93, 0x2A9D8F, 0xB5838D, 0x3D5A80, 0x9C6644};
constexpr uint8_t k_markers[] = {LXW_CHART_MARKER_CIRCLE,  LXW_CHART_MARKER_SQUARE,
                                 LXW_CHART_MARKER_DIAMOND, LXW_CHART_MARKER_TRIANGLE,
                                 LXW_CHART_MARKER_X,       LXW_CHART_MARKER_STAR,
                                 LXW_CHART_MARKER_PLUS};

// Rows of the sheet a chart of `rows` bars takes, at the default row height of 20 px.
int chart_rows(double height_px) { return static_cast<int>(std::ceil(height_px / 20.0)) + 1; }

lxw_row_t insert_chart(lxw_workbook* wb, lxw_worksheet* ws, const std::string& sheet,
                       const Chart& c, const Placed& p, lxw_row_t at) {
  auto col = [&](std::size_t grid_col) {
    int sc = grid_col < p.column.size() ? p.column[grid_col] : -1;
    if (sc < 0) throw std::logic_error("xlsx chart: a column not shown in sheets");
    return static_cast<lxw_col_t>(sc);
  };
  auto row = [&](std::size_t grid_row) {
    return static_cast<lxw_row_t>(p.header_row + 1 + grid_row);
  };
  const char* name = sheet.c_str();
  const std::size_t rows = c.last_row - c.first_row + 1;
  double height = 0;
  lxw_chart* chart = nullptr;
  if (c.kind != Chart::Kind::line) {
    chart =
        workbook_add_chart(wb, c.kind == Chart::Kind::bar ? LXW_CHART_BAR : LXW_CHART_BAR_STACKED);
    for (std::size_t i = 0; i < c.series_columns.size(); ++i) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      const lxw_col_t sc = col(c.series_columns[i]);
      chart_series_set_categories(s, name, row(c.first_row), col(c.label_column), row(c.last_row),
                                  col(c.label_column));
      chart_series_set_values(s, name, row(c.first_row), sc, row(c.last_row), sc);
      chart_series_set_name_range(s, name, p.header_row, sc);
      lxw_chart_fill fill{};
      fill.color = i < c.colors.size() ? c.colors[i]
                   : i == 0            ? 0x1F3B73
                   : i == 1            ? 0x8FB0DC
                                       : 0xF5F5F5;
      chart_series_set_fill(s, &fill);
      lxw_chart_line line{};
      line.color = 0x555555;
      line.width = 0.75;
      chart_series_set_line(s, &line);
    }
    chart_axis_set_reverse(chart->y_axis);  // categories (y in a bar chart): the first row on top
    const double per_row =
        c.kind == Chart::Kind::bar ? 16.0 * static_cast<double>(c.series_columns.size()) : 26.0;
    height = std::max(288.0, 90.0 + per_row * static_cast<double>(rows));
  } else {
    chart = workbook_add_chart(wb, LXW_CHART_LINE);
    const lxw_col_t first = col(c.series_columns.front()), last = col(c.series_columns.back());
    for (std::size_t r = c.first_row; r <= c.last_row; ++r) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(s, name, p.header_row, first, p.header_row, last);
      chart_series_set_values(s, name, row(r), first, row(r), last);
      chart_series_set_name_range(s, name, row(r), col(c.label_column));
      const std::size_t k = r - c.first_row;
      lxw_chart_line line{};
      if (c.last_is_total && r == c.last_row) {
        line.color = LXW_COLOR_BLACK;  // 0x000000 is LXW_COLOR_UNSET
        line.width = 3;
        chart_series_set_marker_type(s, LXW_CHART_MARKER_NONE);
      } else {
        line.color = k_series[k % std::size(k_series)];
        line.width = 1.5;
        chart_series_set_marker_type(s, k_markers[k % std::size(k_markers)]);
        chart_series_set_marker_size(s, 5);
      }
      chart_series_set_line(s, &line);
    }
    height = 420;
  }
  chart_title_set_name(chart, c.title.c_str());
  // Bar charts are horizontal: their value axis is the x axis (libxlsxwriter's convention).
  lxw_chart_axis* values = c.kind == Chart::Kind::line ? chart->y_axis : chart->x_axis;
  if (c.percent) chart_axis_set_num_format(values, "0%");
  chart_axis_set_min(values, 0);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options opt{};
  opt.x_scale = 1.6;
  opt.y_scale = height / 288.0;
  check(worksheet_insert_chart_opt(ws, at, 0, chart, &opt), "chart");
  return static_cast<lxw_row_t>(at + chart_rows(height));
}

// A temporary file that is removed when it goes out of scope.
class TempPath {
 public:
  TempPath() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pilot-xlsx-XXXXXX").string();
    int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file in " + pattern);
    ::close(fd);
    path_ = pattern;
  }
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  const std::string& str() const { return path_; }

 private:
  std::string path_;
};

// 00:00 UTC of a date, for the file's creation time (reproducible: the date made, not now).
std::time_t midnight_utc(const Date& d) { return static_cast<std::time_t>(d.to_days()) * 86400; }

void write_sheet(lxw_workbook* wb, Formats& fmts, const Book& book, const Sheet& sheet,
                 const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) throw std::runtime_error("xlsx: cannot add the sheet " + name);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  lxw_row_t row = 0;
  const std::string who = view_render::school_office(book.head);
  if (!who.empty())
    check(worksheet_write_string(ws, row++, 0, sheet_text(who).c_str(), fmts.title()), "title");
  check(worksheet_write_string(ws, row++, 0, sheet_text(book.title).c_str(), fmts.subtitle()),
        "title");
  if (!sheet.title.empty() && sheet.title != book.title) {
    check(worksheet_write_string(ws, row++, 0, sheet_text(sheet.title).c_str(), fmts.section()),
          "section");
  }
  const std::string when =
      book.lang == Lang::zh
          ? fmt::format("数据截至 {} · 制表日期 {}", book.head.as_of.str(), book.head.made.str())
          : fmt::format("Data as of {} · made {}", book.head.as_of.str(), book.head.made.str());
  check(worksheet_write_string(ws, row++, 0, when.c_str(), fmts.note()), "masthead");
  for (const std::string& line : sheet.notes) {
    check(worksheet_write_string(ws, row++, 0, sheet_text(line).c_str(), fmts.note()), "note");
  }
  ++row;  // a blank row above the header
  lxw_row_t after = row;
  Placed placed;
  if (sheet.grid) {
    placed = write_table(ws, *sheet.grid, row, fmts, book.lang);
    after = static_cast<lxw_row_t>(row + 1 + std::max<std::size_t>(sheet.grid->rows.size(), 1) + 1);
    worksheet_repeat_rows(ws, row, row);
  }
  for (const Chart& c : sheet.charts) {
    if (!sheet.grid || c.first_row > c.last_row || c.last_row >= sheet.grid->rows.size()) continue;
    after = insert_chart(wb, ws, name, c, placed, after);
  }
}

}  // namespace

std::string write(const Book& book) {
  TempPath file;
  lxw_workbook* wb = workbook_new(file.str().c_str());
  if (wb == nullptr) throw std::runtime_error("xlsx: cannot start a workbook in " + file.str());
  Formats fmts(wb);
  const std::string who = view_render::school_office(book.head);
  std::string title = book.title, author = who, company = book.head.school;
  lxw_doc_properties props{};
  props.title = title.data();
  props.author = author.data();
  props.company = company.data();
  props.created = midnight_utc(book.head.made);
  workbook_set_properties(wb, &props);

  std::vector<std::string> names;
  try {
    for (const Sheet& sheet : book.sheets) {
      std::string base = sheet_name(sheet.name), name = base;
      for (int n = 2; std::find(names.begin(), names.end(), name) != names.end(); ++n) {
        name = sheet_name(base, 27) + " " + std::to_string(n);
      }
      names.push_back(name);
      write_sheet(wb, fmts, book, sheet, name);
    }
  } catch (...) {
    workbook_close(wb);
    throw;
  }
  check(workbook_close(wb), "closing the workbook");
  std::ifstream in(file.str(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) throw std::runtime_error("xlsx: cannot read back " + file.str());
  return bytes.str();
}

}  // namespace pilot::xlsx
