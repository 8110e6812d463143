// YAML mistakes named where they are (issue 16 item 3): an unclosed quote, and the full-width
// colon and comma an input method types instead of ':' and ','. Both readers of parse_yaml run
// the same checks, so they keep giving the same findings (yaml_fast.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "yaml_fast.hpp"

namespace pilot::detail {

namespace {

constexpr std::string_view k_full_colon = "\xEF\xBC\x9A";  // U+FF1A ：
constexpr std::string_view k_full_comma = "\xEF\xBC\x8C";  // U+FF0C ，

Diagnostic s001(int line, int column, Text message, Text hint) {
  Diagnostic d;
  d.rule = "S001";
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic full_width_colon(int line, int column, std::string_view key) {
  return s001(line, column,
              {fmt::format("键 “{}” 后面是全角冒号 “：”，YAML 只认半角冒号 “:”", key),
               fmt::format("the key \"{}\" is followed by a full-width colon \"：\"; YAML needs a "
                           "half-width colon \":\"",
                           key)},
              {fmt::format("改用半角冒号加一个空格，例如 {}: 值（输入法切换到英文标点）", key),
               fmt::format("use a half-width colon and a space, e.g. {}: value (switch the input "
                           "method to English punctuation)",
                           key)});
}

Diagnostic full_width_comma(int line, int column) {
  return s001(line, column,
              {"[ ] 或 { } 中用了全角逗号 “，”，YAML 只认半角逗号 “,”",
               "a full-width comma \"，\" inside [ ] or { }; YAML separates entries with a "
               "half-width comma \",\""},
              {"改用半角逗号加一个空格，例如 [初级, 中级]（输入法切换到英文标点）",
               "use a half-width comma and a space, e.g. [初级, 中级] (switch the input method to "
               "English punctuation)"});
}

// A record key as written before a full-width colon: ASCII letters, digits, '_' and '-', not
// starting with a digit or '-' (records' keys are English).
bool key_like(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9') || s[0] == '-') return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Byte offsets of the lines' starts.
std::vector<std::size_t> line_starts(std::string_view src) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

// The byte at 1-based (line, column in characters), or '\0'.
char byte_at(std::string_view src, const std::vector<std::size_t>& starts, int line, int column) {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return '\0';
  std::size_t i = starts[static_cast<std::size_t>(line) - 1];
  for (int c = 1; c < column && i < src.size(); ++c) {  // skip a code point
    ++i;
    while (i < src.size() && (static_cast<unsigned char>(src[i]) & 0xC0) == 0x80) ++i;
  }
  return i < src.size() ? src[i] : '\0';
}

class PunctuationCheck {
 public:
  explicit PunctuationCheck(std::string_view src) : src_(src) {}

  std::optional<Diagnostic> found;

  void walk(const YNode& n) {
    if (found) return;
    if (n.is_map()) {
      for (const auto& [key, value] : n.entries) {
        check_key(key);
        walk(key);
        walk(value);
        if (found) return;
      }
    } else if (n.is_seq()) {
      bool flow_checked = false, flow = false;
      for (const auto& item : n.items) {
        if (item.is_scalar() && !item.quoted &&
            item.value.find(k_full_comma) != std::string::npos) {
          if (!flow_checked) {
            if (starts_.empty()) starts_ = line_starts(src_);
            flow = byte_at(src_, starts_, n.line, n.column) == '[';
            flow_checked = true;
          }
          if (flow) {
            std::size_t at = item.value.find(k_full_comma);
            found = full_width_comma(item.line,
                                     item.column + count_code_points(item.value.substr(0, at)));
            return;
          }
        }
        walk(item);
        if (found) return;
      }
    }
  }

 private:
  // A plain key "college：xinxi" (yaml-cpp reads a last line, or an entry of a flow mapping,
  // so): the key before the full-width colon.
  void check_key(const YNode& key) {
    if (!key.is_scalar() || key.quoted) return;
    std::size_t at = key.value.find(k_full_colon);
    if (at == std::string::npos) return;
    std::string_view before = std::string_view(key.value).substr(0, at);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (!key_like(before)) return;
    found =
        full_width_colon(key.line, key.column + count_code_points(key.value.substr(0, at)), before);
  }

  std::string_view src_;
  std::vector<std::size_t> starts_;
};

}  // namespace

std::optional<Diagnostic> misplaced_punctuation(std::string_view src, const YNode& root) {
  PunctuationCheck check(src);
  check.walk(root);
  return check.found;
}

std::optional<Diagnostic> punctuation_up_to(std::string_view src, int last_line) {
  int line = 1;
  for (std::size_t start = 0; start <= src.size() && line <= last_line; ++line) {
    std::size_t end = src.find('\n', start);
    if (end == std::string_view::npos) end = src.size();
    std::string_view text = src.substr(start, end - start);
    // A key where one is expected: at the line's start (after indentation and "- "), or after
    // '{' or ',' of a flow mapping.
    auto key_before = [&](std::size_t from, std::size_t at) {
      std::string_view head = text.substr(from, at - from);
      while (!head.empty() && (head.front() == ' ' || head.front() == '-')) head.remove_prefix(1);
      while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
      if (head.size() >= 2 && (head.front() == '"' || head.front() == '\'') &&
          head.back() == head.front()) {
        head = head.substr(1, head.size() - 2);
      }
      return key_like(head) ? head : std::string_view();
    };
    for (std::size_t at = text.find(k_full_colon); at != std::string_view::npos;
         at = text.find(k_full_colon, at + 1)) {
      std::string_view key = key_before(0, at);
      std::size_t brace = text.find('{');
      if (key.empty() && brace < at) key = key_before(text.find_last_of("{,", at) + 1, at);
      if (!key.empty()) {
        return full_width_colon(line, count_code_points(text.substr(0, at)) + 1, key);
      }
    }
    // A full-width comma inside brackets or braces opened on the line.
    if (std::size_t open = text.find_first_of("[{"); open != std::string_view::npos) {
      std::size_t at = text.find(k_full_comma, open);
      if (at < text.find(" #")) {
        return full_width_comma(line, count_code_points(text.substr(0, at)) + 1);
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

bool quote_is_closed(std::string_view src, std::size_t quote) {
  const char q = src[quote];
  for (std::size_t i = quote + 1; i < src.size(); ++i) {
    if (q == '"' && src[i] == '\\') {
      ++i;
    } else if (src[i] == q) {
      if (q == '\'' && i + 1 < src.size() && src[i + 1] == '\'') {
        ++i;
        continue;
      }
      return true;
    }
  }
  return false;
}

Diagnostic unclosed_quote(int line, int column, char quote) {
  return s001(
      line, column,
      {fmt::format("这里开始的引号 {} 没有闭合：文件的其余部分都成了这一个值", quote),
       fmt::format(
           "the quote {} opened here is never closed: the rest of the file became this one value",
           quote)},
      {fmt::format("在这个值的末尾补上闭合的 {}", quote),
       fmt::format("add the closing {} at the end of this value", quote)});
}

}  // namespace pilot::detail
