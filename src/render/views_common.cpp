#include "views_common.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace pilot::view_render {

std::string percent_text(const std::optional<Percent>& p) {
  if (!p) return "—";
  return fmt::format("{}.{}%", p->tenths / 10, p->tenths % 10);
}

std::string percent_csv(const std::optional<Percent>& p) {
  if (!p) return "";
  return fmt::format("{}.{}", p->tenths / 10, p->tenths % 10);
}

Json percent_json(const std::optional<Percent>& p) {
  if (!p) return nullptr;
  return static_cast<double>(p->tenths) / 10.0;
}

std::string college_label(const PilotMajorId& who) {
  if (!who.college_name.empty()) return who.college_name;
  return who.college.empty() ? "—" : who.college;
}

std::string major_label(const PilotMajorId& who) {
  return who.major_name.empty() ? who.major : who.major + " " + who.major_name;
}

std::string certificate_label(const PilotMajorId& who) {
  return who.certificate_name.empty() ? who.certificate : who.certificate_name;
}

std::string level_label(const std::optional<Level>& level, Lang lang) {
  if (!level) return "—";
  return lang == Lang::zh ? level_name(*level) : level_name_en(*level);
}

std::string level_code(const std::optional<Level>& level) { return level ? level_name(*level) : ""; }

void put_identity(Json& row, const PilotMajorId& who) {
  row["college"] = who.college;
  row["college_name"] = who.college_name;
  row["major"] = who.major;
  row["major_name"] = who.major_name;
  row["pilot"] = who.pilot;
  row["year"] = who.year;
  row["certificate"] = who.certificate;
  row["certificate_name"] = who.certificate_name;
  row["level"] = who.level ? Json(level_name(*who.level)) : Json(nullptr);
  row["lead"] = who.lead;
}

void append_masthead_columns(Table& t, const Masthead& head) {
  for (const char* h : {"school", "office", "as_of", "made"}) t.headers.push_back(h);
  for (auto& row : t.rows) {
    row.resize(t.headers.size() - 4);
    for (std::string v : {head.school, head.office, head.as_of.str(), head.made.str()})
      row.push_back(std::move(v));
  }
}

std::vector<std::string> identity_cells(const PilotMajorId& who) {
  std::vector<std::string> cells{who.college,
                                 who.college_name,
                                 who.major,
                                 who.major_name,
                                 who.pilot,
                                 who.certificate,
                                 who.certificate_name,
                                 level_code(who.level),
                                 who.lead ? "yes" : "no"};
  return cells;  // render_table_csv guards each cell (csv_field)
}

std::string count_label(long long n, Lang lang, const char* zh_unit, const char* en_singular, const char* en_plural) {
  if (lang == Lang::zh) return fmt::format("{} 个{}", n, zh_unit);
  return fmt::format("{} {}", n, n == 1 ? en_singular : en_plural);
}

std::string heading_text(const std::string& title, Color color) { return paint(title, k_bold, color) + "\n"; }

std::string heading_markdown(const std::string& title, int level) {
  return std::string(static_cast<std::size_t>(level), '#') + " " + title + "\n";
}

const char* none_label(Lang lang) { return tr(lang, "无。", "None."); }

// ---- cells ---------------------------------------------------------------------------------

bool is_numeric(CellType t) {
  return t == CellType::count || t == CellType::percent || t == CellType::money;
}

Cell text_cell(std::string text, const char* style) {
  Cell c;
  c.text = std::move(text);
  c.blank = c.text.empty();
  c.style = style;
  return c;
}

Cell code_cell(std::string code) {
  Cell c;
  c.type = CellType::code;
  c.blank = code.empty();
  c.text = code.empty() ? "—" : std::move(code);
  return c;
}

Cell count_cell(long long n, const char* style) {
  Cell c;
  c.type = CellType::count;
  c.number = n;
  c.text = std::to_string(n);
  c.style = style;
  return c;
}

Cell signed_cell(long long n) {
  Cell c = count_cell(n);
  if (n > 0) c.text = "+" + c.text;
  return c;
}

Cell percent_cell(const std::optional<Percent>& p, const char* style) {
  Cell c;
  c.type = CellType::percent;
  c.blank = !p;
  c.number = p ? p->tenths : 0;
  c.text = percent_text(p);
  c.style = style;
  return c;
}

Cell money_cell(const std::optional<long long>& fen, const char* style) {
  Cell c;
  c.type = CellType::money;
  c.blank = !fen;
  c.style = style;
  if (!fen) {
    c.text = "—";
    return c;
  }
  c.number = *fen;
  // 30,000.00: thousands grouped, two decimals.
  long long v = *fen < 0 ? -*fen : *fen;
  std::string whole = std::to_string(v / 100);
  for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3)
    whole.insert(static_cast<std::size_t>(at), ",");
  c.text = fmt::format("{}{}.{:02}", *fen < 0 ? "-" : "", whole, v % 100);
  return c;
}

