// `pilot set`: change fields of a record file in place. The edit compares what the file holds
// with the record it should hold, field by field (as pilot writes each, field_yaml), and
// touches only the lines of the fields that differ: a scalar's value on its line (a comment
// after it stays), a part of a block on its own line, a list entry by its major. A missing key
// is inserted where the field table puts it. What cannot be edited in place (a multi-line
// value, a flow list, an entry written across lines) is rewritten in pilot's style, and only
// that field's (or entry's) lines. The result is read back and must hold the target record.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lines.hpp"
#include "pilot/fields.hpp"
#include "pilot/write.hpp"
#include "pilot/yaml.hpp"

namespace pilot {

namespace {

using lines::LineFile;

// A top-level key of the file and the lines its value takes (0-based, inclusive).
struct KeySpan {
  std::string key;
  const YNode* value = nullptr;
  std::size_t first = 0;
  std::size_t last = 0;
};

bool is_marker(std::string_view content) {
  std::string_view t = content.substr(0, content.find_last_not_of(" \t") + 1);
  return t == "---" || t == "...";
}

class Editor {
 public:
  explicit Editor(std::string_view bytes) : file_(lines::split(bytes)) {
    std::size_t n = file_.lines.size();
    replaced_.resize(n);
    deleted_.assign(n, false);
    before_.resize(n + 1);
    after_.resize(n + 1);
  }

  const LineFile& file() const { return file_; }
  const std::string& content(std::size_t i) const { return file_.lines[i].content; }
  std::size_t size() const { return file_.lines.size(); }

  // The last line of a value that starts on line `first` when the next thing starts on
  // `next` (both 0-based): trailing blank and comment lines belong to what follows.
  std::size_t last_of(std::size_t first, std::size_t next) const {
    std::size_t last = next == 0 ? 0 : next - 1;
    if (last < first) return first;
    while (last > first && (lines::is_blank_or_comment(content(last)) || is_marker(content(last)))) --last;
    return last;
  }

  void replace(std::size_t i, std::string text) { replaced_[i] = std::move(text); }
  // Lines first..last become `text` (one or more lines, '\n'-separated).
  void rewrite(std::size_t first, std::size_t last, const std::string& text) {
    std::vector<std::string> parts = split_text(text);
    replace(first, parts.front());
    for (std::size_t i = first + 1; i <= last; ++i) deleted_[i] = true;
    for (std::size_t i = 1; i < parts.size(); ++i) after_[first].push_back(parts[i]);
  }
  void remove(std::size_t first, std::size_t last) {
    for (std::size_t i = first; i <= last; ++i) deleted_[i] = true;
  }
  void insert_after(std::size_t i, const std::string& text) {
    for (auto& p : split_text(text)) after_[i].push_back(p);
  }
  void insert_before(std::size_t i, const std::string& text) {
    for (auto& p : split_text(text)) before_[i].push_back(p);
  }
  void append(const std::string& text) {
    if (size() == 0) {
      for (auto& p : split_text(text)) before_[0].push_back(p);
    } else {
      insert_after(size() - 1, text);
    }
  }

  // The edited bytes and where each old line went.
  std::string assemble(LineMap& map) const {
    struct Out {
      const std::string* content;
      std::string eol;
      bool original;
    };
    std::vector<Out> out;
    map.new_line_of.assign(size(), 0);
    auto add_new = [&](const std::vector<std::string>& added) {
      for (const auto& l : added) out.push_back({&l, file_.eol, false});
    };
    for (std::size_t i = 0; i < size(); ++i) {
      add_new(before_[i]);
      if (!deleted_[i]) {
        const auto& line = file_.lines[i];
        out.push_back({replaced_[i] ? &*replaced_[i] : &line.content, line.eol, true});
        map.new_line_of[i] = static_cast<int>(out.size());
      }
      add_new(after_[i]);
    }
    add_new(before_[size()]);
    bool ends_with_eol = size() == 0 || !file_.lines.back().eol.empty();
    std::string text = file_.bom;
    for (std::size_t i = 0; i < out.size(); ++i) {
      std::string eol = out[i].eol.empty() ? file_.eol : out[i].eol;
      if (i + 1 == out.size() && !ends_with_eol) eol.clear();
      text += *out[i].content;
      text += eol;
    }
    return text;
  }

