#include <doctest/doctest.h>

#include <cerrno>

#include "pilot/text.hpp"

TEST_CASE("text: display width counts CJK and fullwidth characters as two columns") {
  CHECK(pilot::display_width("abc") == 3);
  CHECK(pilot::display_width("中文") == 4);
  CHECK(pilot::display_width("计算机应用技术") == 14);
  CHECK(pilot::display_width("，。") == 4);
  CHECK(pilot::display_width("Web前端开发") == 11);
  CHECK(pilot::count_code_points("Web前端") == 5);
}

TEST_CASE("text: did-you-mean picks a close key and refuses far ones") {
  CHECK(pilot::closest_match("quotta", {"major", "quota", "contact"}) == "quota");
  CHECK(pilot::closest_match("lead_majr", {"lead_major", "majors", "level"}) == "lead_major");
  CHECK(pilot::closest_match("zzzzzzzz", {"major", "quota"}).empty());
  CHECK(pilot::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("text: blank means only ASCII white space or full-width spaces") {
  CHECK(pilot::is_blank(""));
  CHECK(pilot::is_blank(" \t\r\n"));
  CHECK(pilot::is_blank("\u3000\u3000 "));
  CHECK_FALSE(pilot::is_blank(" 李老师 "));
  CHECK_FALSE(pilot::is_blank("\u3000x"));
}

TEST_CASE("text: the characters no scalar may hold (SPEC 2.2), named as U+XXXX") {
  using pilot::first_forbidden_character;
  CHECK_FALSE(first_forbidden_character("信息工程学院 Web前端 tab\there\nnext line").has_value());
  CHECK(first_forbidden_character("a\x1b[2J") == U'\x1b');
  CHECK(first_forbidden_character(std::string("a\0b", 3)) == U'\0');
  CHECK(first_forbidden_character("a\rb") == U'\r');
  CHECK(first_forbidden_character("a\x7f") == U'\x7f');
  CHECK(first_forbidden_character("a\u009b31m") == U'\u009b');
  CHECK(first_forbidden_character("王\u202e师") == U'\u202e');
  CHECK(first_forbidden_character("\u2066x\u2069") == U'\u2066');
  CHECK_FALSE(
      first_forbidden_character("\u202f\u2065\u206a\u00a0").has_value());  // neighbours are fine
  CHECK_FALSE(
      first_forbidden_character("\xff\xfe").has_value());  // not UTF-8: the loader's S005, not this
  CHECK(pilot::code_point_name(0x1B) == "U+001B");
  CHECK(pilot::code_point_name(0x202E) == "U+202E");
  CHECK(pilot::code_point_name(0x1F600) == "U+1F600");
}

TEST_CASE("text: errno_text says the failures a user can act on in Chinese") {
  CHECK(pilot::errno_text(ENOSPC).zh == "磁盘空间不足");
  CHECK(pilot::errno_text(ENOSPC).en == "No space left on device");
  CHECK(pilot::errno_text(EACCES).zh == "没有权限");
  CHECK(pilot::errno_text(EROFS).zh == "文件系统只读");
  CHECK(pilot::errno_text(EXDEV).zh == pilot::errno_text(EXDEV).en);  // no translation: the C library's text
}
