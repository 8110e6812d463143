// X001 (secrets) and X002 (personal data) scans of record documents and pilot.toml.
//
// X001, by key: a key with a secret word as one of its parts (admin_password, apiToken, 初始密码)
//   and a non-empty scalar value; reported at the key.
// X001, in text: a secret word followed by a separator (: ： = ＝ 是 为, spaces allowed) and
//   then a token of at least 4 printable ASCII characters with a letter or digit
//   ("密码: abc12345"); "密码已线下交接", "密码：请向教务处索取", "密码: ****" and
//   "password: none" are not findings (no separator / no ASCII token / a mask or placeholder).
// X002: an 18-character resident ID with a real birth date (1900..this year) and a valid
//   ISO 7064 MOD 11-2 check digit, or a mobile number 1[3-9]xxxxxxxxx (optionally +86 / 86),
//   in both cases a whole run of digits (never part of a longer one).
// Findings never echo the secret or the full number; a scalar gets at most one X001 and one
// X002 finding per kind (IDs, mobile numbers), however many it holds.
// S002 (SPEC §2.2): a scalar, key or value, holding a control or bidirectional control character,
// written raw or as an escape ("\0", "\e"): the decoded value is what is scanned. One finding
// per scalar, naming its first such character as U+XXXX.
#include "pilot/security.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "pilot/date.hpp"

namespace pilot {

namespace {

constexpr std::array<std::string_view, 5> k_ascii_secret_words = {"password", "passwd", "pwd", "secret", "token"};
constexpr std::array<std::string_view, 2> k_cjk_secret_words = {"密码", "口令"};
// Separators between a secret word and its value, after optional spaces.
constexpr std::array<std::string_view, 6> k_separators = {":", "：", "=", "＝", "是", "为"};
constexpr std::size_t k_min_token = 4;

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_lower(c) || is_upper(c) || is_digit(c); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

// Whether s holds one of the secret words (the ASCII ones ignoring case): one pass, without
// copying, before the exact scans below, which find a word only where this finds one.
bool may_hold_secret_word(std::string_view s) {
  static constexpr auto k_starts = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("psPSTt")) t[c] = true;
    for (auto word : k_cjk_secret_words) t[static_cast<unsigned char>(word[0])] = true;
    return t;
  }();
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (!k_starts[c]) continue;
    std::string_view rest = s.substr(i);
    if (c >= 0x80) {
      for (auto word : k_cjk_secret_words) {
        if (rest.size() >= word.size() && rest[1] == word[1] && rest.substr(0, word.size()) == word) return true;
      }
      continue;
    }
    char first = lower(static_cast<char>(c));
    for (auto word : k_ascii_secret_words) {
      if (word[0] != first || rest.size() < word.size()) continue;
      std::size_t j = 1;
      while (j < word.size() && lower(rest[j]) == word[j]) ++j;
      if (j == word.size()) return true;
    }
  }
  return false;
}

// The parts of a key name: split at non-alphanumerics, lower→upper (camelCase) and
// letter↔digit changes; lowercased. "adminPassword_2" -> admin, password, 2.
std::vector<std::string> key_parts(std::string_view key) {
  std::vector<std::string> parts;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) parts.push_back(lowered(current));
    current.clear();
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (!is_alnum(c)) {
      flush();
      continue;
    }
    if (!current.empty()) {
      char prev = current.back();
      bool camel = is_lower(prev) && is_upper(c);
      bool digit_change = is_digit(prev) != is_digit(c);
      if (camel || digit_change) flush();
    }
    current.push_back(c);
  }
  flush();
  return parts;
}

// The secret word a key is named after, or nullopt.
std::optional<std::string_view> secret_key_word(std::string_view key) {
  if (!may_hold_secret_word(key)) return std::nullopt;
  for (const auto& part : key_parts(key)) {
    for (auto word : k_ascii_secret_words) {
      if (part == word) return word;
    }
  }
  for (auto word : k_cjk_secret_words) {
    if (key.find(word) != std::string_view::npos) return word;
  }
  return std::nullopt;
}

