// YAML mistakes named where they are (src/yaml_checks.cpp, issue 16 item 3): unclosed quotes,
// full-width colons and commas, yaml-cpp's messages in Chinese, tags. Both readers must give
// the same findings, and the fuzz entry runs over every new hostile input.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../fuzz/entries.hpp"
#include "pilot/yaml.hpp"
#include "yaml_fast.hpp"

namespace fs = std::filesystem;
using namespace pilot;

namespace {

// parse_yaml's one finding (both readers must agree on it), as "RULE line:column".
std::string finding_of(const std::string& text) {
  YamlParse mixed = parse_yaml(text);
  YamlParse slow = detail::parse_yaml_with_yaml_cpp(text);
  REQUIRE(mixed.ok == slow.ok);
  REQUIRE(mixed.diagnostics.size() == slow.diagnostics.size());
  if (mixed.diagnostics.empty()) return "";
  const Diagnostic& a = mixed.diagnostics[0];
  const Diagnostic& b = slow.diagnostics[0];
  CHECK(a.message.en == b.message.en);
  CHECK(a.line == b.line);
  CHECK(a.column == b.column);
  return a.rule + " " + std::to_string(a.line) + ":" + std::to_string(a.column);
}

std::string message_of(const std::string& text, Lang lang) {
  YamlParse p = parse_yaml(text);
  return p.diagnostics.empty() ? "" : p.diagnostics[0].message.in(lang);
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE(
    "yaml checks: an unclosed quote is S001 at the opening quote, with or without a final "
    "newline") {
  // yaml-cpp 0.7 reads the first of these as one value "510202 name: x college: y " (LIBRARIES.md).
  CHECK(finding_of("id: \"510202\nname: 计算机网络技术\ncollege: xinxi\n") == "S001 1:5");
  CHECK(finding_of("id: \"510202\nname: 计算机网络技术\ncollege: xinxi") == "S001 1:5");
  CHECK(finding_of("id: a\nname: '计算机\ncollege: xinxi\n") == "S001 2:7");
  CHECK(message_of("id: \"510202\nname: x\n", Lang::en).find("never closed") != std::string::npos);
  CHECK(message_of("id: \"510202\nname: x\n", Lang::zh).find("没有闭合") != std::string::npos);
  SUBCASE("closed quotes are no finding, also over several lines and with escapes") {
    CHECK(finding_of("notes: \"第一行\n  第二行\"\nid: a\n") == "");
    CHECK(finding_of("notes: \"a \\\" b\"\nid: a\n") == "");
    CHECK(finding_of("notes: 'it''s'\nid: a\n") == "");
    CHECK(finding_of("notes: it's \"fine\nid: a\n") == "");  // quotes inside a plain value are text
  }
}

TEST_CASE("yaml checks: a full-width colon after a key is S001 on its own line") {
  CHECK(finding_of("id：\"510202\"\nname: 计算机网络技术\ncollege: xinxi\n") == "S001 1:3");
  CHECK(finding_of("id: \"510202\"\nname：计算机网络技术\ncollege: xinxi\n") == "S001 2:5");
  CHECK(finding_of("id: \"510202\"\nname: 计算机网络技术\ncollege：xinxi\n") == "S001 3:8");
  CHECK(finding_of("id: \"510202\"\nname: 计算机网络技术\ncollege：xinxi") == "S001 3:8");
  CHECK(finding_of("majors:\n  - major: \"510201\"\n    quota：30\n") == "S001 3:10");
  CHECK(finding_of("majors:\n  - { major: \"510201\", quota：30 }\n") == "S001 2:29");
  CHECK(message_of("name：x\nid: a\n", Lang::en).find("half-width colon") != std::string::npos);
  CHECK(parse_yaml("name：x\nid: a\n").diagnostics[0].hint.en.find("name: value") !=
        std::string::npos);
  CHECK(message_of("name：x\nid: a\n", Lang::zh).find("全角冒号") != std::string::npos);
  SUBCASE("inside a value it is text") {
    CHECK(finding_of("notes: 联系人：李老师\nid: a\n") == "");
    CHECK(finding_of("notes: \"id：1\"\nid: a\n") == "");
    CHECK(finding_of("notes: 见附件\n  备注：无\nid: a\n") == "");
  }
}

TEST_CASE("yaml checks: a full-width comma inside [ ] or { } is S001 at the comma") {
  CHECK(finding_of("id: a\nlevels: [初级，中级, 高级]\n") == "S001 2:12");
  CHECK(finding_of("majors:\n  - { major: \"510201\"， quota: 30 }\n") == "S001 2:22");
  CHECK(message_of("levels: [初级，中级]\n", Lang::en).find("half-width comma") !=
        std::string::npos);
  SUBCASE("in a quoted item, a block list or a plain value it is text") {
    CHECK(finding_of("levels: [\"初级，中级\"]\n") == "");
    CHECK(finding_of("levels:\n  - 初级，中级\n") == "");
    CHECK(finding_of("notes: 你好，世界 [见附件]\n") == "");
  }
}

TEST_CASE("yaml checks: yaml-cpp's messages in Chinese, with hints that fit") {
  YamlParse tab = parse_yaml("id: a\n\tname: b\n");
  REQUIRE(tab.diagnostics.size() == 1);
  CHECK(tab.diagnostics[0].message.en.find("invalid YAML: ") == 0);
  CHECK(tab.diagnostics[0].message.zh.find("缩进中有 Tab 字符") != std::string::npos);
  CHECK(tab.diagnostics[0].hint.zh.find("Tab") != std::string::npos);
  YamlParse escape = parse_yaml("name: \"a\\qb\"\n");
  REQUIRE(escape.diagnostics.size() == 1);
  CHECK(escape.diagnostics[0].message.zh == "YAML 语法错误：未知的转义字符：q");
  CHECK(escape.diagnostics[0].hint.en.find("backslash") != std::string::npos);
  YamlParse flow = parse_yaml("levels: [初级, 中级\nid: a\n");
  REQUIRE(flow.diagnostics.size() == 1);
  CHECK(flow.diagnostics[0].message.zh.find("YAML 语法错误：") == 0);
  // No English left in the Chinese message of an error yaml-cpp words.
  std::string zh = flow.diagnostics[0].message.zh.substr(std::string("YAML 语法错误：").size());
  CHECK(std::none_of(zh.begin(), zh.end(), [](char c) { return (c >= 'a' && c <= 'z'); }));
}

TEST_CASE("yaml checks: an explicit tag is kept as written, for the hint") {
  YamlParse p = parse_yaml("quota: !!int 50\nname: !!str 文本\nplain: 1\n");
  REQUIRE(p.ok);
  CHECK(p.root.find("quota")->tag == "!!int");
  CHECK(p.root.find("name")->tag == "!!str");
  CHECK(p.root.find("plain")->tag.empty());
  CHECK(tag_hint(*p.root.find("quota")).en.find("remove the tag !!int") == 0);
  CHECK(tag_hint(*p.root.find("quota")).zh.find("去掉标签 !!int") == 0);
}

TEST_CASE(
    "yaml checks: both readers agree on every hostile input, and the fuzz entry runs over them") {
  const Repository& base = fuzz::base_repository(PILOT_FIXTURES);
  std::size_t files = 0;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(PILOT_SOURCE_DIR) / "tests/hostile")) {
    if (!e.is_regular_file() || (e.path().extension() != ".yaml" && e.path().extension() != ".yml")) {
      continue;
    }
    CAPTURE(e.path().string());
    std::string bytes = read_all(e.path());
    CHECK(fuzz::fast_reader_agrees(bytes));
    fuzz::loader_input(bytes, base);
    ++files;
  }
  CHECK(files > 60);
}
