// Command-line flags -> the YAML mapping they describe -> the loader's reader -> a record:
// one value parser for files and flags (issue 13). See include/pilot/fields.hpp.
#include <algorithm>

#include <fmt/format.h>

#include "pilot/fields.hpp"

namespace pilot {

namespace {

// Values as the reader sees a plain scalar written in a file.
YNode scalar_node(std::string value, int line) {
  YNode n;
  n.kind = YNode::Kind::scalar;
  n.value = std::move(value);
  n.line = line;
  n.column = 1;
  return n;
}

YNode container(YNode::Kind kind, int line) {
  YNode n;
  n.kind = kind;
  n.line = line;
  n.column = 1;
  return n;
}

// "a:b:c" split at the first n-1 colons (the last part keeps any further colons).
std::vector<std::string> split_parts(const std::string& v, std::size_t n) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    auto colon = v.find(':', start);
    if (colon == std::string::npos) break;
    out.push_back(v.substr(start, colon - start));
    start = colon + 1;
  }
  out.push_back(v.substr(start));
  return out;
}

// Words separated by commas, spaces or what a Chinese input method types between them: 、，；
// and the full-width space ("初级、中级", "初级，中级").
std::vector<std::string> split_words(const std::string& v) {
  static constexpr std::string_view k_wide[] = {"\u3001", "\uFF0C", "\uFF1B", "\u3000"};
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    if (!item.empty()) out.push_back(item);
    item.clear();
  };
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == ',' || v[i] == ' ' || v[i] == ';') {
      flush();
      continue;
    }
    bool wide = false;
    for (std::string_view w : k_wide) {
      if (std::string_view(v).substr(i, w.size()) == w) {
        flush();
        i += w.size() - 1;
        wide = true;
        break;
      }
    }
    if (!wide) item += v[i];
  }
  flush();
  return out;
}

// How many parts an entry flag needs: up to its last required part (`--major 510201:60` may
// leave out the contact, which R603 then asks for).
std::size_t parts_needed(const FieldSpec& f) {
  std::size_t needed = 0;
  for (std::size_t i = 0; i < f.parts.size(); ++i) {
    if (f.parts[i].need == Need::required) needed = i + 1;
  }
  return needed;
}

class Builder {
 public:
  explicit Builder(FlagDocument& doc) : doc_(doc) {
    doc_.root = container(YNode::Kind::mapping, 0);
  }

  // The node of `key` in `map`, made as `kind` when it is not there yet.
  YNode& child(YNode& map, std::string_view key, YNode::Kind kind, int line) {
    for (auto& [k, v] : map.entries) {
      if (k.value == key) return v;
    }
    map.entries.emplace_back(scalar_node(std::string(key), line), container(kind, line));
    return map.entries.back().second;
  }

  int source(const FlagRef& flag, const std::string& value) {
    doc_.sources.emplace_back(flag.name(), value);
    return static_cast<int>(doc_.sources.size());
  }

  void add(const FlagRef& flag, const std::vector<std::string>& values) {
    const FieldSpec& f = *flag.field;
    YNode& root = doc_.root;
    switch (flag.shape) {
      case FlagShape::value: {
        int line = source(flag, values.empty() ? "" : values.back());
        YNode& map =
            flag.block != nullptr ? child(root, flag.block->key, YNode::Kind::mapping, 0) : root;
        map.entries.emplace_back(scalar_node(std::string(f.key), line),
                                 scalar_node(values.empty() ? "" : values.back(), line));
        break;
      }
      case FlagShape::on: {
        int line = source(flag, "true");
        root.entries.emplace_back(scalar_node(std::string(f.key), line), scalar_node("true", line));
        break;
      }
      case FlagShape::list: {
        YNode& list = child(root, f.key, YNode::Kind::sequence, 0);
        for (const std::string& v : values) {
          int line = source(flag, v);
          for (std::string& word : split_words(v))
            list.items.push_back(scalar_node(std::move(word), line));
        }
        break;
      }
      case FlagShape::entry: {
        YNode& list = child(root, f.key, YNode::Kind::sequence, 0);
        for (const std::string& v : values) {
          int line = source(flag, v);
          std::vector<std::string> parts = split_parts(v, f.parts.size());
          if (parts.size() < parts_needed(f)) return wrong_shape(flag, v);
          YNode entry = container(YNode::Kind::mapping, line);
          for (std::size_t i = 0; i < parts.size(); ++i) {
            // An empty part that is not required is left out: `510201:60:` has no contact
            // (R603 asks for it), and `pilot set`'s `510201::张老师` keeps the quota.
            if (parts[i].empty() && f.parts[i].need != Need::required) continue;
            entry.entries.emplace_back(scalar_node(std::string(f.parts[i].key), line),
                                       scalar_node(std::move(parts[i]), line));
          }
          list.items.push_back(std::move(entry));
        }
        break;
      }
      case FlagShape::pair: {
        YNode& map = child(root, f.key, YNode::Kind::mapping, 0);
        for (const std::string& v : values) {
          int line = source(flag, v);
          std::vector<std::string> parts = split_parts(v, 2);
          if (parts.size() < 2) return wrong_shape(flag, v);
          map.entries.emplace_back(scalar_node(std::move(parts[0]), line),
                                   scalar_node(std::move(parts[1]), line));
        }
        break;
      }
    }
  }

