// The HTML page around a view's document: head, inline CSS, sections as tables, figures.
#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "html_common.hpp"

namespace pilot {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace html {

namespace {

// Screen first; then phones; then A4 paper. Grey-scale safety is in the charts' swatches.
constexpr std::string_view k_css = R"css(
:root { --ink: #1a1a1a; --muted: #555; --line: #c4c4c4; --head: #eef0f3; --good: #1b5e20; --warn: #7a4f00; --bad: #b71c1c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink); line-height: 1.5; font-size: 15px;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",
    "WenQuanYi Micro Hei", sans-serif; }
html:lang(en) body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial,
  "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
p.school { margin: 0 0 .2em; font-weight: 600; color: var(--muted); letter-spacing: .02em; }
main { max-width: 1120px; margin: 0 auto; padding: 20px 24px 32px; }
h1 { font-size: 1.55em; line-height: 1.3; margin: 0 0 .4em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid var(--ink); break-after: avoid; }
ul.meta { margin: 0; padding: 0; list-style: none; color: var(--muted); }
ul.meta li { margin: .1em 0; }
p { margin: .4em 0 .8em; }
p.none { color: var(--muted); }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
table.narrow { width: auto; min-width: 18em; }
th, td { border: 1px solid var(--line); padding: .32em .55em; text-align: left; vertical-align: top; }
thead th { background: var(--head); font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.sep td { border-top: 2px solid var(--ink); }
tr.total td, td.strong { font-weight: 700; }
tr.subtotal td { font-weight: 600; background: #f6f7f9; }
td.good { color: var(--good); }
td.warn { color: var(--warn); font-weight: 600; }
td.bad { color: var(--bad); font-weight: 700; }
.charts .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr)); gap: 0 40px; align-items: start; }
figure { margin: 0 0 1.6em; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 700; margin-bottom: .4em; }
svg.chart { display: block; width: 100%; max-width: 640px; height: auto; }
svg.chart text { font-size: 13px; fill: var(--ink); }
svg.chart .halo { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.chart text.light { fill: #fff; }
svg.chart text.strong { font-weight: 700; }
svg.chart .axis { font-size: 11px; fill: var(--muted); }
figure p.note { color: var(--muted); font-size: .9em; margin-top: .3em; }
footer { margin-top: 2.4em; padding-top: .6em; border-top: 1px solid var(--line); color: var(--muted); font-size: .85em; }
@media (max-width: 640px) {
  body { font-size: 14px; }
  main { padding: 12px 10px 24px; }
  h1 { font-size: 1.3em; }
  th, td { padding: .25em .35em; white-space: nowrap; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .charts .grid { display: block; }
  svg.chart { max-width: 140mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

const char* css_class(const char* ansi) {
  if (ansi == nullptr) return nullptr;
  std::string_view a(ansi);
  if (a == view_render::k_red) return "bad";
  if (a == view_render::k_yellow) return "warn";
  if (a == view_render::k_green) return "good";
  if (a == view_render::k_bold) return "strong";
  return nullptr;
}

std::string table_html(const view_render::Section& s, bool narrow) {
  const StyledTable st = view_render::styled_table(*s.grid);
  const Table& t = st.table;
  auto right = [&](std::size_t c) { return c < t.right_align.size() && t.right_align[c]; };
  std::string out = narrow ? "<div class=\"table-wrap\"><table class=\"narrow\">\n<thead><tr>"
                           : "<div class=\"table-wrap\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    out += right(c) ? "<th class=\"num\">" : "<th>";
    out += html_escape(t.headers[c]) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    std::string classes;
    const view_render::RowKind kind = s.grid->kinds[r];
    if (kind == view_render::RowKind::total) classes = "sep total";
    if (kind == view_render::RowKind::subtotal) classes = "subtotal";
    out += classes.empty() ? "<tr>" : "<tr class=\"" + classes + "\">";
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      std::string cls = right(c) ? "num" : "";
      const char* style =
          kind == view_render::RowKind::detail && r < st.styles.size() && c < st.styles[r].size()
              ? css_class(st.styles[r][c])
              : nullptr;
      if (style != nullptr) cls += cls.empty() ? style : std::string(" ") + style;
      out += cls.empty() ? "<td>" : "<td class=\"" + cls + "\">";
      out += html_escape(t.rows[r][c]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string figure_html(const Figure& f, Lang lang) {
  std::string out = "<figure>\n<figcaption>" + html_escape(f.line ? f.line->title : f.chart.title) +
                    "</figcaption>\n";
  out += f.line ? line_chart_svg(*f.line, lang) : bar_chart_svg(f.chart, lang);
  if (!f.note.empty()) out += "<p class=\"note\">" + html_escape(f.note) + "</p>\n";
  return out + "</figure>\n";
}

std::string section_html(const view_render::Section& s, const Page& page, std::size_t index) {
  const Lang lang = page.lang;
  std::string out = "<section>\n";
  if (!s.title.empty()) out += "<h2>" + html_escape(s.title) + "</h2>\n";
  if (!s.intro.empty()) out += "<p>" + html_escape(s.intro) + "</p>\n";
  if (s.grid) {
    const bool narrow = std::find(page.narrow_sections.begin(), page.narrow_sections.end(),
                                  index) != page.narrow_sections.end();
    out += s.grid->rows.empty()
               ? "<p class=\"none\">" + html_escape(view_render::none_label(lang)) + "</p>\n"
               : table_html(s, narrow);
  }
  for (const auto& [at, figure] : page.section_figures) {
    if (at == index && s.grid && !s.grid->rows.empty()) out += figure_html(figure, lang);
  }
  return out + "</section>\n";
}

std::string figures_html(const Page& page) {
  std::string out = "<section class=\"charts\">\n<h2>" +
                    html_escape(view_render::tr(page.lang, "图表", "Charts")) + "</h2>\n<div class=\"grid\">\n";
  for (const Figure& f : page.figures) out += figure_html(f, page.lang);
  return out + "</div>\n</section>\n";
}

}  // namespace

std::string page_html(const Page& page) {
  const view_render::Document& doc = *page.doc;
  std::string out;
  out += "<!DOCTYPE html>\n";
  out += page.lang == Lang::zh ? "<html lang=\"zh-CN\">\n" : "<html lang=\"en\">\n";
  out += "<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched or run: the page is forwarded as a file.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
  out += "<meta name=\"generator\" content=\"pilot " PILOT_VERSION "\">\n";
  out += "<title>" + html_escape(doc.title) + "</title>\n";
  out += "<style>" + std::string(k_css) + "</style>\n</head>\n<body>\n<main>\n";
  out += "<header>\n";
  const std::string who = view_render::school_office(doc.head);
  if (!who.empty()) out += "<p class=\"school\">" + html_escape(who) + "</p>\n";
  out += "<h1>" + html_escape(doc.title) + "</h1>\n<ul class=\"meta\">\n";
  const Lang lang = page.lang;
  out +=
      "<li>" +
      html_escape(fmt::format(
          fmt::runtime(view_render::tr(lang, "数据截至 {}，制表日期 {}", "Data as of {}, made {}")),
          doc.head.as_of.str(), doc.head.made.str())) +
      "</li>\n";
  for (const auto& line : doc.lines) out += "<li>" + html_escape(line) + "</li>\n";
  out += "</ul>\n</header>\n";
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    if (i == page.figures_after && !page.figures.empty()) out += figures_html(page);
    out += section_html(doc.sections[i], page, i);
  }
  if (page.figures_after >= doc.sections.size() && !page.figures.empty()) out += figures_html(page);
  std::string footer =
      lang == Lang::zh
          ? fmt::format("{}由 pilot {} 于 {} 生成，数据截至 {}。", who.empty() ? "" : who + "，",
                        PILOT_VERSION, doc.head.made.str(), doc.head.as_of.str())
          : fmt::format("Made by pilot {} on {} from the data as of {}{}.", PILOT_VERSION,
                        doc.head.made.str(), doc.head.as_of.str(),
                        who.empty() ? "" : " for " + who);
  out += "<footer>" + html_escape(footer) + "</footer>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace html

}  // namespace pilot