 private:
  static std::vector<std::string> split_text(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      auto nl = text.find('\n', start);
      parts.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return parts;
  }

  LineFile file_;
  std::vector<std::optional<std::string>> replaced_;
  std::vector<bool> deleted_;
  std::vector<std::vector<std::string>> before_, after_;
};

// "key: value" or "key:\n  - ..." at `indent`: a value that is a block of lines starts with '\n'
// and each of its lines gets the indent too.
std::string field_lines(std::string_view indent, std::string_view key, const std::string& value) {
  if (value.empty() || value.front() != '\n') return fmt::format("{}{}: {}", indent, key, value);
  std::string out = fmt::format("{}{}:", indent, key);
  std::size_t start = 1;
  while (start <= value.size()) {
    auto nl = value.find('\n', start);
    std::string_view l = std::string_view(value).substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += fmt::format("\n{}{}", indent, l);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

class RecordEditor {
 public:
  RecordEditor(std::string_view bytes, Kind kind, const YNode& root, const AnyRecord& old, const AnyRecord& target)
      : ed_(bytes), kind_(kind), old_(old), target_(target) {
    if (!root.entries.empty()) indent_.assign(static_cast<std::size_t>(std::max(root.entries.front().first.column - 1, 0)), ' ');
    std::vector<const std::pair<YNode, YNode>*> keys;
    for (const auto& e : root.entries) keys.push_back(&e);
    std::sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return a->first.line < b->first.line; });
    for (std::size_t i = 0; i < keys.size(); ++i) {
      KeySpan s;
      s.key = keys[i]->first.value;
      s.value = &keys[i]->second;
      s.first = static_cast<std::size_t>(keys[i]->first.line - 1);
      std::size_t next = i + 1 < keys.size() ? static_cast<std::size_t>(keys[i + 1]->first.line - 1) : ed_.size();
      if (i + 1 < keys.size() && next == s.first) flow_record_ = true;
      s.last = ed_.last_of(s.first, next);
      spans_.push_back(std::move(s));
    }
  }

  // Edits every field that differs. False when the file's layout cannot be edited (the record
  // written as one flow mapping).
  bool run() {
    if (flow_record_) return false;
    for (const FieldSpec& f : kind_spec(kind_).fields) field(f);
    for (const FieldSpec& f : common_fields()) field(f);
    return true;
  }

  bool changed() const { return changed_; }
  const std::vector<std::string>& rewritten() const { return rewritten_; }
  std::string text(LineMap& map) const { return ed_.assemble(map); }

 private:
  const KeySpan* span_of(std::string_view key) const {
    for (const auto& s : spans_) {
      if (s.key == key) return &s;
    }
    return nullptr;
  }

  void field(const FieldSpec& f) {
    auto was = field_yaml(old_, f);
    auto now = field_yaml(target_, f);
    if (was == now) return;
    changed_ = true;
    const KeySpan* s = span_of(f.key);
    if (!now) {
      if (s != nullptr) ed_.remove(s->first, s->last);
      return;
    }
    if (s == nullptr) return insert_field(f, *now);
    if (!f.is_block()) return scalar(*s, *now);
    block(f, *s, *now);
  }

  // A missing key goes after the nearest field before it in the table that the file has,
  // else before the nearest one after it, else at the end.
  void insert_field(const FieldSpec& f, const std::string& value) {
    std::string text = field_lines(indent_, f.key, value);
    std::vector<const FieldSpec*> order;
    for (const FieldSpec& g : kind_spec(kind_).fields) order.push_back(&g);
    for (const FieldSpec& g : common_fields()) order.push_back(&g);
    auto at = std::find(order.begin(), order.end(), &f);
    for (auto it = at; it != order.begin();) {
      --it;
      if (const KeySpan* s = span_of((*it)->key)) return ed_.insert_after(s->last, text);
    }
    for (auto it = at + 1; it != order.end(); ++it) {
      if (const KeySpan* s = span_of((*it)->key)) return ed_.insert_before(s->first, text);
    }
    ed_.append(text);
  }

  void rewrite_field(const KeySpan& s, const std::string& value) {
    ed_.rewrite(s.first, s.last, field_lines(indent_, s.key, value));
  }

  void scalar(const KeySpan& s, const std::string& value) {
    if (s.first == s.last && (s.value->is_scalar() || s.value->is_null())) {
      const std::string& line = ed_.content(s.first);
      std::size_t from = lines::value_start(line, indent_.size(), s.key);
      if (from != std::string::npos) {
        if (auto edited = lines::replace_scalar(line, from, value)) return ed_.replace(s.first, *edited);
      }
    }
    rewritten_.push_back(s.key);
    rewrite_field(s, value);
  }

  void block(const FieldSpec& f, const KeySpan& s, const std::string& value) {
    const YNode& node = *s.value;
    auto was = field_block(old_, f, YamlContext::flow);
    bool entries = f.shape == BlockShape::entries;
    bool shape_ok = entries ? node.is_seq() : node.is_map();
    if (!was || !shape_ok || node.line < 1) {
      rewritten_.push_back(s.key);
      return rewrite_field(s, value);
    }
    if (node.line - 1 == static_cast<int>(s.first)) {
      // A flow collection on the key's line.
      if (!entries && flow_map(s, node, *field_block(target_, f, YamlContext::flow))) return;
      rewritten_.push_back(s.key);
      return rewrite_field(s, value);
    }
    if (entries) return entry_list(f, s, node, value);
    mapping(f, s, node, value);
  }

  // `key: { ... }` on one line: the braces and what is between them are written anew.
  bool flow_map(const KeySpan& s, const YNode& node, const BlockValue& now) {
    if (s.first != s.last) return false;
    const std::string& line = ed_.content(s.first);
    std::size_t open = lines::byte_of_column(line, node.column);
    if (open == std::string::npos || open >= line.size() || line[open] != '{') return false;
    std::size_t end = lines::flow_end(line, open);
    if (end == std::string::npos) return false;
    ed_.replace(s.first, line.substr(0, open) + block_yaml(now, BlockStyle::flow, "") + line.substr(end));
    return true;
  }

  // The lines of the children of a block collection: child i from its line to the line before
  // the next child (trailing blank and comment lines excluded).
  std::vector<std::pair<std::size_t, std::size_t>> child_spans(const KeySpan& s, const std::vector<int>& starts) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < starts.size(); ++i) {
      auto first = static_cast<std::size_t>(starts[i] - 1);
      std::size_t next = i + 1 < starts.size() ? static_cast<std::size_t>(starts[i + 1] - 1) : s.last + 1;
      out.emplace_back(first, ed_.last_of(first, next));
    }
    return out;
  }

