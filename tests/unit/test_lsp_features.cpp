// LSP features (src/lsp/features.cpp): rule IDs under the cursor, the waiver code action's
// edit, completion of reference values.
#include <doctest/doctest.h>

#include <algorithm>

#include "lsp/features.hpp"

using namespace pilot;
using namespace pilot::lsp;
namespace fs = std::filesystem;

namespace {

// The text with the edit applied.
std::string applied(std::string text, const TextEdit& edit) {
  LineIndex lines(text);
  std::size_t from = lines.offset(edit.range.start);
  std::size_t to = lines.offset(edit.range.end);
  return text.replace(from, to - from, edit.new_text);
}

// The waivers the edited record carries, read back by the loader.
std::map<std::string, std::string> waivers_after(const std::string& text, std::string_view rule) {
  auto edit = waiver_edit(text, rule, Lang::en);
  REQUIRE(edit);
  std::string edited = applied(text, *edit);
  ParsedFile parsed = parse_record(Kind::report, "reports/2026/510201/2026-11-10.yaml", edited);
  CAPTURE(edited);
  for (const auto& d : parsed.diagnostics) CHECK_MESSAGE(d.rule != "S001", d.message.en);
  REQUIRE(parsed.record);
  std::map<std::string, std::string> out;
  for (const auto& [id, reason] : std::get<Report>(*parsed.record).waivers) out[id] = reason.value;
  return out;
}

const std::string k_report =
    "major: \"510201\"\n"
    "pilot: web-frontend-2026\n"
    "due: 2026-11-10\n"
    "submitted: 2026-11-09\n"
    "progress: { trained: 35, registered: 20, attended: 17, passed: 15 }\n";

std::vector<std::string> labels(const std::vector<CompletionItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.label);
  return out;
}

Repository base() { return load_repository(fs::path(PILOT_FIXTURES) / "base"); }

}  // namespace

TEST_CASE("lsp features: the rule ID under the cursor, only for rules that exist") {
  CHECK(rule_id_at("  R605: \"理由\"", 3) == "R605");
  CHECK(rule_id_at("  R605: \"理由\"", 2) == "R605");
  CHECK(rule_id_at("  R605: \"理由\"", 6) == "R605");
  CHECK(rule_id_at("  R605: \"理由\"", 7) == "");
  CHECK(rule_id_at("waivers: { W001: x, R301: y }", 21) == "R301");
  CHECK(rule_id_at("R999: x", 1) == "");
  CHECK(rule_id_at("XR605: x", 2) == "");
  CHECK(rule_id_at("", 0) == "");
  CHECK(rule_page("R605", Lang::zh)->find("# R605") == 0);
  CHECK(rule_page("R605", Lang::en)->find("exam batches") != std::string::npos);
  CHECK_FALSE(rule_page("R999", Lang::en));
  CHECK(offers_waiver("R605"));
  CHECK_FALSE(offers_waiver("S002"));
  CHECK_FALSE(offers_waiver("X001"));
  CHECK_FALSE(offers_waiver("W001"));
}

TEST_CASE("lsp features: a waiver edit adds a waivers mapping at the end when there is none") {
  CHECK(waivers_after(k_report, "R605").count("R605") == 1);
  std::string no_newline = k_report.substr(0, k_report.size() - 1);
  CHECK(waivers_after(no_newline, "R605").count("R605") == 1);
  auto edit = waiver_edit(k_report, "R605", Lang::zh);
  REQUIRE(edit);
  CHECK(edit->new_text == "waivers:\n  R605: \"待填写：哪份书面文件同意了这个例外\"\n");
  CHECK(edit->range.start == Position{5, 0});
}

TEST_CASE("lsp features: a waiver edit joins an existing block, flow or empty waivers mapping") {
  auto block = waivers_after(k_report + "waivers:\n    R301: 省里同意\nnotes: x\n", "R605");
  CHECK(block.size() == 2);
  CHECK(block.count("R605") == 1);
  CHECK(waivers_after(k_report + "waivers:\n  R301: 同意\n", "R605").size() == 2);
  CHECK(waivers_after("waivers:\n  R301: 同意  # 注释\n" + k_report, "R605").size() == 2);
  CHECK(waivers_after(k_report + "waivers: { R301: \"a, b\" }  # 注释\n", "R605").size() == 2);
  CHECK(waivers_after(k_report + "waivers: {}\n", "R605").size() == 1);
  CHECK(waivers_after(k_report + "waivers:\n", "R605").size() == 1);
  CHECK(waivers_after(k_report + "waivers: ~\n", "R605").size() == 1);
  CHECK(waivers_after("waivers:\r\n  R301: 同意\r\n" + k_report, "R605").size() == 2);
}

