// pilot list as JSON, CSV and a table: one generic loop over list_fields().
#include "list_fields.hpp"
#include "pilot/render.hpp"

namespace pilot {

using list_detail::Fields;
using list_detail::Json;
using list_detail::list_fields;

namespace {

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

std::string render_list_json(const ListView& view) {
  Json j;
  j["schema_version"] = k_views_schema_version;
  j["view"] = "list";
  j["kind"] = kind_name(view.kind);
  j["filters"] = Json{{"year", view.filter.year != 0 ? Json(view.filter.year) : Json(nullptr)},
                      {"college", or_null(view.filter.college)},
                      {"major", or_null(view.filter.major)}};
  Json records = Json::array();
  for (const ListEntry& e : view.entries) {
    Json record = list_fields(view.kind, &e).json;
    // A file's name may not be UTF-8 (the values are: the loader refuses other files).
    if (auto file = record.find("file"); file != record.end() && file->is_string()) {
      *file = escape_invalid_utf8(file->get<std::string>());
    }
    records.push_back(std::move(record));
  }
  j["records"] = std::move(records);
  return j.dump(2) + "\n";
}

std::string render_list_csv(const ListView& view, bool bom) {
  Table t;
  for (auto& [column, cell] : list_fields(view.kind, nullptr).csv) t.headers.push_back(column);
  for (const ListEntry& e : view.entries) {
    std::vector<std::string> row;
    for (auto& [column, cell] : list_fields(view.kind, &e).csv) row.push_back(std::move(cell));
    t.rows.push_back(std::move(row));
  }
  return render_table_csv(t, bom);
}

std::string render_list_text(const ListView& view, const ViewStyle& style) {
  StyledTable st;
  Table& t = st.table;
  Fields header = list_fields(view.kind, nullptr);
  for (const auto& c : header.cells) {
    t.headers.push_back(c.header.in(style.lang));
    t.right_align.push_back(c.right);
  }
  // On a narrow terminal the columns go from the right (the file path last), then names shrink.
  const std::size_t n = header.cells.size();
  for (std::size_t i = n - 1; i-- > 1;) st.drop_order.push_back(i);
  for (std::size_t i = 0; i < n; ++i) {
    if (header.cells[i].shrink) st.shrinkable.push_back(i);
  }
  for (const ListEntry& e : view.entries) {
    std::vector<std::string> row;
    for (auto& c : list_fields(view.kind, &e).cells) row.push_back(std::move(c.text));
    t.rows.push_back(std::move(row));
  }
  std::string out = render_styled_table_text(st, style.color, style.width);
  const std::size_t count = view.entries.size();
  if (style.lang == Lang::zh) {
    out += "共 " + std::to_string(count) + " 条" + kind_name_zh(view.kind) + "记录\n";
  } else {
    out += std::to_string(count) + " " + kind_name(view.kind) + (count == 1 ? " record\n" : " records\n");
  }
  return out;
}

}  // namespace pilot
