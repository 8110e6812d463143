// Terminal tables for the views: ANSI-styled cells, fitting the terminal width.
#include <algorithm>

#include "pilot/render.hpp"

namespace pilot {

namespace {

std::size_t code_point_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string spaces(int n) { return std::string(static_cast<std::size_t>(std::max(0, n)), ' '); }

}  // namespace

std::string truncate_to_width(std::string_view text, int width) {
  if (display_width(text) <= width) return std::string(text);
  if (width <= 0) return "";
  static constexpr std::string_view k_ellipsis = "…";
  std::string out;
  int used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = std::min(code_point_length(static_cast<unsigned char>(text[i])), text.size() - i);
    std::string_view cp = text.substr(i, n);
    int w = display_width(cp);
    if (used + w > width - 1) break;
    out += cp;
    used += w;
    i += n;
  }
  return out + std::string(k_ellipsis);
}

std::string render_styled_table_text(const StyledTable& raw, Color color, int width) {
  StyledTable styled = raw;  // cells through printable(): what is measured is what is shown
  for (auto& h : styled.table.headers) h = printable(h);
  for (auto& row : styled.table.rows) {
    for (auto& cell : row) cell = printable(cell);
  }
  const Table& table = styled.table;
  const std::size_t columns = table.headers.size();
  std::vector<int> widths(columns, 0);
  for (std::size_t c = 0; c < columns; ++c) widths[c] = display_width(table.headers[c]);
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }

  std::vector<bool> visible(columns, true);
  auto total = [&] {
    int sum = 0, shown = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      if (!visible[c]) continue;
      sum += widths[c];
      ++shown;
    }
    return sum + 2 * std::max(0, shown - 1);
  };
  if (width > 0) {
    for (std::size_t c : styled.drop_order) {
      if (total() <= width) break;
      if (c < columns) visible[c] = false;
    }
    while (total() > width) {
      std::size_t widest = columns;
      for (std::size_t c : styled.shrinkable) {
        if (c >= columns || !visible[c] || widths[c] <= k_min_shrunk_width) continue;
        if (widest == columns || widths[c] > widths[widest]) widest = c;
      }
      if (widest == columns) break;
      --widths[widest];
    }
  }

  std::size_t last_visible = columns;
  for (std::size_t c = 0; c < columns; ++c) {
    if (visible[c]) last_visible = c;
  }
  auto right = [&](std::size_t c) { return c < table.right_align.size() && table.right_align[c]; };
  auto line = [&](const std::vector<std::string>& cells, const std::vector<const char*>* styles) {
    std::string out;
    for (std::size_t c = 0; c < columns; ++c) {
      if (!visible[c]) continue;
      std::string cell = truncate_to_width(c < cells.size() ? cells[c] : std::string(), widths[c]);
      int fill = widths[c] - display_width(cell);
      const char* style = styles != nullptr && c < styles->size() ? (*styles)[c] : nullptr;
      std::string shown = style != nullptr && !cell.empty() ? paint(cell, style, color) : cell;
      bool last = c == last_visible;
      if (right(c)) {
        out += spaces(fill) + shown;
      } else {
        out += shown;
        if (!last) out += spaces(fill);
      }
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    defuse_workflow_command(out);
    return out + "\n";
  };
  std::string rule;
  for (std::size_t c = 0; c < columns; ++c) {
    if (!visible[c]) continue;
    rule += std::string(static_cast<std::size_t>(widths[c]), '-');
    if (c != last_visible) rule += "  ";
  }
  rule += "\n";

  std::string out = line(table.headers, nullptr) + rule;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    if (std::find(table.separators_before.begin(), table.separators_before.end(), r) != table.separators_before.end()) {
      out += rule;
    }
    out += line(table.rows[r], r < styled.styles.size() ? &styled.styles[r] : nullptr);
  }
  return out;
}

}  // namespace pilot
