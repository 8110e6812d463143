// analyze.cpp: severities, waivers (S002 for a waiver that cannot count, W001 for one that
// suppresses nothing), filters, order.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "pilot/rules.hpp"

using namespace pilot;
namespace fs = std::filesystem;

namespace {

const Date k_as_of = *Date::parse("2026-11-26");  // base has R601 findings by then

// The base fixture with one file replaced.
Repository base_with(Kind kind, const std::string& rel, const std::string& text) {
  Repository repo = load_repository(fs::path(PILOT_FIXTURES) / "base");
  remove_file(repo, kind, rel);
  add_parsed(repo, parse_record(kind, rel, text));
  repo.build_indexes();
  return repo;
}

// "RULE line:column message" of the findings in `file`, in the order analyze() returns them.
std::vector<std::string> in_file(const std::vector<Diagnostic>& ds, const std::string& file) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    if (d.file == file) {
      out.push_back(d.rule + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
                    d.message.en);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("analyze: a waiver of an unknown rule, of an S rule or without a reason is S002") {
  const std::string file = "colleges/xinxi.yaml";
  Repository repo = base_with(Kind::college, file,
                              "id: xinxi\nname: 信息工程学院\nleader: 王建华\nwaivers:\n"
                              "  R301: \"\"\n"      // 5
                              "  R302:\n"           // 6: null
                              "  R303: { a: b }\n"  // 7: not a single value
                              "  S003: 同意\n"      // 8
                              "  R99: 同意\n"       // 9
                              "  R304: 省里同意\n"  // 10: counts, suppresses nothing
                              "  X001: \"  \"\n");  // 11: blank
  Analysis a = analyze(repo, AnalyzeOptions{k_as_of, {}, {}});
  // At the reason when the reason is wrong (the key when there is none), else at the rule ID.
  CHECK(in_file(a.diagnostics, file) == std::vector<std::string>{
                                            "S002 5:9 waiver of R301 has no reason",
                                            "S002 6:3 waiver of R302 has no reason",
                                            "S002 7:9 waiver of R303 has no reason",
                                            "S002 8:3 structural rule S003 cannot be waived",
                                            "S002 9:3 waiver names an unknown rule ID \"R99\"",
                                            "W001 10:3 the waiver of R304 suppresses nothing",
                                            "S002 11:9 waiver of X001 has no reason",
                                        });
  for (const auto& d : a.diagnostics) {
    if (d.file != file) continue;
    CHECK(d.severity == (d.rule == "W001" ? Severity::warning : Severity::error));
    if (d.line == 9) CHECK(d.hint.en == "did you mean \"R309\"?");
    if (d.line == 8) CHECK(d.message.zh == "不能豁免结构规则 S003");
  }
  CHECK(a.waived.empty());

  SUBCASE("--ignore S002 hides them as it hides the loader's") {
    Analysis b = analyze(repo, AnalyzeOptions{k_as_of, {}, {"S002"}});
    CHECK(in_file(b.diagnostics, file) ==
          std::vector<std::string>{"W001 10:3 the waiver of R304 suppresses nothing"});
  }
}

TEST_CASE(
    "analyze: a waiver that counts suppresses its rule in its file, one that cannot suppresses nothing") {
  const std::string file = "pilots/2026/web-frontend-2026.yaml";
  Repository plain = load_repository(fs::path(PILOT_FIXTURES) / "base");
  std::size_t r601 = 0;
  for (const auto& d : analyze(plain, AnalyzeOptions{k_as_of, {}, {}}).diagnostics)
    r601 += d.rule == "R601";
  REQUIRE(r601 == 2);

  std::string text =
      "id: web-frontend-2026\nyear: 2026\ncertificate: web-frontend\nlevel: 中级\nstatus: "
      "approved\n"
      "submitted: 2026-04-15\napproved: 2026-10-25\nlead_major: \"510201\"\nmajors:\n"
      "  - { major: \"510201\", quota: 30, contact: 李老师 }\n  - { major: \"510202\", quota: 20, "
      "contact: 王老师 }\n"
      "accounts: { admin: cs_admin_510201, exam: cs_exam_510201 }\nplan: "
      "2026年Web前端开发试点工作计划\n";
  SUBCASE("a reason: waived, counted, no W001") {
    Analysis a = analyze(base_with(Kind::pilot, file, text + "waivers: { R601: 教务处同意补报 }\n"),
                         {k_as_of, {}, {}});
    CHECK(in_file(a.diagnostics, file).empty());
    CHECK(in_file(a.waived, file).size() == 2);
  }
  SUBCASE("no reason: S002, and the findings stay") {
    Analysis a = analyze(base_with(Kind::pilot, file, text + "waivers: { R601: \"\" }\n"),
                         {k_as_of, {}, {}});
    auto found = in_file(a.diagnostics, file);
    REQUIRE(found.size() == 3);
    CHECK(found[2] == "S002 14:18 waiver of R601 has no reason");
    CHECK(a.waived.empty());
  }
}
