#pragma once
// Checking `validate --format json` output against the exact findings a test expects.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "run.hpp"

namespace pilot::test {

struct Expected {
  std::string rule;
  std::string file;
  int line;
  std::string severity;
};

// Exactly these findings, in this order (validate sorts by file, line, column, rule), each at a
// real column and with a message and a hint.
inline void expect_findings(const RunResult& r, const std::vector<Expected>& expected) {
  INFO(r.out, r.err);
  auto j = r.json();
  const auto& ds = j.at("diagnostics");
  REQUIRE(ds.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("finding ", i);
    CHECK(ds[i]["rule"] == expected[i].rule);
    CHECK(ds[i]["file"] == expected[i].file);
    CHECK(ds[i]["line"] == expected[i].line);
    CHECK(ds[i]["severity"] == expected[i].severity);
    CHECK(ds[i]["column"].get<int>() >= 1);
    CHECK_FALSE(ds[i]["message"].get<std::string>().empty());
    CHECK_FALSE(ds[i]["hint"].get<std::string>().empty());
  }
}

}  // namespace pilot::test
