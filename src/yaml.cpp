#include "pilot/yaml.hpp"

#include <cstdint>
#include <cstring>
#include <istream>
#include <limits>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "yaml_fast.hpp"

namespace pilot {

YNode::YNode() = default;
YNode::~YNode() = default;
YNode::YNode(const YNode&) = default;
YNode::YNode(YNode&&) noexcept = default;
YNode& YNode::operator=(const YNode&) = default;
YNode& YNode::operator=(YNode&&) noexcept = default;

const YNode* YNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.value == key) return &v;
  }
  return nullptr;
}

const YNode* YNode::find_key(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.is_scalar() && k.value == key) return &k;
  }
  return nullptr;
}

Text tag_hint(const YNode& scalar) {
  return {
      fmt::format(
          "去掉标签 {}：pilot 按键读取值，不看标签（例如写 quota: 50，而不是 quota: !!int 50）",
          scalar.tag),
      fmt::format(
          "remove the tag {}: pilot reads a value by its key, never by a tag (e.g. quota: 50, not "
          "quota: !!int 50)",
          scalar.tag)};
}

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      // A run of ASCII: eight bytes at a time while none has its high bit set.
      std::uint64_t word = 0;
      while (i + sizeof word <= s.size() && (std::memcpy(&word, s.data() + i, sizeof word), (word & 0x8080808080808080ULL) == 0)) {
        i += sizeof word;
      }
      continue;
    }
    int extra = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) return i;
    for (int k = 1; k <= extra; ++k) {
      auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (t & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return i;
    }
    i += static_cast<std::size_t>(extra) + 1;
  }
  return std::string_view::npos;
}

bool looks_like_gbk(std::string_view s) {
  bool any_pair = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) continue;
    if (c < 0x81 || c > 0xFE || i + 1 >= s.size()) return false;
    auto t = static_cast<unsigned char>(s[i + 1]);
    if (t < 0x40 || t > 0xFE || t == 0x7F) return false;
    any_pair = true;
    ++i;
  }
  return any_pair;
}

namespace {

struct Abort {
  Diagnostic diagnostic;
  bool unclosed_quote = false;
};

// Positions: yaml-cpp marks are 0-based with the column in bytes; ours are 1-based characters.
class Positions {
 public:
  explicit Positions(std::string_view src) : src_(src) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < src.size(); ++i) {
      if (src[i] == '\n') line_starts_.push_back(i + 1);
    }
  }
  // Marks arrive in file order, so the characters counted on the current line are kept: a
  // long line with many nodes (a 1 MiB flow list) is counted once, not once per node.
  std::pair<int, int> at(int line0, int col0) const {
    if (line0 < 0 || static_cast<std::size_t>(line0) >= line_starts_.size()) {
      return {line0 + 1, col0 + 1};
    }
    std::size_t start = line_starts_[static_cast<std::size_t>(line0)];
    std::size_t len = std::min(static_cast<std::size_t>(std::max(col0, 0)), src_.size() - start);
    if (line0 != counted_line_ || len < counted_bytes_) {
      counted_line_ = line0;
      counted_bytes_ = 0;
      counted_chars_ = 0;
    }
    for (; counted_bytes_ < len; ++counted_bytes_) {  // valid UTF-8: count the lead bytes
      counted_chars_ += (static_cast<unsigned char>(src_[start + counted_bytes_]) & 0xC0) != 0x80;
    }
    return {line0 + 1, counted_chars_ + 1};
  }
  std::string_view source() const { return src_; }
  std::pair<int, int> at_offset(std::size_t offset) const {
    int line = 1;
    std::size_t start = 0;
    for (std::size_t i = 0; i < offset && i < src_.size(); ++i) {
      if (src_[i] == '\n') {
        ++line;
        start = i + 1;
      }
    }
    return {line, count_code_points(src_.substr(start, offset - start)) + 1};
  }

 private:
  std::string_view src_;
  std::vector<std::size_t> line_starts_;
  mutable int counted_line_ = -1;
  mutable std::size_t counted_bytes_ = 0;
  mutable int counted_chars_ = 0;
};

