#include <algorithm>

#include <fmt/format.h>

#include "pilot/render.hpp"

namespace pilot {

namespace {

std::string pad(const std::string& cell, int width, bool right) {
  int fill = std::max(0, width - display_width(cell));
  return right ? std::string(static_cast<std::size_t>(fill), ' ') + cell : cell + std::string(static_cast<std::size_t>(fill), ' ');
}

// The table with every cell through printable(): what is measured is what is shown.
Table printable_table(const Table& table) {
  Table shown = table;
  for (auto& h : shown.headers) h = printable(h);
  for (auto& row : shown.rows) {
    for (auto& cell : row) cell = printable(cell);
  }
  return shown;
}

}  // namespace

std::string render_table_text(const Table& raw) {
  const Table table = printable_table(raw);
  std::size_t columns = table.headers.size();
  std::vector<int> widths(columns, 0);
  for (std::size_t c = 0; c < columns; ++c) widths[c] = display_width(table.headers[c]);
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto right = [&](std::size_t c) { return c < table.right_align.size() && table.right_align[c]; };
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < columns; ++c) {
      const std::string& cell = c < cells.size() ? cells[c] : std::string();
      bool last = c + 1 == columns;
      out += last && !right(c) ? cell : pad(cell, widths[c], right(c));
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    defuse_workflow_command(out);
    return out + "\n";
  };
  std::string rule;
  for (std::size_t c = 0; c < columns; ++c) {
    rule += std::string(static_cast<std::size_t>(widths[c]), '-');
    if (c + 1 < columns) rule += "  ";
  }
  rule += "\n";
  std::string out = line(table.headers) + rule;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (std::find(table.separators_before.begin(), table.separators_before.end(), r) != table.separators_before.end()) out += rule;
    out += line(table.rows[r]);
  }
  return out;
}

std::string render_table_markdown(const Table& table) {
  auto cell = [](const std::string& s) {
    Printable breaks;  // a line break in a value is a <br> in the cell
    breaks.line_breaks = LineBreaks::keep;
    std::string out;
    for (char c : printable(s, breaks)) {
      if (c == '|') {
        out += "\\|";
      } else if (c == '\n') {
        out += "<br>";
      } else if (c != '\r') {
        out += c;
      }
    }
    return out;
  };
  auto right = [&](std::size_t c) { return c < table.right_align.size() && table.right_align[c]; };
  std::string out = "|";
  auto add_cell = [&](const std::string& text) {  // in pieces: GCC 12 -O3 warns on " " + temporary
    out += ' ';
    out += cell(text);
    out += " |";
  };
  for (const auto& h : table.headers) add_cell(h);
  out += "\n|";
  for (std::size_t c = 0; c < table.headers.size(); ++c) out += right(c) ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
      add_cell(c < row.size() ? row[c] : std::string());
    }
    out += "\n";
  }
  return out;
}

std::string render_table_csv(const Table& table, bool bom) {
  std::string out = bom ? k_utf8_bom : "";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
      if (c > 0) out += ",";
      out += csv_field(c < cells.size() ? cells[c] : "");
    }
    out += "\r\n";
  };
  line(table.headers);
  for (const auto& row : table.rows) line(row);
  return out;
}

}  // namespace pilot
