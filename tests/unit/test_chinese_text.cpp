// The Chinese half of the bilingual texts reachable from code — the rule registry's summaries
// and every text of the field tables (titles, descriptions, notes, docs, list headers, the
// Chinese half of "中文 / English" flag help) — uses full-width punctuation: no CJK character
// stands next to a half-width , : ; ( ) ! ?. The one exception is the clause notation of
// policy-zh.md (三(五)2), which the guidance itself writes with half-width parentheses.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/fields.hpp"
#include "pilot/rules.hpp"

using namespace pilot;

namespace {

// Decodes UTF-8 into code points; invalid bytes become U+FFFD (none are expected here).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += len;
  }
  return out;
}

bool is_cjk(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || c == U'\u201C' || c == U'\u201D';
}

// The allow-list: policy-zh.md's clause notation, 三(五)2 and 三(三), is not prose.
std::string without_clauses(std::string_view text) {
  static const std::regex clause(
      "(一|二|三|四|五|六|七|八|九|十)+\\((一|二|三|四|五|六|七|八|九|十)+\\)[0-9]*");
  return std::regex_replace(std::string(text), clause, "§");
}

// The half-width punctuation marks next to a CJK character in `zh`, or "" when there is none.
std::string half_width_next_to_cjk(std::string_view zh) {
  std::u32string cps = code_points(without_clauses(zh));
  constexpr std::u32string_view marks = U",:;()!?";
  std::string found;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (marks.find(cps[i]) == std::u32string_view::npos) continue;
    bool before = i > 0 && is_cjk(cps[i - 1]);
    bool after = i + 1 < cps.size() && is_cjk(cps[i + 1]);
    if (before || after) found += static_cast<char>(cps[i]);
  }
  return found;
}

// The Chinese half of a "中文 / English" help string (all of it when it has no " / ").
std::string_view chinese_half(std::string_view help) {
  std::size_t slash = help.find("/ ");
  return slash == std::string_view::npos ? help : help.substr(0, slash);
}

struct Named {
  std::string where;
  std::string zh;
};

void add_field_texts(std::string_view kind, std::span<const FieldSpec> fields,
                     std::vector<Named>& out) {
  for (const FieldSpec& f : fields) {
    std::string where = std::string(kind) + "." + std::string(f.key);
    for (auto [name, words] :
         {std::pair{"title", f.title}, {"description", f.description}, {"need_note", f.need_note},
          {"doc", f.doc}, {"list.header", f.list.header}, {"item", f.item}}) {
      if (!words.zh.empty()) out.push_back({where + " " + name, std::string(words.zh)});
    }
    if (!f.flag.help.empty()) {
      out.push_back({where + " flag.help", std::string(chinese_half(f.flag.help))});
    }
    if (f.values != nullptr) {
      out.push_back({where + " values.type", std::string(f.values->type.zh)});
      for (const EnumValue& v : f.values->values) {
        out.push_back({where + " values." + std::string(v.name), std::string(v.alias)});
      }
    }
    add_field_texts(where, f.parts, out);
  }
}

std::vector<Named> chinese_texts() {
  std::vector<Named> out;
  for (const RuleInfo& r : rule_registry()) {
    out.push_back({"rule " + std::string(r.id) + " summary", r.summary.zh});
  }
  for (Kind kind : k_all_kinds) {
    const KindSpec& spec = kind_spec(kind);
    std::string name(spec.title.en);
    out.push_back({name + " title", std::string(spec.title.zh)});
    out.push_back({name + " layout", std::string(spec.layout.zh)});
    add_field_texts(name, spec.fields, out);
  }
  add_field_texts("common", common_fields(), out);
  return out;
}

}  // namespace

TEST_CASE("chinese text: the check finds half-width marks and spares the clause notation") {
  CHECK(half_width_next_to_cjk("无法读取 {};未写入任何内容") == ";");
  CHECK(half_width_next_to_cjk("试点人数(指标)") == "()");
  CHECK(half_width_next_to_cjk("日期写作 YYYY-MM-DD,且必须真实存在") == ",");
  CHECK(half_width_next_to_cjk("按应报日期填报双周报（三(六)2）；三(三)") == "");
  CHECK(half_width_next_to_cjk("report_days = [10, 20]") == "");
  CHECK(chinese_half("金额（元）/ amount (yuan)") == "金额（元）");
}

TEST_CASE("chinese text: registry and field tables use full-width punctuation") {
  std::vector<Named> texts = chinese_texts();
  REQUIRE(texts.size() > 100);  // every rule and every field was reached
  for (const Named& t : texts) {
    INFO(t.where, ": ", t.zh);
    CHECK(half_width_next_to_cjk(t.zh) == "");
  }
}

TEST_CASE("chinese text: attended is 参考 in every Chinese text of the tables") {
  for (const Named& t : chinese_texts()) {
    INFO(t.where, ": ", t.zh);
    for (std::string_view other : {"实考", "出席", "到考", "参加考试"}) {
      CHECK(t.zh.find(other) == std::string::npos);
    }
  }
}
