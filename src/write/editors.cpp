// Editor support files: the schemas under .pilot/schema/ and .vscode/settings.json.
#include "pilot/editors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pilot/schema.hpp"

namespace fs = std::filesystem;

namespace pilot {

namespace {

using J = nlohmann::ordered_json;

// How many folders below the kind's folder hold its files (SPEC §2).
int folder_depth(Kind kind) {
  switch (kind) {
    case Kind::college:
    case Kind::major:
    case Kind::certificate:
    case Kind::site:
      return 0;
    case Kind::pilot:
    case Kind::quota_change:
    case Kind::exam:
    case Kind::fund:
      return 1;  // <year>/
    case Kind::report:
      return 2;  // <year>/<major>/
  }
  return 0;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Text left_alone(const std::string& why_zh, const std::string& why_en) {
  std::string snippet = yaml_schemas_snippet();
  return {fmt::format("未修改 {0}：{1}。请在其中的 \"{2}\" 里自己加上：\n{3}", k_vscode_settings,
                      why_zh, k_yaml_schemas_key, snippet),
          fmt::format("left {0} as it is: {1}. Add these entries to its \"{2}\" yourself:\n{3}",
                      k_vscode_settings, why_en, k_yaml_schemas_key, snippet)};
}

}  // namespace

std::string record_glob(Kind kind) {
  std::string glob = kind_folder(kind);
  for (int i = 0; i < folder_depth(kind); ++i) glob += "/*";
  return glob + "/*.yaml";
}

std::vector<std::pair<std::string, std::string>> yaml_schema_entries() {
  std::vector<std::pair<std::string, std::string>> entries;
  for (Kind k : k_all_kinds) {
    entries.emplace_back(fmt::format("./{}/{}", k_schema_dir, schema_file_name(k)), record_glob(k));
  }
  return entries;
}

std::string yaml_schemas_snippet() {
  std::string out;
  auto entries = yaml_schema_entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    out += fmt::format("    \"{}\": [\"{}\"]{}\n", entries[i].first, entries[i].second,
                       i + 1 < entries.size() ? "," : "");
  }
  return out;
}

SettingsMerge merge_vscode_settings(const std::optional<std::string>& existing) {
  SettingsMerge out;
  J settings = J::object();
  if (existing) {
    settings = J::parse(*existing, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/false);
    if (settings.is_discarded()) {
      bool comments = !J::parse(*existing, nullptr, false, /*ignore_comments=*/true).is_discarded();
      out.reason =
          comments ? left_alone("它含有注释，改写会丢掉这些注释",
                                "it has comments, which a rewrite would lose")
                   : left_alone(
                         "它不是 pilot 能原样改写的 JSON（例如有多余的逗号）",
                         "it is not JSON that pilot can rewrite as it is (a trailing comma, say)");
      return out;
    }
    if (!settings.is_object()) {
      out.reason = left_alone("它不是一个 JSON 对象", "it is not a JSON object");
      return out;
    }
  }
  J before = settings;
  J& schemas = settings[k_yaml_schemas_key];
  if (schemas.is_null()) schemas = J::object();
  if (!schemas.is_object()) {
    out.reason = left_alone(fmt::format("其中的 \"{}\" 不是对象", k_yaml_schemas_key),
                            fmt::format("its \"{}\" is not an object", k_yaml_schemas_key));
    return out;
  }
  for (const auto& [schema, glob] : yaml_schema_entries()) {
    J& entry = schemas[schema];
    // An entry that already covers pilot's glob (the user may have added globs of their own) stays.
    bool covered = entry == glob ||
                   (entry.is_array() && std::find(entry.begin(), entry.end(), glob) != entry.end());
    if (!covered) entry = J::array({glob});
  }
  if (existing && settings == before) {
    out.result = SettingsMerge::Result::unchanged;
    return out;
  }
  out.result = existing ? SettingsMerge::Result::updated : SettingsMerge::Result::created;
  out.text = settings.dump(4) + "\n";
  return out;
}

EditorFiles write_editor_files(const fs::path& root, FileSystem& fs) {
  EditorFiles out;
  for (const auto& [rel, text] : schema_files()) {
    if (read_file(root / rel) == text) {
      out.unchanged.push_back(rel);
      continue;
    }
    if (auto warning = write_file_atomically(root, rel, text, Overwrite::yes, fs))
      out.warnings.push_back(*warning);
    out.written.push_back(rel);
  }

  fs::path settings_path = root / k_vscode_settings;
  std::error_code ec;
  auto status = fs::symlink_status(settings_path, ec);
  std::optional<std::string> existing;
  if (fs::exists(status)) {
    if (!fs::is_regular_file(status)) {
      out.warnings.push_back(
          left_alone("它是符号链接或不是普通文件", "it is a symbolic link or not a regular file"));
      return out;
    }
    existing = read_file(settings_path);
    if (!existing) {
      out.warnings.push_back(left_alone("无法读取它", "it cannot be read"));
      return out;
    }
  }
  SettingsMerge merge = merge_vscode_settings(existing);
  switch (merge.result) {
    case SettingsMerge::Result::refused:
      out.warnings.push_back(merge.reason);
      break;
    case SettingsMerge::Result::unchanged:
      out.unchanged.emplace_back(k_vscode_settings);
      break;
    case SettingsMerge::Result::created:
    case SettingsMerge::Result::updated:
      if (auto warning =
              write_file_atomically(root, k_vscode_settings, merge.text, Overwrite::yes, fs)) {
        out.warnings.push_back(*warning);
      }
      out.written.emplace_back(k_vscode_settings);
      break;
  }
  return out;
}

std::string modeline_if_schema_exists(const fs::path& root, Kind kind, std::string_view rel) {
  std::error_code ec;
  if (!fs::is_regular_file(root / k_schema_dir / schema_file_name(kind), ec)) return "";
  return schema_modeline(kind, rel) + "\n";
}

}  // namespace pilot
