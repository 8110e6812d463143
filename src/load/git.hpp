#pragma once
// Running git as a subprocess, without a shell.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pilot::load {

struct GitRun {
  bool started = false;  // false: git could not be run at all (not installed)
  int exit_code = -1;
  std::string out;  // stdout, unless a sink took it
  std::string err;
};

// Runs `git --no-optional-locks -C dir args...` (never writing the index, so a read-only
// command leaves the work tree and .git as they were). `input` is written to its stdin, which
// is then closed; stdout is passed to `sink` piece by piece when one is given, else kept in
// `out`. Reading and writing are interleaved, so any amount of either never blocks.
GitRun run_git(const std::filesystem::path& dir, const std::vector<std::string>& args,
               std::string_view input = {},
               const std::function<void(std::string_view)>& sink = nullptr);

// The first line of git's output, without leading blank lines.
std::string first_line(const std::string& s);

// NUL-separated fields (as -z prints them), the empty ones dropped.
std::vector<std::string> split_nul(const std::string& s);

}  // namespace pilot::load