 private:
  void wrong_shape(const FlagRef& flag, const std::string& v) {
    if (doc_.error) return;
    std::string keys;
    for (const FieldSpec& p : flag.field->parts)
      keys += (keys.empty() ? "" : ":") + std::string(p.key);
    std::size_t all = flag.field->parts.size();
    std::size_t needed = flag.field->shape == BlockShape::entries ? parts_needed(*flag.field) : all;
    std::string count = needed == all ? std::to_string(all) : fmt::format("{}–{}", needed, all);
    doc_.error = FlagError{flag.name(),
                           {fmt::format("{}：“{}” 应为用 “:” 分隔的 {} 个值（{}）", flag.name(), v,
                                        count, keys),
                            fmt::format("{}: \"{}\" must be {} values separated by ':' ({})",
                                        flag.name(), v, count, keys)}};
  }

  FlagDocument& doc_;
};

// The flags in table order, so that the mapping has the keys in the order of a written file.
std::vector<const GivenFlag*> in_table_order(Kind kind, const std::vector<GivenFlag>& given) {
  std::vector<const GivenFlag*> ordered;
  for (const FlagRef& flag : record_flags(kind)) {
    for (const GivenFlag& g : given) {
      if (g.flag.field == flag.field) ordered.push_back(&g);
    }
  }
  return ordered;
}

bool is_waivers(const FieldSpec* f) { return f == &common_fields()[1]; }

}  // namespace

FlagDocument flags_document(Kind kind, const std::vector<GivenFlag>& given) {
  FlagDocument doc;
  Builder b(doc);
  for (const GivenFlag* g : in_table_order(kind, given)) {
    if (!is_waivers(g->flag.field)) b.add(g->flag, g->values);
  }
  return doc;
}

FlagRecord read_flags(Kind kind, const std::vector<GivenFlag>& given) {
  FlagDocument doc = flags_document(kind, given);
  std::vector<Diagnostic> findings;
  FlagRecord out{read_record_node(kind, doc.root, findings), doc.error};
  for (const Diagnostic& d : findings) {
    if (out.error) break;
    if (d.line <= 0 || d.line > static_cast<int>(doc.sources.size())) continue;  // a missing key
    const std::string& flag = doc.sources[static_cast<std::size_t>(d.line) - 1].first;
    out.error = FlagError{flag,
                          {fmt::format("{}：{}；{}", flag, d.message.zh, d.hint.zh),
                           fmt::format("{}: {}; {}", flag, d.message.en, d.hint.en)}};
  }
  // A value the record cannot keep would be lost on writing: a contract_process other than
  // non-procurement (the model keeps only whether it is that one). A usage error instead.
  for (const GivenFlag& g : given) {
    const FieldSpec& f = *g.flag.field;
    if (out.error || g.flag.shape != FlagShape::value || g.flag.block != nullptr || f.is_block())
      continue;
    if (field_yaml(out.record, f)) continue;
    const std::string& flag = g.flag.name();
    const std::string v = g.values.empty() ? "" : g.values.back();
    std::string choices = f.values != nullptr ? enum_choices(*f.values) : std::string();
    out.error =
        FlagError{flag,
                  {fmt::format("{}：“{}” 无效；可用的值：{}", flag, v, choices),
                   fmt::format("{}: \"{}\" is not valid; use one of: {}", flag, v, choices)}};
  }
  // Waivers as given: the write check judges them (S002 for an unknown rule, an S rule or an
  // empty reason), as it would in a file.
  RecordBase& base = record_base(out.record);
  for (const GivenFlag& g : given) {
    if (!is_waivers(g.flag.field)) continue;
    for (const std::string& v : g.values) {
      std::vector<std::string> parts = split_parts(v, 2);
      if (parts.size() < 2 && !out.error) {
        out.error = FlagError{
            g.flag.name(),
            {fmt::format("{}：“{}” 应写成 “规则编号:理由”，例如 R301:省1+X办公室同意", g.flag.name(),
                         v),
             fmt::format("{}: \"{}\" must be written RULE:REASON, e.g. R301:approved by the "
                         "provincial office",
                         g.flag.name(), v)}};
        continue;
      }
      if (parts.size() < 2) continue;
      Located<std::string> reason;
      reason.value = parts[1];
      reason.present = reason.valid = true;
      base.waivers[parts[0]] = std::move(reason);
    }
  }
  return out;
}

}  // namespace pilot