  // A block mapping (`sections:`, `breakdown:`, block-style `accounts:`): one line per part.
  void mapping(const FieldSpec& f, const KeySpan& s, const YNode& node, const std::string& value) {
    auto was = field_block(old_, f, YamlContext::block);
    auto now = field_block(target_, f, YamlContext::block);
    std::vector<int> starts;
    for (const auto& [k, v] : node.entries) starts.push_back(k.line);
    if (starts.empty() || !std::is_sorted(starts.begin(), starts.end()) ||
        std::adjacent_find(starts.begin(), starts.end()) != starts.end()) {
      rewritten_.push_back(s.key);
      return rewrite_field(s, value);
    }
    auto spans = child_spans(s, starts);
    std::string child_indent(static_cast<std::size_t>(node.entries.front().first.column - 1), ' ');
    auto child = [&](const std::string& key) -> std::optional<std::size_t> {
      for (std::size_t i = 0; i < node.entries.size(); ++i) {
        if (node.entries[i].first.value == key) return i;
      }
      return std::nullopt;
    };
    auto old_text = [&](const std::string& key) -> std::optional<std::string> {
      for (const auto& item : was->items) {
        if (item.key == key) return item.text;
      }
      return std::nullopt;
    };
    std::optional<std::size_t> previous;  // the child the last item of `now` is at
    for (const BlockItem& item : now->items) {
      std::string line_text = fmt::format("{}{}: {}", child_indent, item.key_yaml, item.text);
      auto c = child(item.key);
      if (!c) {
        if (previous) {
          ed_.insert_after(spans[*previous].second, line_text);
        } else {
          ed_.insert_before(spans.front().first, line_text);
        }
        continue;
      }
      previous = c;
      if (old_text(item.key) == item.text) continue;
      auto [first, last] = spans[*c];
      const YNode& v = node.entries[*c].second;
      if (first == last && (v.is_scalar() || v.is_null())) {
        const std::string& line = ed_.content(first);
        std::size_t from = lines::value_start(line, child_indent.size(), item.key);
        if (from == std::string::npos) from = lines::value_start(line, child_indent.size(), item.key_yaml);
        if (from == std::string::npos) from = lines::value_start(line, child_indent.size(), "'" + item.key + "'");
        if (from != std::string::npos) {
          if (auto edited = lines::replace_scalar(line, from, item.text)) {
            ed_.replace(first, *edited);
            continue;
          }
        }
      }
      rewritten_.push_back(fmt::format("{}.{}", s.key, item.key));
      ed_.rewrite(first, last, line_text);
    }
    // Parts the target no longer has (a dropped waiver).
    for (std::size_t i = 0; i < node.entries.size(); ++i) {
      const std::string& key = node.entries[i].first.value;
      bool kept = std::any_of(now->items.begin(), now->items.end(), [&](const BlockItem& b) { return b.key == key; });
      if (!kept) ed_.remove(spans[i].first, spans[i].second);
    }
  }

