// The fast reader of record files (see yaml_fast.hpp). It mirrors what yaml-cpp 0.7's events
// give for the subset it accepts and gives up (returns false) on anything else; a differential
// test (tests/unit/test_yaml_fast.cpp) compares both readers on every kind of record.
//
// Marks, as yaml-cpp sets them: a scalar at its first character (a quoted one at its opening
// quote), a flow collection at its bracket, a block mapping at its first key, a block sequence
// at its first '-'.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "yaml_fast.hpp"

namespace pilot::detail {

namespace {

struct GiveUp {};  // the text leaves the subset: let yaml-cpp read it

// A mapping with more keys than this is read by yaml-cpp (duplicate search stays linear).
constexpr std::size_t k_max_fast_keys = 64;
// yaml-cpp refuses an implicit key whose ':' is more than this many bytes after its start.
constexpr std::size_t k_max_key_span = 1024;
// Room reserved for a mapping's entries: a record's largest mapping has about this many keys.
constexpr std::size_t k_entries_hint = 8;

struct Line {
  std::size_t start = 0;  // offset of the line's first byte
  std::size_t end = 0;    // offset just past its content (before "\n" or "\r\n")
  std::size_t indent = 0;  // leading spaces
  bool blank = true;       // nothing but spaces, or a comment
};

bool is_indicator(char c) {
  switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#':
    case '&': case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
      return true;
    default:
      return false;
  }
}

bool is_null_word(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

class FastReader {
 public:
  explicit FastReader(std::string_view src) : src_(src) {}

  void read(YNode& root, std::vector<Diagnostic>& duplicates) {
    duplicates_ = &duplicates;
    split_lines();
    std::size_t li = next_content(0);
    if (li == npos) throw GiveUp{};  // empty document
    block_node(li, lines_[li].indent, root, 0, /*own_line=*/true);
    if (next_content(cur_) != npos) throw GiveUp{};  // trailing content, more documents
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Lines, with the bytes yaml-cpp treats specially (tabs, lone CR, other controls, a BOM
  // inside the text, NEL/LS/PS line breaks) sent to yaml-cpp.
  void split_lines() {
    // The bytes that need a look: line ends, control characters and the lead bytes of NEL
    // (C2 85), LS/PS (E2 80 A8/A9) and BOM (EF BB BF). Every other byte is skipped at once.
    static constexpr auto k_special = [] {
      std::array<bool, 256> t{};
      for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
      t[0x7F] = t[0xC2] = t[0xE2] = t[0xEF] = true;
      return t;
    }();
    lines_.reserve(32);
    const auto* p = reinterpret_cast<const unsigned char*>(src_.data());
    const std::size_t n = src_.size();
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) {
      unsigned char c = p[i];
      if (!k_special[c]) continue;
      if (c == '\n') {
        add_line(start, i > start && p[i - 1] == '\r' ? i - 1 : i);
        start = i + 1;
        continue;
      }
      if (c < 0x20) {
        if (c == '\r' && i + 1 < n && p[i + 1] == '\n') continue;
        throw GiveUp{};  // tab, lone CR, other control characters
      }
      if (c == 0x7F) throw GiveUp{};
      if (c == 0xC2 && i + 1 < n && p[i + 1] == 0x85) throw GiveUp{};  // NEL
      if (c == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
        throw GiveUp{};  // LS, PS
      }
      if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBB && p[i + 2] == 0xBF) throw GiveUp{};  // a BOM inside the text
    }
    add_line(start, n);  // the last line, with or without a final newline
  }

  // Records the line [start, end) (end excludes its "\n" or "\r\n").
  void add_line(std::size_t start, std::size_t end) {
    Line line;
    line.start = start;
    line.end = end;
    while (line.start + line.indent < line.end && src_[line.start + line.indent] == ' ') ++line.indent;
    std::size_t first = line.start + line.indent;
    line.blank = first == line.end || src_[first] == '#';
    if (!line.blank && line.indent == 0 && line.end - first >= 3) {
      std::string_view head = src_.substr(first, 3);
      if (head == "---" || head == "...") throw GiveUp{};
    }
    if (!line.blank && src_[first] == '%') throw GiveUp{};
    lines_.push_back(line);
  }

  // First line at or after `li` with content, or npos.
  std::size_t next_content(std::size_t li) const {
    while (li < lines_.size() && lines_[li].blank) ++li;
    return li < lines_.size() ? li : npos;
  }

  // The characters of line `li` from byte column `col` to its end.
  std::string_view rest(std::size_t li, std::size_t col) const {
    const Line& l = lines_[li];
    return src_.substr(l.start + col, l.end - l.start - col);
  }

  // A node's mark: 1-based line, 1-based column in characters (the text is valid UTF-8).
  // Nodes are marked in file order, so the characters counted on the current line are kept:
  // a long line of many nodes (a 1 MiB flow list) is counted once, not once per node.
  void mark(YNode& node, std::size_t li, std::size_t col) {
    node.line = static_cast<int>(li) + 1;
    if (li != counted_line_ || col < counted_bytes_) {
      counted_line_ = li;
      counted_bytes_ = 0;
      counted_chars_ = 0;
    }
    const char* p = src_.data() + lines_[li].start;
    for (; counted_bytes_ < col; ++counted_bytes_) counted_chars_ += (static_cast<unsigned char>(p[counted_bytes_]) & 0xC0) != 0x80;
    node.column = counted_chars_ + 1;
  }

  static void open(int depth) {
    if (depth >= k_max_depth) throw GiveUp{};  // yaml-cpp's reader words "nested too deeply"
  }

  // A new, empty entry at the end of a mapping, for its key and value to be read into (in
  // place: no node is moved).
  static std::pair<YNode, YNode>& new_entry(YNode& map) {
    if (map.entries.size() >= k_max_fast_keys) throw GiveUp{};
    return map.entries.emplace_back();
  }

  // Once a mapping's last key is read, before its value: notes the key if an earlier entry has
  // it too. The event reader notes it when the value starts, so repeated keys inside the value
  // come after it, in file order.
  void note_repeated_key(const YNode& map) {
    const YNode& key = map.entries.back().first;
    if (!key.is_scalar()) return;
    for (std::size_t i = 0; i + 1 < map.entries.size(); ++i) {
      const YNode& k = map.entries[i].first;
      if (k.is_scalar() && k.value == key.value) {
        duplicates_->push_back(duplicate_key(key, k.line));
        return;
      }
    }
  }

  // Whether line `li` from `col` on is "key: ..." (a key followed by ':' and a space or the
  // end of the line).
  bool is_entry(std::size_t li, std::size_t col) const {
    std::string_view s = rest(li, col);
    if (s.empty()) return false;
    std::size_t i = 0;
    if (s[0] == '"' || s[0] == '\'') {
      char q = s[0];
      for (i = 1; i < s.size(); ++i) {
        if (s[i] == '\\' && q == '"') {
          ++i;
        } else if (s[i] == q) {
          if (q == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
            ++i;
          } else {
            break;
          }
        }
      }
      if (i >= s.size()) return false;
      ++i;
      return i < s.size() && s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ');
    }
    if (is_indicator(s[0])) return false;
    for (i = 1; i < s.size(); ++i) {
      if (s[i] == '#' && s[i - 1] == ' ') return false;
      if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return true;
    }
    return false;
  }

  // A block node starting on line `li` at byte column `col`. `own_line`: it starts its line
  // (a value on the lines below its key), so it must be a block collection unless it is the
  // document itself. Leaves cur_ at the first line after the node.
  void block_node(std::size_t li, std::size_t col, YNode& out, int depth, bool own_line) {
    std::string_view s = rest(li, col);
    if (s[0] == '-' && (s.size() == 1 || s[1] == ' ')) {
      block_sequence(li, col, out, depth);
    } else if (is_entry(li, col)) {
      block_mapping(li, col, out, depth);
    } else {
      (void)own_line;
      throw GiveUp{};  // a scalar on its own line, or a document that is not a collection
    }
  }

  void block_mapping(std::size_t li, std::size_t col, YNode& map, int depth) {
    open(depth);
    map.kind = YNode::Kind::mapping;
    map.entries.reserve(k_entries_hint);
    mark(map, li, col);
    while (true) {
      auto& [key, value] = new_entry(map);
      std::size_t c = key_at(li, col, key);  // just past the ':'
      note_repeated_key(map);
      std::string_view s = rest(li, c);
      std::size_t skip = s.find_first_not_of(' ');
      if (skip == std::string_view::npos || s[skip] == '#') {
        if (skip == 0 && !s.empty()) throw GiveUp{};  // "key:#..."
        // The value is on the lines below: a more indented collection, or a sequence at the
        // key's own indentation.
        std::size_t next = next_content(li + 1);
        if (next == npos) throw GiveUp{};  // empty value
        const Line& nl = lines_[next];
        std::string_view ns = rest(next, nl.indent);
        bool dash = ns[0] == '-' && (ns.size() == 1 || ns[1] == ' ');
        if (nl.indent > col) {
          block_node(next, nl.indent, value, depth + 1, true);
        } else if (nl.indent == col && dash) {
          block_sequence(next, col, value, depth + 1);
        } else {
          throw GiveUp{};  // empty value
        }
      } else {
        std::size_t vc = c + skip;
        std::size_t end = inline_value(li, vc, value, depth + 1, /*flow=*/false);
        end_of_line(li, end);
        cur_ = li + 1;
        std::size_t next = next_content(cur_);
        if (next != npos && lines_[next].indent > col) throw GiveUp{};  // continued on the next line
      }
      std::size_t next = next_content(cur_);
      if (next == npos || lines_[next].indent < col) return;
      if (lines_[next].indent > col || !is_entry(next, col)) throw GiveUp{};
      li = next;
    }
  }

  void block_sequence(std::size_t li, std::size_t col, YNode& seq, int depth) {
    open(depth);
    seq.kind = YNode::Kind::sequence;
    mark(seq, li, col);
    while (true) {
      std::string_view s = rest(li, col);  // "- ..."
      std::size_t skip = s.size() > 1 ? s.find_first_not_of(' ', 1) : std::string_view::npos;
      if (skip == std::string_view::npos || s[skip] == '#') throw GiveUp{};  // item on the lines below
      std::size_t ic = col + skip;
      std::string_view item_text = rest(li, ic);
      YNode& item = seq.items.emplace_back();
      if (item_text[0] == '-' && (item_text.size() == 1 || item_text[1] == ' ')) throw GiveUp{};  // "- - x"
      if (is_entry(li, ic)) {
        block_mapping(li, ic, item, depth + 1);
      } else {
        std::size_t end = inline_value(li, ic, item, depth + 1, /*flow=*/false);
        end_of_line(li, end);
        cur_ = li + 1;
        std::size_t next = next_content(cur_);
        if (next != npos && lines_[next].indent > col) throw GiveUp{};
      }
      std::size_t next = next_content(cur_);
      if (next == npos || lines_[next].indent < col) return;
      if (lines_[next].indent > col) throw GiveUp{};
      std::string_view ns = rest(next, col);
      if (!(ns[0] == '-' && (ns.size() == 1 || ns[1] == ' '))) return;  // back to the parent mapping
      li = next;
    }
  }

  // Only spaces or a comment may follow on the line from byte column `col`.
  void end_of_line(std::size_t li, std::size_t col) const {
    std::string_view s = rest(li, col);
    std::size_t skip = s.find_first_not_of(' ');
    if (skip == std::string_view::npos) return;
    if (s[skip] == '#' && skip > 0) return;
    throw GiveUp{};
  }

  // A block mapping's key at (li, col); returns the byte column just past its ':'.
  std::size_t key_at(std::size_t li, std::size_t col, YNode& key) {
    std::string_view s = rest(li, col);
    std::size_t end = 0;
    if (s[0] == '"' || s[0] == '\'') {
      end = quoted(li, col, key);
    } else {
      std::size_t i = 1;
      while (i < s.size() && !(s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' '))) ++i;
      std::string_view text = s.substr(0, i);
      if (text.back() == ' ' || is_null_word(text)) throw GiveUp{};
      key.kind = YNode::Kind::scalar;
      key.value.assign(text);
      mark(key, li, col);
      end = col + i;
    }
    if (end >= lines_[li].end - lines_[li].start || src_[lines_[li].start + end] != ':') throw GiveUp{};
    if (end - col > k_max_key_span) throw GiveUp{};
    return end + 1;
  }

  // A scalar or flow collection at (li, col); returns the byte column just past it.
  std::size_t inline_value(std::size_t li, std::size_t col, YNode& out, int depth, bool flow) {
    std::string_view s = rest(li, col);
    char c = s[0];
    if (c == '"' || c == '\'') return quoted(li, col, out);
    if (c == '{') return flow_mapping(li, col, out, depth);
    if (c == '[') return flow_sequence(li, col, out, depth);
    if (is_indicator(c)) throw GiveUp{};  // anchors, aliases, tags, block scalars, "- x", ...
    std::size_t i = 1;
    if (flow) {
      for (; i < s.size(); ++i) {
        char d = s[i];
        if (d == ',' || d == ']' || d == '}') break;
        if (d == ':' || d == '#' || d == '[' || d == '{' || d == '?' || d == '"' || d == '\'') throw GiveUp{};
      }
    } else {
      // To the end of the line or a comment (" #"); ": " would make it a mapping. memchr finds
      // the next ':' and '#', each searched again only after the one found is passed.
      std::size_t colon = s.find(':', 1), hash = s.find('#', 1);
      while (true) {
        if (hash < colon) {
          if (s[hash - 1] == ' ') break;  // a comment
          hash = s.find('#', hash + 1);
          continue;
        }
        if (colon == std::string_view::npos) break;
        if (colon + 1 == s.size() || s[colon + 1] == ' ') throw GiveUp{};  // "a: b" as a value
        colon = s.find(':', colon + 1);
      }
      i = std::min(hash, s.size());
    }
    std::size_t len = i;
    while (len > 0 && s[len - 1] == ' ') --len;
    if (len == 0) throw GiveUp{};
    std::string_view text = s.substr(0, len);
    mark(out, li, col);
    if (is_null_word(text)) {
      out.kind = YNode::Kind::null;
    } else {
      out.kind = YNode::Kind::scalar;
      out.value.assign(text);
    }
    return col + len;
  }

  // A one-line quoted scalar at (li, col); returns the byte column just past its closing quote.
  std::size_t quoted(std::size_t li, std::size_t col, YNode& out) {
    std::string_view s = rest(li, col);
    char q = s[0];
    out.kind = YNode::Kind::scalar;
    out.quoted = true;
    mark(out, li, col);
    std::string& v = out.value;
    for (std::size_t i = 1; i < s.size(); ++i) {
      char c = s[i];
      if (q == '"' && c == '\\') {
        if (i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) {
          v.push_back(s[++i]);
          continue;
        }
        throw GiveUp{};  // other escapes: yaml-cpp decodes them
      }
      if (c == q) {
        if (q == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
          v.push_back('\'');
          ++i;
          continue;
        }
        return col + i + 1;
      }
      v.push_back(c);
    }
    throw GiveUp{};  // continues on the next line
  }

  std::size_t skip_spaces(std::size_t li, std::size_t col) const {
    std::string_view s = rest(li, col);
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return col + i;
  }

  char at(std::size_t li, std::size_t col) const {
    const Line& l = lines_[li];
    return l.start + col < l.end ? src_[l.start + col] : '\n';
  }

  // { key: value, ... } on one line.
  std::size_t flow_mapping(std::size_t li, std::size_t col, YNode& map, int depth) {
    open(depth);
    map.kind = YNode::Kind::mapping;
    map.entries.reserve(k_entries_hint);
    mark(map, li, col);
    std::size_t c = skip_spaces(li, col + 1);
    if (at(li, c) == '}') return c + 1;
    while (true) {
      auto& [key, value] = new_entry(map);
      const std::size_t key_start = c;
      char k = at(li, c);
      if (k == '"' || k == '\'') {
        c = quoted(li, c, key);
      } else {
        if (is_indicator(k) || k == '\n' || k == ' ') throw GiveUp{};
        std::string_view s = rest(li, c);
        std::size_t i = 1;
        for (; i < s.size(); ++i) {
          char d = s[i];
          if (d == ':') break;
          if (d == ',' || d == '}' || d == ']' || d == '#' || d == '[' || d == '{' || d == '?') throw GiveUp{};
        }
        std::string_view text = s.substr(0, i);
        if (i == s.size() || text.back() == ' ' || is_null_word(text)) throw GiveUp{};
        key.kind = YNode::Kind::scalar;
        key.value.assign(text);
        mark(key, li, c);
        c += i;
      }
      if (at(li, c) != ':' || at(li, c + 1) != ' ') throw GiveUp{};
      if (c - key_start > k_max_key_span) throw GiveUp{};
      c = skip_spaces(li, c + 1);
      char v = at(li, c);
      if (v == ',' || v == '}' || v == '\n') throw GiveUp{};  // empty value
      note_repeated_key(map);
      c = inline_value(li, c, value, depth + 1, /*flow=*/true);
      c = skip_spaces(li, c);
      char sep = at(li, c);
      if (sep == '}') return c + 1;
      if (sep != ',') throw GiveUp{};
      c = skip_spaces(li, c + 1);
      if (at(li, c) == '}') throw GiveUp{};  // trailing comma
    }
  }

  // [ item, ... ] on one line.
  std::size_t flow_sequence(std::size_t li, std::size_t col, YNode& seq, int depth) {
    open(depth);
    seq.kind = YNode::Kind::sequence;
    mark(seq, li, col);
    std::size_t c = skip_spaces(li, col + 1);
    if (at(li, c) == ']') return c + 1;
    while (true) {
      char v = at(li, c);
      if (v == ',' || v == ']' || v == '\n') throw GiveUp{};
      c = inline_value(li, c, seq.items.emplace_back(), depth + 1, /*flow=*/true);
      c = skip_spaces(li, c);
      char sep = at(li, c);
      if (sep == ']') return c + 1;
      if (sep != ',') throw GiveUp{};
      c = skip_spaces(li, c + 1);
      if (at(li, c) == ']') throw GiveUp{};  // trailing comma
    }
  }

  std::string_view src_;
  std::vector<Line> lines_;
  std::size_t cur_ = 0;  // first line not yet consumed
  std::vector<Diagnostic>* duplicates_ = nullptr;
  std::size_t counted_line_ = npos;  // mark(): the line whose first counted_bytes_ bytes
  std::size_t counted_bytes_ = 0;    // hold counted_chars_ characters
  int counted_chars_ = 0;
};

}  // namespace

bool parse_yaml_fast(std::string_view bytes, YNode& root, std::vector<Diagnostic>& findings) {
  std::vector<Diagnostic> found;
  YNode tree;
  try {
    FastReader(bytes).read(tree, found);
  } catch (const GiveUp&) {
    return false;
  }
  if (auto p = misplaced_punctuation(bytes, tree)) found.push_back(std::move(*p));
  root = std::move(tree);
  findings = std::move(found);
  return true;
}

}  // namespace pilot::detail
