#pragma once
// Shared by the CLI tests of the writing commands (add, approve, reject, init).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run.hpp"

namespace pilot::test {

inline const std::string k_write_as_of = "2026-11-15";  // the base fixture's snapshot date

// tree_hash of everything but .pilot/, the lock folder a write may create (git-ignored by its
// own .gitignore; see docs/writing.md). Everything else must stay byte-identical.
inline std::string records_hash(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->path().filename() == ".pilot" && it.depth() == 0) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::size_t h = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    h = h * 1000003 ^ std::hash<std::string>{}(fs::relative(f, dir).string());
    h = h * 1000003 ^ std::hash<std::string>{}(ss.str());
  }
  return std::to_string(files.size()) + ":" + std::to_string(h);
}

// Files a write left behind by mistake: temporary files of an atomic write.
inline std::vector<std::string> temp_files(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path().string());
  }
  return out;
}

// `validate --format json` at the write tests' as-of date.
inline nlohmann::json validate_json(const TempDir& repo, const std::string& as_of = k_write_as_of) {
  RunResult r = run_pilot({"validate", "--repo", repo.str(), "--as-of", as_of, "--format", "json"});
  INFO(r.out, r.err);
  return r.json();
}

}  // namespace pilot::test