  // A block list of entries (`majors:`, `results:`): one `- { ... }` per major.
  void entry_list(const FieldSpec& f, const KeySpan& s, const YNode& node, const std::string& value) {
    auto was = field_block(old_, f, YamlContext::flow);
    auto now = field_block(target_, f, YamlContext::flow);
    std::string_view id_key = f.parts.front().key;
    std::vector<int> starts;
    std::string dash_indent;
    for (const YNode& item : node.items) {
      starts.push_back(item.line);
      if (item.line < 1) break;
      const std::string& line = ed_.content(static_cast<std::size_t>(item.line - 1));
      std::size_t indent = lines::indent_of(line);
      std::size_t at = lines::byte_of_column(line, item.column);
      if (indent >= line.size() || line[indent] != '-' || at == std::string::npos || at <= indent) {
        starts.clear();  // `-` on a line of its own, or something else: not editable per entry
        break;
      }
      if (dash_indent.empty()) dash_indent = line.substr(0, at);  // "  - "
    }
    if (starts.empty() || !std::is_sorted(starts.begin(), starts.end()) ||
        std::adjacent_find(starts.begin(), starts.end()) != starts.end()) {
      rewritten_.push_back(s.key);
      return rewrite_field(s, value);
    }
    auto spans = child_spans(s, starts);
    auto child = [&](const std::string& key) -> std::optional<std::size_t> {
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YNode* id = node.items[i].is_map() ? node.items[i].find(id_key) : nullptr;
        if (id != nullptr && id->is_scalar() && id->value == key) return i;
      }
      return std::nullopt;
    };
    auto old_text = [&](const std::string& key) -> std::optional<std::string> {
      for (const auto& item : was->items) {
        if (item.key == key) return item.text;
      }
      return std::nullopt;
    };
    for (const BlockItem& item : now->items) {
      auto c = child(item.key);
      if (!c) {
        ed_.insert_after(spans.back().second, dash_indent + item.text);
        continue;
      }
      if (old_text(item.key) == item.text) continue;
      auto [first, last] = spans[*c];
      const YNode& entry = node.items[*c];
      const std::string& line = ed_.content(first);
      std::size_t open = lines::byte_of_column(line, entry.column);
      std::size_t end = first == last && open != std::string::npos && open < line.size() && line[open] == '{'
                            ? lines::flow_end(line, open)
                            : std::string::npos;
      if (end != std::string::npos) {
        ed_.replace(first, line.substr(0, open) + item.text + line.substr(end));
        continue;
      }
      rewritten_.push_back(fmt::format("{}[{}]", s.key, item.key));
      ed_.rewrite(first, last, dash_indent + item.text);
    }
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const YNode* id = node.items[i].is_map() ? node.items[i].find(id_key) : nullptr;
      bool kept = id != nullptr && std::any_of(now->items.begin(), now->items.end(),
                                               [&](const BlockItem& b) { return b.key == id->value; });
      if (!kept) ed_.remove(spans[i].first, spans[i].second);
    }
  }

  Editor ed_;
  Kind kind_;
  const AnyRecord& old_;
  const AnyRecord& target_;
  std::string indent_;
  std::vector<KeySpan> spans_;
  bool flow_record_ = false;
  bool changed_ = false;
  std::vector<std::string> rewritten_;
};