// ---------------------------------------------------------------- `pilot set`: flags over a file

namespace pilot {

namespace {

YNode* value_of(YNode& map, std::string_view key) {
  for (auto& [k, v] : map.entries) {
    if (k.value == key) return &v;
  }
  return nullptr;
}

// Each key of `from` replaces the same key of `into`, or is appended.
void merge_mapping(YNode& into, const YNode& from) {
  for (const auto& [k, v] : from.entries) {
    if (YNode* old = value_of(into, k.value)) {
      *old = v;
    } else {
      into.entries.emplace_back(k, v);
    }
  }
}

// An entry of `from` replaces the parts it gives of the entry of `into` with the same first
// part (the major), or is appended.
void merge_entries(YNode& into, const YNode& from, std::string_view id_key) {
  for (const YNode& entry : from.items) {
    const YNode* id = entry.find(id_key);
    YNode* same = nullptr;
    for (YNode& old : into.items) {
      const YNode* old_id = old.is_map() ? old.find(id_key) : nullptr;
      if (id != nullptr && old_id != nullptr && old_id->is_scalar() && old_id->value == id->value) {
        same = &old;
        break;
      }
    }
    if (same != nullptr) {
      merge_mapping(*same, entry);
    } else {
      into.items.push_back(entry);
    }
  }
}

}  // namespace

FlagRecord apply_flags(Kind kind, const YNode& file_root, const std::vector<GivenFlag>& given,
                       const std::vector<std::string>& drop_waivers) {
  FlagRecord checked = read_flags(kind, given);  // each value as the reader takes it
  if (checked.error) return checked;
  FlagDocument doc = flags_document(kind, given);
  YNode merged = file_root;
  for (const auto& [key, value] : doc.root.entries) {
    const FieldSpec* f = find_field(kind, key.value);
    YNode* old = value_of(merged, key.value);
    if (old == nullptr) {
      merged.entries.emplace_back(key, value);
    } else if (f == nullptr || !f->is_block() || old->kind != value.kind) {
      *old = value;  // a scalar, or a block the file holds in another shape: replaced whole
    } else if (f->shape == BlockShape::entries) {
      merge_entries(*old, value, f->parts.front().key);
    } else {
      merge_mapping(*old, value);
    }
  }
  // --waiver RULE:REASON sets that waiver; --drop-waiver RULE removes it.
  auto waivers = [&]() -> YNode& {
    YNode* w = value_of(merged, "waivers");
    if (w == nullptr) {
      YNode key;
      key.kind = YNode::Kind::scalar;
      key.value = "waivers";
      merged.entries.emplace_back(key, YNode());
      w = &merged.entries.back().second;
    }
    if (!w->is_map()) {
      *w = YNode();
      w->kind = YNode::Kind::mapping;
    }
    return *w;
  };
  for (const auto& [rule, reason] : record_base(checked.record).waivers) {
    YNode k, v;
    k.kind = v.kind = YNode::Kind::scalar;
    k.value = rule;
    v.value = reason.value;
    YNode one;
    one.kind = YNode::Kind::mapping;
    one.entries.emplace_back(k, v);
    merge_mapping(waivers(), one);
  }
  for (const std::string& rule : drop_waivers) {
    YNode* w = value_of(merged, "waivers");
    auto& entries = w != nullptr && w->is_map() ? w->entries : merged.entries;
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&](const auto& e) { return w != nullptr && e.first.value == rule; });
    if (w == nullptr || it == entries.end()) {
      checked.error = FlagError{"--drop-waiver",
                                {fmt::format("--drop-waiver：这条记录没有 {} 的豁免", rule),
                                 fmt::format("--drop-waiver: the record has no waiver of {}", rule)}};
      return checked;
    }
    entries.erase(it);
    if (entries.empty()) {
      merged.entries.erase(std::find_if(merged.entries.begin(), merged.entries.end(),
                                        [](const auto& e) { return e.first.value == "waivers"; }));
    }
  }
  std::vector<Diagnostic> ignored;  // the write check reports the file's findings
  return FlagRecord{read_record_node(kind, merged, ignored), std::nullopt};
}

}  // namespace pilot