Diagnostic finding(const char* rule, std::pair<int, int> pos, Text message, Text hint) {
  Diagnostic d;
  d.rule = rule;
  d.line = pos.first;
  d.column = pos.second;
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

Diagnostic too_deep(std::pair<int, int> at) {
  return finding("S005", at,
                 Text{fmt::format("嵌套过深（超过 {} 层）", k_max_depth),
                      fmt::format("nested too deeply (more than {} levels)", k_max_depth)},
                 Text{"记录只需要几层嵌套：检查缩进或多余的括号", "records need only a few levels: check the indentation and brackets"});
}

}  // namespace

Diagnostic detail::duplicate_key(const YNode& key, int first_line) {
  return finding(
      "S001", {key.line, key.column},
      {fmt::format("键 \"{}\" 在同一个映射中重复出现（第一次在第 {} 行）", key.value, first_line),
       fmt::format("key \"{}\" is repeated in one mapping (first at line {})", key.value, first_line)},
      {"删除或合并重复的键：YAML 只保留其中一个，另一个的值会被悄悄丢掉",
       "remove or merge the repeated key: YAML keeps only one of them and silently drops the other"});
}

namespace {

Text anchor_text() {
  return {"使用了锚点或别名（& 或 *）：记录文件不允许使用", "uses YAML anchors or aliases (& / *), which records do not allow"};
}
Text anchor_hint() {
  return {"把别名处的内容直接写出来", "write the aliased content out in full"};
}

// A tag as the file wrote it: yaml-cpp resolves "!!int" to "tag:yaml.org,2002:int".
std::string written_tag(const std::string& tag) {
  static constexpr std::string_view k_core = "tag:yaml.org,2002:";
  if (tag.rfind(k_core, 0) == 0) return "!!" + tag.substr(k_core.size());
  return tag;
}

// yaml-cpp's error messages (yaml-cpp/exceptions.h ErrorMsg, and its parser's) in Chinese, with a
// hint where a general one would not fit. Matched by prefix: some end in a detail (": q").
struct Wording {
  std::string_view en;
  const char* zh;
  Text hint;  // empty: the general hint
};

const Wording* wording_of(std::string_view msg) {
  static const Wording k_wordings[] = {
      {"YAML directives must have exactly one argument", "YAML 指令必须恰好有一个参数", {}},
      {"bad YAML version: ", "YAML 版本无效：", {}},
      {"YAML major version too large", "YAML 主版本号过大", {}},
      {"repeated YAML directive", "YAML 指令重复", {}},
      {"TAG directives must have exactly two arguments", "TAG 指令必须恰好有两个参数", {}},
      {"repeated TAG directive", "TAG 指令重复", {}},
      {"illegal character found while scanning tag handle", "标签（!）中有非法字符", {}},
      {"tag handle with no suffix", "标签（!）后面缺少名称", {}},
      {"end of verbatim tag not found", "标签 !<…> 没有结束", {}},
      {"end of map not found", "映射没有正确结束", {}},
      {"end of map flow not found",
       "花括号 { } 没有闭合",
       {"检查 { } 是否成对，其中的项是否用半角逗号 “,” 分隔",
        "check that { and } pair up and entries are separated by a half-width comma \",\""}},
      {"end of sequence not found", "列表没有正确结束", {}},
      {"end of sequence flow not found",
       "方括号 [ ] 没有闭合",
       {"检查 [ ] 是否成对，其中的项是否用半角逗号 “,” 分隔",
        "check that [ and ] pair up and items are separated by a half-width comma \",\""}},
      {"cannot assign multiple tags to the same node", "同一个值不能有多个标签", {}},
      {"cannot assign multiple anchors to the same node", "同一个值不能有多个锚点", {}},
      {"cannot assign multiple aliases to the same node", "同一个值不能有多个别名", {}},
      {"aliases can't have any content, *including* tags", "别名不能带任何内容（包括标签）", {}},
      {"bad character found while scanning hex number", "十六进制转义（\\x、\\u）中有非法字符", {}},
      {"invalid unicode: ", "无效的 Unicode 转义：", {}},
      {"unknown escape character: ",
       "未知的转义字符：",
       {"双引号中的反斜杠 \\ 开始一个转义；要写反斜杠本身，写成 \\\\ 或改用单引号",
        "a backslash \\ inside double quotes starts an escape: write \\\\ for a backslash, or use "
        "single quotes"}},
      {"unknown token", "无法识别的内容", {}},
      {"illegal document indicator in scalar", "值中出现了文档分隔符（--- 或 ...）", {}},
      {"illegal EOF in scalar", "文件在值的中间结束（可能缺少闭合的引号）", {}},
      {"illegal character in scalar", "值中有非法字符", {}},
      {"illegal tab when looking for indentation",
       "缩进中有 Tab 字符",
       {"缩进只能用空格，不能用 Tab：把这一行开头的 Tab 换成空格",
        "indent with spaces, never tabs: replace the tab at the start of this line"}},
      {"illegal flow end", "多余的右括号 ] 或 }", {}},
      {"illegal block entry",
       "这里不能出现列表项（“- ”）",
       {"列表项 “- ” 要比它所属的键多缩进，或与该键对齐",
        "a list item \"- \" goes under its key, indented as much as the key or more"}},
      {"illegal map key", "这里不能出现键", {}},
      {"illegal map value",
       "这里不能出现 “键: 值”（冒号或缩进有误）",
       {"检查这一行和上一行：键后面是半角冒号加空格，同一层的键缩进相同，值中的冒号要加引号",
        "check this line and the one above: a key is followed by a half-width colon and a space, "
        "keys of one level are "
        "indented alike, and a value holding \": \" needs quotes"}},
      {"alias not found after *", "* 后面缺少别名", {}},
      {"anchor not found after &", "& 后面缺少锚点名", {}},
      {"illegal character found while scanning alias", "别名中有非法字符", {}},
      {"illegal character found while scanning anchor", "锚点名中有非法字符", {}},
      {"cannot set zero indentation for a block scalar", "块文本（| 或 >）的缩进不能为 0", {}},
      {"unexpected character in block scalar", "块文本（| 或 >）中有意外的字符", {}},
      {"cannot assign the same alias to multiple nodes", "同一个别名不能用于多个值", {}},
      {"the referenced anchor is not defined", "引用的锚点没有定义", {}},
      {"invalid character in single-quoted string", "单引号字符串中有非法字符", {}},
      {"invalid anchor", "无效的锚点", {}},
      {"invalid alias", "无效的别名", {}},
      {"invalid tag", "无效的标签", {}},
  };
  for (const auto& w : k_wordings) {
    if (msg.substr(0, w.en.size()) == w.en) return &w;
  }
  return nullptr;
}

// S001 for an error yaml-cpp reported: its message in both languages, and a hint.
Diagnostic yaml_error(std::pair<int, int> at, const std::string& msg) {
  const Wording* w = wording_of(msg);
  std::string zh = w != nullptr ? w->zh + msg.substr(w->en.size()) : msg;
  Text hint =
      w != nullptr && !w->hint.empty()
          ? w->hint
          : Text{"检查该位置及上一行的缩进、冒号和引号；缩进只能用空格，不能用 Tab",
                 "check indentation, colons and quotes near there; indent with spaces, never tabs"};
  return finding("S001", at, {"YAML 语法错误：" + zh, "invalid YAML: " + msg}, hint);
}

class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(const Positions& positions) : positions_(positions) {
    stack_.reserve(k_max_depth + 2);  // frames point into each other: never reallocate
  }