RecordEdit refuse(Text reason, Text hint) {
  RecordEdit e;
  e.result = RecordEdit::Result::refused;
  e.reason = std::move(reason);
  e.hint = std::move(hint);
  return e;
}

Text by_hand() {
  return {"请用编辑器修改这个文件（pilot validate 会检查结果）",
          "edit this file in an editor (pilot validate checks the result)"};
}

}  // namespace

RecordEdit edit_record(std::string_view bytes, Kind kind, const AnyRecord& target) {
  YamlParse parsed = parse_yaml(bytes);
  if (!parsed.ok || !parsed.root.is_map()) {
    return refuse({"这个文件不是可读的记录（先运行 pilot validate 并修正）",
                   "the file is not a readable record (run `pilot validate` and fix it first)"},
                  by_hand());
  }
  std::vector<Diagnostic> ignored;
  AnyRecord old = read_record_node(kind, parsed.root, ignored);
  RecordEditor editor(bytes, kind, parsed.root, old, target);
  if (!editor.run()) {
    return refuse({"这条记录写成了一行的流式映射，pilot 无法只改其中的字段",
                   "the record is written as one flow mapping: pilot cannot change single fields of it"},
                  by_hand());
  }
  RecordEdit e;
  if (!editor.changed()) {
    e.result = RecordEdit::Result::unchanged;
    return e;
  }
  e.text = editor.text(e.lines);
  e.rewritten = editor.rewritten();
  // Read back: the file must now hold the target record, field by field.
  YamlParse again = parse_yaml(e.text);
  AnyRecord read = again.ok && again.root.is_map() ? read_record_node(kind, again.root, ignored) : AnyRecord{};
  auto differs = [&](const FieldSpec& f) {
    return !again.ok || read.index() != target.index() || field_yaml(read, f) != field_yaml(target, f);
  };
  for (auto fields : {kind_spec(kind).fields, common_fields()}) {
    for (const FieldSpec& f : fields) {
      if (differs(f)) {
        return refuse({fmt::format("修改后的文件读回来时 {} 与预期不符，未写入任何内容", f.key),
                       fmt::format("the edited file does not read back with the intended {}; nothing was written", f.key)},
                      by_hand());
      }
    }
  }
  e.result = RecordEdit::Result::edited;
  return e;
}

}  // namespace pilot
