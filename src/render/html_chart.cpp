// Horizontal stacked bar charts as inline SVG, drawn by pilot itself (no script, no library).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "html_common.hpp"

namespace pilot::html {

namespace {

constexpr int k_width = 440;       // viewBox width: the page scales the SVG to its column (a phone's ~360 px)
constexpr int k_legend_h = 30;     // legend row
constexpr int k_row_h = 50;        // label line + bar + gap
constexpr int k_bar_y = 21;        // bar top within a row
constexpr int k_bar_h = 20;
constexpr double k_col_px = 7.0;   // width of one display column of 13 px text (a CJK character is two)

struct Paint {
  std::string fill;      // a colour or url(#pattern)
  const char* stroke;    // outline, or nullptr
  bool light_text;       // numbers in white (dark swatch), else dark with a white halo
  const char* pattern;   // pattern id suffix, or nullptr
};

Paint paint_of(Swatch s, const std::string& id) {
  switch (s) {
    case Swatch::held: return {"#1f3b73", nullptr, true, nullptr};
    case Swatch::planned: return {"url(#" + id + "-planned)", nullptr, false, "planned"};
    case Swatch::remaining: return {"#f5f5f5", "#555", false, nullptr};
    case Swatch::on_time: return {"#2e6b30", nullptr, true, nullptr};
    case Swatch::late: return {"url(#" + id + "-late)", nullptr, false, "late"};
    case Swatch::missing: return {"url(#" + id + "-missing)", nullptr, false, "missing"};
    case Swatch::earned: return {"#1f3b73", nullptr, true, nullptr};
    case Swatch::missed: return {"#f5f5f5", "#555", false, nullptr};
  }
  return {"#999", nullptr, false, nullptr};
}

// Stripes for planned and late (mid and light under dark lines), cross-hatching for missing.
std::string pattern_def(const std::string& id, const char* which) {
  std::string_view w(which);
  if (w == "missing") {
    return fmt::format(
        "<pattern id=\"{}-missing\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\">"
        "<rect width=\"7\" height=\"7\" fill=\"#f2a7a7\"/>"
        "<path d=\"M0 0L7 7M7 0L0 7\" stroke=\"#8e1616\" stroke-width=\"1.3\"/></pattern>\n",
        id);
  }
  const char* base = w == "late" ? "#f6c453" : "#8fb0dc";
  const char* line = w == "late" ? "#6b4e00" : "#1f3b73";
  return fmt::format(
      "<pattern id=\"{}-{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      "<rect width=\"6\" height=\"6\" fill=\"{}\"/><rect width=\"2\" height=\"6\" fill=\"{}\"/></pattern>\n",
      id, which, base, line);
}

double text_px(std::string_view s) { return display_width(s) * k_col_px; }

std::string rect(double x, double y, double w, double h, const Paint& p, const std::string& tip) {
  std::string stroke = p.stroke != nullptr ? fmt::format(" stroke=\"{}\" stroke-width=\"1\"", p.stroke) : "";
  return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"{}><title>{}</title></rect>",
                     x, y, w, h, p.fill, stroke, html_escape(tip));
}

std::string text(double x, double y, std::string_view s, const char* anchor, const char* cls) {
  std::string c = cls != nullptr ? fmt::format(" class=\"{}\"", cls) : "";
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"{}>{}</text>", x, y, anchor, c, html_escape(s));
}

std::string legend(const BarChart& chart, const std::vector<Paint>& paints) {
  std::string out = "<g class=\"legend\">";
  double x = 0;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const std::string& label = chart.series[i].second;
    Paint p = paints[i];
    if (p.stroke == nullptr) p.stroke = "#555";
    out += rect(x + 0.5, 5.5, 14, 14, p, label);
    out += text(x + 20, 17, label, "start", nullptr);
    x += 20 + text_px(label) + 18;
  }
  if (!chart.target_label.empty()) {
    out += fmt::format("<line x1=\"{0:.1f}\" y1=\"3\" x2=\"{0:.1f}\" y2=\"22\" stroke=\"#000\" stroke-width=\"2\"/>", x + 4);
    out += text(x + 12, 17, chart.target_label, "start", nullptr);
  }
  return out + "</g>\n";
}

}  // namespace

