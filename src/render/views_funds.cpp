// pilot funds as text, Markdown, CSV and JSON (HTML in html_views.cpp, xlsx in xlsx_views.cpp).
#include <fmt/format.h>

#include "pilot/fields.hpp"
#include "views_common.hpp"

namespace pilot {

using namespace view_render;

namespace {

// 学院经费 / "college budget": the field table's Chinese alias, or the spelling with spaces.
template <class E>
std::string enum_label(const std::optional<E>& value, Lang lang) {
  if (!value) return "—";
  const EnumValue& v = enum_spec<E>().values[static_cast<std::size_t>(*value)];
  if (lang == Lang::zh) return std::string(v.alias);
  std::string out(v.name);
  for (char& c : out) {
    if (c == '-') c = ' ';
  }
  return out;
}

template <class E>
std::optional<E> value_of(const Located<E>& field) {
  return field.valid ? std::optional<E>(field.value) : std::nullopt;
}

std::string college_label(const FundsCollege& c, Lang lang) {
  if (!c.college_name.empty()) return c.college_name;
  return c.college.empty() ? tr(lang, "（未知学院）", "(unknown college)") : c.college;
}

std::string entry_college(const FundEntryRow& row) {
  if (!row.college_name.empty()) return row.college_name;
  return row.fund->college.valid ? row.fund->college.value : "";
}

Cell balance_cell(long long fen) { return money_cell(fen, fen < 0 ? k_red : nullptr); }

Section per_college(const FundsView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "各二级学院收支", "Income and expense per college");
  s.sheet = tr(lang, "收支", "Per college");
  const bool zh = lang == Lang::zh;
  Grid g;
  g.columns = {{zh ? "学院" : "College"},
               {zh ? "收入（元）" : "Income (yuan)", CellType::money},
               {zh ? "支出（元）" : "Expense (yuan)", CellType::money},
               {zh ? "结余（元）" : "Balance (yuan)", CellType::money},
               {zh ? "笔数" : "Entries", CellType::count},
               {zh ? "错误" : "Errors", CellType::count},
               {zh ? "警告" : "Warnings", CellType::count}};
  auto row = [&](const FundsCollege& c, const std::string& label) {
    return std::vector<Cell>{
        text_cell(label),
        money_cell(c.sum.income_fen),
        money_cell(c.sum.expense_fen),
        balance_cell(c.sum.balance_fen()),
        count_cell(c.sum.entries),
        count_cell(c.findings.errors, c.findings.errors > 0 ? k_red : nullptr),
        count_cell(c.findings.warnings, c.findings.warnings > 0 ? k_yellow : nullptr)};
  };
  for (const FundsCollege& c : view.colleges) g.add(row(c, college_label(c, lang)));
  if (!g.rows.empty()) g.add(row(view.total, tr(lang, "合计", "Total")), RowKind::total);
  g.drop_order = {6, 4};
  s.grid = std::move(g);
  return s;
}

// Sums per category (or source) of each college, then the school's per category.
template <class E>
Section breakdown(const FundsView& view, Lang lang, bool by_category) {
  Section s;
  s.title = by_category ? tr(lang, "按类别", "By category") : tr(lang, "按来源", "By source");
  s.sheet = s.title;
  const bool zh = lang == Lang::zh;
  Grid g;
  g.columns = {{zh ? "学院" : "College"},
               {by_category ? (zh ? "类别" : "Category") : (zh ? "来源" : "Source")},
               {zh ? "收入（元）" : "Income (yuan)", CellType::money},
               {zh ? "支出（元）" : "Expense (yuan)", CellType::money},
               {zh ? "笔数" : "Entries", CellType::count}};
  auto add = [&](const FundsCollege& c, const std::string& label, RowKind kind) {
    auto put = [&](const auto& sums) {
      for (const auto& [key, sum] : sums) {
        g.add({text_cell(label), text_cell(enum_label(key, lang)), money_cell(sum.income_fen),
               money_cell(sum.expense_fen), count_cell(sum.entries)},
              kind);
      }
    };
    if constexpr (std::is_same_v<E, FundCategory>) put(c.by_category);
    else put(c.by_source);
  };
  for (const FundsCollege& c : view.colleges) add(c, college_label(c, lang), RowKind::detail);
  if (view.colleges.size() > 1) add(view.total, tr(lang, "全校", "School"), RowKind::subtotal);
  s.grid = std::move(g);
  return s;
}

// "R402 向在校生收取了培训、考证费用；R403 ..."
std::string findings_text(const FundEntryRow& row, Lang lang) {
  std::string out;
  for (const Diagnostic* d : row.findings) {
    const RuleInfo* info = find_rule(d->rule);
    std::string what = info != nullptr ? info->summary.in(lang) : d->message.in(lang);
    out += (out.empty() ? "" : tr(lang, "；", "; ")) + d->rule + " " + what;
  }
  return out;
}

Section entries(const FundsView& view, Lang lang) {
  Section s;
  s.title = tr(lang, "经费明细", "Entries");
  s.sheet = s.title;
  s.intro = tr(
      lang,
      "“问题”一列是该笔记录上未解决的检查结果（如 R402 向学生收费、R403 返还考务费用于校内劳务）。",
      "“Findings” lists the open findings in each entry (R402 money from students, R403 returned "
      "exam "
      "fees spent on internal labor, ...).");
  const bool zh = lang == Lang::zh;
  Grid g;
  g.columns = {{zh ? "日期" : "Date", CellType::date},
               {zh ? "编号" : "ID", CellType::code},
               {zh ? "学院" : "College"},
               {zh ? "试点" : "Pilot", CellType::code},
               {zh ? "收支" : "Direction"},
               {zh ? "来源" : "Source"},
               {zh ? "类别" : "Category"},
               {zh ? "金额（元）" : "Amount (yuan)", CellType::money},
               {zh ? "问题" : "Findings"},
               {zh ? "备注" : "Notes"},
               {zh ? "文件" : "File", CellType::text, Show::sheets}};
  for (const FundEntryRow& row : view.entries) {
    const Fund& f = *row.fund;
    const bool bad = !row.findings.empty();
    std::optional<long long> amount;
    if (f.amount_fen.valid) amount = f.amount_fen.value;
    g.add({date_cell(value_of(f.date)), code_cell(f.id.valid ? f.id.value : f.stem),
           text_cell(entry_college(row)), code_cell(f.pilot.valid ? f.pilot.value : ""),
           text_cell(enum_label(value_of(f.direction), lang)),
           text_cell(enum_label(value_of(f.source), lang)),
           text_cell(enum_label(value_of(f.category), lang)),
           money_cell(amount, bad ? k_red : nullptr),
           text_cell(findings_text(row, lang), bad ? k_red : nullptr),
           text_cell(f.notes.valid ? f.notes.value : ""), text_cell(f.file)});
  }
  g.drop_order = {9, 3, 5};
  g.shrinkable = {9, 8, 2};
  s.grid = std::move(g);
  return s;
}

}  // namespace

