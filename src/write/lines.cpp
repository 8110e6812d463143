// Lines of a record file and the scanners of a line (see lines.hpp).
#include "lines.hpp"

namespace pilot::lines {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

}  // namespace

LineFile split(std::string_view bytes) {
  LineFile file;
  if (bytes.substr(0, k_bom.size()) == k_bom) {
    file.bom = std::string(k_bom);
    bytes.remove_prefix(k_bom.size());
  }
  int n = 0;
  while (!bytes.empty()) {
    auto nl = bytes.find('\n');
    Line l;
    l.old = ++n;
    if (nl == std::string_view::npos) {
      l.content = std::string(bytes);
      bytes = {};
    } else {
      l.content = std::string(bytes.substr(0, nl));
      l.eol = "\n";
      if (!l.content.empty() && l.content.back() == '\r') {
        l.content.pop_back();
        l.eol = "\r\n";
      }
      bytes.remove_prefix(nl + 1);
    }
    file.lines.push_back(std::move(l));
  }
  if (!file.lines.empty() && file.lines.front().eol == "\r\n") file.eol = "\r\n";
  return file;
}

std::size_t value_start(std::string_view content, std::size_t indent, std::string_view key) {
  if (content.size() < indent + key.size()) return std::string_view::npos;
  for (std::size_t i = 0; i < indent; ++i) {
    if (content[i] != ' ') return std::string_view::npos;
  }
  if (content.substr(indent, key.size()) != key) return std::string_view::npos;
  std::size_t i = indent + key.size();
  while (i < content.size() && (content[i] == ' ' || content[i] == '\t')) ++i;
  if (i >= content.size() || content[i] != ':') return std::string_view::npos;
  ++i;
  if (i < content.size() && content[i] != ' ' && content[i] != '\t') return std::string_view::npos;
  return i;
}

namespace {

// One past the closing quote of the quoted scalar opening at `start`, or npos.
std::size_t quoted_end(std::string_view content, std::size_t start) {
  char q = content[start];
  std::size_t end = start + 1;
  while (end < content.size()) {
    if (q == '"' && content[end] == '\\') {
      end += 2;
      continue;
    }
    if (content[end] == q) {
      if (q == '\'' && end + 1 < content.size() && content[end + 1] == '\'') {
        end += 2;
        continue;
      }
      return end + 1;
    }
    ++end;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> replace_scalar(const std::string& content, std::size_t from, std::string_view value) {
  std::size_t start = from;
  while (start < content.size() && (content[start] == ' ' || content[start] == '\t')) ++start;
  if (start >= content.size() || content[start] == '#') {
    // No value yet (`approved:` or `approved:  # comment`).
    std::string tail = content.substr(from);
    return content.substr(0, from) + " " + std::string(value) + tail;
  }
  std::size_t end = start;
  char q = content[start];
  if (q == '"' || q == '\'') {
    end = quoted_end(content, start);
    if (end == std::string_view::npos) return std::nullopt;  // the quote closes on another line
  } else {
    if (q == '|' || q == '>' || q == '{' || q == '[' || q == '&' || q == '*' || q == '!') return std::nullopt;
    while (end < content.size() && !(content[end] == '#' && (content[end - 1] == ' ' || content[end - 1] == '\t'))) ++end;
    while (end > start && (content[end - 1] == ' ' || content[end - 1] == '\t')) --end;
  }
  return content.substr(0, start) + std::string(value) + content.substr(end);
}

std::size_t byte_of_column(std::string_view content, int column) {
  int col = 1;
  for (std::size_t i = 0; i <= content.size(); ++i) {
    if (i == content.size() || (static_cast<unsigned char>(content[i]) & 0xC0) != 0x80) {
      if (col == column) return i;
      ++col;
    }
  }
  return std::string_view::npos;
}

std::size_t flow_end(std::string_view content, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < content.size(); ++i) {
    char c = content[i];
    if (c == '"' || c == '\'') {
      // A quote starts a quoted scalar only where a scalar can start.
      char before = i == 0 ? ' ' : content[i - 1];
      if (before == ' ' || before == '{' || before == '[' || before == ',' || before == ':') {
        i = quoted_end(content, i);
        if (i == std::string_view::npos) return i;
        --i;
      }
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    } else if (c == '#' && i > 0 && (content[i - 1] == ' ' || content[i - 1] == '\t')) {
      return std::string_view::npos;  // a comment inside an open collection
    }
  }
  return std::string_view::npos;
}

bool is_blank_or_comment(std::string_view content) {
  for (char c : content) {
    if (c == '#') return true;
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

std::size_t indent_of(std::string_view content) {
  std::size_t i = 0;
  while (i < content.size() && content[i] == ' ') ++i;
  return i;
}

}  // namespace pilot::lines
