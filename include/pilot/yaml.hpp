#pragma once
// A small YAML document tree built from yaml-cpp's event API, with 1-based positions
// (column in characters). Rejects what records never need and yaml-cpp accepts silently:
// invalid UTF-8 (GBK is named), UTF-16, NUL bytes, anchors and aliases, duplicate keys,
// more than one document, nesting deeper than k_max_depth.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pilot/diagnostic.hpp"

namespace pilot {

inline constexpr int k_max_depth = 16;
inline constexpr std::size_t k_max_file_size = 1024 * 1024;  // 1 MiB

struct YNode {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string value;    // scalar text as written (after YAML unescaping)
  bool quoted = false;  // scalar was single- or double-quoted (or a block scalar, or tagged)
  std::string tag;      // a scalar's explicit tag as written ("!!int", "!local"), else ""
  int line = 0;
  int column = 0;
  std::vector<YNode> items;                       // sequence
  std::vector<std::pair<YNode, YNode>> entries;   // mapping, in file order

  // Declared here, defaulted in yaml.cpp: with them implicit, clang (14, with libstdc++) cannot
  // instantiate std::pair<YNode, YNode> inside YNode's own definition.
  YNode();
  ~YNode();
  YNode(const YNode&);
  YNode(YNode&&) noexcept;
  YNode& operator=(const YNode&);
  YNode& operator=(YNode&&) noexcept;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_map() const { return kind == Kind::mapping; }
  bool is_seq() const { return kind == Kind::sequence; }
  // The value of a key in a mapping, or nullptr.
  const YNode* find(std::string_view key) const;
  const YNode* find_key(std::string_view key) const;  // the key node itself
};

struct YamlParse {
  bool ok = false;
  YNode root;                            // when ok
  std::vector<Diagnostic> diagnostics;   // S001 / S005, file left empty for the caller
};

// Parses one record file's bytes. Never throws on bad input. Besides yaml-cpp's own errors (worded
// in both languages), S001 for what yaml-cpp 0.7 reads silently or reports elsewhere: a quote
// that is never closed (at the opening quote), a full-width colon "：" after a key and a
// full-width comma "，" inside [ ] or { } (at that character).
YamlParse parse_yaml(std::string_view bytes);

// The hint for a value a record cannot read that carries an explicit tag (`quota: !!int 50`):
// pilot reads values by their key and never by a tag, so the tag is what to remove.
Text tag_hint(const YNode& scalar);

// Where the first invalid UTF-8 sequence starts, or npos.
std::size_t find_invalid_utf8(std::string_view bytes);
// Whether bytes that are not UTF-8 decode cleanly as GBK (for the hint).
bool looks_like_gbk(std::string_view bytes);

}  // namespace pilot