  YNode root;
  bool have_root = false;
  std::vector<Diagnostic> duplicates;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    YNode n = make(YNode::Kind::null, mark);
    add(std::move(n));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Abort{finding("S005", pos(mark), anchor_text(), anchor_hint())};
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    YNode n = make(YNode::Kind::scalar, mark);
    // yaml-cpp 0.7 reads an unclosed quote to the end of the file when the file ends in a line
    // break: the whole rest becomes this value. A quote with no closing one is S001 here.
    std::string_view src = positions_.source();
    if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < src.size()) {
      char q = src[static_cast<std::size_t>(mark.pos)];
      if ((q == '"' || q == '\'') &&
          !detail::quote_is_closed(src, static_cast<std::size_t>(mark.pos))) {
        throw Abort{detail::unclosed_quote(n.line, n.column, q), true};
      }
    }
    n.value = value;
    n.quoted = tag != "?";
    if (tag != "?" && tag != "!") n.tag = written_tag(tag);
    add(std::move(n));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(YNode::Kind::sequence, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(YNode::Kind::mapping, mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YNode* node = nullptr;
    bool expecting_key = true;
    YNode pending_key;
    std::unordered_map<std::string, int> keys;  // scalar key -> the line it first stands on
  };

  std::pair<int, int> pos(const YAML::Mark& mark) const {
    return positions_.at(mark.line, mark.column);
  }

  YNode make(YNode::Kind kind, const YAML::Mark& mark) const {
    YNode n;
    n.kind = kind;
    auto [line, column] = pos(mark);
    n.line = line;
    n.column = column;
    return n;
  }

  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
    if (anchor != YAML::NullAnchor) throw Abort{finding("S005", pos(mark), anchor_text(), anchor_hint())};
  }

  void open(YNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    check_anchor(mark, anchor);
    if (static_cast<int>(stack_.size()) >= k_max_depth) {
      throw Abort{too_deep(pos(mark))};
    }
    YNode* placed = add(make(kind, mark));
    Frame frame;
    frame.node = placed;
    stack_.push_back(std::move(frame));
  }

  void close() {
    if (!stack_.empty()) stack_.pop_back();
  }

  // Places a finished node; returns where it now lives.
  YNode* add(YNode&& n) {
    if (stack_.empty()) {
      root = std::move(n);
      have_root = true;
      return &root;
    }
    Frame& top = stack_.back();
    YNode& parent = *top.node;
    if (parent.kind == YNode::Kind::sequence) {
      parent.items.push_back(std::move(n));
      return &parent.items.back();
    }
    if (top.expecting_key) {
      top.expecting_key = false;
      top.pending_key = std::move(n);
      return &top.pending_key;  // a complex key: its children land there, harmlessly
    }
    top.expecting_key = true;
    const YNode& key = top.pending_key;
    if (key.is_scalar()) {
      auto [first, inserted] = top.keys.emplace(key.value, key.line);
      if (!inserted) duplicates.push_back(detail::duplicate_key(key, first->second));
    }
    parent.entries.emplace_back(std::move(top.pending_key), std::move(n));
    top.pending_key = YNode{};
    return &parent.entries.back().second;
  }

  const Positions& positions_;
  std::vector<Frame> stack_;
};

