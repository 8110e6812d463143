#include <doctest/doctest.h>

#include <string>

#include "pilot/yaml.hpp"

using pilot::parse_yaml;

namespace {
std::string rule_of(const pilot::YamlParse& p) { return p.diagnostics.empty() ? "" : p.diagnostics[0].rule; }
std::string message_of(const pilot::YamlParse& p) { return p.diagnostics.empty() ? "" : p.diagnostics[0].message.en; }
}  // namespace

TEST_CASE("yaml: a mapping keeps keys in order with 1-based positions in characters") {
  auto p = parse_yaml("id: a\n名称: 中文\nlist: [1, 2]\n");
  REQUIRE(p.ok);
  REQUIRE(p.root.is_map());
  REQUIRE(p.root.entries.size() == 3);
  CHECK(p.root.entries[1].first.value == "名称");
  const auto* v = p.root.find("名称");
  REQUIRE(v != nullptr);
  CHECK(v->line == 2);
  CHECK(v->column == 5);  // 名称: is 3 characters + space; yaml-cpp counts 8 bytes
  CHECK(p.root.find("list")->items.size() == 2);
}

TEST_CASE("yaml: quoted and plain scalars are told apart") {
  auto p = parse_yaml("a: \"510201\"\nb: 510201\nc: ~\nd:\n");
  REQUIRE(p.ok);
  CHECK(p.root.find("a")->quoted);
  CHECK_FALSE(p.root.find("b")->quoted);
  CHECK(p.root.find("b")->value == "510201");
  CHECK(p.root.find("c")->is_null());
  CHECK(p.root.find("d")->is_null());
}

TEST_CASE("yaml: duplicate keys are S001 at the second key") {
  auto p = parse_yaml("id: a\nname: x\nid: b\n");
  CHECK_FALSE(p.ok);
  CHECK(rule_of(p) == "S001");
  CHECK(p.diagnostics[0].line == 3);
  CHECK(message_of(p).find("first at line 1") != std::string::npos);
}

TEST_CASE("yaml: duplicate keys in a nested mapping are found too") {
  auto p = parse_yaml("accounts:\n  admin: a\n  admin: b\n");
  CHECK_FALSE(p.ok);
  CHECK(p.diagnostics.at(0).line == 3);
}

TEST_CASE("yaml: encodings") {
  SUBCASE("GBK is named") {
    auto p = parse_yaml("name: \xBC\xC6\xCB\xE3\xBB\xFA\n");  // 计算机 in GBK
    CHECK(rule_of(p) == "S005");
    CHECK(message_of(p) == "file is not UTF-8, probably GBK");
    CHECK(p.diagnostics[0].line == 1);
    CHECK(p.diagnostics[0].column == 7);
  }
  SUBCASE("UTF-16 with a BOM") {
    std::string bytes("\xFF\xFEi\0d\0", 6);
    auto p = parse_yaml(bytes);
    CHECK(rule_of(p) == "S005");
    CHECK(message_of(p).find("UTF-16") != std::string::npos);
  }
  SUBCASE("NUL bytes") {
    auto p = parse_yaml(std::string("id: a\0b\n", 8));
    CHECK(rule_of(p) == "S005");
  }
  SUBCASE("a UTF-8 BOM and CRLF are accepted") {
    auto p = parse_yaml("\xEF\xBB\xBFid: a\r\nname: 中文\r\n");
    REQUIRE(p.ok);
    CHECK(p.root.find("name")->value == "中文");
    CHECK(p.root.find("id")->column == 5);
  }
}

TEST_CASE("yaml: syntax errors carry the parser's line and column") {
  SUBCASE("tab indentation") {
    auto p = parse_yaml("a:\n\tb: 1\n");
    CHECK(rule_of(p) == "S001");
    CHECK(p.diagnostics[0].line == 2);
  }
  SUBCASE("unclosed flow sequence") {
    auto p = parse_yaml("a: [1, 2\nb: 3\n");
    CHECK(rule_of(p) == "S001");
  }
  SUBCASE("two documents") {
    auto p = parse_yaml("a: 1\n---\nb: 2\n");
    CHECK(rule_of(p) == "S001");
    CHECK(message_of(p).find("more than one") != std::string::npos);
  }
}

TEST_CASE("yaml: hostile nesting and aliases are refused quickly") {
  SUBCASE("[ nested 100,000 deep") {
    auto p = parse_yaml(std::string(100000, '['));
    CHECK(rule_of(p) == "S005");
    CHECK(message_of(p).find("nested too deeply") != std::string::npos);
  }
  SUBCASE("block mapping nested 20,000 deep") {
    std::string s;
    for (int i = 0; i < 20000; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    auto p = parse_yaml(s.substr(0, 900 * 1024));
    CHECK(rule_of(p) == "S005");
    CHECK(message_of(p).find("nested too deeply") != std::string::npos);
  }
  SUBCASE("depth 16 is fine") {
    std::string s = "a: " + std::string(15, '[') + std::string(15, ']') + "\n";
    CHECK(parse_yaml(s).ok);
  }
  SUBCASE("alias bomb") {
    std::string s = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
    auto p = parse_yaml(s);
    CHECK(rule_of(p) == "S005");
    CHECK(message_of(p).find("anchors or aliases") != std::string::npos);
  }
  SUBCASE("over the size limit") {
    auto p = parse_yaml(std::string(pilot::k_max_file_size + 1, 'a'));
    CHECK(rule_of(p) == "S005");
  }
}

TEST_CASE("yaml: empty input is an empty document") {
  auto p = parse_yaml("");
  CHECK(p.ok);
  CHECK(p.root.is_null());
  CHECK(parse_yaml("# only a comment\n").root.is_null());
}

TEST_CASE("yaml: UTF-8 validation") {
  CHECK(pilot::find_invalid_utf8("中文 ok") == std::string_view::npos);
  CHECK(pilot::find_invalid_utf8("a\xC0\xAF") == 1);          // overlong
  CHECK(pilot::find_invalid_utf8("a\xED\xA0\x80") == 1);      // surrogate
  CHECK(pilot::find_invalid_utf8("ab\xE4\xB8") == 2);         // truncated
  CHECK(pilot::looks_like_gbk("\xD6\xD0\xCE\xC4"));           // 中文 in GBK
  CHECK_FALSE(pilot::looks_like_gbk("\xFF\xFF"));
}
