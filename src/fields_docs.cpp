// docs/data-format.md's field tables, generated from the field tables so that they cannot
// drift (a test compares the committed file with `pilot __data-format docs/data-format.md`).
#include <fmt/format.h>

#include <regex>
#include <stdexcept>

#include "pilot/fields.hpp"

namespace pilot {

namespace {

// "zh en" for a type, "zh / en" for a meaning; once when both are the same.
std::string both(Words w, std::string_view separator) {
  if (w.zh == w.en || w.en.empty()) return std::string(w.zh);
  if (w.zh.empty()) return std::string(w.en);
  return fmt::format("{}{}{}", w.zh, separator, w.en);
}

// Rule IDs become links to their pages: R306 -> [R306](rules/R306.md).
std::string link_rules(const std::string& text) {
  static const std::regex rule(R"(\b([SRXW][0-9]{3})\b)");
  return std::regex_replace(text, rule, "[$1](rules/$1.md)");
}

std::string_view without_stop(std::string_view s) {
  for (std::string_view stop : {"。", "."}) {
    if (s.size() >= stop.size() && s.substr(s.size() - stop.size()) == stop) {
      return s.substr(0, s.size() - stop.size());
    }
  }
  return s;
}

std::string type_cell(const FieldSpec& f) {
  switch (f.type) {
    case FieldType::text:
      return "文字 text";
    case FieldType::id:
      return "编号 ID";
    case FieldType::major_code:
      return "专业代码 major code";
    case FieldType::year:
      return "年份 year";
    case FieldType::count:
    case FieldType::quota:
      return "人数 count";
    case FieldType::date:
      return "日期 date";
    case FieldType::boolean:
      return "`true` / `false`";
    case FieldType::money:
      return "金额 amount";
    case FieldType::enumeration:
      return both(f.values->type, " ");
    case FieldType::levels:
      return "等级列表 list of levels";
    case FieldType::block:
      break;
  }
  if (f.shape == BlockShape::entries) return "列表 list";
  if (f.shape == BlockShape::pairs) return "专业代码 → 人数 major code → count";
  std::string keys;
  for (const FieldSpec& p : f.parts) keys += (keys.empty() ? "" : ", ") + std::string(p.key);
  return "`{ " + keys + " }`";
}

std::string need_cell(const FieldSpec& f) {
  switch (f.need) {
    case Need::required:
      return "必填 required";
    case Need::optional:
      return "可选 optional";
    case Need::when:
      return both(f.need_note, " ");
    case Need::policy:
      break;
  }
  std::string rule = link_rules(std::string(f.rule));
  return f.need_note.empty() ? "政策 " + rule : fmt::format("{} {}", f.need_note.zh, rule);
}

std::string meaning_cell(const FieldSpec& f) {
  std::string values;
  if (f.values != nullptr) {
    std::string names, aliases;
    for (const EnumValue& v : f.values->values) {
      names += fmt::format("{}`{}`", names.empty() ? "" : " ", v.name);
      aliases += fmt::format("{}`{}`", aliases.empty() ? "" : " ", v.alias);
    }
    values = names + "（" + aliases + "）";
  }
  Words meaning = !f.doc.empty() ? f.doc : !f.description.empty() ? f.description : f.title;
  std::string text = both({without_stop(meaning.zh), without_stop(meaning.en)}, " / ");
  std::string cell = values.empty() ? text : text.empty() ? values : values + "；" + text;
  return link_rules(cell);
}

void row(std::string& out, const std::string& key, const FieldSpec& f) {
  out += fmt::format("| `{}` | {} | {} | {} |\n", key, type_cell(f), need_cell(f), meaning_cell(f));
}

}  // namespace

std::string field_table_markdown(Kind kind) {
  std::string out = "| 键 key | 类型 type | 必填 | 说明 / meaning |\n|---|---|---|---|\n";
  for (const FieldSpec& f : kind_spec(kind).fields) {
    row(out, std::string(f.key), f);
    if (!f.is_block() || f.shape == BlockShape::pairs) continue;
    for (const FieldSpec& p : f.parts) {
      std::string path =
          fmt::format("{}{}.{}", f.key, f.shape == BlockShape::entries ? "[]" : "", p.key);
      row(out, path, p);
    }
  }
  return out;
}

std::string splice_field_tables(std::string_view document) {
  std::string out(document);
  for (Kind kind : k_all_kinds) {
    std::string begin = fmt::format("<!-- BEGIN fields {}:", kind_name(kind));
    std::string end = fmt::format("<!-- END fields {} -->", kind_name(kind));
    auto b = out.find(begin);
    auto e = out.find(end);
    if (b == std::string::npos || e == std::string::npos || e < b) {
      throw std::invalid_argument(fmt::format("no \"{}...-->\" ... \"{}\" region", begin, end));
    }
    auto body = out.find("-->\n", b);
    if (body == std::string::npos || body > e) {
      throw std::invalid_argument(
          fmt::format("\"{}\" is not closed by \"-->\" on its line", begin));
    }
    body += 4;
    out.replace(body, e - body, field_table_markdown(kind));
  }
  return out;
}

}  // namespace pilot
