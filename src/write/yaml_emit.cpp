// A record's canonical YAML text: the keys in the order of the kind's field table
// (include/pilot/fields.hpp, SPEC §2.2), only present fields, LF. Scalars are spelled from the
// table; nested blocks by hand below.
#include <fmt/format.h>

#include "pilot/fields.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Code points YAML 1.1 treats as line breaks, and the BOM: never plain.
constexpr std::string_view k_unicode_breaks[] = {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF"};
constexpr std::string_view k_unicode_escapes[] = {"\\u0085", "\\u2028", "\\u2029", "\\uFEFF"};

bool needs_quotes(std::string_view s, YamlContext context) {
  if (s.empty()) return true;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  for (auto b : k_unicode_breaks) {
    if (s.find(b) != std::string_view::npos) return true;
  }
  if (s.front() == ' ' || s.back() == ' ') return true;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) return true;
  if (s.find(':') != std::string_view::npos || s.find('#') != std::string_view::npos) return true;
  if (context == YamlContext::flow && s.find_first_of(",[]{}") != std::string_view::npos) return true;
  if (is_ascii(s)) {
    // What a YAML 1.1 or 1.2 reader would take for null, a bool, a number or a date.
    static const std::string_view keywords[] = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
    std::string lower = lower_ascii(s);
    for (auto k : keywords) {
      if (lower == k) return true;
    }
    char c = s.front();
    if ((c >= '0' && c <= '9') || c == '+' || c == '.') return true;
  }
  return false;
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool escaped = false;
    for (std::size_t k = 0; k < std::size(k_unicode_breaks); ++k) {
      if (s.substr(i, k_unicode_breaks[k].size()) == k_unicode_breaks[k]) {
        out += k_unicode_escapes[k];
        i += k_unicode_breaks[k].size() - 1;
        escaped = true;
        break;
      }
    }
    if (escaped) continue;
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02X}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

// "{ a: 1, b: x }" from the present pairs.
class FlowMap {
 public:
  void add(std::string_view key, bool present, std::string value) {
    if (present) items_ += fmt::format("{}{}: {}", items_.empty() ? "" : ", ", key, value);
  }
  void text(std::string_view key, const Located<std::string>& f) {
    add(key, f.present, yaml_string(f.value, YamlContext::flow));
  }
  void code(std::string_view key, const Located<std::string>& f) { add(key, f.present, double_quoted(f.value)); }
  void number(std::string_view key, const Located<long long>& f) { add(key, f.present, std::to_string(f.value)); }
  std::string str() const { return items_.empty() ? "{}" : "{ " + items_ + " }"; }

 private:
  std::string items_;
};

std::string amount_text(long long fen) { return fmt::format("{}.{:02}", fen / 100, fen % 100); }

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// A scalar field's text after "key: ", or nullopt when the record lacks it.
std::optional<std::string> scalar_yaml(const FieldSpec& f, const RecordBase& record) {
  using Out = std::optional<std::string>;
  auto name = [&](std::size_t i) { return std::string(f.values->values[i].name); };
  // The tables bind members of a record; reading them needs no write access.
  FieldRef ref = field_ref(f, const_cast<RecordBase&>(record));
  return std::visit(
      Overloaded{
          [](std::monostate) -> Out { return std::nullopt; },
          [&](Located<std::string>* p) -> Out {
            if (!p->present) return std::nullopt;
            return f.type == FieldType::major_code ? double_quoted(p->value) : yaml_string(p->value);
          },
          [&](Located<int>* p) -> Out { return p->present ? Out(std::to_string(p->value)) : Out(); },
          [&](Located<long long>* p) -> Out {
            if (!p->present) return std::nullopt;
            return f.type == FieldType::money ? amount_text(p->value) : std::to_string(p->value);
          },
          [&](Located<bool>* p) -> Out {
            if (f.type == FieldType::boolean) return p->present ? Out(p->value ? "true" : "false") : Out();
            // An enumeration kept as "is it the first value": only that value can be written.
            return p->present && p->value ? Out(name(0)) : Out();
          },
          [&](Located<Date>* p) -> Out { return p->present ? Out(p->value.str()) : Out(); },
          [&](Located<std::vector<Level>>* p) -> Out {
            if (!p->present) return std::nullopt;
            std::string items;
            for (Level l : p->value) items += (items.empty() ? "" : ", ") + std::string(level_name(l));
            return "[" + items + "]";
          },
          [&](auto p) -> Out {
            if constexpr (std::is_pointer_v<decltype(p)>) {
              return p->present ? Out(name(static_cast<std::size_t>(p->value))) : Out();
            } else {
              // The enum's first spelling when the text names one, else the text as written.
              if (p.value->valid) return name(static_cast<std::size_t>(p.value->value));
              return p.text->present ? Out(yaml_string(p.text->value)) : Out();
            }
          },
      },
      ref);
}

