#include "pilot/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace pilot {

namespace {

bool starts_with_zh(const char* value) {
  return value != nullptr && value[0] == 'z' && value[1] == 'h';
}

// Decodes one code point; advances i. Invalid bytes decode as themselves, width 1.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = static_cast<unsigned char>(s[i]);
  int extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + extra >= s.size()) {
    ++i;
    return byte;
  }
  char32_t cp = byte & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return byte;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += extra + 1;
  return cp;
}

bool is_wide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
         (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
}

}  // namespace

Lang lang_from_environment() {
  if (const char* v = std::getenv("PILOT_LANG"); v != nullptr && v[0] != '\0') {
    return starts_with_zh(v) ? Lang::zh : Lang::en;
  }
  for (const char* name : {"LC_ALL", "LANG"}) {
    if (const char* v = std::getenv(name); v != nullptr && v[0] != '\0') {
      return starts_with_zh(v) ? Lang::zh : Lang::en;
    }
  }
  return Lang::en;
}

int display_width(std::string_view utf8) {
  int width = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    if (is_zero_width(cp)) continue;
    width += is_wide(cp) ? 2 : 1;
  }
  return width;
}

int count_code_points(std::string_view utf8) {
  int n = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    next_code_point(utf8, i);
    ++n;
  }
  return n;
}

bool is_bidirectional_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool is_forbidden_in_text(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
         is_bidirectional_control(cp);
}

std::optional<char32_t> first_forbidden_character(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c < 0x7F) {  // printable ASCII: the common case
      ++i;
      continue;
    }
    std::size_t at = i;
    char32_t cp = next_code_point(utf8, i);
    if (i - at == 1 && c >= 0x80) continue;  // an invalid byte
    if (is_forbidden_in_text(cp)) return cp;
  }
  return std::nullopt;
}

std::string code_point_name(char32_t cp) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string digits;
  int shift = 12;  // at least four digits
  while (shift < 28 && (cp >> (shift + 4)) != 0) shift += 4;
  for (; shift >= 0; shift -= 4) digits += k_hex[(cp >> shift) & 0xF];
  return "U+" + digits;
}

bool is_blank(std::string_view s) {
  while (!s.empty()) {
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n') {
      s.remove_prefix(1);
    } else if (s.substr(0, 3) == "\u3000") {
      s.remove_prefix(3);
    } else {
      return false;
    }
  }
  return true;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  std::string best;
  std::size_t best_distance = std::string_view::npos;
  for (auto c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  return best_distance <= limit ? best : std::string();
}

Text errno_text(int err) {
  std::string en = std::strerror(err);
  const char* zh = nullptr;
  switch (err) {
    case ENOSPC: zh = "磁盘空间不足"; break;
    case EDQUOT: zh = "超出磁盘配额"; break;
    case EACCES:
    case EPERM: zh = "没有权限"; break;
    case EROFS: zh = "文件系统只读"; break;
    case ENOENT: zh = "文件或文件夹不存在"; break;
    case ENOTDIR: zh = "路径中有一项不是文件夹"; break;
    case EISDIR: zh = "这是一个文件夹"; break;
    case EEXIST: zh = "文件已存在"; break;
    case EIO: zh = "输入输出错误"; break;
    case EMFILE:
    case ENFILE: zh = "打开的文件太多"; break;
    case ENAMETOOLONG: zh = "文件名太长"; break;
    case ELOOP: zh = "符号链接层数太多"; break;
    case EBUSY: zh = "设备或资源忙"; break;
    case EPIPE: zh = "管道已关闭"; break;
    case EAGAIN: zh = "资源暂时不可用"; break;
    default: break;
  }
  return {zh != nullptr ? std::string(zh) : en, en};
}

}  // namespace pilot