TEST_CASE(
    "lsp features: no waiver edit for text that is no mapping, or that waives the rule already") {
  CHECK_FALSE(waiver_edit("a: [\n", "R605", Lang::en));
  CHECK_FALSE(waiver_edit("- a\n- b\n", "R605", Lang::en));
  CHECK_FALSE(waiver_edit("{ a: 1 }\n", "R605", Lang::en));
  CHECK_FALSE(waiver_edit(k_report + "waivers: { R605: 已同意 }\n", "R605", Lang::en));
  CHECK_FALSE(waiver_edit(k_report + "waivers: [R605]\n", "R605", Lang::en));
}

TEST_CASE("lsp features: completion offers the ids of the kind the key references") {
  Repository repo = base();
  std::string text = "id: \"510203\"\nname: 软件\ncollege: \n";
  auto colleges = complete(repo, text, {2, 9}, "majors/510203.yaml", Lang::en);
  CHECK(labels(colleges) == std::vector<std::string>{"xinxi"});
  CHECK(colleges[0].new_text == "xinxi");
  CHECK(colleges[0].range == Range{{2, 9}, {2, 9}});
  CHECK(colleges[0].detail == repo.colleges[0].name.value);

  std::string flow = "majors:\n  - { major: 5102, quota: 5 }\n";
  auto majors = complete(repo, flow, {1, 17}, "pilots/2026/p.yaml", Lang::en);
  CHECK(labels(majors) == std::vector<std::string>{"510201", "510202"});
  CHECK(majors[0].new_text == "\"510201\"");  // major codes are written quoted
  CHECK(majors[0].range == Range{{1, 13}, {1, 17}});
  std::string quoted = "lead_major: \"51\n";
  auto in_quotes = complete(repo, quoted, {0, 15}, "pilots/2026/p.yaml", Lang::en);
  REQUIRE(in_quotes.size() == 2);
  CHECK(in_quotes[0].new_text == "510201");

  auto pilots =
      complete(repo, "pilot: \n", {0, 7}, "reports/2026/510201/2026-11-20.yaml", Lang::en);
  REQUIRE(pilots.size() == 1);
  CHECK(pilots[0].label == "web-frontend-2026");
  CHECK(pilots[0].sort_text[0] == '0');  // the report's year first
  CHECK(labels(complete(repo, "certificate: w\n", {0, 14}, "pilots/2026/p.yaml", Lang::en)) ==
        std::vector<std::string>{"web-frontend"});
  CHECK(labels(complete(repo, "  - { major: \"510201\", site: \n", {0, 29}, "exams/2026/b.yaml",
                        Lang::en)) == std::vector<std::string>{"xinxi-site-01"});
}

TEST_CASE("lsp features: completion of rule IDs as waiver keys, nothing elsewhere") {
  Repository repo = base();
  auto block = complete(repo, "id: x\nwaivers:\n  R6\n", {2, 4}, "colleges/x.yaml", Lang::zh);
  auto ids = labels(block);
  CHECK(std::find(ids.begin(), ids.end(), "R605") != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), "S002") == ids.end());  // S rules cannot be waived
  CHECK(block[0].kind == 21);
  CHECK_FALSE(
      labels(complete(repo, "waivers: { R301: x, R\n", {0, 21}, "colleges/x.yaml", Lang::en))
          .empty());
  CHECK(complete(repo, "name: \n", {0, 6}, "colleges/x.yaml", Lang::en).empty());
  CHECK(complete(repo, "college\n", {0, 7}, "majors/x.yaml", Lang::en).empty());
  CHECK(complete(repo, "college: x\n", {5, 0}, "majors/x.yaml", Lang::en).empty());
  CHECK(complete(repo, "", {0, 0}, "majors/x.yaml", Lang::en).empty());
}