Document view_render::funds_document(const FundsView& view, Lang lang) {
  Document doc;
  doc.title =
      fmt::format(fmt::runtime(tr(lang, "{} 年试点经费收支", "Pilot funds {}")), view.filter.year);
  if (!view.filter.college.empty()) {
    doc.title +=
        fmt::format(fmt::runtime(tr(lang, " 学院 {}", ", college {}")), view.filter.college);
  }
  doc.head = view.head;
  doc.lines.push_back(tr(lang, "金额单位：元。结余 = 收入 − 支出。",
                         "Amounts in yuan. Balance = income − expense."));
  doc.sections.push_back(per_college(view, lang));
  doc.sections.push_back(breakdown<FundCategory>(view, lang, true));
  doc.sections.push_back(breakdown<FundSource>(view, lang, false));
  doc.sections.push_back(entries(view, lang));
  return doc;
}

std::string render_funds_text(const FundsView& view, const ViewStyle& style) {
  return document_text(funds_document(view, style.lang), style);
}

std::string render_funds_markdown(const FundsView& view, Lang lang) {
  return document_markdown(funds_document(view, lang), lang);
}

namespace {

std::string yuan(long long fen) {
  return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", (fen < 0 ? -fen : fen) / 100,
                     (fen < 0 ? -fen : fen) % 100);
}

template <class E>
Json name_or_null(const Located<E>& field, const char* (*name)(E)) {
  return field.valid ? Json(name(field.value)) : Json(nullptr);
}

Json sum_json(const FundSum& s) {
  return Json{{"income", static_cast<double>(s.income_fen) / 100.0},
              {"expense", static_cast<double>(s.expense_fen) / 100.0},
              {"balance", static_cast<double>(s.balance_fen()) / 100.0},
              {"income_fen", s.income_fen},
              {"expense_fen", s.expense_fen},
              {"balance_fen", s.balance_fen()},
              {"entries", s.entries}};
}