// ---------------------------------------------------------------- nested blocks, by hand

// One entry of `majors` / `results` as a flow mapping.
std::string entry_text(std::initializer_list<std::pair<std::string_view, const Located<std::string>*>> codes,
                       std::initializer_list<std::pair<std::string_view, const Located<long long>*>> numbers,
                       const Located<std::string>* contact) {
  FlowMap f;
  for (const auto& [key, field] : codes) f.code(key, *field);
  for (const auto& [key, field] : numbers) f.number(key, *field);
  if (contact != nullptr) f.text("contact", *contact);
  return f.str();
}

std::optional<BlockValue> majors_block(const Pilot& p, YamlContext) {
  if (!p.majors.present) return std::nullopt;
  BlockValue v{BlockStyle::list, {}};
  for (const auto& m : p.majors.value) {
    v.items.push_back({m.major.value, "", entry_text({{"major", &m.major}}, {{"quota", &m.quota}}, &m.contact)});
  }
  return v;
}

std::optional<BlockValue> results_block(const Exam& x, YamlContext) {
  if (!x.results.present) return std::nullopt;
  BlockValue v{BlockStyle::list, {}};
  for (const auto& r : x.results.value) {
    v.items.push_back({r.major.value, "",
                       entry_text({{"major", &r.major}},
                                  {{"registered", &r.registered}, {"attended", &r.attended}, {"passed", &r.passed}},
                                  nullptr)});
  }
  return v;
}

void text_item(BlockValue& v, std::string_view key, const Located<std::string>& f, YamlContext context) {
  if (f.present) v.items.push_back({std::string(key), std::string(key), yaml_string(f.value, context)});
}

void number_item(BlockValue& v, std::string_view key, const Located<long long>& f) {
  if (f.present) v.items.push_back({std::string(key), std::string(key), std::to_string(f.value)});
}

std::optional<BlockValue> accounts_block(const Pilot& p, YamlContext context) {
  if (!p.accounts_present && !p.admin_account.present && !p.exam_account.present) return std::nullopt;
  BlockValue v{BlockStyle::flow, {}};
  text_item(v, "admin", p.admin_account, context);
  text_item(v, "exam", p.exam_account, context);
  return v;
}

std::optional<BlockValue> breakdown_block(const QuotaChange& q, YamlContext) {
  if (!q.breakdown.present) return std::nullopt;
  BlockValue v{BlockStyle::block, {}};
  for (const auto& [major, quota] : q.breakdown.value) {
    v.items.push_back({major.value, double_quoted(major.value), std::to_string(quota.value)});
  }
  return v;
}

std::optional<BlockValue> progress_block(const Report& r, YamlContext) {
  if (!r.progress.present) return std::nullopt;
  BlockValue v{BlockStyle::flow, {}};
  number_item(v, "trained", r.progress.value.trained);
  number_item(v, "registered", r.progress.value.registered);
  number_item(v, "attended", r.progress.value.attended);
  number_item(v, "passed", r.progress.value.passed);
  return v;
}

std::optional<BlockValue> sections_block(const Report& r, YamlContext context) {
  if (!r.sections.present) return std::nullopt;
  BlockValue v{BlockStyle::block, {}};
  for (const char* key : k_report_sections) {
    auto it = r.sections.value.find(key);
    if (it != r.sections.value.end()) text_item(v, key, it->second, context);
  }
  return v;
}

std::optional<BlockValue> waivers_block(const RecordBase& base, YamlContext context) {
  if (base.waivers.empty()) return std::nullopt;
  BlockValue v{BlockStyle::flow, {}};
  for (const auto& [rule, reason] : base.waivers) {
    v.items.push_back({rule, yaml_string(rule, context), yaml_string(reason.value, context)});
  }
  return v;
}

