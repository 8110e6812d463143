#pragma once
// Runs the real pilot binary for CLI tests, and builds throw-away repositories.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pilot::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const;  // stdout parsed as JSON (throws if it is not)
};

// Runs `pilot args...` with a clean environment (plus `env`), stdin from /dev/null,
// killed after `timeout_s` seconds (exit_code -9 then).
RunResult run_pilot(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                    int timeout_s = 60, const std::filesystem::path& cwd = {});

// A temporary directory removed at scope end; optionally a copy of a fixture.
class TempDir {
 public:
  TempDir();
  explicit TempDir(const std::filesystem::path& copy_of);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes a file (creating folders) with exactly these bytes.
  void write(const std::string& rel, const std::string& bytes) const;
  std::string read(const std::string& rel) const;

 private:
  std::filesystem::path path_;
};

std::filesystem::path fixture(const std::string& name);
std::filesystem::path example();
// A hash of every file's path and bytes below dir (to prove nothing changed).
std::string tree_hash(const std::filesystem::path& dir);

// Diagnostics of a `validate --format json` result with this rule.
std::vector<nlohmann::json> with_rule(const nlohmann::json& result, const std::string& rule);

}  // namespace pilot::test
