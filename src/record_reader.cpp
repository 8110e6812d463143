#include "record_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pilot/text.hpp"

namespace pilot {

RecordReader::RecordReader(const YNode& map, std::string path, std::vector<Diagnostic>& out)
    : map_(map), path_(std::move(path)), out_(out) {
  known_.reserve(16);
}

RecordReader::~RecordReader() {
  for (const auto& [k, v] : map_.entries) {
    std::string_view key = k.is_scalar() ? std::string_view(k.value) : std::string_view("?");
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string guess = closest_match(key, known_);
    std::string list;
    for (auto name : known_) list += (list.empty() ? "" : ", ") + std::string(name);
    problem(k, {fmt::format("未知的键 “{}”", where(key)), fmt::format("unknown key \"{}\"", where(key))},
            guess.empty() ? Text{"可用的键：" + list, "known keys here: " + list}
                          : Text{fmt::format("是不是想写 “{}”？", guess), fmt::format("did you mean \"{}\"?", guess)});
  }
}

std::string RecordReader::where(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void RecordReader::problem(const YNode& at, Text message, Text hint) {
  Diagnostic d;
  d.rule = "S002";
  d.line = at.line;
  d.column = at.column;
  d.message = std::move(message);
  d.hint = at.tag.empty() ? std::move(hint) : tag_hint(at);
  out_.push_back(std::move(d));
}

const YNode* RecordReader::node(std::string_view key) {
  known_.push_back(key);
  const YNode* v = map_.find(key);
  return v;
}

Pos RecordReader::key_pos(std::string_view key) const {
  const YNode* k = map_.find_key(key);
  return k != nullptr ? Pos{k->line, k->column} : pos();
}

const YNode* RecordReader::scalar(std::string_view key, Need need, Pos& pos, bool& present) {
  const YNode* v = node(key);
  if (v == nullptr || v->is_null()) {
    const YNode* k = map_.find_key(key);
    if (need == Need::required) {
      const YNode& at = k != nullptr ? *k : map_;
      problem(at, {fmt::format("缺少必填的键 “{}”", where(key)), fmt::format("missing required key \"{}\"", where(key))},
              {fmt::format("加上一行 “{}: …”", key), fmt::format("add a line \"{}: ...\"", key)});
    }
    pos = k != nullptr ? Pos{k->line, k->column} : Pos{map_.line, map_.column};
    present = false;
    return nullptr;
  }
  present = true;
  pos = {v->line, v->column};
  if (!v->is_scalar()) {
    problem(*v, {fmt::format("“{}” 应为单个值，而不是{}", where(key), v->is_map() ? "映射" : "列表"),
                 fmt::format("\"{}\" must be a single value, not a {}", where(key), v->is_map() ? "mapping" : "list")},
            {"写成 “键: 值” 的形式", "write it as \"key: value\""});
    return nullptr;
  }
  return v;
}

Located<std::string> RecordReader::text(std::string_view key, Need need) {
  Located<std::string> f;
  if (const YNode* v = scalar(key, need, f.pos, f.present)) {
    f.value = v->value;
    f.valid = true;
  }
  return f;
}

Located<std::string> RecordReader::id(std::string_view key, Need need) {
  Located<std::string> f = text(key, need);
  if (f.valid && !is_valid_id(f.value)) {
    f.valid = false;
    const YNode* v = map_.find(key);
    problem(*v, {fmt::format("“{}” 的值 “{}” 不是合法的编号", where(key), f.value),
                 fmt::format("\"{}\" is not a valid ID: \"{}\"", where(key), f.value)},
            {"编号只能由小写字母、数字和连字符组成，以字母或数字开头，例如 web-frontend-2026",
             "IDs use lowercase letters, digits and '-', starting with a letter or digit, e.g. web-frontend-2026"});
  }
  return f;
}

Located<std::string> RecordReader::major_code(std::string_view key, Need need) {
  Located<std::string> f = text(key, need);
  if (f.valid && !is_valid_major_code(f.value)) {
    f.valid = false;
    const YNode* v = map_.find(key);
    problem(*v, {fmt::format("“{}” 的值 “{}” 不是 6 位专业代码", where(key), f.value),
                 fmt::format("\"{}\" is not a 6-digit major code: \"{}\"", where(key), f.value)},
            {"专业代码是 6 位数字，写成带引号的字符串，例如 \"510201\"",
             "a major code is 6 digits, written as a quoted string, e.g. \"510201\""});
  }
  return f;
}

namespace {

// Strict whole number: optional '-', digits; no quotes, no octal, no fractions.
std::optional<long long> parse_whole(const YNode& v, bool& fractional) {
  fractional = false;
  if (v.quoted) return std::nullopt;
  std::string_view s = v.value;
  bool negative = !s.empty() && s[0] == '-';
  if (negative || (!s.empty() && s[0] == '+')) s.remove_prefix(1);
  if (s.empty() || s.size() > 12) {
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return negative ? -1'000'000'000'000LL : 1'000'000'000'000LL;  // clearly out of range
    }
    return std::nullopt;
  }
  long long n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' || c == 'e' || c == 'E') {
      fractional = true;
      return std::nullopt;
    }
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return negative ? -n : n;
}

}  // namespace

