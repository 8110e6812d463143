#pragma once
// Running other programs (bash, zsh, fish, git, node, cmake) from CLI tests: a script file run
// by /bin/sh with a clean environment, its stdout and stderr captured.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "run.hpp"
#include "skip.hpp"

namespace pilot::test {

struct ShellResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The PATH that run_shell gives: the test's own (so that a tool hidden from PATH is missing for
// the tests too, docs/testing.md), or /usr/local/bin:/usr/bin:/bin when it has none.
inline std::string shell_path() {
  const char* path = std::getenv("PATH");
  return path != nullptr && *path != '\0' ? path : "/usr/local/bin:/usr/bin:/bin";
}

// Runs `script` (sh syntax) in `cwd` with shell_path(), HOME=/tmp, LANG=C.UTF-8 and nothing
// else inherited. `script` may use $PILOT (the binary under test).
inline ShellResult run_shell(const std::string& script, const std::filesystem::path& cwd = {}) {
  TempDir io;
  auto in = io.path() / "script.sh";
  {
    std::ofstream f(in, std::ios::binary);
    f << script;
  }
  std::string cd = cwd.empty() ? "" : "cd '" + cwd.string() + "' && ";
  std::string command = cd + "env -i PATH='" + shell_path() +
                        "' HOME=/tmp LANG=C.UTF-8 PILOT='" PILOT_BIN "' sh '" +
                        in.string() + "' >'" + (io.path() / "out").string() + "' 2>'" + (io.path() / "err").string() + "'";
  int status = std::system(command.c_str());
  ShellResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = io.read("out");
  r.err = io.read("err");
  return r;
}

// Whether a program is on the PATH that run_shell gives.
inline bool have_program(const std::string& name) {
  return run_shell("command -v '" + name + "' >/dev/null").exit_code == 0;
}

// For a test that needs `program`, which `make deps` installs (Debian package `package`):
// true when it is there. When it is not, the test is skipped (skip.hpp), or under CI=true,
// where `make test` has installed it, fails. Use: `if (!need_tool("zsh", "zsh")) return;`
// A test tool that `make test` provides is missing: a failure under CI=true, else a skip.
inline void missing_tool(const std::string& why) {
  const char* ci = std::getenv("CI");
  if (ci != nullptr && std::string(ci) == "true") {
    FAIL("CI=true and " << why << ": a skip would hide a test");
  }
  skip(why);
}

inline bool need_tool(const std::string& program, const std::string& package) {
  if (have_program(program)) return true;
  missing_tool(program + " is not on PATH (Debian package " + package +
               ", which `make test-deps` installs)");
  return false;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The build directory (where the pilot binary is).
inline std::filesystem::path build_dir() { return std::filesystem::path(PILOT_BIN).parent_path(); }

}  // namespace pilot::test
