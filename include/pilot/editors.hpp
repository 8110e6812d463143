#pragma once
// Editor support in a data repository (`pilot init`, `pilot schema --write`): the JSON Schemas
// of the record kinds under .pilot/schema/, and a .vscode/settings.json whose `yaml.schemas`
// maps each record folder's files to their kind's schema. yaml-language-server (VS Code's YAML
// extension; Vim, Neovim and Helix through the same server: docs/editors-*.md) then checks and
// completes every record, whether or not it starts with a `$schema` line. Nothing here prints;
// every message is Text{zh, en}.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pilot/model.hpp"
#include "pilot/text.hpp"
#include "pilot/write.hpp"

namespace pilot {

inline constexpr const char* k_vscode_settings = ".vscode/settings.json";
inline constexpr const char* k_yaml_schemas_key = "yaml.schemas";

// The record files of a kind, relative to the repository root, as a glob: "pilots/*/*.yaml".
std::string record_glob(Kind kind);

// The `yaml.schemas` entries, one per kind in k_all_kinds order: the schema's path relative to
// the workspace root ("./.pilot/schema/pilot.json") and the glob of its records.
std::vector<std::pair<std::string, std::string>> yaml_schema_entries();

// The entries as the JSON members a user pastes into "yaml.schemas" (4-space indent, one a line).
std::string yaml_schemas_snippet();

struct SettingsMerge {
  enum class Result { created, updated, unchanged, refused };
  Result result = Result::refused;
  std::string text;  // created / updated: the whole new file
  Text reason;       // refused: why the file is left as it is
};

// A VS Code settings file with every yaml_schema_entries() entry set in its "yaml.schemas"
// object (an entry whose globs already include pilot's stays as it is); every other key and
// entry keeps its value and place (written with a 4-space indent, as
// VS Code does). `existing` is the file's bytes, nullopt when there is none. Refused, never
// clobbered: a file that is not plain JSON (VS Code accepts comments and trailing commas, which
// a rewrite would lose), not an object, or whose "yaml.schemas" is not an object.
SettingsMerge merge_vscode_settings(const std::optional<std::string>& existing);

struct EditorFiles {
  std::vector<std::string> written;    // relative paths, in the order written
  std::vector<std::string> unchanged;  // already held these bytes
  std::vector<Text> warnings;          // a settings file left alone, with what to add by hand
};

// Writes the schemas under .pilot/schema/ (those whose bytes differ) and merges
// .vscode/settings.json below root, each through write_file_atomically. A settings file that
// cannot be merged (see above), or that is a symbolic link, is left alone with a warning.
// Throws WriteError when a write fails.
EditorFiles write_editor_files(const std::filesystem::path& root, FileSystem& fs);

// schema_modeline() and a newline for a record at `rel` (relative to root), when root holds
// that kind's schema file; else "" (the line would name a file that is not there).
std::string modeline_if_schema_exists(const std::filesystem::path& root, Kind kind,
                                      std::string_view rel);

}  // namespace pilot
