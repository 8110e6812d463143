// LSP positions (src/lsp/positions.cpp): UTF-16 code units, pilot's code-point columns, URIs.
#include <doctest/doctest.h>

#include "lsp/positions.hpp"

using namespace pilot::lsp;

TEST_CASE("lsp positions: UTF-16 length counts BMP characters once and others twice") {
  CHECK(utf16_length("abc") == 3);
  CHECK(utf16_length("李老师") == 3);
  CHECK(utf16_length("𠮷") == 2);  // U+20BB7, outside the BMP: a surrogate pair
  CHECK(utf16_length("a\xFF"
                     "b") == 3);         // an invalid byte is one U+FFFD
  CHECK(utf16_length("\xE6\x9D") == 2);  // a cut sequence: two invalid bytes
}

TEST_CASE("lsp positions: bytes for UTF-16 units never split a character") {
  std::string s = "a𠮷李";
  CHECK(bytes_for_utf16(s, 0) == 0);
  CHECK(bytes_for_utf16(s, 1) == 1);
  CHECK(bytes_for_utf16(s, 2) == 1);  // inside the surrogate pair: the character's start
  CHECK(bytes_for_utf16(s, 3) == 5);
  CHECK(bytes_for_utf16(s, 4) == 8);
  CHECK(bytes_for_utf16(s, 99) == 8);
  CHECK(bytes_for_code_points(s, 2) == 5);
}

TEST_CASE("lsp positions: offsets and positions round-trip over LF and CRLF lines") {
  std::string text = "id: x\r\nname: 信息𠮷学院\r\nleader: 张三";
  LineIndex lines(text);
  CHECK(lines.line_count() == 3);
  CHECK(lines.line(1) == "name: 信息𠮷学院");
  Position p{1, 10};  // after "name: 信息𠮷": 6 + 2 + 2 units
  std::size_t at = lines.offset(p);
  CHECK(text.substr(at, 3) == "学");
  CHECK(lines.position(at) == p);
  CHECK(lines.offset({1, 999}) == text.find("\r\nleader"));  // clamped to the line's end
  CHECK(lines.offset({7, 0}) == text.size());
  CHECK(lines.position(text.size()) == Position{2, 10});
}

TEST_CASE("lsp positions: a finding's range starts at its code-point column, in UTF-16 units") {
  // R601 points at the second entry: column 56 in code points (the loader's count).
  std::string text =
      "id: p\n"
      "majors: [{ contact: 𠮷老师, major: \"510201\", quota: 60 }, { contact: 王老师, major: "
      "\"510203\" }]\n";
  LineIndex lines(text);
  Range r = lines.finding_range(2, 56);
  CHECK(r.start == Position{1, 56});       // 55 code points before it, one of them two units
  CHECK(r.end == Position{1, 57});         // the '{' alone
  Range key = lines.finding_range(2, 12);  // "contact"
  CHECK(key.start == Position{1, 11});
  CHECK(key.end == Position{1, 18});
  Range value = lines.finding_range(2, 21);  // 𠮷老师 up to the comma
  CHECK(value.start == Position{1, 20});
  CHECK(value.end == Position{1, 24});
  Range quoted = lines.finding_range(2, 33);  // "510201" with its quotes
  CHECK(quoted.end.character - quoted.start.character == 8);
  CHECK(lines.finding_range(0, 0) == Range{{0, 0}, {0, 2}});  // the whole file: its first word
  CHECK(lines.finding_range(99, 99).start.line == 2);         // past the end: clamped
}

TEST_CASE("lsp positions: file URIs and paths, percent-encoded UTF-8 both ways") {
  std::string path = "/tmp/试点 数据/reports/2026/a#b.yaml";
  std::string uri = uri_from_path(path);
  CHECK(uri == "file:///tmp/%E8%AF%95%E7%82%B9%20%E6%95%B0%E6%8D%AE/reports/2026/a%23b.yaml");
  CHECK(path_from_uri(uri) == path);
  CHECK(path_from_uri("file://localhost/a/b") == "/a/b");
  CHECK(path_from_uri("FILE:///a/%e4%b8%ad") == "/a/中");
  CHECK_FALSE(path_from_uri("untitled:Untitled-1"));
  CHECK_FALSE(path_from_uri("file://server/share/x"));
  CHECK_FALSE(path_from_uri("file:///a%00b"));
  CHECK(path_from_uri("file:///a%zz") == "/a%zz");
}
