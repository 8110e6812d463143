// Progress goes to stderr only when stderr is a terminal; output that is piped or captured
// (CI logs, scripts) never carries it.
#include <doctest/doctest.h>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;

TEST_CASE("progress: never on stderr when it is not a terminal") {
  for (const char* format : {"text", "json", "sarif"}) {
    CAPTURE(format);
    auto r = run_pilot({"validate", "--repo", example().string(), "--as-of", PILOT_EXAMPLE_AS_OF, "--format", format});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
}

TEST_CASE("progress: shown on a terminal, and not with --quiet") {
  if (!need_tool("script", "bsdutils")) return;  // util-linux's script gives the command a terminal
  std::string cmd = std::string("'") + PILOT_BIN + "' validate --repo '" + example().string() + "' --as-of " PILOT_EXAMPLE_AS_OF;
  auto tty = run_shell("script -qec \"" + cmd + "\" /dev/null");
  CHECK(tty.exit_code == 0);
  CHECK(tty.out.find("pilot: loading") != std::string::npos);
  auto quiet = run_shell("script -qec \"" + cmd + " --quiet\" /dev/null");
  CHECK(quiet.out.find("pilot: loading") == std::string::npos);
}