Json college_json(const FundsCollege& c, bool with_college) {
  Json j;
  if (with_college) {
    j["college"] = c.college;
    j["college_name"] = c.college_name;
  }
  j.update(sum_json(c.sum));
  Json categories = Json::array();
  for (const auto& [key, sum] : c.by_category) {
    Json e{{"category", key ? Json(fund_category_name(*key)) : Json(nullptr)}};
    e.update(sum_json(sum));
    categories.push_back(std::move(e));
  }
  j["by_category"] = std::move(categories);
  Json sources = Json::array();
  for (const auto& [key, sum] : c.by_source) {
    Json e{{"source", key ? Json(fund_source_name(*key)) : Json(nullptr)}};
    e.update(sum_json(sum));
    sources.push_back(std::move(e));
  }
  j["by_source"] = std::move(sources);
  j["errors"] = c.findings.errors;
  j["warnings"] = c.findings.warnings;
  return j;
}

}  // namespace

std::string render_funds_csv(const FundsView& view, bool bom) {
  Table t;
  t.headers = {"year",   "id",       "date",   "college",    "college_name", "pilot", "direction",
               "source", "category", "amount", "amount_fen", "findings",     "file"};
  for (const FundEntryRow& row : view.entries) {
    const Fund& f = *row.fund;
    std::string rules;
    for (const Diagnostic* d : row.findings) rules += (rules.empty() ? "" : " ") + d->rule;
    t.rows.push_back({std::to_string(fund_year(f)), f.id.valid ? f.id.value : f.stem,
                      f.date.valid ? f.date.value.str() : "",
                      f.college.valid ? f.college.value : "", row.college_name,
                      f.pilot.valid ? f.pilot.value : "",
                      f.direction.valid ? direction_name(f.direction.value) : "",
                      f.source.valid ? fund_source_name(f.source.value) : "",
                      f.category.valid ? fund_category_name(f.category.value) : "",
                      f.amount_fen.valid ? yuan(f.amount_fen.value) : "",
                      f.amount_fen.valid ? std::to_string(f.amount_fen.value) : "", rules, f.file});
  }
  append_masthead_columns(t, view.head);
  return render_table_csv(t, bom);
}

std::string render_funds_json(const FundsView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "funds";
  put_masthead(j, view.head);
  j["year"] = view.filter.year;
  j["filters"] =
      Json{{"college", view.filter.college.empty() ? Json(nullptr) : Json(view.filter.college)}};
  Json colleges = Json::array();
  for (const FundsCollege& c : view.colleges) colleges.push_back(college_json(c, true));
  j["colleges"] = std::move(colleges);
  j["total"] = college_json(view.total, false);
  Json entries = Json::array();
  for (const FundEntryRow& row : view.entries) {
    const Fund& f = *row.fund;
    Json e;
    e["id"] = f.id.valid ? Json(f.id.value) : Json(nullptr);
    e["file"] = f.file;
    e["date"] = f.date.valid ? Json(f.date.value.str()) : Json(nullptr);
    e["college"] = f.college.valid ? Json(f.college.value) : Json(nullptr);
    e["college_name"] = row.college_name;
    e["pilot"] = f.pilot.valid ? Json(f.pilot.value) : Json(nullptr);
    e["direction"] = name_or_null(f.direction, direction_name);
    e["source"] = name_or_null(f.source, fund_source_name);
    e["category"] = name_or_null(f.category, fund_category_name);
    e["amount"] =
        f.amount_fen.valid ? Json(static_cast<double>(f.amount_fen.value) / 100.0) : Json(nullptr);
    e["amount_fen"] = f.amount_fen.valid ? Json(f.amount_fen.value) : Json(nullptr);
    e["notes"] = f.notes.valid ? Json(f.notes.value) : Json(nullptr);
    Json findings = Json::array();
    for (const Diagnostic* d : row.findings) {
      findings.push_back(Json{{"rule", d->rule},
                              {"severity", severity_name(d->severity)},
                              {"line", d->line},
                              {"message", Json{{"zh", d->message.zh}, {"en", d->message.en}}}});
    }
    e["findings"] = std::move(findings);
    entries.push_back(std::move(e));
  }
  j["entries"] = std::move(entries);
  return dump(j);
}

}  // namespace pilot