// The hand-written reader of each block the tables declare, into items.
struct BlockWriter {
  Kind kind;
  std::string_view key;
  std::optional<BlockValue> (*items)(const RecordBase&, YamlContext);
};

template <class T, std::optional<BlockValue> (*Items)(const T&, YamlContext)>
std::optional<BlockValue> block_as(const RecordBase& record, YamlContext context) {
  return Items(static_cast<const T&>(record), context);
}

constexpr BlockWriter k_block_writers[] = {
    {Kind::pilot, "majors", block_as<Pilot, majors_block>},
    {Kind::pilot, "accounts", block_as<Pilot, accounts_block>},
    {Kind::quota_change, "breakdown", block_as<QuotaChange, breakdown_block>},
    {Kind::exam, "results", block_as<Exam, results_block>},
    {Kind::report, "progress", block_as<Report, progress_block>},
    {Kind::report, "sections", block_as<Report, sections_block>},
};

std::optional<BlockValue> block_of(Kind kind, const FieldSpec& f, const RecordBase& record, YamlContext context) {
  if (&f == &common_fields()[1]) return waivers_block(record, context);
  for (const BlockWriter& b : k_block_writers) {
    if (b.kind == kind && b.key == f.key) return b.items(record, context);
  }
  return std::nullopt;
}

std::optional<std::string> value_yaml(Kind kind, const FieldSpec& f, const RecordBase& record) {
  if (!f.is_block()) return scalar_yaml(f, record);
  // A block's items are quoted for the style pilot writes it in.
  auto style = block_of(kind, f, record, YamlContext::flow);
  if (!style) return std::nullopt;
  YamlContext context = style->style == BlockStyle::block ? YamlContext::block : YamlContext::flow;
  return block_yaml(*block_of(kind, f, record, context), style->style, "  ");
}

// "key: value" lines; a block value starts with '\n' and follows the colon directly.
void emit(std::string& out, std::string_view key, const std::optional<std::string>& value) {
  if (!value) return;
  out += fmt::format("{}:{}{}\n", key, !value->empty() && value->front() == '\n' ? "" : " ", *value);
}

}  // namespace

std::string yaml_string(std::string_view s, YamlContext context) {
  return needs_quotes(s, context) ? double_quoted(s) : std::string(s);
}

std::string block_yaml(const BlockValue& value, BlockStyle style, std::string_view indent) {
  std::string out;
  switch (style) {
    case BlockStyle::list:
      if (value.items.empty()) return "[]";
      for (const BlockItem& i : value.items) out += fmt::format("\n{}- {}", indent, i.text);
      return out;
    case BlockStyle::flow:
      for (const BlockItem& i : value.items) out += fmt::format("{}{}: {}", out.empty() ? "" : ", ", i.key_yaml, i.text);
      return out.empty() ? "{}" : "{ " + out + " }";
    case BlockStyle::block:
      if (value.items.empty()) return "{}";
      for (const BlockItem& i : value.items) out += fmt::format("\n{}{}: {}", indent, i.key_yaml, i.text);
      return out;
  }
  return out;
}

std::optional<BlockValue> field_block(const AnyRecord& record, const FieldSpec& field, YamlContext context) {
  return block_of(kind_of(record), field, record_base(record), context);
}

std::optional<std::string> field_yaml(const AnyRecord& record, const FieldSpec& field) {
  return value_yaml(kind_of(record), field, record_base(record));
}

std::string render_record(const AnyRecord& record) {
  Kind kind = kind_of(record);
  const RecordBase& base = record_base(record);
  std::string out;
  for (const FieldSpec& f : kind_spec(kind).fields) emit(out, f.key, value_yaml(kind, f, base));
  for (const FieldSpec& f : common_fields()) emit(out, f.key, value_yaml(kind, f, base));
  return out;
}

Kind kind_of(const AnyRecord& record) {
  static constexpr Kind kinds[] = {Kind::college, Kind::major, Kind::certificate, Kind::pilot, Kind::quota_change,
                                   Kind::exam,    Kind::report, Kind::site,       Kind::fund};
  return kinds[record.index()];
}

}  // namespace pilot
