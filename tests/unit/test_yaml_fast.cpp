// The fast YAML reader against yaml-cpp's events: whenever the fast reader accepts a text, its
// tree and its findings must be exactly yaml-cpp's (src/yaml_fast.hpp). Differential: real
// record files, hand-written edge cases, and every one-byte edit of a few records.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pilot/yaml.hpp"
#include "yaml_fast.hpp"

namespace fs = std::filesystem;
using pilot::Diagnostic;
using pilot::YNode;

namespace {

// "" when equal, else where the two trees first differ.
std::string tree_difference(const YNode& a, const YNode& b, const std::string& path) {
  auto at = [&](const std::string& what) { return path + ": " + what; };
  if (a.kind != b.kind) return at("kind");
  if (a.value != b.value) return at("value \"" + a.value + "\" vs \"" + b.value + "\"");
  if (a.quoted != b.quoted) return at("quoted");
  if (a.tag != b.tag) return at("tag \"" + a.tag + "\" vs \"" + b.tag + "\"");
  if (a.line != b.line || a.column != b.column) {
    return at("position " + std::to_string(a.line) + ":" + std::to_string(a.column) + " vs " + std::to_string(b.line) +
              ":" + std::to_string(b.column));
  }
  if (a.items.size() != b.items.size()) return at("item count");
  if (a.entries.size() != b.entries.size()) return at("entry count");
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (auto d = tree_difference(a.items[i], b.items[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    std::string p = path + "." + a.entries[i].first.value;
    if (auto d = tree_difference(a.entries[i].first, b.entries[i].first, p + "(key)"); !d.empty()) return d;
    if (auto d = tree_difference(a.entries[i].second, b.entries[i].second, p); !d.empty()) return d;
  }
  return "";
}

std::string diagnostics_difference(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  if (a.size() != b.size()) return "finding count " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || a[i].line != b[i].line || a[i].column != b[i].column ||
        a[i].message.zh != b[i].message.zh || a[i].message.en != b[i].message.en || a[i].hint.en != b[i].hint.en) {
      return "finding " + std::to_string(i) + ": " + a[i].message.en + " vs " + b[i].message.en;
    }
  }
  return "";
}

struct Outcome {
  bool fast = false;       // the fast reader accepted the text
  std::string difference;  // "" when parse_yaml and yaml-cpp alone agree
};

// Compares parse_yaml (fast reader first) with yaml-cpp alone on one text.
Outcome compare(const std::string& text) {
  Outcome o;
  std::string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  YNode ignored;
  std::vector<Diagnostic> ignored_findings;
  o.fast = body.find('\0') == std::string_view::npos && pilot::find_invalid_utf8(body) == std::string_view::npos &&
           pilot::detail::parse_yaml_fast(body, ignored, ignored_findings);
  pilot::YamlParse mixed = pilot::parse_yaml(text);
  pilot::YamlParse slow = pilot::detail::parse_yaml_with_yaml_cpp(text);
  if (mixed.ok != slow.ok) {
    o.difference = std::string("ok ") + (mixed.ok ? "true" : "false") + " vs " + (slow.ok ? "true" : "false");
  } else if (auto d = diagnostics_difference(mixed.diagnostics, slow.diagnostics); !d.empty()) {
    o.difference = d;
  } else if (mixed.ok) {
    o.difference = tree_difference(mixed.root, slow.root, "$");
  }
  return o;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> yaml_files_below(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && !e.is_symlink() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("yaml fast reader: every record of data-example and the fixtures reads as yaml-cpp reads it") {
  std::size_t fast = 0, total = 0, in_fixtures = 0;
  for (const fs::path& dir : {fs::path(PILOT_SOURCE_DIR) / "data-example", fs::path(PILOT_FIXTURES)}) {
    for (const auto& file : yaml_files_below(dir)) {
      if (dir.filename() != "data-example") ++in_fixtures;
      std::string text = read_all(file);
      Outcome o = compare(text);
      INFO(file.string());
      CHECK(o.difference == "");
      if (dir.filename() == "data-example") {
        ++total;
        fast += o.fast ? 1 : 0;
      }
    }
  }
  // The fast reader is the one that actually runs on ordinary records.
  CHECK(total > 100);
  CHECK(in_fixtures > 400);  // the merged fixtures (tests/CMakeLists.txt), not an empty folder
  CHECK(fast == total);
}

TEST_CASE("yaml fast reader: edge cases agree with yaml-cpp, accepted or not") {
  struct Case {
    const char* text;
    bool fast;  // whether the fast reader should accept it
  };
  const Case cases[] = {
      {"id: a\nname: 中文\n", true},
      {"id: a\r\nname: 中文\r\n", true},                       // CRLF
      {"id: a", true},                                         // no final newline
      {"# comment\n\nid: a   # trailing\n  # indented comment\nname: b\n", true},
      {"a: \"510201\"\nb: '它''s'\nc: \"q\\\"x\\\\y\"\n", true},  // quotes and the two escapes
      {"a: \"tab\\there\"\n", false},                          // other escapes go to yaml-cpp
      {"a: ~\nb: null\nc: Null\nd: NULL\ne: nulls\n", true},
      {"a:\nb: 1\n", false},                                   // empty value
      {"a: \nb: 1\n", false},
      {"a: [初级, 中级, 高级]\nb: []\nc: {}\nd: { x: 1, y: [1, 2], z: { w: \"v\" } }\n", true},
      {"majors:\n  - { major: \"510201\", quota: 60, contact: 李老师 }\n  - { major: \"510202\", quota: 40 }\n", true},
      {"majors:\n- { major: \"510201\" }\n- x\nnext: 1\n", true},  // a sequence at its key's indentation
      {"results:\n  - major: \"1\"\n    registered: 2\n  - major: \"3\"\n    attended: 4\nafter: x\n", true},
      {"breakdown:\n  \"510201\": 55\n  '510203': 45\n", true},
      {"a:\n  b:\n    c:\n      d: deep\n  e: f\n", true},
      {"url: http://x.org/a#b\ntime: 10:30\ntext: a,b [c] {d}\nq: it's\n", true},
      {"a: x: y\n", false},                                    // a mapping value where none may be
      {"a: x\n  continued\n", false},                          // a multi-line plain scalar
      {"a: \"x\n  y\"\n", false},                              // a multi-line quoted scalar
      {"a: |\n  block\n", false},
      {"a: >\n  folded\n", false},
      {"a: &x 1\nb: *x\n", false},                             // anchors and aliases: S005 from yaml-cpp
      {"a: !!str 1\n", false},                                 // tags
      {"a:\tb\n", false},                                      // tabs
      {"---\na: 1\n", false},
      {"a: 1\n---\nb: 2\n", false},
      {"a: 1\n...\n", false},
      {"%YAML 1.2\n---\na: 1\n", false},
      {"- a\n- b\n", true},                                    // a sequence document (S002 later)
      {"just a scalar\n", false},
      {"", false},
      {"# only a comment\n", false},
      {"id: a\nname: x\nid: b\n", true},                       // duplicates, S001
      {"a:\n  k: 1\n  k: 2\nb: { k: 1, k: 2 }\nb: 3\n", true},
      {"\"id\": a\nid: b\n", true},
      {"a : 1\n", false},
      {"a: 1\n b: 2\n", false},
      {"a: 1\n  - x\n", false},
      {"a:\n  - x\n   - y\n", false},
      {"a:\n  - x\n  y: 1\n", false},
      {"- a: 1\n  b: 2\n- c: 3\n", true},
      {"- - x\n", false},
      {"-\n  a: 1\n", false},
      {"a: [x, ]\n", false},
      {"a: { x: 1, }\n", false},
      {"a: { x }\n", false},
      {"a: { x: }\n", false},
      {"a: [a: 1]\n", false},
      {"a: {x: 1\n", false},
      {"a: [1, 2\n", false},
      {"a: \"x\"y\n", false},
      {"a: \"x\" # c\nb: 'y' # c\n", true},
      {"a: x#y\n", true},
      {"a: -1\n", false},
      {"a: ? x\n", false},
      {"? a\n: b\n", false},
      {"  a: 1\n  b: 2\n", true},                               // an indented document
      {"  a: 1\nb: 2\n", false},
      {"a: 1\n\n\n", true},
      {"a: \xC2\x85x\n", false},                               // NEL
      {"a: x\xE2\x80\xA8y\n", false},                          // LS
      {"a: \x01\n", false},
      {"a: x\ry\n", false},
      {"\xEF\xBB\xBFid: a\n", true},                           // BOM
      {"a: x\xEF\xBB\xBFy\n", false},
      {"名称: 中文 # 注释\n描述: \"引号中的：冒号\"\n", true},
      {"a: { 名: 值, \"k\": 'v' }\n", true},
      {"a: [ \"x, y\", 'z' ]\n", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    Outcome o = compare(c.text);
    CHECK(o.difference == "");
    CHECK(o.fast == c.fast);
  }
}

TEST_CASE("yaml fast reader: nesting beyond the limit goes to yaml-cpp's finding") {
  std::string flow = "a: ";
  for (int i = 0; i < 20; ++i) flow += "[";
  flow += "1";
  for (int i = 0; i < 20; ++i) flow += "]";
  Outcome o = compare(flow + "\n");
  CHECK(o.difference == "");
  CHECK_FALSE(o.fast);
  auto p = pilot::parse_yaml(flow + "\n");
  REQUIRE_FALSE(p.ok);
  CHECK(p.diagnostics.at(0).rule == "S005");

  std::string block;
  for (int i = 0; i < 20; ++i) block += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  block += std::string(40, ' ') + "k: v\n";
  o = compare(block);
  CHECK(o.difference == "");
  CHECK_FALSE(o.fast);

  std::string ok;  // 15 levels: within the limit, read fast
  for (int i = 0; i < 15; ++i) ok += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k" + std::to_string(i) + ":\n";
  ok += std::string(30, ' ') + "k: v\n";
  o = compare(ok);
  CHECK(o.difference == "");
  CHECK(o.fast);
}

TEST_CASE("yaml fast reader: keys near yaml-cpp's 1024-byte limit on implicit keys") {
  for (std::size_t n : {1000u, 1022u, 1023u, 1024u, 1025u, 1026u, 4000u}) {
    CAPTURE(n);
    const std::string k(n, 'k');
    for (const std::string& text : {"id: a\n" + k + ": 1\n", "id: a\n\"" + k + "\": 1\n", "a: { " + k + ": 1 }\n",
                                    "a: { '" + k + "': 1 }\n", "- " + k + ": 1\n", "id: a\nname: " + k + "\n"}) {
      Outcome o = compare(text);
      CHECK(o.difference == "");
    }
  }
}

TEST_CASE("yaml fast reader: every one-byte edit of some records agrees with yaml-cpp") {
  const fs::path example = fs::path(PILOT_SOURCE_DIR) / "data-example";
  const char* files[] = {"pilots/2026/web-frontend-2026.yaml", "quota-changes/2026/web-frontend-2026.yaml",
                         "exams/2026/web-frontend-2026-b1.yaml", "reports/2026/510201/2026-11-20.yaml",
                         "sites/jidian-site-01.yaml", "certificates/web-frontend.yaml"};
  const std::string inserts = " :#-\"'{}[],\n~&!|?\\";
  std::size_t edits = 0, fast = 0, differing = 0;
  for (const char* name : files) {
    const std::string text = read_all(example / name);
    REQUIRE_FALSE(text.empty());
    auto check = [&](const std::string& edited) {
      Outcome o = compare(edited);
      ++edits;
      fast += o.fast ? 1 : 0;
      if (!o.difference.empty()) {
        ++differing;
        if (differing <= 5) {
          INFO(edited);
          CHECK(o.difference == "");
        }
      }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // keep UTF-8 whole
      std::size_t len = 1;
      while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
      check(text.substr(0, i) + text.substr(i + len));  // delete a character
      for (char c : inserts) check(text.substr(0, i) + c + text.substr(i));
    }
  }
  CHECK(differing == 0);
  // Most edits leave a record the fast reader still takes; the rest went to yaml-cpp.
  CHECK(fast > edits / 3);
  CHECK(fast < edits);
}
