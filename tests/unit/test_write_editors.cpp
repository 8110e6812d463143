// Editor support files (src/write/editors.cpp): the globs of each kind's records, the merge into
// an existing .vscode/settings.json that never loses a byte it cannot keep, and the write of the
// schemas and settings through the atomic writer.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "pilot/editors.hpp"
#include "pilot/schema.hpp"

using namespace pilot;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path path;
  Scratch() {
    std::mt19937_64 rng{std::random_device{}()};
    path = fs::temp_directory_path() /
           ("pilot-unit-editors-" + std::to_string(::getpid()) + "-" + std::to_string(rng()));
    fs::create_directories(path);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& bytes) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << bytes;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path / rel, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Every entry below the folder, temporary files included.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(path))
      out.push_back(fs::relative(e.path(), path).string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

using J = nlohmann::ordered_json;

}  // namespace

TEST_CASE("editors: each kind's glob matches its folder depth in SPEC §2") {
  CHECK(record_glob(Kind::college) == "colleges/*.yaml");
  CHECK(record_glob(Kind::major) == "majors/*.yaml");
  CHECK(record_glob(Kind::certificate) == "certificates/*.yaml");
  CHECK(record_glob(Kind::site) == "sites/*.yaml");
  CHECK(record_glob(Kind::pilot) == "pilots/*/*.yaml");
  CHECK(record_glob(Kind::quota_change) == "quota-changes/*/*.yaml");
  CHECK(record_glob(Kind::exam) == "exams/*/*.yaml");
  CHECK(record_glob(Kind::fund) == "funds/*/*.yaml");
  CHECK(record_glob(Kind::report) == "reports/*/*/*.yaml");

  auto entries = yaml_schema_entries();
  REQUIRE(entries.size() == std::size(k_all_kinds));
  CHECK(entries[3] ==
        std::pair<std::string, std::string>{"./.pilot/schema/pilot.json", "pilots/*/*.yaml"});
  // The snippet is the members of a JSON object, as a user pastes them.
  auto snippet = J::parse("{" + yaml_schemas_snippet() + "}");
  CHECK(snippet.size() == entries.size());
  CHECK(snippet["./.pilot/schema/report.json"] == J::array({"reports/*/*/*.yaml"}));
}

TEST_CASE("editors: a new settings file maps every kind") {
  SettingsMerge m = merge_vscode_settings(std::nullopt);
  REQUIRE(m.result == SettingsMerge::Result::created);
  auto j = J::parse(m.text);
  CHECK(j.size() == 1);
  CHECK(j["yaml.schemas"].size() == std::size(k_all_kinds));
  CHECK(j["yaml.schemas"]["./.pilot/schema/college.json"] == J::array({"colleges/*.yaml"}));
  CHECK(m.text.find("\n    \"yaml.schemas\": {\n        \"./.pilot/schema/college.json\": [") !=
        std::string::npos);
  CHECK(m.text.back() == '\n');
}

TEST_CASE("editors: an existing settings file keeps every other key, entry and order") {
  std::string existing = R"({
  "editor.tabSize": 2,
  "files.encoding": "utf8",
  "yaml.schemas": { "https://json.schemastore.org/gitlab-ci": ".gitlab-ci.yml",
                    "./.pilot/schema/pilot.json": "old/*.yaml" },
  "cSpell.words": ["试点", "pilot"]
})";
  SettingsMerge m = merge_vscode_settings(existing);
  REQUIRE(m.result == SettingsMerge::Result::updated);
  auto j = J::parse(m.text);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"editor.tabSize", "files.encoding", "yaml.schemas",
                                         "cSpell.words"});
  CHECK(j["editor.tabSize"] == 2);
  CHECK(j["cSpell.words"] == J::array({"试点", "pilot"}));
  CHECK(m.text.find("\"试点\"") != std::string::npos);  // UTF-8 kept as it is, not \u escapes
  auto schemas = j["yaml.schemas"];
  CHECK(schemas.begin().key() == "https://json.schemastore.org/gitlab-ci");
  CHECK(schemas["https://json.schemastore.org/gitlab-ci"] == ".gitlab-ci.yml");
  CHECK(schemas["./.pilot/schema/pilot.json"] == J::array({"pilots/*/*.yaml"}));  // ours, refreshed
  CHECK(schemas.size() == std::size(k_all_kinds) + 1);

  SUBCASE("an entry of pilot's with globs of the user's own stays as it is") {
    auto mine = j;
    mine["yaml.schemas"]["./.pilot/schema/exam.json"] =
        J::array({"drafts/*.yaml", "exams/*/*.yaml"});
    SettingsMerge again = merge_vscode_settings(mine.dump(2));
    CHECK(again.result == SettingsMerge::Result::unchanged);
  }
  SUBCASE("merging again changes nothing") {
    CHECK(merge_vscode_settings(m.text).result == SettingsMerge::Result::unchanged);
  }
}

