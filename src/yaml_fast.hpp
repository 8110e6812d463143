#pragma once
// Internal to the loader: the two readers behind parse_yaml (yaml.hpp), exposed for tests.
#include <optional>
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
// yaml-cpp, which also words every error. When it returns true, `root` and `findings` are
// exactly what the yaml-cpp reader gives: the same node kinds, values, quoted flags, tags,
// lines and columns (1-based, columns in characters), and the same S001 findings for repeated
// keys and misplaced full-width punctuation (misplaced_punctuation, run by both).
// `bytes` has passed parse_yaml's checks (size, UTF-8, no NUL, BOM removed).
bool parse_yaml_fast(std::string_view bytes, YNode& root, std::vector<Diagnostic>& findings);

// The yaml-cpp reader alone (event API, no fast path), after the same checks as parse_yaml.
YamlParse parse_yaml_with_yaml_cpp(std::string_view bytes);

// S001 for a key repeated in one mapping; `first_line` is the line of its first occurrence.
Diagnostic duplicate_key(const YNode& key, int first_line);

// yaml_checks.cpp. In a tree either reader built from `src`: a plain key "id：510202" (a
// full-width colon after a key-like word) or a plain item of a flow list holding "，" — S001 at
// that character. Both readers run it on their tree, so they agree.
std::optional<Diagnostic> misplaced_punctuation(std::string_view src, const YNode& root);
// When yaml-cpp reported an error at `last_line`: the first full-width colon after a key, or
// full-width comma inside [ ] or { }, on lines 1..last_line (the likely cause, said there).
std::optional<Diagnostic> punctuation_up_to(std::string_view src, int last_line);
// Whether the quote at src[quote] ('"' or '\'') is closed later in src (escapes counted).
bool quote_is_closed(std::string_view src, std::size_t quote);
// S001 for a quote that is never closed, at the quote.
Diagnostic unclosed_quote(int line, int column, char quote);

}  // namespace pilot::detail
