// Command-line flags -> the YAML mapping they describe -> the loader's reader -> a record:
// one value parser for files and flags (issue 13). See include/pilot/fields.hpp.
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

// Comma- or space-separated words.
std::vector<std::string> split_words(const std::string& v) {
  std::vector<std::string> out;
  std::string item;
  for (char c : v + ",") {
    if (c == ',' || c == ' ') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
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
          if (parts.size() < f.parts.size()) return wrong_shape(flag, v);
          YNode entry = container(YNode::Kind::mapping, line);
          for (std::size_t i = 0; i < parts.size(); ++i) {
            // An empty text part is left out (`510201:60:` has no contact); others are read.
            if (parts[i].empty() && f.parts[i].type == FieldType::text) continue;
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
    doc_.error = FlagError{flag.name(),
                           {fmt::format("{}：“{}” 应为用 “:” 分隔的 {} 个值（{}）", flag.name(), v,
                                        flag.field->parts.size(), keys),
                            fmt::format("{}: \"{}\" must be {} values separated by ':' ({})",
                                        flag.name(), v, flag.field->parts.size(), keys)}};
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
            {fmt::format("{}：“{}” 应写成 规则编号:理由，例如 R301:省1+X办公室同意", g.flag.name(),
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