// Skips ASCII blanks and the ideographic space (U+3000).
std::size_t skip_blanks(std::string_view s, std::size_t i) {
  static constexpr std::string_view k_ideographic_space = "\xE3\x80\x80";
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (s.substr(i, k_ideographic_space.size()) == k_ideographic_space) {
      i += k_ideographic_space.size();
    } else {
      break;
    }
  }
  return i;
}

// A token that can be a secret: some letter or digit (not a mask such as "****") and not a
// word saying there is none ("none", "N/A").
bool looks_like_value(std::string_view token) {
  static constexpr std::array<std::string_view, 7> k_placeholders = {"none", "null", "nil", "empty", "unset", "unknown", "n/a"};
  bool alnum = false;
  for (char c : token) alnum = alnum || is_alnum(c);
  if (!alnum) return false;
  std::string low = lowered(token);
  while (!low.empty() && std::ispunct(static_cast<unsigned char>(low.back())) != 0) low.pop_back();
  for (auto p : k_placeholders) {
    if (low == p) return false;
  }
  return true;
}

// After a secret word ending at `i`: blanks, one or more separators, blanks, then a token of
// at least k_min_token printable ASCII characters.
bool followed_by_value(std::string_view s, std::size_t i) {
  bool separated = false;
  for (;;) {
    i = skip_blanks(s, i);
    bool found = false;
    for (auto sep : k_separators) {
      if (s.substr(i, sep.size()) == sep) {
        i += sep.size();
        found = separated = true;
        break;
      }
    }
    if (!found) break;
  }
  if (!separated) return false;
  std::size_t token = 0;
  while (i + token < s.size() && s[i + token] > ' ' && s[i + token] < 0x7F) ++token;
  return token >= k_min_token && looks_like_value(s.substr(i, token));
}

// A secret word followed by a separator and a value inside free text; returns the word.
std::optional<std::string_view> secret_in_text(std::string_view text) {
  if (!may_hold_secret_word(text)) return std::nullopt;
  std::string low = lowered(text);
  for (auto word : k_ascii_secret_words) {
    for (std::size_t at = low.find(word); at != std::string::npos; at = low.find(word, at + 1)) {
      // A word part: not glued to a preceding lowercase word ("mypassword"), except camelCase.
      bool boundary = at == 0 || !is_alnum(text[at - 1]) || (is_lower(text[at - 1]) && is_upper(text[at]));
      if (boundary && followed_by_value(text, at + word.size())) return word;
    }
  }
  for (auto word : k_cjk_secret_words) {
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
      if (followed_by_value(text, at + word.size())) return word;
    }
  }
  return std::nullopt;
}

Diagnostic finding(const char* rule, std::string file, int line, int column, Text message, Text hint) {
  Diagnostic d;
  d.rule = rule;
  d.severity = Severity::error;
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Text secret_hint() {
  return {"不要把密码、口令、令牌写进数据仓库（git 历史会永久保留）：删除该值，改为线下交接或存放在学校的密码管理系统；已提交过的密码应立即更换",
          "never keep passwords or tokens in the data repository (git history keeps them forever): remove the value, "
          "hand it over offline or keep it in the school's password manager, and change any password that was committed"};
}

Diagnostic secret_key(std::string file, int line, int column, std::string_view key) {
  return finding("X001", std::move(file), line, column,
                 {fmt::format("键 “{}” 的名称表明它保存的是密码或令牌，且有值", key),
                  fmt::format("key \"{}\" is named like a password or token and holds a value", key)},
                 secret_hint());
}

Diagnostic secret_text(std::string file, int line, int column, std::string_view word) {
  return finding("X001", std::move(file), line, column,
                 {fmt::format("文本中写有 “{}” 及其值（值已隐去）", word),
                  fmt::format("the text contains \"{}\" followed by its value (not shown)", word)},
                 secret_hint());
}

// ---- X002 -----------------------------------------------------------------------------------

int this_year() {
  static const int year = Date::today().year;
  return year;
}

// ISO 7064 MOD 11-2 over the first 17 digits; returns the expected 18th character.
char id_check_character(std::string_view first17) {
  static constexpr int k_weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view k_check = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * k_weights[i];
  return k_check[static_cast<std::size_t>(sum % 11)];
}

// 18 characters: 17 digits then a digit or X/x, with a real birth date and check digit.
bool is_resident_id(std::string_view id) {
  if (id.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!is_digit(id[i])) return false;
  }
  char last = id[17] == 'x' ? 'X' : id[17];
  if (!is_digit(last) && last != 'X') return false;
  auto number = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  int year = number(6, 4), month = number(10, 2), day = number(12, 2);
  if (year < 1900 || year > this_year()) return false;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  return id_check_character(id.substr(0, 17)) == last;
}

