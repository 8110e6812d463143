#pragma once
// JSON-RPC pieces of the server: error codes, reading parameters that may be missing or of the
// wrong type, positions as JSON, and carrying bytes that are not UTF-8 through the JSON parser.
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "positions.hpp"

namespace pilot::lsp {

using json = nlohmann::json;

// JSON-RPC and LSP error codes.
inline constexpr int k_parse_error = -32700;
inline constexpr int k_invalid_request = -32600;
inline constexpr int k_method_not_found = -32601;
inline constexpr int k_invalid_params = -32602;
inline constexpr int k_internal_error = -32603;
inline constexpr int k_server_not_initialized = -32002;

// Parameters that are missing or of the wrong type: answered with k_invalid_params.
struct ParamError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A member that must be there (ParamError otherwise, also when `object` is no object).
const json& member(const json& object, const char* key);
std::string string_member(const json& object, const char* key);
// An integer clamped to 0 .. 2^30 (positions are never negative).
int int_member(const json& object, const char* key);
// A member that may be missing or null: nullptr then.
const json* optional_member(const json& object, const char* key);

Position position_of(const json& p);
Range range_of(const json& r);
json to_json(Position p);
json to_json(const Range& r);

bool before(Position a, Position b);
bool contains(const Range& r, Position p);  // ends included
bool intersects(const Range& a, const Range& b);

// JSON text must be UTF-8, but an editor may hold bytes that are not (a GBK file). When `in`
// has such bytes, writes to `out` a copy in which each invalid byte B became the private-use
// code point U+10FF00+B, and returns true; restore_bytes() puts the bytes back into a document's
// text, so that the record gets the S005 finding a file on disk would.
bool escape_invalid_utf8(std::string_view in, std::string& out);
std::string restore_bytes(const std::string& text);

}  // namespace pilot::lsp