TEST_CASE("editors: a settings file pilot cannot rewrite whole is left alone, with what to add") {
  struct Case {
    const char* text;
    const char* why;
  };
  const Case cases[] = {
      {"{\n  // my font\n  \"editor.fontSize\": 14\n}\n", "comments"},
      {"{\n  \"editor.fontSize\": 14,\n}\n", "trailing comma"},
      {"[1, 2]\n", "not a JSON object"},
      {"{ \"yaml.schemas\": \"kubernetes\" }\n", "is not an object"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    SettingsMerge m = merge_vscode_settings(std::string(c.text));
    CHECK(m.result == SettingsMerge::Result::refused);
    CHECK(m.text.empty());
    CHECK(m.reason.en.find(c.why) != std::string::npos);
    CHECK(m.reason.en.find("\"./.pilot/schema/pilot.json\": [\"pilots/*/*.yaml\"]") !=
          std::string::npos);
    CHECK(m.reason.zh.find("未修改 .vscode/settings.json") != std::string::npos);
  }
}

TEST_CASE(
    "editors: write_editor_files writes the schemas and settings once, then finds them up to "
    "date") {
  Scratch s;
  EditorFiles first = write_editor_files(s.path, posix_file_system());
  CHECK(first.written.size() == std::size(k_all_kinds) + 1);
  CHECK(first.written.back() == ".vscode/settings.json");
  CHECK(first.unchanged.empty());
  CHECK(first.warnings.empty());
  for (const auto& [rel, text] : schema_files()) CHECK(s.read(rel) == text);
  CHECK(J::parse(s.read(".vscode/settings.json"))["yaml.schemas"].size() == std::size(k_all_kinds));

  EditorFiles again = write_editor_files(s.path, posix_file_system());
  CHECK(again.written.empty());
  CHECK(again.unchanged.size() == std::size(k_all_kinds) + 1);

  SUBCASE("a stale schema is rewritten, alone") {
    s.write(".pilot/schema/exam.json", "{}\n");
    EditorFiles fix = write_editor_files(s.path, posix_file_system());
    CHECK(fix.written == std::vector<std::string>{".pilot/schema/exam.json"});
    CHECK(s.read(".pilot/schema/exam.json") == schema_json(Kind::exam));
  }
  SUBCASE("a settings file with comments stays byte for byte, with a warning") {
    const std::string mine = "{\n  // mine\n  \"editor.rulers\": [100]\n}\n";
    s.write(".vscode/settings.json", mine);
    EditorFiles kept = write_editor_files(s.path, posix_file_system());
    CHECK(s.read(".vscode/settings.json") == mine);
    REQUIRE(kept.warnings.size() == 1);
    CHECK(kept.warnings[0].en.find("comments") != std::string::npos);
  }
  SUBCASE("a settings file that is a symbolic link is not followed") {
    s.write("elsewhere.json", "{}\n");
    fs::remove(s.path / ".vscode/settings.json");
    fs::create_symlink(s.path / "elsewhere.json", s.path / ".vscode/settings.json");
    EditorFiles kept = write_editor_files(s.path, posix_file_system());
    CHECK(fs::is_symlink(s.path / ".vscode/settings.json"));
    CHECK(s.read("elsewhere.json") == "{}\n");
    CHECK(kept.warnings.size() == 1);
  }
}

TEST_CASE("editors: a failed write leaves no temporary file and throws") {
  Scratch s;
  auto failing = failing_file_system(FsStep::fsync);
  CHECK_THROWS_AS(write_editor_files(s.path, *failing), WriteError);
  for (const auto& e : s.entries()) {
    CAPTURE(e);
    CHECK(e.find(".tmp-") == std::string::npos);
  }
  CHECK_FALSE(fs::exists(s.path / ".pilot/schema/college.json"));
}

TEST_CASE("editors: the $schema line only when the schema is there") {
  Scratch s;
  CHECK(modeline_if_schema_exists(s.path, Kind::pilot, "pilots/2026/x.yaml").empty());
  s.write(".pilot/schema/pilot.json", "{}\n");
  CHECK(modeline_if_schema_exists(s.path, Kind::pilot, "pilots/2026/x.yaml") ==
        "# yaml-language-server: $schema=../../.pilot/schema/pilot.json\n");
  CHECK(modeline_if_schema_exists(s.path, Kind::exam, "exams/2026/x.yaml").empty());
}