class MemoryBuffer : public std::streambuf {
 public:
  MemoryBuffer(const char* begin, std::size_t size) {
    char* b = const_cast<char*>(begin);  // read-only use: setg needs char*
    setg(b, b, b + size);
  }
};

}  // namespace

namespace {

// yaml-cpp's events into a tree, with the checks of yaml_checks.cpp. `unclosed_quote` is set when
// the S001 is for a quote never closed.
YamlParse read_events(std::string_view bytes, bool& unclosed_quote) {
  YamlParse result;
  auto fail = [&](Diagnostic d) {
    result.diagnostics.push_back(std::move(d));
    return result;
  };
  Positions positions(bytes);
  MemoryBuffer buffer(bytes.data(), bytes.size());
  std::istream stream(&buffer);
  TreeBuilder builder(positions);
  try {
    YAML::Parser parser(stream);
    if (parser.HandleNextDocument(builder)) {
      TreeBuilder second(positions);
      if (parser.HandleNextDocument(second)) {
        return fail(finding(
            "S001", {second.root.line, second.root.column},
            {"文件包含多个 YAML 文档（---）：一个文件只能是一条记录",
             "file holds more than one YAML document (---): one file is one record"},
            {"把第二条记录放到它自己的文件中", "move the second record into a file of its own"}));
      }
    }
  } catch (const Abort& a) {
    unclosed_quote = a.unclosed_quote;
    return fail(a.diagnostic);
  } catch (const YAML::DeepRecursion& e) {
    return fail(too_deep(positions.at(e.mark.line, e.mark.column)));
  } catch (const YAML::Exception& e) {
    // Without a final line break yaml-cpp reports an unclosed quote at the end of the file:
    // read it again with one, to find the quote where it opens.
    if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR && !bytes.empty() && bytes.back() != '\n') {
      std::string completed(bytes);
      completed += '\n';
      bool again_unclosed = false;
      YamlParse again = read_events(completed, again_unclosed);
      if (again_unclosed) {
        unclosed_quote = true;
        return again;
      }
    }
    int last_line = e.mark.is_null() ? std::numeric_limits<int>::max() : e.mark.line + 1;
    if (auto p = detail::punctuation_up_to(bytes, last_line)) return fail(std::move(*p));
    return fail(yaml_error(
        e.mark.is_null() ? std::pair{1, 1} : positions.at(e.mark.line, e.mark.column), e.msg));
  } catch (const std::exception& e) {
    return fail(finding(
        "S001", {1, 1},
        {std::string("无法解析 YAML：") + e.what(), std::string("cannot parse YAML: ") + e.what()},
        {"检查文件内容", "check the file's content"}));
  }
  result.diagnostics = std::move(builder.duplicates);
  if (builder.have_root) {
    if (auto p = detail::misplaced_punctuation(bytes, builder.root)) {
      result.diagnostics.push_back(std::move(*p));
    }
  }
  if (!result.diagnostics.empty()) return result;
  result.ok = true;
  if (builder.have_root) {
    result.root = std::move(builder.root);
  } else {
    result.root.line = 1;
    result.root.column = 1;
  }
  return result;
}

