// The views as workbooks: the sheets of their documents (one per section) plus sheets with
// native charts where the HTML pages draw SVG ones, each with the table it is drawn from.
#include <fmt/format.h>

#include "list_fields.hpp"
#include "xlsx.hpp"

namespace pilot {

using namespace view_render;

namespace {

constexpr std::uint32_t k_held = 0x1F3B73, k_planned = 0x8FB0DC, k_remaining = 0xF5F5F5;
constexpr std::uint32_t k_on_time = 0x2E6B30, k_late = 0xF6C453, k_missing = 0xE06666;

// One bar of a completion chart: a pilot major, held (attended), planned, and what is left.
struct CompletionItem {
  const PilotMajorId* who;
  long long quota, held, planned;
  std::optional<Percent> completion;
};

std::string pilot_major_label(const PilotMajorId& who) {
  return major_label(who) + " · " + certificate_label(who);
}

xlsx::Sheet completion_sheet(const std::vector<CompletionItem>& items, bool with_planned,
                             Lang lang) {
  xlsx::Sheet sheet;
  sheet.name = tr(lang, "完成情况", "Completion");
  sheet.title = tr(lang, "各试点专业指标完成情况", "Completion per pilot major against its quota");
  sheet.notes.push_back(
      with_planned
          ? tr(lang, "“计划”为计划批次预计参考人数，“尚缺”为已参考与计划之外仍差的人数。",
               "“Planned” counts the seats of planned batches, “remaining” what held and "
               "planned batches still leave open.")
          : tr(lang, "“尚缺”为仍差的参考人数。", "“Remaining” is the attendance still missing."));
  Grid g;
  g.columns = {{tr(lang, "试点专业", "Pilot major")},
               {tr(lang, "已参考", "Held (attended)"), CellType::count}};
  if (with_planned) g.columns.push_back({tr(lang, "计划", "Planned"), CellType::count});
  g.columns.push_back({tr(lang, "尚缺", "Remaining"), CellType::count});
  g.columns.push_back({tr(lang, "指标", "Quota"), CellType::count});
  g.columns.push_back({tr(lang, "完成率", "Completion"), CellType::percent});
  for (const CompletionItem& it : items) {
    const long long planned = with_planned ? it.planned : 0;
    std::vector<Cell> row{text_cell(pilot_major_label(*it.who)), count_cell(it.held)};
    if (with_planned) row.push_back(count_cell(planned));
    row.push_back(count_cell(std::max(0LL, it.quota - it.held - planned)));
    row.push_back(count_cell(it.quota));
    row.push_back(percent_cell(it.completion));
    g.add(std::move(row));
  }
  if (!g.rows.empty()) {
    xlsx::Chart c;
    c.title = sheet.title;
    c.label_column = 0;
    c.series_columns =
        with_planned ? std::vector<std::size_t>{1, 2, 3} : std::vector<std::size_t>{1, 2};
    c.colors = with_planned ? std::vector<std::uint32_t>{k_held, k_planned, k_remaining}
                            : std::vector<std::uint32_t>{k_held, k_remaining};
    c.first_row = 0;
    c.last_row = g.rows.size() - 1;
    sheet.charts.push_back(std::move(c));
  }
  sheet.grid = std::move(g);
  return sheet;
}

std::string college_name(const CollegeCompliance& c, Lang lang) {
  if (!c.college_name.empty()) return c.college_name;
  return c.college.empty() ? tr(lang, "（未知学院）", "(unknown college)") : c.college;
}

xlsx::Sheet punctuality_sheet(const ComplianceView& year, Lang lang) {
  xlsx::Sheet sheet;
  sheet.name = tr(lang, "按时情况", "Punctuality");
  sheet.title = tr(lang, "各二级学院双周报按时情况", "Report punctuality per college");
  sheet.notes.push_back(fmt::format(
      fmt::runtime(tr(lang, "{} 年截至 {} 各学院试点专业应交的双周报（按试点专业计）。",
                      "Fortnightly reports due in {} up to {}, counted per pilot major.")),
      year.year, year.as_of.str()));
  Grid g;
  g.columns = {{tr(lang, "学院", "College")},
               {tr(lang, "按时", "On time"), CellType::count},
               {tr(lang, "迟报", "Late"), CellType::count},
               {tr(lang, "缺报", "Missing"), CellType::count},
               {tr(lang, "应报", "Due"), CellType::count},
               {tr(lang, "按时率", "On-time %"), CellType::percent}};
  for (const CollegeCompliance& c : year.colleges) {
    const ReportCounts& r = c.reports;
    g.add({text_cell(college_name(c, lang)), count_cell(r.on_time), count_cell(r.late),
           count_cell(r.missing), count_cell(r.due), percent_cell(Percent::of(r.on_time, r.due))});
  }
  if (!g.rows.empty()) {
    xlsx::Chart c;
    c.title = sheet.title;
    c.series_columns = {1, 2, 3};
    c.colors = {k_on_time, k_late, k_missing};
    c.last_row = g.rows.size() - 1;
    sheet.charts.push_back(std::move(c));
  }
  sheet.grid = std::move(g);
  return sheet;
}

xlsx::Sheet points_sheet(const ComplianceView& view, Lang lang) {
  xlsx::Sheet sheet;
  sheet.name = tr(lang, "得分", "Points");
  sheet.title = tr(lang, "各二级学院指标项得分", "Quota points per college");
  sheet.notes.push_back(fmt::format(
      fmt::runtime(tr(lang, "每个完成指标的试点专业得 {} 分（三(五)3）。",
                      "Each pilot major that meets its quota earns {} points (三(五)3).")),
      view.points_per_item));
  Grid g;
  g.columns = {{tr(lang, "学院", "College")},
               {tr(lang, "得分", "Points"), CellType::count},
               {tr(lang, "未得分", "Not earned"), CellType::count},
               {tr(lang, "满分", "Max points"), CellType::count}};
  for (const CollegeCompliance& c : view.colleges) {
    g.add({text_cell(college_name(c, lang)), count_cell(c.points),
           count_cell(std::max(0, c.max_points - c.points)), count_cell(c.max_points)});
  }
  if (!g.rows.empty()) {
    xlsx::Chart c;
    c.title = sheet.title;
    c.series_columns = {1, 2};
    c.colors = {k_held, k_remaining};
    c.last_row = g.rows.size() - 1;
    sheet.charts.push_back(std::move(c));
  }
  sheet.grid = std::move(g);
  return sheet;
}

// The sheet of a section titled `sheet_title`, or nullptr.
xlsx::Sheet* find_sheet(xlsx::Book& book, const std::string& name) {
  for (auto& s : book.sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

std::string render_status_xlsx(const StatusView& view, Lang lang) {
  xlsx::Book book = xlsx::book_of(status_document(view, lang), lang);
  std::vector<CompletionItem> items;
  for (const StatusCollege& c : view.colleges) {
    for (const StatusRow& r : view.rows) {
      if (r.who.college == c.college)
        items.push_back({&r.who, r.quota, r.attended, r.planned, r.completion});
    }
  }
  book.sheets.push_back(completion_sheet(items, true, lang));
  return xlsx::write(book);
}

std::string render_report_xlsx(const ReportView& view, const ComplianceView& year, Lang lang) {
  xlsx::Book book = xlsx::book_of(report_document(view, lang), lang);
  std::vector<CompletionItem> items;
  for (const ReportTotals& c : view.colleges) {
    for (const ReportProgressRow& r : view.rows) {
      if (r.who.college == c.college)
        items.push_back({&r.who, r.quota, r.attended, r.planned, r.completion});
    }
  }
  // After the headline, as on the HTML page.
  std::vector<xlsx::Sheet> charts{completion_sheet(items, true, lang),
                                  punctuality_sheet(year, lang)};
  book.sheets.insert(book.sheets.begin() + 1, charts.begin(), charts.end());
  if (xlsx::Sheet* trend = find_sheet(book, tr(lang, "走势", "Trend"));
      trend != nullptr && !trend->grid->rows.empty()) {
    xlsx::Chart c;
    c.kind = xlsx::Chart::Kind::line;
    c.title = trend->title;
    c.label_column = 0;
    for (std::size_t k = 0; k < view.trend.dates.size(); ++k) c.series_columns.push_back(k + 3);
    c.last_row = trend->grid->rows.size() - 1;
    c.percent = true;
    c.last_is_total = true;
    if (!c.series_columns.empty()) trend->charts.push_back(std::move(c));
  }
  return xlsx::write(book);
}

std::string render_compliance_xlsx(const ComplianceView& view, Lang lang) {
  xlsx::Book book = xlsx::book_of(compliance_document(view, lang), lang);
  std::vector<CompletionItem> items;
  for (const ComplianceRow& r : view.rows)
    items.push_back({&r.who, r.quota, r.attended, 0, Percent::of(r.attended, r.quota)});
  book.sheets.push_back(points_sheet(view, lang));
  book.sheets.push_back(completion_sheet(items, false, lang));
  book.sheets.push_back(punctuality_sheet(view, lang));
  return xlsx::write(book);
}

std::string render_funds_xlsx(const FundsView& view, Lang lang) {
  xlsx::Book book = xlsx::book_of(funds_document(view, lang), lang);
  if (!book.sheets.empty() && book.sheets.front().grid &&
      book.sheets.front().grid->rows.size() > 1) {
    xlsx::Chart c;
    c.kind = xlsx::Chart::Kind::bar;
    c.title = tr(lang, "各二级学院收入与支出（元）", "Income and expense per college (yuan)");
    c.series_columns = {1, 2};
    c.colors = {k_held, k_late};
    c.last_row = book.sheets.front().grid->rows.size() - 2;  // the colleges, not the total
    book.sheets.front().charts.push_back(std::move(c));
  }
  return xlsx::write(book);
}

std::string render_list_xlsx(const ListView& view, const Masthead& head, Lang lang) {
  xlsx::Book book;
  book.head = head;
  book.lang = lang;
  book.title = lang == Lang::zh ? fmt::format("{}记录清单", kind_name_zh(view.kind))
                                : fmt::format("Records: {}", kind_name(view.kind));
  xlsx::Sheet sheet;
  sheet.name = lang == Lang::zh ? kind_name_zh(view.kind) : kind_name(view.kind);
  Grid g;
  for (const auto& c : list_detail::list_fields(view.kind, nullptr).cells) {
    g.columns.push_back({c.header.in(lang), c.right ? CellType::count : CellType::text});
  }
  for (const ListEntry& e : view.entries) {
    std::vector<Cell> row;
    for (auto& c : list_detail::list_fields(view.kind, &e).cells) {
      if (c.text == "—") {
        row.push_back(text_cell(""));
      } else if (!c.right) {
        // A field that is a date (YYYY-MM-DD) is an Excel date; other text stays text.
        auto date = c.text.size() == 10 ? Date::parse(c.text) : std::nullopt;
        row.push_back(date ? date_cell(date) : code_cell(c.text));
      } else if (auto dot = c.text.find('.');
                 dot != std::string::npos && dot + 3 == c.text.size()) {
        // Money: yuan with two decimals.
        try {
          std::string digits = c.text.substr(0, dot) + c.text.substr(dot + 1);
          std::size_t used = 0;
          long long fen = std::stoll(digits, &used);
          row.push_back(used == digits.size() ? money_cell(fen) : text_cell(c.text));
        } catch (const std::exception&) {
          row.push_back(text_cell(c.text));
        }
      } else {
        try {
          std::size_t used = 0;
          long long n = std::stoll(c.text, &used);
          row.push_back(used == c.text.size() ? count_cell(n) : text_cell(c.text));
        } catch (const std::exception&) {
          row.push_back(text_cell(c.text));  // "3/5" and the like
        }
      }
    }
    g.add(std::move(row));
  }
  sheet.grid = std::move(g);
  book.sheets.push_back(std::move(sheet));
  return xlsx::write(book);
}

}  // namespace pilot
