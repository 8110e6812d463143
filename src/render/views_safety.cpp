// Text from the data, made safe for tables, Markdown, CSV and spreadsheets (SPEC §5).
#include <fmt/format.h>

#include "views_common.hpp"

namespace pilot::view_render {

namespace {

// The code point of the UTF-8 sequence at s[i] and its length; a stray byte is itself, length 1.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (n == 1 || i + n > s.size()) return {b, 1};
  char32_t cp = b & (0x3F >> (n - 1));
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return {b, 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, n};
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string escape_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto [cp, n] = decode(s, i);
    if (cp == '\n') {
      out += "\\n";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(cp));
    } else if ((n > 1 && cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string guard_formula(std::string_view s) {
  if (s.empty()) return std::string(s);
  switch (s.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': return "'" + std::string(s);
    default: return std::string(s);
  }
}

}  // namespace pilot::view_render