// parse_yaml's checks, then the fast reader when `try_fast` and it accepts the text, else yaml-cpp.
YamlParse read_checked(std::string_view bytes, bool try_fast) {
  YamlParse result;
  auto fail = [&](Diagnostic d) {
    result.diagnostics.push_back(std::move(d));
    return result;
  };
  if (bytes.size() > k_max_file_size) {
    return fail(finding("S005", {1, 1},
                        {fmt::format("文件过大（{} 字节，上限 {} 字节）", bytes.size(), k_max_file_size),
                         fmt::format("file is too large ({} bytes; the limit is {} bytes)", bytes.size(), k_max_file_size)},
                        {"一个记录只需要几 KB：检查是否误放了其他文件", "a record needs a few KB: check that this is the right file"}));
  }
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return fail(finding("S005", {1, 1}, {"文件是 UTF-16 编码，不是 UTF-8", "file is UTF-16, not UTF-8"},
                        {"用编辑器另存为 UTF-8 编码", "save the file as UTF-8 in your editor"}));
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    return fail(finding("S005", Positions(bytes).at_offset(nul),
                        {"文件包含 NUL 字节，不是文本文件（可能是 UTF-16 或二进制文件）",
                         "file contains NUL bytes: not a text file (UTF-16 or binary?)"},
                        {"用编辑器另存为 UTF-8 编码的文本", "save it as UTF-8 text"}));
  }
  if (auto bad = find_invalid_utf8(bytes); bad != std::string_view::npos) {
    bool gbk = looks_like_gbk(bytes);
    return fail(finding(
        "S005", Positions(bytes).at_offset(bad),
        gbk ? Text{"文件不是 UTF-8 编码，可能是 GBK", "file is not UTF-8, probably GBK"}
            : Text{"文件不是 UTF-8 编码", "file is not UTF-8"},
        gbk ? Text{"用编辑器把文件从 GBK 转为 UTF-8 保存，或运行 iconv -f GBK -t UTF-8",
                   "convert it from GBK to UTF-8 in your editor, or with iconv -f GBK -t UTF-8"}
            : Text{"用编辑器另存为 UTF-8 编码", "save the file as UTF-8 in your editor"}));
  }

  if (try_fast && detail::parse_yaml_fast(bytes, result.root, result.diagnostics)) {
    result.ok = result.diagnostics.empty();  // a repeated key: S001 and no tree, as below
    if (!result.ok) result.root = YNode{};
    return result;
  }
  bool unclosed = false;
  return read_events(bytes, unclosed);
}

}  // namespace

YamlParse parse_yaml(std::string_view bytes) { return read_checked(bytes, true); }

YamlParse detail::parse_yaml_with_yaml_cpp(std::string_view bytes) { return read_checked(bytes, false); }

}  // namespace pilot
