#pragma once
// Bilingual user-facing text: every message exists in Chinese and English.
#include <optional>
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

// SPEC §2.2: the characters no scalar may hold — C0 controls other than tab and line feed,
// DEL, C1 controls — and the bidirectional controls (U+202A–U+202E, U+2066–U+2069).
bool is_bidirectional_control(char32_t cp);
bool is_forbidden_in_text(char32_t cp);

// The first code point of `utf8` that is_forbidden_in_text, or nothing (invalid bytes are
// skipped: the loader refuses files that are not UTF-8 before this is asked).
std::optional<char32_t> first_forbidden_character(std::string_view utf8);

// "U+001B", as SPEC §2.2 names a character.
std::string code_point_name(char32_t cp);

// Empty, or only spaces: ASCII white space and the full-width space U+3000 (what an IME types).
bool is_blank(std::string_view s);

// Why a system call failed (errno), in both languages: Chinese for the failures a user can act
// on (full disk, permissions, a read-only or missing file ...), else the C library's text.
Text errno_text(int err);

// Levenshtein distance in bytes, for "did you mean" hints.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace pilot
