#pragma once
// A small layer over libxlsxwriter that every view's workbook uses (xlsx_views.cpp): a book of
// sheets, each a title block and one typed table (view_render::Grid), with native charts drawn
// from that table. Internal to src/render.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "views_common.hpp"

namespace pilot::xlsx {

// A native chart of a sheet's table. Rows and columns are the grid's indexes; the columns must
// be shown in sheets (Show::everywhere or Show::sheets) and the rows consecutive.
struct Chart {
  enum class Kind {
    stacked_bar,  // one bar per row (labelled by label_column), one series per series_column
    bar,          // the same, the series side by side
    line,         // one line per row (named by label_column), a point per series_column; the
                  // column headers are the categories
  };
  Kind kind = Kind::stacked_bar;
  std::string title;
  std::size_t label_column = 0;
  std::vector<std::size_t> series_columns;
  std::size_t first_row = 0;
  std::size_t last_row = 0;
  bool percent = false;               // values are percentages (a 0% axis)
  bool last_is_total = false;         // line: the last row is drawn thick and black (the school)
  std::vector<std::uint32_t> colors;  // bars: one RGB per series (default: dark, light, white)
};

struct Sheet {
  std::string name;                       // the tab; cut to 31 characters, made unique
  std::string title;                      // the section's title
  std::vector<std::string> notes;         // lines under the title block
  std::optional<view_render::Grid> grid;  // nullopt: a sheet of notes and charts
  std::vector<Chart> charts;              // placed under the table
};

struct Book {
  Masthead head;
  Lang lang = Lang::en;
  std::string title;  // the view's title, on every sheet
  std::vector<Sheet> sheets;
};

// The sheets of a document, one per section (its tab name Section::sheet), the document's
// lines as notes of the first.
Book book_of(const view_render::Document& doc, Lang lang);

// The bytes of the .xlsx file. Throws std::runtime_error when libxlsxwriter fails.
std::string write(const Book& book);

// A sheet name Excel accepts: without []:*?/\ or control characters, not starting or ending
// with ', at most `max_chars` characters (Excel's limit is 31).
std::string sheet_name(std::string_view name, int max_chars = 31);

}  // namespace pilot::xlsx
