#pragma once
// Building blocks of the HTML pages (html_page.cpp, html_chart.cpp, html_views.cpp).
#include <optional>
#include <string>
#include <vector>

#include "views_common.hpp"

namespace pilot::html {

// How a chart series is painted. Each differs from the others in lightness and, where two
// could look alike in grey, in pattern, so the chart survives a grey-scale printer.
enum class Swatch {
  held,       // dark blue, solid
  planned,    // mid blue with dark diagonal stripes
  remaining,  // near-white with a dark outline
  on_time,    // dark green, solid
  late,       // light amber with dark diagonal stripes
  missing,    // light red with dark cross-hatching
  earned,     // dark blue, solid (points)
  missed,     // near-white with a dark outline (points not earned)
};

// A horizontal stacked bar chart: one bar per item, its label above it and a summary at the
// right; every segment wide enough carries its number. A target (quota) is a black tick.
struct BarChart {
  std::string id;  // unique within the page: prefixes the SVG ids
  std::string title;
  std::vector<std::pair<Swatch, std::string>> series;  // stacking order, with legend labels
  std::string target_label;                            // legend label of the tick ("" = no tick)
  struct Bar {
    std::string label;
    std::vector<long long> values;  // one per series, >= 0
    std::optional<long long> target;
    std::string summary;
  };
  std::vector<Bar> bars;
};

// An inline <svg> (no external reference), or a "none" paragraph when there are no bars.
std::string bar_chart_svg(const BarChart& chart, Lang lang);

// A line chart of percentages over dates: one line per item (a colour, a marker and a dash
// pattern each, so that grey-scale prints keep them apart), the total thick and black, 100 %
// dashed; a legend below names each line with its last value.
struct LineChart {
  std::string id;  // unique within the page
  std::string title;
  std::vector<std::string> x_labels;  // one per point
  struct Line {
    std::string label;
    std::vector<std::optional<Percent>> values;  // one per x label; nullopt: no point
    bool total = false;
  };
  std::vector<Line> lines;
};
std::string line_chart_svg(const LineChart& chart, Lang lang);

// A chart with its caption and an explanatory note, as a <figure>: the bar chart, or the line
// chart when there is one.
struct Figure {
  BarChart chart;
  std::optional<LineChart> line;
  std::string note;
};

// The page: the masthead (school and office above the title; as-of and the date made under it
// and in the footer), the document's title and lines, its sections, the figures in a "charts"
// section placed after the first `figures_after` sections, and figures inside sections (after
// the table of section `first`).
struct Page {
  const view_render::Document* doc = nullptr;
  Lang lang = Lang::en;
  std::vector<Figure> figures;
  std::size_t figures_after = 0;
  std::vector<std::pair<std::size_t, Figure>> section_figures;
  // Sections whose table is narrow (item / value): not stretched over the page.
  std::vector<std::size_t> narrow_sections;
};
std::string page_html(const Page& page);

}  // namespace pilot::html