std::string bar_chart_svg(const BarChart& chart, Lang lang) {
  if (chart.bars.empty()) return "<p class=\"none\">" + html_escape(view_render::none_label(lang)) + "</p>\n";

  std::vector<Paint> paints;
  std::string defs;
  for (const auto& [swatch, label] : chart.series) {
    paints.push_back(paint_of(swatch, chart.id));
    if (paints.back().pattern != nullptr) defs += pattern_def(chart.id, paints.back().pattern);
  }

  long long scale_max = 1;
  for (const auto& bar : chart.bars) {
    long long sum = 0;
    for (long long v : bar.values) sum += std::max(0LL, v);
    scale_max = std::max({scale_max, sum, bar.target.value_or(0)});
  }
  const double plot_w = k_width - 2;
  auto x_of = [&](long long v) { return 1 + plot_w * static_cast<double>(v) / static_cast<double>(scale_max); };

  const int height = k_legend_h + static_cast<int>(chart.bars.size()) * k_row_h;
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-labelledby=\"{2}-title\">\n<title id=\"{2}-title\">{3}</title>\n",
      k_width, height, chart.id, html_escape(chart.title));
  if (!defs.empty()) out += "<defs>\n" + defs + "</defs>\n";
  out += legend(chart, paints);

  for (std::size_t b = 0; b < chart.bars.size(); ++b) {
    const BarChart::Bar& bar = chart.bars[b];
    const double top = k_legend_h + static_cast<double>(b) * k_row_h;
    const double summary_px = text_px(bar.summary);
    const int label_cols = std::max(6, static_cast<int>((k_width - summary_px - 16) / k_col_px));
    out += "<g>";
    out += text(0, top + 14, truncate_to_width(bar.label, label_cols), "start", nullptr);
    out += text(k_width, top + 14, bar.summary, "end", nullptr);
    const double y = top + k_bar_y;
    long long at = 0;
    for (std::size_t s = 0; s < bar.values.size() && s < chart.series.size(); ++s) {
      long long v = std::max(0LL, bar.values[s]);
      if (v == 0) continue;
      double x0 = x_of(at), x1 = x_of(at + v);
      std::string number = std::to_string(v);
      out += rect(x0, y, x1 - x0, k_bar_h, paints[s], chart.series[s].second + " " + number);
      if (x1 - x0 >= text_px(number) + 6) {
        out += text((x0 + x1) / 2, y + 14.5, number, "middle", paints[s].light_text ? "light" : "halo");
      }
      at += v;
    }
    if (bar.target && !chart.target_label.empty()) {
      double tx = std::round(x_of(*bar.target) * 2) / 2;
      out += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#000\" "
                         "stroke-width=\"2\"><title>{3}</title></line>",
                         tx, y - 4, y + k_bar_h + 4, html_escape(chart.target_label + " " + std::to_string(*bar.target)));
    }
    out += "</g>\n";
  }
  return out + "</svg>\n";
}

namespace {

// Line styles that stay apart in grey: colours of different lightness, a marker shape and a
// dash pattern each; the total is thick, black and solid.
struct LineStyle {
  const char* color;
  const char* dash;    // stroke-dasharray, "" = solid
  const char* marker;  // circle | square | triangle | diamond
};
constexpr LineStyle k_line_styles[] = {
    {"#1f3b73", "", "circle"},   {"#d98c1e", "6 3", "square"},  {"#4e8f3a", "2 2", "triangle"},
    {"#8e1616", "", "diamond"},  {"#6a4c93", "6 3", "circle"},  {"#2a9d8f", "2 2", "square"},
    {"#9c6644", "", "triangle"}, {"#3d5a80", "6 3", "diamond"}, {"#b5838d", "2 2", "circle"},
    {"#555555", "", "square"},
};

std::string marker(const char* shape, double x, double y, const char* color) {
  std::string_view s(shape);
  if (s == "square") {
    return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"6\" height=\"6\" fill=\"{}\"/>",
                       x - 3, y - 3, color);
  }
  if (s == "triangle") {
    return fmt::format("<path d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z\" fill=\"{}\"/>", x,
                       y - 4, x + 4, y + 3, x - 4, y + 3, color);
  }
  if (s == "diamond") {
    return fmt::format(
        "<path d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}L{:.1f} {:.1f}Z\" fill=\"{}\"/>", x,
        y - 4, x + 4, y, x, y + 4, x - 4, y, color);
  }
  return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"/>", x, y, color);
}

}  // namespace

