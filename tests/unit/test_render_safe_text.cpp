// Text from the data made safe for each output (src/render/safe_text.cpp, SPEC §5): escapes for
// terminals, tables and Markdown; the spreadsheet formula guard; CSV, XML, SARIF URIs, JSON.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "pilot/render.hpp"

using namespace pilot;

TEST_CASE("safe text: printable shows control, bidi and invalid bytes as escapes") {
  CHECK(printable("信息工程学院 Web") == "信息工程学院 Web");
  CHECK(printable("a\x1b[2Jb") == "a\\x1B[2Jb");
  CHECK(printable("a\nb") == "a\\nb");
  CHECK(printable("a\r\nb") == "a\\x0D\\nb");
  CHECK(printable("a\tb") == "a\\tb");
  CHECK(printable("a\tb", Printable{.tab = true}) == "a\tb");
  CHECK(printable("a\x7f") == "a\\x7F");
  CHECK(printable("a\u009b31m") == "a\\u009B31m");
  CHECK(printable("王\u202e师") == "王\\u202E师");
  CHECK(printable("\u2066x\u2069") == "\\u2066x\\u2069");
  CHECK(printable("x\uffffy\ufffe") == "x\\uFFFFy\\uFFFE");
  CHECK(printable("colleges/x\xff.yaml") == "colleges/x\\xFF.yaml");
  CHECK(printable("\xe4\xbf") == "\\xE4\\xBF");  // a cut-off character
  CHECK(printable("back\\slash") == "back\\slash");
}

TEST_CASE("safe text: line breaks kept only where asked, and never before a workflow command") {
  Printable indented{.line_breaks = LineBreaks::keep_indented};
  CHECK(printable("hint\n  example", indented) == "hint\n  example");
  CHECK(printable("hint\nnot indented", indented) == "hint\\nnot indented");
  CHECK(printable("hint\n  ::error::forged", indented) == "hint\\n  ::error::forged");
  Printable kept{.line_breaks = LineBreaks::keep};
  CHECK(printable("a\nb\r\nc", kept) == "a\nb\r\nc");
  CHECK(printable("a\n::warning::x", kept) == "a\\n::warning::x");
  CHECK(printable("a\n \t::warning::x", kept) == "a\\n \\t::warning::x");
  Printable start{.line_start = true};
  CHECK(printable("::error file=x::forged", start) == "\\x3A:error file=x::forged");
  CHECK(printable("  ::error::x", start) == "  \\x3A:error::x");
  CHECK(printable("\t::error::x", start) == "\\t\\x3A:error::x");
  CHECK(printable("a ::b", start) == "a ::b");
  CHECK(printable("::error::x") == "::error::x");  // not at a line's start: harmless
  std::string line = "  ::add-mask::x  30";
  defuse_workflow_command(line);
  CHECK(line == "  \\x3A:add-mask::x  30");
  std::string fine = "510201  30";
  defuse_workflow_command(fine);
  CHECK(fine == "510201  30");
}

TEST_CASE("safe text: the formula guard, for CSV now and xlsx later") {
  for (const char* formula :
       {"=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-1+2", "@SUM(A1)", "\tx", "\rx"}) {
    CAPTURE(formula);
    CHECK(formula_safe(formula) == "'" + std::string(formula));
  }
  CHECK(formula_safe("信息工程学院") == "信息工程学院");
  CHECK(formula_safe("a=b") == "a=b");
  CHECK(formula_safe("") == "");
  CHECK(is_plain_number("-12"));
  CHECK(is_plain_number("3.5"));
  CHECK(is_plain_number("0"));
  CHECK_FALSE(is_plain_number("-"));
  CHECK_FALSE(is_plain_number("-1+2"));
  CHECK_FALSE(is_plain_number("1."));
  CHECK_FALSE(is_plain_number(""));
}

TEST_CASE("safe text: a CSV cell is guarded, escaped and quoted") {
  CHECK(csv_field("=HYPERLINK(\"http://evil\",\"x\")") ==
        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  CHECK(csv_field("-5") == "-5");  // a number stays a number
  CHECK(csv_field("-5.25") == "-5.25");
  CHECK(csv_field("-x") == "'-x");
  CHECK(csv_field("@x") == "'@x");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("第一行\n第二行") == "\"第一行\n第二行\"");
  CHECK(csv_field("a\x1b[2Jb") == "a\\x1B[2Jb");
  CHECK(csv_field("a\u202eb") == "a\\u202Eb");
  CHECK(csv_field("::error::x") == "\"::error::x\"");  // a line never starts with "::"
  CHECK(csv_field("a\n::error::x") == "a\\n::error::x");
  CHECK(csv_field("x\xff") == "x\\xFF");
  CHECK(csv_field("") == "");
}

TEST_CASE("safe text: XML 1.0 only, with line breaks in attributes as character references") {
  CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
  CHECK(xml_escape("x\uffffy") == "x\\uFFFFy");
  CHECK(xml_escape("x\ufffe") == "x\\uFFFE");
  CHECK(xml_escape("a\x1b\x01") == "a\\x1B\\x01");
  CHECK(xml_escape("a\u202eb") == "a\\u202Eb");
  CHECK(xml_escape("x\xff.yaml") == "x\\xFF.yaml");
  CHECK(xml_escape("a\nb\tc") == "a\nb\tc");
  CHECK(xml_escape("a\nb\tc\rd", XmlPlace::attribute) == "a&#10;b&#9;c&#13;d");
  CHECK(xml_escape("信息\U0001F600") == "信息\U0001F600");
}

TEST_CASE("safe text: SARIF URIs are percent-encoded") {
  CHECK(uri_path_escape("data/pilots/2026/web-frontend-2026.yaml") ==
        "data/pilots/2026/web-frontend-2026.yaml");
  CHECK(uri_path_escape("colleges/信息.yaml") == "colleges/%E4%BF%A1%E6%81%AF.yaml");
  CHECK(uri_path_escape("a b%c#d?e") == "a%20b%25c%23d%3Fe");
  CHECK(uri_path_escape("x\xff") == "x%FF");
}

TEST_CASE(
    "safe text: JSON strings as nlohmann::json dumps them, and bytes that are not UTF-8 as text") {
  for (const std::string& s :
       {std::string("plain"), std::string("中文 “引号”"), std::string("q\"b\\s/"),
        std::string("\b\f\n\r\t"), std::string("\x01\x1f\x7f", 3), std::string("\0x", 2),
        std::string("\u202e\uffff\U0001F600")}) {
    CAPTURE(s);
    std::string ours;
    append_json_string(ours, s);
    CHECK(ours == nlohmann::json(s).dump());
  }
  std::string bad;
  append_json_string(bad, "colleges/x\xff.yaml");
  CHECK(bad == "\"colleges/x\\\\xFF.yaml\"");
  CHECK(nlohmann::json::parse(bad).get<std::string>() == "colleges/x\\xFF.yaml");
  CHECK(escape_invalid_utf8("x\xff\xe4\xbf\xa1") == "x\\xFF\xe4\xbf\xa1");
}
