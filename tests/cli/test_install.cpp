// Installing: `cmake --install` puts the binary, the completions and the man page where the
// system looks for them, and `cpack -G DEB` builds a package depending on Debian's libraries.
#include <doctest/doctest.h>

#include <filesystem>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("install: cmake --install into a prefix gives a working pilot with completions and man page") {
  TempDir prefix;
  auto r = run_shell("cmake --install " + q(build_dir()) + " --prefix " + q(prefix.path()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);

  fs::path source = PILOT_SOURCE_DIR;
  struct Installed {
    const char* where;
    fs::path from;
  };
  const Installed files[] = {
      {"share/bash-completion/completions/pilot", source / "completions" / "pilot.bash"},
      {"share/zsh/vendor-completions/_pilot", source / "completions" / "_pilot"},
      {"share/fish/vendor_completions.d/pilot.fish", source / "completions" / "pilot.fish"},
      {"share/man/man1/pilot.1", source / "docs" / "pilot.1"},
      {"share/doc/pilot/guide-zh.md", source / "docs" / "guide-zh.md"},
  };
  for (const auto& f : files) {
    CAPTURE(f.where);
    REQUIRE(fs::exists(prefix.path() / f.where));
    CHECK(read_file(prefix.path() / f.where) == read_file(f.from));
  }

  fs::path bin = prefix.path() / "bin" / "pilot";
  REQUIRE(fs::exists(bin));
  auto version = run_shell(q(bin) + " --version");
  CHECK(version.exit_code == 0);
  CHECK(version.out == run_pilot({"--version"}).out);
  CHECK(version.out.rfind("pilot ", 0) == 0);
  auto validate = run_shell(q(bin) + " validate --repo " + q(example()) + " --as-of " PILOT_EXAMPLE_AS_OF " --strict");
  CHECK(validate.exit_code == 0);

  // The installed bash completion, found the way bash-completion finds it, completes.
  auto complete = run_shell("exec bash -c '. \"$0\"; COMP_WORDS=(pilot sch); COMP_CWORD=1; _pilot; echo \"${COMPREPLY[*]}\"' " +
                            q(prefix.path() / "share/bash-completion/completions/pilot"));
  CHECK(complete.out == "schema\n");
}

TEST_CASE("install: man shows the installed page") {
  // man is not one of the packages `make deps` installs: a skip, also under CI=true.
  if (!have_program("man")) return skip("man is not on PATH (Debian package man-db)");
  TempDir prefix;
  auto r = run_shell("cmake --install " + q(build_dir()) + " --prefix " + q(prefix.path()));
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
  auto man = run_shell("MANWIDTH=80 man -l " + q(prefix.path() / "share/man/man1/pilot.1") +
                       " | head -n 5");
  CHECK(man.out.find("PILOT(1)") != std::string::npos);
}

TEST_CASE("install: cpack -G DEB builds a package that depends on Debian's runtime libraries") {
  if (!need_tool("dpkg-deb", "dpkg")) return;
  TempDir out;
  auto r = run_shell("cpack -G DEB --config " + q(build_dir() / "CPackConfig.cmake") + " -B " + q(out.path()), build_dir());
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
  fs::path deb;
  for (const auto& e : fs::directory_iterator(out.path())) {
    if (e.path().extension() == ".deb") deb = e.path();
  }
  REQUIRE_FALSE(deb.empty());
  auto depends = run_shell("dpkg-deb -f " + q(deb) + " Depends");
  INFO(depends.out);
  for (const char* package :
       {"libyaml-cpp0.7", "libfmt9", "libtomlplusplus3", "libxlsxwriter4", "libc6", "libstdc++6"}) {
    CAPTURE(package);
    CHECK(depends.out.find(package) != std::string::npos);
  }
  CHECK(run_shell("dpkg-deb -f " + q(deb) + " Package").out == "pilot\n");
  auto contents = run_shell("dpkg-deb -c " + q(deb));
  for (const char* path : {"./usr/bin/pilot", "./usr/share/bash-completion/completions/pilot",
                           "./usr/share/zsh/vendor-completions/_pilot", "./usr/share/fish/vendor_completions.d/pilot.fish",
                           "./usr/share/man/man1/pilot.1"}) {
    CAPTURE(path);
    CHECK(contents.out.find(path) != std::string::npos);
  }
}
