#pragma once
// Internal to the loader: the two readers behind parse_yaml (yaml.hpp), exposed for tests.
#include <string_view>
#include <vector>

#include "pilot/diagnostic.hpp"
#include "pilot/yaml.hpp"

namespace pilot::detail {

// The fast reader: a hand-written parser for the plain YAML that record files are made of —
// block mappings and sequences, one-line flow collections ({ } and [ ]), one-line plain and
// quoted scalars, comments, LF or CRLF line ends. Returns false as soon as the text leaves that
// subset (a multi-line or block scalar, an empty value, an escape other than \" and \\, an
// anchor, a tag, a tab, "---", a syntax error, ...): the caller then reads the file with
// yaml-cpp, which also words every error. When it returns true, `root` and `duplicates` are
// exactly what yaml-cpp's events would have built: the same node kinds, values, quoted flags,
// lines and columns (1-based, columns in characters), and the same S001 duplicate-key findings.
// `bytes` has passed parse_yaml's checks (size, UTF-8, no NUL, BOM removed).
bool parse_yaml_fast(std::string_view bytes, YNode& root, std::vector<Diagnostic>& duplicates);

// The yaml-cpp reader alone (event API, no fast path), after the same checks as parse_yaml.
YamlParse parse_yaml_with_yaml_cpp(std::string_view bytes);

// S001 for a key repeated in one mapping; `first_line` is the line of its first occurrence.
Diagnostic duplicate_key(const YNode& key, int first_line);

}  // namespace pilot::detail