Located<int> RecordReader::year(std::string_view key, Need need) {
  Located<int> f;
  const YNode* v = scalar(key, need, f.pos, f.present);
  if (v == nullptr) return f;
  bool fractional = false;
  auto n = parse_whole(*v, fractional);
  if (!n || *n < 2000 || *n > 2100) {
    problem(*v, {fmt::format("“{}” 应为年份（2000–2100），而不是 “{}”", where(key), v->value),
                 fmt::format("\"{}\" must be a year (2000–2100), not \"{}\"", where(key), v->value)},
            {"写成不带引号的四位数字，例如 2026", "write a four-digit number without quotes, e.g. 2026"});
    return f;
  }
  f.value = static_cast<int>(*n);
  f.valid = true;
  return f;
}

Located<long long> RecordReader::count(std::string_view key, Need need, bool allow_non_positive) {
  Located<long long> f;
  const YNode* v = scalar(key, need, f.pos, f.present);
  if (v == nullptr) return f;
  bool fractional = false;
  auto n = parse_whole(*v, fractional);
  if (!n) {
    problem(*v, {fmt::format("“{}” 应为整数，而不是 “{}”", where(key), v->value),
                 fmt::format("\"{}\" must be a whole number, not \"{}\"", where(key), v->value)},
            v->quoted ? Text{"数字不要加引号", "write the number without quotes"}
                      : Text{"人数只能是 0 到 1000000 的整数", "counts are whole numbers from 0 to 1000000"});
    return f;
  }
  if (*n > 1'000'000 || (*n < 0 && !allow_non_positive) || *n < -1'000'000) {
    problem(*v, {fmt::format("“{}” 的值 {} 超出范围 0–1000000", where(key), v->value),
                 fmt::format("\"{}\" is {}, outside 0–1000000", where(key), v->value)},
            {"人数只能是 0 到 1000000 的整数", "counts are whole numbers from 0 to 1000000"});
    return f;
  }
  f.value = *n;
  f.valid = true;
  return f;
}

Located<Date> RecordReader::date(std::string_view key, Need need) {
  Located<Date> f;
  const YNode* v = scalar(key, need, f.pos, f.present);
  if (v == nullptr) return f;
  if (auto d = Date::parse(v->value)) {
    f.value = *d;
    f.valid = true;
  } else {
    problem(*v, {fmt::format("“{}” 不是有效日期：“{}”", where(key), v->value),
                 fmt::format("\"{}\" is not a valid date: \"{}\"", where(key), v->value)},
            {"日期写作 YYYY-MM-DD，且必须真实存在（没有 2 月 30 日）",
             "write dates as YYYY-MM-DD, and the day must exist (no 30 February)"});
  }
  return f;
}

Located<bool> RecordReader::boolean(std::string_view key, Need need) {
  Located<bool> f;
  const YNode* v = scalar(key, need, f.pos, f.present);
  if (v == nullptr) return f;
  const std::string& s = v->value;
  if (!v->quoted && (s == "true" || s == "True" || s == "TRUE")) {
    f.value = true;
    f.valid = true;
  } else if (!v->quoted && (s == "false" || s == "False" || s == "FALSE")) {
    f.value = false;
    f.valid = true;
  } else {
    problem(*v, {fmt::format("“{}” 应为 true 或 false，而不是 “{}”", where(key), s),
                 fmt::format("\"{}\" must be true or false, not \"{}\"", where(key), s)},
            {"写 true 或 false（不带引号）", "write true or false, without quotes"});
  }
  return f;
}