bool is_mobile(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

struct PersonalData {
  bool resident_id = false;  // else a mobile number
  std::string number;        // as found, never shown
  std::string masked;
};

// Every resident ID and mobile number in a text, each a whole run of digits. A "+86" before a
// mobile number is allowed as written; "86" glued to it makes a 13-digit run that counts too.
std::vector<PersonalData> personal_data_in(std::string_view s) {
  std::vector<PersonalData> found;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    std::string_view run = s.substr(start, i - start);
    if (run.size() == 17 && i < s.size() && (s[i] == 'X' || s[i] == 'x') &&
        (i + 1 >= s.size() || !is_digit(s[i + 1]))) {
      std::string_view id = s.substr(start, 18);
      ++i;
      if (is_resident_id(id)) found.push_back({true, std::string(id), fmt::format("{}********{}", id.substr(0, 6), id.substr(14))});
      continue;
    }
    if (run.size() == 18 && is_resident_id(run)) {
      found.push_back({true, std::string(run), fmt::format("{}********{}", run.substr(0, 6), run.substr(14))});
    } else if (run.size() == 13 && run.substr(0, 2) == "86" && is_mobile(run.substr(2))) {
      found.push_back({false, std::string(run.substr(2)), fmt::format("{}****{}", run.substr(2, 3), run.substr(9))});
    } else if (is_mobile(run)) {
      found.push_back({false, std::string(run), fmt::format("{}****{}", run.substr(0, 3), run.substr(7))});
    }
  }
  return found;
}

// Masked numbers of one kind in one scalar: the first few, then the total.
constexpr std::size_t k_max_masked = 3;

Text masked_list(const std::vector<std::string>& masked) {
  Text list;
  for (std::size_t i = 0; i < masked.size() && i < k_max_masked; ++i) {
    list.zh += (i == 0 ? "" : "、") + masked[i];
    list.en += (i == 0 ? "" : ", ") + masked[i];
  }
  if (masked.size() > k_max_masked) {
    list.zh += fmt::format(" 等共 {} 个", masked.size());
    list.en += fmt::format(" and {} more", masked.size() - k_max_masked);
  }
  return list;
}

// One X002 finding per kind of personal data in a scalar, at the scalar.
Diagnostic personal(int line, int column, bool resident_id, const std::vector<std::string>& masked) {
  Text list = masked_list(masked);
  if (resident_id) {
    return finding("X002", "", line, column,
                   {fmt::format("记录中有身份证号（{}）：数据仓库不得保存个人信息", list.zh),
                    fmt::format("resident ID number ({}) in the record: the data repository must not hold personal data", list.en)},
                   {"删除身份证号：学生和教师只写姓名或学号/工号，身份信息留在学校的业务系统中；已推送的记录需从 git 历史中清除",
                    "remove the ID number: name students and staff by name or student/staff number and keep identity data in the "
                    "school's systems; if it was pushed, purge it from the git history"});
  }
  return finding("X002", "", line, column,
                 {fmt::format("记录中有手机号（{}）：数据仓库不得保存个人信息", list.zh),
                  fmt::format("mobile number ({}) in the record: the data repository must not hold personal data", list.en)},
                 {"删除手机号：联系人只写姓名（如 李老师），电话号码留在学校通讯录中；已推送的记录需从 git 历史中清除",
                  "remove the phone number: give the contact's name only (e.g. 李老师) and keep numbers in the school directory; "
                  "if it was pushed, purge it from the git history"});
}

