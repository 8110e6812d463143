// Validate before write: the same path as `pilot validate`, once without and once with the
// new file, and the findings that only the second run finds; their hints then name the
// command-line flags that set the keys they speak of.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "pilot/fields.hpp"
#include "pilot/rules.hpp"
#include "pilot/write.hpp"

namespace pilot {

namespace {

using Key = std::tuple<std::string, std::string, int, std::string>;

Key key_of(const Diagnostic& d, int line) {
  return {d.rule, d.file, line, d.message.en};
}

bool counts(const Diagnostic& d) {
  return d.severity == Severity::error || d.severity == Severity::warning;
}

}  // namespace

int LineMap::map(int old_line) const {
  if (old_line <= 0 || new_line_of.empty()) return old_line;
  if (static_cast<std::size_t>(old_line) > new_line_of.size()) {
    // Past the last line: shifted as the last line was.
    int last = static_cast<int>(new_line_of.size());
    return old_line + (new_line_of.back() - last);
  }
  return new_line_of[static_cast<std::size_t>(old_line - 1)];
}

std::vector<Diagnostic> findings_new(const std::vector<Diagnostic>& before,
                                     std::vector<Diagnostic> after, const std::string& rel,
                                     const LineMap& lines) {
  std::map<Key, int> seen;
  for (const auto& d : before) {
    if (counts(d)) ++seen[key_of(d, d.file == rel ? lines.map(d.line) : d.line)];
  }
  std::vector<Diagnostic> added;
  for (auto& d : after) {
    if (!counts(d)) continue;
    auto it = seen.find(key_of(d, d.line));
    if (it != seen.end() && it->second > 0) {
      --it->second;
      continue;
    }
    added.push_back(std::move(d));
  }
  return added;
}

std::vector<Diagnostic> findings_added(Repository& repo, Kind kind, const std::string& rel,
                                       std::string_view text, const Date& as_of,
                                       const LineMap& lines) {
  AnalyzeOptions options;
  options.as_of = as_of;
  std::vector<Diagnostic> before = analyze(repo, options).diagnostics;
  remove_file(repo, kind, rel);
  add_parsed(repo, parse_record(kind, rel, text));
  repo.build_indexes();
  return findings_new(before, analyze(repo, options).diagnostics, rel, lines);
}

std::vector<Diagnostic> errors_added(Repository& repo, Kind kind, const std::string& rel,
                                     std::string_view text, const Date& as_of,
                                     const LineMap& lines) {
  std::vector<Diagnostic> all = findings_added(repo, kind, rel, text, as_of, lines);
  all.erase(std::remove_if(all.begin(), all.end(),
                           [](const Diagnostic& d) { return d.severity != Severity::error; }),
            all.end());
  return all;
}

// ---------------------------------------------------------------- hints that name flags

namespace {

// How a flag is typed: "--lead-major", "--major MAJOR:QUOTA:CONTACT", "--waiver RULE:REASON".
std::string flag_usage(const FlagRef& f) {
  if (f.shape != FlagShape::entry && f.shape != FlagShape::pair) return f.name();
  std::string parts;
  for (const FieldSpec& p : f.field->parts) {
    std::string key(p.key);
    std::transform(key.begin(), key.end(), key.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });
    parts += (parts.empty() ? "" : ":") + key;
  }
  return f.name() + " " + parts;
}

// The flags that set what `path` names in a record of `kind`: a field ("lead_major"), a block
// (every flag of its parts), a block's part ("accounts.admin", or "contact" alone).
std::vector<FlagRef> flags_for(std::string_view path, const std::vector<FlagRef>& flags) {
  std::vector<FlagRef> out;
  auto dot = path.find('.');
  std::string_view head = path.substr(0, dot);
  std::string_view tail = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  for (const FlagRef& f : flags) {
    const FieldSpec* top = f.block != nullptr ? f.block : f.field;
    bool match = false;
    if (top->key == head) {
      // The field itself, a block's part named after the dot, or an entry's part ("majors.major").
      match = tail.empty() || f.block == nullptr || f.field->key == tail;
    } else if (tail.empty() && top->is_block()) {
      // A part named alone: "contact" is a part of `majors`, "attended" one of `progress`.
      for (const FieldSpec& p : top->parts) match = match || p.key == head;
      if (f.block != nullptr) match = f.field->key == head;
    }
    if (match) out.push_back(f);
  }
  return out;
}

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || c == '_' || c == '.';
}

