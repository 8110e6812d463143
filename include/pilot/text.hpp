#pragma once
// Bilingual user-facing text: every message exists in Chinese and English.
#include <string>
#include <string_view>
#include <vector>

namespace pilot {

enum class Lang { zh, en };

struct Text {
  std::string zh;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::zh ? zh : en; }
  bool empty() const { return zh.empty() && en.empty(); }
};

// Picks the language from $PILOT_LANG, then LC_ALL / LANG (zh* -> zh, else en).
Lang lang_from_environment();

// Display width of UTF-8 text in a terminal: CJK and fullwidth characters count 2.
int display_width(std::string_view utf8);

// Number of code points in UTF-8 text (invalid bytes count one each).
int count_code_points(std::string_view utf8);

// Empty, or only spaces: ASCII white space and the full-width space U+3000 (what an IME types).
bool is_blank(std::string_view s);

// Levenshtein distance in bytes, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace pilot
