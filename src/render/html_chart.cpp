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

}  // namespace pilot::html
