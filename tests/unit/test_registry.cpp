#include <doctest/doctest.h>

#include <filesystem>
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