std::string line_chart_svg(const LineChart& chart, Lang lang) {
  if (chart.lines.empty() || chart.x_labels.empty()) {
    return "<p class=\"none\">" + html_escape(view_render::none_label(lang)) + "</p>\n";
  }
  constexpr double left = 40, right = 20, top = 10, plot_h = 200, axis_h = 26, legend_row = 20;
  const double plot_w = k_width - left - right;
  long long max_tenths = 1000;
  for (const auto& line : chart.lines) {
    for (const auto& v : line.values) {
      if (v) max_tenths = std::max(max_tenths, v->tenths);
    }
  }
  const long long y_max = (max_tenths + 199) / 200 * 200;  // whole 20 % steps
  const std::size_t n = chart.x_labels.size();
  auto x_of = [&](std::size_t i) {
    return n == 1 ? left + plot_w / 2
                  : left + plot_w * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  auto y_of = [&](long long tenths) {
    return top + plot_h - plot_h * static_cast<double>(tenths) / static_cast<double>(y_max);
  };
  const double legend_top = top + plot_h + axis_h + 8;
  const double height = legend_top + legend_row * static_cast<double>(chart.lines.size());
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1:.0f}\" "
      "width=\"{0}\" "
      "height=\"{1:.0f}\" role=\"img\" aria-labelledby=\"{2}-title\">\n<title "
      "id=\"{2}-title\">{3}</title>\n",
      k_width, height, chart.id, html_escape(chart.title));
  // Grid lines every 20 %, the 100 % line dashed and dark.
  out += "<g class=\"grid\">";
  for (long long t = 0; t <= y_max; t += 200) {
    const double y = y_of(t);
    const bool target = t == 1000;
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"{}\"{}/>",
        left, y, left + plot_w, y, target ? "#000" : "#d0d0d0", target ? "1.2" : "1",
        target ? " stroke-dasharray=\"5 3\"" : "");
    out +=
        fmt::format("<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}%</text>",
                    left - 5, y + 4, t / 10);
  }
  // Date labels, thinned so that they do not overlap.
  const std::size_t step = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::ceil(40.0 * static_cast<double>(n) / plot_w)));
  for (std::size_t i = 0; i < n; ++i) {
    if (i % step != 0 && i + 1 != n) continue;
    if (i + 1 == n && i % step != 0 && (i % step) * plot_w / static_cast<double>(n) < 36) continue;
    out += fmt::format(
        "<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", x_of(i),
        top + plot_h + 16, html_escape(chart.x_labels[i]));
  }
  out += "</g>\n";
  // The lines, the total last (on top).
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < chart.lines.size(); ++i) {
    if (!chart.lines[i].total) order.push_back(i);
  }
  for (std::size_t i = 0; i < chart.lines.size(); ++i) {
    if (chart.lines[i].total) order.push_back(i);
  }
  std::size_t styled = 0;
  std::vector<LineStyle> styles(chart.lines.size());
  for (std::size_t i = 0; i < chart.lines.size(); ++i) {
    styles[i] = chart.lines[i].total ? LineStyle{"#000000", "", ""}
                                     : k_line_styles[styled++ % std::size(k_line_styles)];
  }
  for (std::size_t i : order) {
    const LineChart::Line& line = chart.lines[i];
    const LineStyle& st = styles[i];
    std::string points, marks;
    for (std::size_t k = 0; k < line.values.size() && k < n; ++k) {
      if (!line.values[k]) continue;
      const double x = x_of(k), y = y_of(line.values[k]->tenths);
      points += fmt::format("{}{:.1f},{:.1f}", points.empty() ? "" : " ", x, y);
      if (!line.total) marks += marker(st.marker, x, y, st.color);
    }
    const std::string last =
        line.values.empty() ? "—" : view_render::percent_text(line.values.back());
    out += "<g><title>" + html_escape(line.label + " " + last) + "</title>";
    out += fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{} "
        "stroke-linejoin=\"round\"/>",
        points, st.color, line.total ? "3" : "1.6",
        std::string_view(st.dash).empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", st.dash));
    out += marks + "</g>\n";
  }
  // The legend: a sample of each line, its label and its last value.
  out += "<g class=\"legend\">";
  for (std::size_t i = 0; i < chart.lines.size(); ++i) {
    const LineChart::Line& line = chart.lines[i];
    const LineStyle& st = styles[i];
    const double y = legend_top + legend_row * static_cast<double>(i) + 10;
    out += fmt::format(
        "<line x1=\"0\" y1=\"{0:.1f}\" x2=\"26\" y2=\"{0:.1f}\" stroke=\"{1}\" "
        "stroke-width=\"{2}\"{3}/>",
        y, st.color, line.total ? "3" : "1.6",
        std::string_view(st.dash).empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", st.dash));
    if (!line.total) out += marker(st.marker, 13, y, st.color);
    const std::string value =
        line.values.empty() ? "—" : view_render::percent_text(line.values.back());
    const int label_cols =
        std::max(6, static_cast<int>((k_width - 36 - text_px(value) - 12) / k_col_px));
    out += text(34, y + 4.5, truncate_to_width(line.label, label_cols), "start",
                line.total ? "strong" : nullptr);
    out += text(k_width, y + 4.5, value, "end", nullptr);
  }
  return out + "</g>\n</svg>\n";
}

}  // namespace pilot::html
