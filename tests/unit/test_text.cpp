#include <doctest/doctest.h>

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
