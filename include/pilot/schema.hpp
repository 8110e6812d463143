#pragma once
// JSON Schema (draft 2020-12) of every record kind, for editors (yaml-language-server) and
// scripts. Built from the same field knowledge as the loader (src/records.cpp): a file the
// schema accepts reads without S002; what the schema rejects, the loader reports (S002), or a
// policy rule does (an invalid `signatory` is R401). Keys a policy rule requires (level, plan,
// quotas, accounts, contact, sections, ...) are not "required" here, because a draft may lack
// them: `pilot validate` reports them with the clause that needs them.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pilot/model.hpp"

namespace pilot {

inline constexpr const char* k_json_schema_dialect = "https://json-schema.org/draft/2020-12/schema";
// Where `pilot init` (and `pilot schema --write`) stores the schemas, relative to the root.
inline constexpr const char* k_schema_dir = ".pilot/schema";

// The schema of one kind: a complete JSON Schema document with "$schema".
nlohmann::ordered_json record_schema(Kind kind);
// record_schema(kind) as text: two-space indented, ending in a newline.
std::string schema_json(Kind kind);
// One document for every kind: "$defs" holds each kind's schema (keyed by kind_name), and the
// document accepts a record of any kind.
std::string all_schemas_json();

// "pilot.json", "quota-change.json", ...
std::string schema_file_name(Kind kind);
// ".pilot/schema/<kind>.json" for every kind with its text: the files `pilot init` and `pilot
// schema --write` store (write_editor_files in pilot/editors.hpp).
std::vector<std::pair<std::string, std::string>> schema_files();

// The first line for a record file at `rel_path` (relative to the repository root, '/'-
// separated), e.g. for pilots/2026/x.yaml:
//   # yaml-language-server: $schema=../../.pilot/schema/pilot.json
std::string schema_modeline(Kind kind, std::string_view rel_path);

}  // namespace pilot
