#include "positions.hpp"

#include <algorithm>
#include <cctype>

namespace pilot::lsp {

namespace {

// Length of the UTF-8 sequence starting at s[i] if it is valid, else 0.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  std::size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// One character at s[i]: its bytes (1 for an invalid byte) and its UTF-16 units.
std::pair<std::size_t, int> character_at(std::string_view s, std::size_t i) {
  std::size_t n = sequence_length(s, i);
  if (n == 0) return {1, 1};
  return {n, n == 4 ? 2 : 1};
}

bool ends_word(char c) {
  return c == ' ' || c == '\t' || c == ',' || c == '}' || c == ']' || c == '{' || c == '[' ||
         c == '#';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

int utf16_length(std::string_view utf8) {
  int units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    auto [bytes, u] = character_at(utf8, i);
    i += bytes;
    units += u;
  }
  return units;
}

std::size_t bytes_for_utf16(std::string_view utf8, int units) {
  std::size_t i = 0;
  while (i < utf8.size() && units > 0) {
    auto [bytes, u] = character_at(utf8, i);
    if (u > units) break;  // inside a surrogate pair: stay at the character's start
    i += bytes;
    units -= u;
  }
  return i;
}

std::size_t bytes_for_code_points(std::string_view utf8, int code_points) {
  std::size_t i = 0;
  while (i < utf8.size() && code_points > 0) {
    i += character_at(utf8, i).first;
    --code_points;
  }
  return i;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

std::string_view LineIndex::line(int line0) const {
  if (line0 < 0 || line0 >= line_count()) return {};
  std::size_t begin = starts_[static_cast<std::size_t>(line0)];
  std::size_t end =
      line0 + 1 < line_count() ? starts_[static_cast<std::size_t>(line0) + 1] - 1 : text_.size();
  std::string_view l = text_.substr(begin, end - begin);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

std::size_t LineIndex::offset(Position p) const {
  if (p.line < 0) return 0;
  if (p.line >= line_count()) return text_.size();
  std::size_t begin = starts_[static_cast<std::size_t>(p.line)];
  return begin + bytes_for_utf16(line(p.line), std::max(0, p.character));
}

Position LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  int line0 = static_cast<int>(it - starts_.begin()) - 1;
  std::size_t begin = starts_[static_cast<std::size_t>(line0)];
  std::string_view l = line(line0);
  std::size_t within = std::min(offset - begin, l.size());
  return {line0, utf16_length(l.substr(0, within))};
}

Range LineIndex::finding_range(int line, int column) const {
  if (line <= 0) line = 1;
  int line0 = std::min(line - 1, line_count() - 1);
  std::string_view l = this->line(line0);
  std::size_t from = bytes_for_code_points(l, std::max(0, column - 1));
  std::size_t to = from;
  if (to < l.size() && (l[to] == '"' || l[to] == '\'')) {  // a quoted string, quotes included
    char quote = l[to];
    auto close = l.find(quote, to + 1);
    to = close == std::string_view::npos ? l.size() : close + 1;
  } else {
    while (to < l.size() && !ends_word(l[to])) {
      if (l[to] == ':' && (to + 1 == l.size() || l[to + 1] == ' ')) break;  // a key's colon
      to += character_at(l, to).first;
    }
  }
  if (to == from && to < l.size()) to += character_at(l, to).first;
  Position start{line0, utf16_length(l.substr(0, from))};
  Position end{line0, utf16_length(l.substr(0, to))};
  return {start, end};
}

std::optional<std::string> path_from_uri(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != scheme[i]) return std::nullopt;
  }
  uri.remove_prefix(scheme.size());
  auto slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view host = uri.substr(0, slash);
  if (!host.empty() && host != "localhost") return std::nullopt;
  uri.remove_prefix(slash);
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '?' || uri[i] == '#') break;
    if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 &&
        hex_value(uri[i + 2]) >= 0) {
      char c = static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2]));
      if (c == '\0') return std::nullopt;  // no path holds a NUL
      path += c;
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string uri_from_path(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (char c : path) {
    auto b = static_cast<unsigned char>(c);
    bool plain = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += k_hex[b >> 4];
      out += k_hex[b & 0xF];
    }
  }
  return out;
}

}  // namespace pilot::lsp