Cell date_cell(const std::optional<Date>& d) {
  Cell c;
  c.type = CellType::date;
  c.blank = !d;
  c.text = d ? d->str() : "—";
  if (d) c.date = *d;
  return c;
}

void Grid::add(std::vector<Cell> row, RowKind kind) {
  row.resize(columns.size());
  rows.push_back(std::move(row));
  kinds.push_back(kind);
}

StyledTable styled_table(const Grid& grid) {
  StyledTable st;
  Table& t = st.table;
  std::vector<std::size_t> shown;  // grid column -> table column
  std::vector<std::size_t> index(grid.columns.size(), SIZE_MAX);
  for (std::size_t c = 0; c < grid.columns.size(); ++c) {
    if (grid.columns[c].show == Show::sheets) continue;
    index[c] = shown.size();
    shown.push_back(c);
    t.headers.push_back(grid.columns[c].header);
    t.right_align.push_back(is_numeric(grid.columns[c].type));
  }
  for (std::size_t r = 0; r < grid.rows.size(); ++r) {
    const RowKind kind = r < grid.kinds.size() ? grid.kinds[r] : RowKind::detail;
    if (kind == RowKind::total) t.separators_before.push_back(t.rows.size());
    std::vector<std::string> cells;
    std::vector<const char*> styles;
    for (std::size_t c : shown) {
      const Cell& cell = grid.rows[r][c];
      cells.push_back(cell.text);  // render_styled_table_text shows it through printable()
      styles.push_back(kind != RowKind::detail ? k_bold : cell.style);
    }
    t.rows.push_back(std::move(cells));
    st.styles.push_back(std::move(styles));
  }
  for (std::size_t c : grid.drop_order) {
    if (c < index.size() && index[c] != SIZE_MAX) st.drop_order.push_back(index[c]);
  }
  for (std::size_t c : grid.shrinkable) {
    if (c < index.size() && index[c] != SIZE_MAX) st.shrinkable.push_back(index[c]);
  }
  return st;
}

// ---- documents -----------------------------------------------------------------------------

std::string school_office(const Masthead& head) {
  if (head.school.empty()) return head.office;
  if (head.office.empty()) return head.school;
  return head.school + " " + head.office;
}

std::string masthead_line(const Masthead& head, Lang lang) {
  std::string who = school_office(head);
  std::string when =
      lang == Lang::zh ? fmt::format("数据截至 {} · 制表日期 {}", head.as_of.str(), head.made.str())
                       : fmt::format("data as of {} · made {}", head.as_of.str(), head.made.str());
  return who.empty() ? when : who + " · " + when;
}

void put_masthead(Json& j, const Masthead& head) {
  j["as_of"] = head.as_of.str();
  j["school"] = head.school;
  j["office"] = head.office;
}

// A line of a document (the school's name, a record's values ...) as printable() shows it.
std::string shown_line(const std::string& line) {
  Printable start;
  start.line_start = true;
  return printable(line, start);
}

std::string document_text(const Document& doc, const ViewStyle& style) {
  std::string out = heading_text(shown_line(doc.title), style.color);
  out += shown_line(masthead_line(doc.head, style.lang)) + "\n";
  for (const auto& line : doc.lines) out += shown_line(line) + "\n";
  for (const Section& s : doc.sections) {
    out += "\n";
    if (!s.title.empty()) out += heading_text(shown_line(s.title), style.color);
    if (!s.intro.empty()) out += shown_line(s.intro) + "\n";
    if (!s.grid) continue;
    if (s.grid->rows.empty()) {
      out += std::string(none_label(style.lang)) + "\n";
    } else {
      out += render_styled_table_text(styled_table(*s.grid), style.color, style.width);
    }
  }
  return out;
}

std::string document_markdown(const Document& doc, Lang lang) {
  std::string out = heading_markdown(printable(doc.title), 1);
  out += "\n" + shown_line(masthead_line(doc.head, lang)) + "\n";
  if (!doc.lines.empty()) out += "\n";
  for (const auto& line : doc.lines) out += "- " + printable(line) + "\n";
  for (const Section& s : doc.sections) {
    out += "\n";
    if (!s.title.empty()) out += heading_markdown(printable(s.title), 2) + "\n";
    if (!s.intro.empty()) out += shown_line(s.intro) + "\n\n";
    if (!s.grid) continue;
    if (s.grid->rows.empty()) {
      out += std::string(none_label(lang)) + "\n";
      continue;
    }
    StyledTable st = styled_table(*s.grid);
    for (std::size_t r = 0; r < st.table.rows.size(); ++r) {
      if (s.grid->kinds[r] == RowKind::detail) continue;
      for (auto& cell : st.table.rows[r]) {
        if (!cell.empty()) cell = "**" + cell + "**";
      }
    }
    out += render_table_markdown(st.table);
  }
  return out;
}

}  // namespace pilot::view_render
