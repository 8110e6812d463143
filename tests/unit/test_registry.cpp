#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "pilot/rule_docs.hpp"
#include "pilot/rules.hpp"

using namespace pilot;
namespace fs = std::filesystem;

TEST_CASE("registry: rule IDs are unique and every rule has a summary in both languages") {
  std::set<std::string_view> ids;
  for (const auto& r : rule_registry()) {
    INFO(r.id);
    CHECK(ids.insert(r.id).second);
    CHECK_FALSE(r.summary.zh.empty());
    CHECK_FALSE(r.summary.en.empty());
    CHECK(find_rule(r.id) == &r);
  }
  CHECK(ids.size() == 34);
}

TEST_CASE("registry: every rule has a doc page whose header agrees with the table") {
  for (const auto& r : rule_registry()) {
    INFO(r.id);
    const EmbeddedDoc* page = nullptr;
    for (const auto& d : embedded_rule_docs()) {
      if (d.id == r.id) page = &d;
    }
    REQUIRE(page != nullptr);
    auto header = rule_doc_header(page->text);
    REQUIRE(header.has_value());
    CHECK(header->id == r.id);
    CHECK(header->clause == r.clause);
    CHECK(header->severity == severity_name(r.default_severity));
    auto zh = rule_doc(r.id, Lang::zh);
    auto en = rule_doc(r.id, Lang::en);
    REQUIRE(zh.has_value());
    REQUIRE(en.has_value());
    for (const char* h : {"## 检查内容", "## 政策条款", "## 为什么", "## 违规示例", "## 如何修复"}) CHECK(zh->find(h) != std::string::npos);
    for (const char* h : {"## What it checks", "## Policy clause", "## Why", "## Example", "## How to fix"}) CHECK(en->find(h) != std::string::npos);
    if (r.id[0] == 'R') CHECK(zh->find("> " + std::string(r.clause)) != std::string::npos);  // the clause is quoted
  }
  CHECK(embedded_rule_docs().size() == rule_registry().size());
}

TEST_CASE("registry: every rule has a fixture repository named after it") {
  fs::path fixtures(PILOT_FIXTURES);
  for (const auto& r : rule_registry()) {
    INFO(r.id);
    bool found = false;
    for (const auto& e : fs::directory_iterator(fixtures)) {
      std::string name = e.path().filename().string();
      if (name.rfind(std::string(r.id) + "-", 0) == 0 && fs::exists(e.path() / "pilot.toml")) found = true;
    }
    CHECK(found);
  }
}

namespace {

std::string read_source(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("registry: each rule names the source files that report it, and each contains its ID") {
  const fs::path root(PILOT_SOURCE_DIR);
  for (const auto& r : rule_registry()) {
    INFO(r.id);
    CHECK_FALSE(r.reported_in.empty());
    const std::string quoted = "\"" + std::string(r.id) + "\"";
    for (std::string_view file : r.reported_in) {
      INFO(file);
      REQUIRE(fs::is_regular_file(root / file));
      CHECK(read_source(root / file).find(quoted) != std::string::npos);
    }
  }
}

TEST_CASE("registry: every source file that spells a rule ID is named in that rule's row") {
  // The converse: a rule reported from a file its row does not name (a new check, a file split
  // in two) fails here, so reported_in stays complete. The tables are not reporters: the
  // registry, and the field table (it names the rule that reports a missing policy field).
  const fs::path root(PILOT_SOURCE_DIR);
  for (const auto& entry : fs::recursive_directory_iterator(root / "src")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    if (rel == "src/rules/registry.cpp" || rel == "src/fields_table.cpp") continue;
    const std::string text = read_source(entry.path());
    for (const auto& r : rule_registry()) {
      if (text.find("\"" + std::string(r.id) + "\"") == std::string::npos) continue;
      INFO(r.id, " is spelled in ", rel, ", which its registry row does not name in reported_in");
      CHECK(std::find(r.reported_in.begin(), r.reported_in.end(), rel) != r.reported_in.end());
    }
  }
}