Located<long long> RecordReader::money_fen(std::string_view key, Need need) {
  Located<long long> f;
  const YNode* v = scalar(key, need, f.pos, f.present);
  if (v == nullptr) return f;
  std::string_view s = v->value;
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  auto digits = [](std::string_view d) {
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  bool ok = !v->quoted && !whole.empty() && whole.size() <= 12 && digits(whole) && digits(frac) &&
            frac.size() <= 2 && (dot == std::string_view::npos || !frac.empty());
  if (!ok) {
    problem(*v, {fmt::format("“{}” 应为不小于 0 的金额（元，最多两位小数），而不是 “{}”", where(key), v->value),
                 fmt::format("\"{}\" must be an amount in yuan ≥ 0 with at most 2 decimals, not \"{}\"", where(key), v->value)},
            {"例如 amount: 1250.50", "e.g. amount: 1250.50"});
    return f;
  }
  long long fen = std::stoll(std::string(whole)) * 100;
  if (!frac.empty()) fen += (frac[0] - '0') * 10 + (frac.size() > 1 ? frac[1] - '0' : 0);
  f.value = fen;
  f.valid = true;
  return f;
}

Located<std::vector<Level>> RecordReader::levels(std::string_view key, Need need) {
  Located<std::vector<Level>> f;
  const YNode* v = node(key);
  const YNode* k = map_.find_key(key);
  if (v == nullptr || v->is_null()) {
    if (need == Need::required) {
      problem(k != nullptr ? *k : map_, {fmt::format("缺少必填的键 “{}”", where(key)), fmt::format("missing required key \"{}\"", where(key))},
              {"例如 levels: [初级， 中级， 高级]", "e.g. levels: [初级， 中级， 高级]"});
    }
    f.pos = k != nullptr ? Pos{k->line, k->column} : pos();
    return f;
  }
  f.present = true;
  f.pos = {v->line, v->column};
  if (!v->is_seq()) {
    problem(*v, {fmt::format("“{}” 应为列表", where(key)), fmt::format("\"{}\" must be a list", where(key))},
            {"例如 levels: [初级， 中级， 高级]", "e.g. levels: [初级， 中级， 高级]"});
    return f;
  }
  bool ok = true;
  for (const auto& item : v->items) {
    auto l = item.is_scalar() ? parse_level(item.value) : std::nullopt;
    if (l) {
      f.value.push_back(*l);
    } else {
      ok = false;
      problem(item, {fmt::format("“{}” 中有无效的等级 “{}”", where(key), item.value),
                     fmt::format("\"{}\" has an invalid level \"{}\"", where(key), item.value)},
              {"可用：初级、中级、高级（junior, intermediate, senior）", "use 初级， 中级， 高级 (junior, intermediate, senior)"});
    }
  }
  f.valid = ok;
  return f;
}

void RecordReader::common(RecordBase& base) {
  base.pos = pos();
  base.notes = text("notes", Need::optional);
  const YNode* w = node("waivers");
  if (w == nullptr || w->is_null()) return;
  if (!w->is_map()) {
    problem(*w, {"“waivers” 应为映射：“规则编号: 理由”", "\"waivers\" must be a mapping of rule ID to reason"},
            {"例如 waivers: { R301: \"省1+X办公室同意\" }", "e.g. waivers: { R301: \"approved by the provincial office\" }"});
    return;
  }
  // Each entry as written; analyze() judges rule IDs and reasons (S002 there, beside W001).
  for (const auto& [k, v] : w->entries) {
    if (!k.is_scalar()) {
      // A list or mapping as key can name no rule: reported as analyze() reports unknown IDs.
      problem(k, {fmt::format("豁免中的规则编号 “{}” 不存在", k.value), fmt::format("waiver names an unknown rule ID \"{}\"", k.value)},
              {"运行 pilot rules 查看全部规则", "run `pilot rules` for the list"});
      continue;
    }
    Waiver reason;
    reason.pos = {k.line, k.column};
    reason.present = !v.is_null();
    reason.valid = v.is_scalar();
    if (reason.valid) reason.value = v.value;
    reason.reason_pos = v.is_null() ? reason.pos : Pos{v.line, v.column};
    base.waivers[k.value] = std::move(reason);
  }
}

}  // namespace pilot