Diagnostic forbidden_character(int line, int column, char32_t cp) {
  std::string name = code_point_name(cp);
  if (is_bidirectional_control(cp)) {
    return finding("S002", "", line, column,
                   {fmt::format("文本中含有双向控制字符 {}", name),
                    fmt::format("the text holds the bidirectional control character {}", name)},
                   {"删除它：它使文字的显示顺序与实际内容不同，审阅者看到的与 pilot 读到的不一样",
                    "remove it: it makes the text display in another order than it is stored, so a "
                    "reviewer sees "
                    "something else than what pilot reads"});
  }
  return finding("S002", "", line, column,
                 {fmt::format("文本中含有控制字符 {}", name),
                  fmt::format("the text holds the control character {}", name)},
                 {"删除它：值只能是普通文字；换行直接换行书写，不要写成 \\n、\\0、\\e 之类的转义",
                  "remove it: a value is plain text; write a line break as a real line break, "
                  "never as an escape "
                  "such as \\n, \\0 or \\e"});
}

void scan_scalar(const YNode& n, bool key_is_secret, std::vector<Diagnostic>& out) {
  if (auto cp = first_forbidden_character(n.value)) {
    out.push_back(forbidden_character(n.line, n.column, *cp));
  }
  if (!key_is_secret) {
    if (auto word = secret_in_text(n.value)) out.push_back(secret_text("", n.line, n.column, *word));
  }
  std::vector<std::string> ids, mobiles;  // masked, each number once
  std::set<std::string> seen;
  for (auto& p : personal_data_in(n.value)) {
    if (seen.insert(p.number).second) (p.resident_id ? ids : mobiles).push_back(std::move(p.masked));
  }
  if (!ids.empty()) out.push_back(personal(n.line, n.column, true, ids));
  if (!mobiles.empty()) out.push_back(personal(n.line, n.column, false, mobiles));
}

void scan_node(const YNode& n, bool key_is_secret, std::vector<Diagnostic>& out) {
  switch (n.kind) {
    case YNode::Kind::null: break;
    case YNode::Kind::scalar: scan_scalar(n, key_is_secret, out); break;
    case YNode::Kind::sequence:
      for (const auto& item : n.items) scan_node(item, false, out);
      break;
    case YNode::Kind::mapping:
      for (const auto& [key, value] : n.entries) {
        bool secret = false;
        if (key.is_scalar()) {
          auto word = secret_key_word(key.value);
          secret = word.has_value() && value.is_scalar() && !value.value.empty();
          if (secret) out.push_back(secret_key("", key.line, key.column, key.value));
        }
        scan_node(key, false, out);
        scan_node(value, secret, out);
      }
      break;
  }
}

}  // namespace

void scan_document_security(const YNode& root, std::vector<Diagnostic>& out) { scan_node(root, false, out); }

void scan_config_security(const Config& config, std::vector<Diagnostic>& out) {
  for (const auto& [path, value_pos] : config.strings) {
    const auto& [value, pos] = value_pos;
    if (value.empty()) continue;
    auto dot = path.rfind('.');
    std::string_view key = dot == std::string::npos ? std::string_view(path) : std::string_view(path).substr(dot + 1);
    if (secret_key_word(key)) {
      out.push_back(secret_key("pilot.toml", pos.line, pos.column, path));
    } else if (auto word = secret_in_text(value)) {
      out.push_back(secret_text("pilot.toml", pos.line, pos.column, *word));
    }
  }
}

}  // namespace pilot
