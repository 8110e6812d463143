#include "views_common.hpp"

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

std::vector<std::string> identity_cells(const PilotMajorId& who) {
  return {who.college,     who.college_name,     who.major,           who.major_name, who.pilot,
          who.certificate, who.certificate_name, level_code(who.level), who.lead ? "yes" : "no"};
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

// A line of a document (the school's name, a record's values ...) as printable() shows it.
std::string shown_line(const std::string& line) {
  Printable start;
  start.line_start = true;
  return printable(line, start);
}

std::string document_text(const Document& doc, const ViewStyle& style) {
  std::string out = heading_text(shown_line(doc.title), style.color);
  for (const auto& line : doc.lines) out += shown_line(line) + "\n";
  for (const Section& s : doc.sections) {
    out += "\n";
    if (!s.title.empty()) out += heading_text(shown_line(s.title), style.color);
    if (!s.intro.empty()) out += shown_line(s.intro) + "\n";
    if (!s.table) continue;
    if (s.table->table.rows.empty()) {
      out += std::string(none_label(style.lang)) + "\n";
    } else {
      out += render_styled_table_text(*s.table, style.color, style.width);
    }
  }
  return out;
}

std::string document_markdown(const Document& doc, Lang lang) {
  std::string out = heading_markdown(printable(doc.title), 1);
  if (!doc.lines.empty()) out += "\n";
  for (const auto& line : doc.lines) out += "- " + printable(line) + "\n";
  for (const Section& s : doc.sections) {
    out += "\n";
    if (!s.title.empty()) out += heading_markdown(printable(s.title), 2) + "\n";
    if (!s.intro.empty()) out += shown_line(s.intro) + "\n\n";
    if (!s.table) continue;
    if (s.table->table.rows.empty()) {
      out += std::string(none_label(lang)) + "\n";
      continue;
    }
    Table t = s.table->table;
    if (s.totals_row) {
      for (auto& cell : t.rows.back()) {
        if (!cell.empty()) cell = "**" + cell + "**";
      }
    }
    out += render_table_markdown(t);
  }
  return out;
}

}  // namespace pilot::view_render
