// Tables as text: alignment by display width (CJK = 2 columns), fmt's own padding, ANSI
// styles that do not count, and fitting a terminal's width (render/table.cpp, render/views_table.cpp).
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "pilot/render.hpp"

using namespace pilot;

namespace {

Table cjk_table() {
  Table t;
  t.headers = {"专业", "Certificate", "指标"};
  t.right_align = {false, false, true};
  t.rows = {{"510201 计算机应用技术", "Web前端开发", "30"}, {"web", "业财一体信息化应用", "5"}};
  return t;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

TEST_CASE("render table: a table with Chinese cells aligns by display width") {
  std::string expected =
      "专业                   Certificate         指标\n"
      "---------------------  ------------------  ----\n"
      "510201 计算机应用技术  Web前端开发           30\n"
      "web                    业财一体信息化应用     5\n";
  CHECK(render_table_text(cjk_table()) == expected);
  // Every line has the same display width up to its last column's right edge.
  for (const auto& line : lines_of(expected)) CHECK(display_width(line) == 47);
  // Byte lengths differ wildly, so byte padding would have misaligned it.
  CHECK(lines_of(expected)[2].size() != lines_of(expected)[3].size());
}

TEST_CASE("render table: fmt 9 pads by display width but truncates by code points") {
  // Measured on this machine (LIBRARIES.md): a CJK character counts 2 columns in a width.
  CHECK(fmt::format("{:<10}|", "中文") == "中文      |");
  CHECK(fmt::format("{:>6}|", "专业") == "  专业|");
  CHECK(display_width(fmt::format("{:<10}", "计算机")) == 10);
  // A precision counts code points, not columns: {:.3} keeps three characters, six columns.
  CHECK(fmt::format("{:.3}", "计算机应用") == "计算机");
  CHECK(display_width(fmt::format("{:.3}", "计算机应用")) == 6);
  // So the renderers pad with pilot::display_width and truncate with truncate_to_width.
}

TEST_CASE("render table: the styled renderer without styles or width equals render_table_text") {
  StyledTable st;
  st.table = cjk_table();
  st.table.separators_before = {1};
  CHECK(render_styled_table_text(st, Color::yes, 0) == render_table_text(st.table));
  CHECK(render_styled_table_text(st, Color::no, 0) == render_table_text(st.table));
}

TEST_CASE("render table: ANSI styles are painted only with colour and never counted in widths") {
  StyledTable st;
  st.table = cjk_table();
  st.styles = {{"31", nullptr, "32"}, {nullptr, "1", nullptr}};
  std::string plain = render_styled_table_text(st, Color::no, 0);
  std::string coloured = render_styled_table_text(st, Color::yes, 0);
  CHECK(plain == render_table_text(st.table));
  CHECK(coloured.find("\x1b[31m510201 计算机应用技术\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[32m30\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1m业财一体信息化应用\x1b[0m") != std::string::npos);
  CHECK(strip_ansi(coloured) == plain);
}

TEST_CASE("render table: fitting a width drops columns in order, then abbreviates") {
  StyledTable st;
  st.table.headers = {"学院", "专业", "指标", "参考"};
  st.table.right_align = {false, false, true, true};
  st.table.rows = {{"信息工程学院", "510201 计算机应用技术", "30", "18"}};
  st.drop_order = {0};
  st.shrinkable = {1};
  // Full width: 12 + 2 + 21 + 2 + 4 + 2 + 4 = 47.
  CHECK(lines_of(render_styled_table_text(st, Color::no, 0))[0].size() > 0);
  CHECK(display_width(lines_of(render_styled_table_text(st, Color::no, 47))[2]) == 47);

  SUBCASE("dropping the college is enough") {
    std::string out = render_styled_table_text(st, Color::no, 40);
    CHECK(out ==
          "专业                   指标  参考\n"
          "---------------------  ----  ----\n"
          "510201 计算机应用技术    30    18\n");
  }
  SUBCASE("then the major is abbreviated without splitting a character") {
    std::string out = render_styled_table_text(st, Color::no, 24);
    for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 24);
    CHECK(out ==
          "专业          指标  参考\n"
          "------------  ----  ----\n"
          "510201 计算…    30    18\n");
  }
  SUBCASE("never below the minimum, then the table is printed as it is") {
    std::string out = render_styled_table_text(st, Color::no, 5);
    CHECK(lines_of(out)[1] == std::string(k_min_shrunk_width, '-') + "  ----  ----");
  }
}

TEST_CASE("render table: truncate_to_width") {
  CHECK(truncate_to_width("abc", 3) == "abc");
  CHECK(truncate_to_width("abcd", 3) == "ab…");
  CHECK(truncate_to_width("计算机应用", 10) == "计算机应用");
  CHECK(truncate_to_width("计算机应用", 9) == "计算机应…");
  CHECK(truncate_to_width("计算机应用", 8) == "计算机…");  // 7 columns: a 2-column character does not fit in 1
  CHECK(display_width(truncate_to_width("计算机应用", 8)) == 7);
  CHECK(truncate_to_width("计算机", 1) == "…");
  CHECK(truncate_to_width("x", 0).empty());
}

TEST_CASE("render table: csv quotes exactly the fields that need it, a lone quote included") {
  struct Case {
    const char* field;
    const char* written;
  };
  const Case cases[] = {
      {"", ""},
      {"plain", "plain"},
      {"Web前端开发", "Web前端开发"},
      {"\"", "\"\"\"\""},           // a field that is one quote: quoted, the quote doubled
      {"\"\"", "\"\"\"\"\"\""},
      {"a\"b", "\"a\"\"b\""},
      {",", "\",\""},
      {"a,b", "\"a,b\""},
      {"\n", "\"\n\""},
      {"a\r\nb", "\"a\r\nb\""},
      {"a'b;c\td", "a'b;c\td"},     // neither RFC 4180 nor Excel needs these quoted
  };
  for (const auto& c : cases) {
    CAPTURE(c.field);
    CHECK(csv_field(c.field) == std::string(c.written));
  }
  Table t;
  t.headers = {"a", "b"};
  t.rows = {{"\"", "x"}};
  CHECK(render_table_csv(t, false) == "a,b\r\n\"\"\"\",x\r\n");
}
