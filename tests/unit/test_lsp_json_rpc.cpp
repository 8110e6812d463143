// JSON-RPC helpers of the LSP server (src/lsp/json_rpc.cpp): parameters, ranges, and bytes
// that are not UTF-8 carried through the JSON parser.
#include <doctest/doctest.h>

#include <string>

#include "lsp/json_rpc.hpp"
#include "pilot/yaml.hpp"

using namespace pilot;
using namespace pilot::lsp;

TEST_CASE("lsp json-rpc: parameters that are missing or of the wrong type are ParamError") {
  json p = json::parse(R"({"a": "x", "n": -5, "big": 99999999999, "s": 1, "z": null})");
  CHECK(string_member(p, "a") == "x");
  CHECK(int_member(p, "n") == 0);  // clamped: no negative positions
  CHECK(int_member(p, "big") == 1 << 30);
  CHECK_THROWS_AS(string_member(p, "s"), ParamError);
  CHECK_THROWS_AS(int_member(p, "a"), ParamError);
  CHECK_THROWS_AS(member(p, "missing"), ParamError);
  CHECK_THROWS_AS(member(json::array(), "a"), ParamError);
  CHECK(optional_member(p, "z") == nullptr);
  CHECK(optional_member(p, "missing") == nullptr);
  CHECK(optional_member(json(3), "a") == nullptr);
  CHECK(optional_member(p, "a") != nullptr);
}

TEST_CASE("lsp json-rpc: ranges from JSON, and which touch") {
  Range r = range_of(
      json::parse(R"({"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 5}})"));
  CHECK(r == Range{{1, 2}, {1, 5}});
  CHECK(to_json(r)["end"]["character"] == 5);
  CHECK(contains(r, {1, 2}));
  CHECK(contains(r, {1, 5}));
  CHECK_FALSE(contains(r, {1, 6}));
  CHECK_FALSE(contains(r, {0, 3}));
  CHECK(intersects(r, Range{{1, 5}, {1, 5}}));  // an empty range at the end: the cursor
  CHECK_FALSE(intersects(r, Range{{2, 0}, {2, 1}}));
  CHECK_THROWS_AS(range_of(json::parse(R"({"start": {"line": 1}})")), ParamError);
}

TEST_CASE(
    "lsp json-rpc: bytes that are not UTF-8 pass the JSON parser and come back as they were") {
  std::string gbk = "notes: \xD6\xD0\xCE\xC4 and \xFF, \xC3 cut, \xE4\xB8\xAD ok\n";
  std::string body = "{\"text\": \"" + gbk.substr(0, gbk.size() - 1) + "\\n\"}";
  std::string escaped;
  REQUIRE(escape_invalid_utf8(body, escaped));
  CHECK(find_invalid_utf8(escaped) == std::string::npos);
  json parsed = json::parse(escaped);
  CHECK(restore_bytes(parsed["text"].get<std::string>()) == gbk);
  std::string untouched;
  CHECK_FALSE(escape_invalid_utf8("{\"text\": \"中文 𠮷\"}", untouched));
  CHECK(restore_bytes("中文 𠮷 \xF4\x8F\xBF\xBF") == "中文 𠮷 \xFF");  // the marker of byte FF
}
