#include "features.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "pilot/rule_docs.hpp"
#include "pilot/rules.hpp"
#include "pilot/yaml.hpp"

namespace pilot::lsp {

namespace {

bool is_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_id_char(char c) { return is_alnum(c) || c == '-' || c == '_'; }

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The part of a line before a comment (a '#' at the start or after a space, outside quotes).
std::string_view without_comment(std::string_view line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || is_space(line[i - 1]))) {
      return line.substr(0, i);
    }
  }
  return line;
}

// The byte just past the '}' that closes the '{' at `open`, or npos (quotes respected).
std::size_t closing_brace(std::string_view line, std::size_t open) {
  int depth = 0;
  char quote = 0;
  for (std::size_t i = open; i < line.size(); ++i) {
    char c = line[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string placeholder(Lang lang) {
  return lang == Lang::zh ? "\"待填写：哪份书面文件同意了这个例外\""
                          : "\"TODO: the written approval that allows this exception\"";
}

// Which kind of record the value after `key:` names.
std::optional<Kind> referenced_kind(std::string_view key) {
  if (key == "college") return Kind::college;
  if (key == "major" || key == "lead_major" || key == "initiated_by") return Kind::major;
  if (key == "pilot") return Kind::pilot;
  if (key == "certificate") return Kind::certificate;
  if (key == "site") return Kind::site;
  return std::nullopt;
}

// The year folder of a record path (pilots/2026/x.yaml -> 2026), or 0.
int year_of(std::string_view rel) {
  auto slash = rel.find('/');
  if (slash == std::string_view::npos) return 0;
  std::string_view rest = rel.substr(slash + 1);
  std::string_view part = rest.substr(0, rest.find('/'));
  if (part.size() != 4 ||
      !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoi(std::string(part));
}

// Whether the block-mapping key at indentation `indent` on line `line0` sits under `waivers:`.
bool under_waivers(const LineIndex& lines, int line0, std::size_t indent) {
  for (int l = line0 - 1; l >= 0; --l) {
    std::string_view text = without_comment(lines.line(l));
    if (trim(text).empty()) continue;
    std::size_t own = text.find_first_not_of(" \t");
    if (own >= indent) continue;
    return trim(text) == "waivers:";
  }
  return false;
}

}  // namespace

std::string rule_id_at(std::string_view line, std::size_t at) {
  if (at > line.size()) return {};
  std::size_t begin = at, end = at;
  while (begin > 0 && is_alnum(line[begin - 1])) --begin;
  while (end < line.size() && is_alnum(line[end])) ++end;
  std::string_view word = line.substr(begin, end - begin);
  if (word.size() != 4 || find_rule(word) == nullptr) return {};
  return std::string(word);
}

std::optional<std::string> rule_page(std::string_view rule, Lang lang) {
  if (find_rule(rule) == nullptr) return std::nullopt;
  return rule_doc(rule, lang);
}

bool offers_waiver(std::string_view rule) {
  return !rule.empty() && rule[0] == 'R' && find_rule(rule) != nullptr;
}

std::optional<TextEdit> waiver_edit(std::string_view text, std::string_view rule, Lang lang) {
  YamlParse parsed = parse_yaml(text);
  if (!parsed.ok || !parsed.root.is_map()) return std::nullopt;
  LineIndex lines(text);
  std::string_view eol = text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  std::string entry = fmt::format("{}: {}", rule, placeholder(lang));
  std::string_view first_line = lines.line(parsed.root.line - 1);
  std::size_t root_at = bytes_for_code_points(first_line, parsed.root.column - 1);
  if (root_at < first_line.size() && first_line[root_at] == '{')
    return std::nullopt;  // a flow document

  const auto& entries = parsed.root.entries;
  auto waivers = std::find_if(entries.begin(), entries.end(),
                              [](const auto& e) { return e.first.value == "waivers"; });
  if (waivers == entries.end()) {  // a new mapping at the end of the file
    std::string prefix = text.empty() || text.back() == '\n' ? "" : std::string(eol);
    Position end = lines.position(text.size());
    return TextEdit{{end, end}, fmt::format("{}waivers:{}  {}{}", prefix, eol, entry, eol)};
  }
  const YNode& key = waivers->first;
  const YNode& value = waivers->second;
  if (value.find(rule) != nullptr) return std::nullopt;
  if (!value.is_null() && !value.is_map()) return std::nullopt;  // S002 already says it is wrong

  int key_line0 = key.line - 1;
  std::string_view line = lines.line(key_line0);
  std::size_t colon = line.find(':', bytes_for_code_points(line, key.column - 1));
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view rest = without_comment(line.substr(colon + 1));
  std::size_t value_at = rest.find_first_not_of(" \t");
  auto at = [&](std::size_t byte_in_line) {
    return Position{key_line0, utf16_length(line.substr(0, byte_in_line))};
  };

  if (value_at != std::string_view::npos && rest[value_at] == '{') {  // flow mapping on this line
    std::size_t open = colon + 1 + value_at;
    std::size_t close = closing_brace(line, open);
    if (close == std::string_view::npos) return std::nullopt;  // spread over lines: leave it
    std::string_view inner = trim(line.substr(open + 1, close - 1 - open - 1));
    if (inner.empty()) return TextEdit{{at(open), at(close)}, fmt::format("{{ {} }}", entry)};
    std::size_t last = line.find_last_not_of(" \t", close - 2);
    return TextEdit{{at(last + 1), at(last + 1)}, fmt::format(", {}", entry)};
  }
  if (value_at != std::string_view::npos && value.is_null()) {  // `waivers: ~` or `null`
    std::size_t from = colon + 1;
    std::size_t to = colon + 1 + trim(rest).size() + value_at;
    return TextEdit{{at(from), at(to)}, fmt::format(" {{ {} }}", entry)};
  }
  if (value.is_null() || value.entries.empty()) {  // `waivers:` and nothing below it
    return TextEdit{{at(line.size()), at(line.size())}, fmt::format("{}  {}", eol, entry)};
  }
  // A block mapping: a line like its first entry, before the next key of the record (or at
  // the end of the file when waivers comes last).
  const YNode& first_key = value.entries.front().first;
  std::string indent(static_cast<std::size_t>(std::max(1, first_key.column - 1)), ' ');
  std::string new_line = fmt::format("{}{}{}", indent, entry, eol);
  if (waivers + 1 != entries.end()) {
    Position before{(waivers + 1)->first.line - 1, 0};
    return TextEdit{{before, before}, new_line};
  }
  std::string prefix = text.empty() || text.back() == '\n' ? "" : std::string(eol);
  Position end = lines.position(text.size());
  return TextEdit{{end, end}, prefix + new_line};
}

std::vector<CompletionItem> complete(const Repository& repo, std::string_view text, Position at,
                                     std::string_view rel, Lang lang) {
  std::vector<CompletionItem> items;
  LineIndex lines(text);
  if (at.line < 0 || at.line >= lines.line_count()) return items;
  std::string_view line = lines.line(at.line);
  std::size_t cursor = bytes_for_utf16(line, at.character);
  std::size_t begin = cursor;
  while (begin > 0 && is_id_char(line[begin - 1])) --begin;
  Range range{{at.line, utf16_length(line.substr(0, begin))},
              {at.line, utf16_length(line.substr(0, cursor))}};
  std::size_t before = begin;
  bool quoted = before > 0 && (line[before - 1] == '"' || line[before - 1] == '\'');
  if (quoted) --before;
  std::size_t p = before;
  while (p > 0 && is_space(line[p - 1])) --p;

  // Rule IDs as a key under `waivers:`: a block key, or a flow key after `waivers: {` or `,`.
  bool block_key = p == 0 && !quoted && under_waivers(lines, at.line, begin);
  bool flow_key = p > 0 && (line[p - 1] == '{' || line[p - 1] == ',') &&
                  line.substr(0, p).find("waivers:") != std::string_view::npos;
  if (block_key || flow_key) {
    for (const auto& r : rule_registry()) {
      if (r.id[0] == 'S') continue;
      CompletionItem item;
      item.label = std::string(r.id);
      item.detail = r.summary.in(lang);
      item.new_text = std::string(r.id);
      item.filter_text = item.new_text;
      item.sort_text = item.new_text;
      item.range = range;
      item.kind = 21;
      items.push_back(std::move(item));
    }
    return items;
  }

  if (p == 0 || line[p - 1] != ':') return items;
  std::size_t key_end = p - 1;
  while (key_end > 0 && is_space(line[key_end - 1])) --key_end;
  std::size_t key_begin = key_end;
  while (key_begin > 0 && (is_alnum(line[key_begin - 1]) || line[key_begin - 1] == '_'))
    --key_begin;
  if (key_begin > 0 && !is_space(line[key_begin - 1]) && line[key_begin - 1] != '{' &&
      line[key_begin - 1] != ',') {
    return items;
  }
  auto kind = referenced_kind(line.substr(key_begin, key_end - key_begin));
  if (!kind) return items;
  const int year = year_of(rel);
  auto add = [&](const std::string& id, std::string detail, bool near) {
    if (id.empty()) return;
    CompletionItem item;
    item.label = id;
    item.detail = std::move(detail);
    item.new_text = *kind == Kind::major && !quoted ? "\"" + id + "\"" : id;
    item.filter_text = id;
    item.sort_text = (near ? "0" : "1") + id;
    item.range = range;
    items.push_back(std::move(item));
  };
  switch (*kind) {
    case Kind::college:
      for (const auto& c : repo.colleges) add(c.id.value, c.name.value, true);
      break;
    case Kind::major:
      for (const auto& m : repo.majors)
        add(m.id.value, fmt::format("{} · {}", m.name.value, m.college.value), true);
      break;
    case Kind::certificate:
      for (const auto& c : repo.certificates) add(c.id.value, c.name.value, true);
      break;
    case Kind::site:
      for (const auto& s : repo.sites) add(s.id.value, s.organization.value, true);
      break;
    case Kind::pilot:
      for (const auto& p2 : repo.pilots) {
        std::string detail = fmt::format("{} {} {}", p2.certificate.value,
                                         p2.level.valid ? level_name(p2.level.value) : "",
                                         p2.year.valid ? std::to_string(p2.year.value) : "");
        if (p2.status.valid) detail += fmt::format(" ({})", pilot_status_name(p2.status.value));
        add(p2.id.value, detail, p2.year.valid && p2.year.value == year);
      }
      break;
    default: break;
  }
  return items;
}

}  // namespace pilot::lsp
