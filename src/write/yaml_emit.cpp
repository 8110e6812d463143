// A record's canonical YAML text (SPEC §2.2 key order, only present fields, LF).
#include <fmt/format.h>

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

// Builds the text line by line.
class Emitter {
 public:
  std::string take() { return std::move(out_); }

  // A block value starts with '\n' and follows the colon directly.
  void raw(std::string_view key, std::string_view value) {
    out_ += fmt::format("{}:{}{}\n", key, !value.empty() && value.front() == '\n' ? "" : " ", value);
  }
  void text(std::string_view key, const Located<std::string>& f) {
    if (f.present) raw(key, yaml_string(f.value));
  }
  void code(std::string_view key, const Located<std::string>& f) {
    if (f.present) raw(key, double_quoted(f.value));
  }
  template <class N>
  void number(std::string_view key, const Located<N>& f) {
    if (f.present) raw(key, std::to_string(f.value));
  }
  void date(std::string_view key, const Located<Date>& f) {
    if (f.present) raw(key, f.value.str());
  }
  void boolean(std::string_view key, const Located<bool>& f) {
    if (f.present) raw(key, f.value ? "true" : "false");
  }
  template <class E>
  void enumeration(std::string_view key, const Located<E>& f, const char* (*name)(E)) {
    if (f.present) raw(key, name(f.value));
  }
  void common(const RecordBase& base) {
    text("notes", base.notes);
    if (base.waivers.empty()) return;
    std::string items;
    for (const auto& [rule, reason] : base.waivers) {
      items += fmt::format("{}{}: {}", items.empty() ? "" : ", ", rule, yaml_string(reason.value, YamlContext::flow));
    }
    raw("waivers", "{ " + items + " }");
  }

 private:
  std::string out_;
};

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

void emit(Emitter& e, const College& c) {
  e.text("id", c.id);
  e.text("name", c.name);
  e.text("leader", c.leader);
}

void emit(Emitter& e, const Major& m) {
  e.code("id", m.id);
  e.text("name", m.name);
  e.text("college", m.college);
}

void emit(Emitter& e, const Certificate& c) {
  e.text("id", c.id);
  e.text("name", c.name);
  e.text("organization", c.organization);
  if (c.levels.present) {
    std::string items;
    for (Level l : c.levels.value) items += (items.empty() ? "" : ", ") + std::string(level_name(l));
    e.raw("levels", "[" + items + "]");
  }
  e.number("listed_from", c.listed_from);
  e.number("listed_to", c.listed_to);
}

void emit(Emitter& e, const Pilot& p) {
  e.text("id", p.id);
  e.number("year", p.year);
  e.text("certificate", p.certificate);
  e.enumeration("level", p.level, level_name);
  e.enumeration("status", p.status, pilot_status_name);
  e.date("submitted", p.submitted);
  e.date("approved", p.approved);
  e.date("rejected", p.rejected);
  e.code("lead_major", p.lead_major);
  if (p.majors.present) {
    if (p.majors.value.empty()) {
      e.raw("majors", "[]");
    } else {
      std::string block = "\n";
      for (const auto& m : p.majors.value) {
        FlowMap f;
        f.code("major", m.major);
        f.number("quota", m.quota);
        f.text("contact", m.contact);
        block += "  - " + f.str() + "\n";
      }
      block.pop_back();
      e.raw("majors", block);
    }
  }
  if (p.accounts_present || p.admin_account.present || p.exam_account.present) {
    FlowMap f;
    f.text("admin", p.admin_account);
    f.text("exam", p.exam_account);
    e.raw("accounts", f.str());
  }
  e.text("plan", p.plan);
}

void emit(Emitter& e, const QuotaChange& q) {
  e.text("pilot", q.pilot);
  e.text("certificate_name", q.certificate_name);
  e.enumeration("level", q.level, level_name);
  e.number("original", q.original);
  e.number("revised", q.revised);
  if (q.breakdown.present) {
    if (q.breakdown.value.empty()) {
      e.raw("breakdown", "{}");
    } else {
      std::string block = "\n";
      for (const auto& [major, quota] : q.breakdown.value) {
        block += fmt::format("  {}: {}\n", double_quoted(major.value), quota.value);
      }
      block.pop_back();
      e.raw("breakdown", block);
    }
  }
  e.text("reason", q.reason);
  e.code("initiated_by", q.initiated_by);
  e.text("signed_by", q.signed_by);
  e.boolean("stamped", q.stamped);
  e.date("submitted", q.submitted);
}

void emit(Emitter& e, const Exam& x) {
  e.text("id", x.id);
  e.text("pilot", x.pilot);
  e.date("date", x.date);
  e.enumeration("status", x.status, exam_status_name);
  e.text("site", x.site);
  if (x.results.present) {
    if (x.results.value.empty()) {
      e.raw("results", "[]");
    } else {
      std::string block = "\n";
      for (const auto& r : x.results.value) {
        FlowMap f;
        f.code("major", r.major);
        f.number("registered", r.registered);
        f.number("attended", r.attended);
        f.number("passed", r.passed);
        block += "  - " + f.str() + "\n";
      }
      block.pop_back();
      e.raw("results", block);
    }
  }
}

void emit(Emitter& e, const Report& r) {
  e.code("major", r.major);
  e.text("pilot", r.pilot);
  e.date("due", r.due);
  e.date("submitted", r.submitted);
  if (r.progress.present) {
    FlowMap f;
    f.number("trained", r.progress.value.trained);
    f.number("registered", r.progress.value.registered);
    f.number("attended", r.progress.value.attended);
    f.number("passed", r.progress.value.passed);
    e.raw("progress", f.str());
  }
  if (r.sections.present) {
    std::string block;
    for (const char* key : k_report_sections) {
      auto it = r.sections.value.find(key);
      if (it != r.sections.value.end() && it->second.present) {
        block += fmt::format("\n  {}: {}", key, yaml_string(it->second.value));
      }
    }
    e.raw("sections", block.empty() ? "{}" : block);
  }
}

void emit(Emitter& e, const Site& s) {
  e.text("id", s.id);
  e.text("college", s.college);
  e.text("organization", s.organization);
  if (s.signatory.valid) {
    e.raw("signatory", signatory_name(s.signatory.value));
  } else {
    e.text("signatory", s.signatory_text);
  }
  if (s.non_procurement.present && s.non_procurement.value) e.raw("contract_process", "non-procurement");
  e.text("oa_ref", s.oa_ref);
  e.date("signed", s.signed_on);
}

void emit(Emitter& e, const Fund& f) {
  e.text("id", f.id);
  e.date("date", f.date);
  e.text("college", f.college);
  e.text("pilot", f.pilot);
  e.enumeration("direction", f.direction, direction_name);
  e.enumeration("source", f.source, fund_source_name);
  e.enumeration("category", f.category, fund_category_name);
  if (f.amount_fen.present) e.raw("amount", amount_text(f.amount_fen.value));
}

}  // namespace

std::string yaml_string(std::string_view s, YamlContext context) {
  return needs_quotes(s, context) ? double_quoted(s) : std::string(s);
}

std::string render_record(const AnyRecord& record) {
  Emitter e;
  std::visit(
      [&](const auto& r) {
        emit(e, r);
        e.common(r);
      },
      record);
  return e.take();
}

Kind kind_of(const AnyRecord& record) {
  static constexpr Kind kinds[] = {Kind::college, Kind::major, Kind::certificate, Kind::pilot, Kind::quota_change,
                                   Kind::exam,    Kind::report, Kind::site,       Kind::fund};
  return kinds[record.index()];
}

}  // namespace pilot
