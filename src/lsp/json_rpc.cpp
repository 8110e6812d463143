#include "json_rpc.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pilot/yaml.hpp"

namespace pilot::lsp {

const json& member(const json& object, const char* key) {
  if (!object.is_object()) throw ParamError(fmt::format("expected an object holding \"{}\"", key));
  auto it = object.find(key);
  if (it == object.end()) throw ParamError(fmt::format("\"{}\" is missing", key));
  return *it;
}

std::string string_member(const json& object, const char* key) {
  const json& v = member(object, key);
  if (!v.is_string()) throw ParamError(fmt::format("\"{}\" must be a string", key));
  return v.get<std::string>();
}

const json* optional_member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

int int_member(const json& object, const char* key) {
  const json& v = member(object, key);
  if (!v.is_number_integer()) throw ParamError(fmt::format("\"{}\" must be an integer", key));
  auto n = v.get<long long>();
  return static_cast<int>(std::clamp<long long>(n, 0, 1 << 30));
}

Position position_of(const json& p) { return {int_member(p, "line"), int_member(p, "character")}; }

Range range_of(const json& r) {
  return {position_of(member(r, "start")), position_of(member(r, "end"))};
}

json to_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }

json to_json(const Range& r) { return {{"start", to_json(r.start)}, {"end", to_json(r.end)}}; }

bool before(Position a, Position b) {
  return a.line < b.line || (a.line == b.line && a.character < b.character);
}

bool contains(const Range& r, Position p) { return !before(p, r.start) && !before(r.end, p); }

bool intersects(const Range& a, const Range& b) {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

bool escape_invalid_utf8(std::string_view in, std::string& out) {
  std::size_t bad = find_invalid_utf8(in);
  if (bad == std::string_view::npos) return false;
  out.clear();
  std::size_t i = 0;
  while (bad != std::string_view::npos) {
    out.append(in.substr(i, bad));
    char32_t cp = 0x10FF00 + static_cast<unsigned char>(in[i + bad]);
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
    i += bad + 1;
    bad = find_invalid_utf8(in.substr(i));
  }
  out.append(in.substr(i));
  return true;
}

std::string restore_bytes(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (at(0) == 0xF4 && i + 3 < s.size() && at(1) == 0x8F && (at(2) == 0xBE || at(2) == 0xBF) &&
        (at(3) & 0xC0) == 0x80) {
      out += static_cast<char>(((at(2) & 0x3F) << 6 | (at(3) & 0x3F)) & 0xFF);
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace pilot::lsp