// A key named in a message, and the plain value written after "key: " when there is one.
struct KeyMention {
  std::string key;
  std::string value;
};

// The ASCII word after "key:" and spaces ("status: planned" -> "planned"), else "".
std::string value_after(std::string_view text, std::size_t colon) {
  std::size_t i = colon + 1;
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t end = i;
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  };
  while (end < text.size() && word(text[end])) ++end;
  return std::string(text.substr(i, end - i));
}

// Words of `text` written as YAML keys: `lead_major:`, `accounts.admin`, `initiated_by`,
// "approved" in quotes. Plain words ("the level") are prose, not keys.
std::vector<KeyMention> keys_in(std::string_view text) {
  std::vector<KeyMention> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!key_char(text[i]) ||
        (i > 0 && (key_char(text[i - 1]) || (text[i - 1] >= 'A' && text[i - 1] <= 'Z') ||
                   (text[i - 1] >= '0' && text[i - 1] <= '9') || text[i - 1] == '-'))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && key_char(text[end])) ++end;
    std::string word(text.substr(i, end - i));
    while (!word.empty() && word.back() == '.') word.pop_back();
    char next = end < text.size() ? text[end] : ' ';
    bool digits_or_upper =
        next == '-' || (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9');
    char before = i > 0 ? text[i - 1] : ' ';
    bool quoted = (before == '"' && next == '"') || (before == '`' && next == '`') ||
                  (i >= 3 && text.substr(i - 3, 3) == "\u201C" && text.substr(end, 3) == "\u201D");
    bool keyish = next == ':' || word.find('_') != std::string::npos ||
                  word.find('.') != std::string::npos || quoted;
    if (!word.empty() && !digits_or_upper && keyish) {
      out.push_back({word, next == ':' ? value_after(text, end) : std::string()});
    }
    i = end;
  }
  return out;
}

}  // namespace

void name_flags(std::vector<Diagnostic>& findings, Kind kind, const std::string& rel,
                std::string_view command) {
  const std::vector<FlagRef> flags = record_flags(kind);
  for (Diagnostic& d : findings) {
    if (d.file != rel) continue;
    std::vector<std::string> named;
    for (const std::string* text : {&d.message.en, &d.hint.en, &d.message.zh, &d.hint.zh}) {
      for (const KeyMention& key : keys_in(*text)) {
        for (const FlagRef& f : flags_for(key.key, flags)) {
          // "a status: planned batch" speaks of an exam's status, not of this pilot's.
          if (f.field->values != nullptr && f.field->type == FieldType::enumeration &&
              !key.value.empty() && !enum_index(*f.field->values, key.value)) {
            continue;
          }
          std::string usage = flag_usage(f);
          if (std::find(named.begin(), named.end(), usage) == named.end()) named.push_back(usage);
        }
      }
    }
    if (named.empty()) continue;
    std::string list;
    for (const auto& n : named) list += (list.empty() ? "" : command.empty() ? " / " : " ") + n;
    std::string what = command.empty() ? list : fmt::format("{} {}", command, list);
    d.hint.zh += fmt::format("{}命令行：{}", d.hint.zh.empty() ? "" : "；", what);
    d.hint.en += fmt::format("{}on the command line: {}", d.hint.en.empty() ? "" : "; ", what);
  }
}

}  // namespace pilot
