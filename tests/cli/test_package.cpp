// The Debian package (cmake/Package.cmake, packaging/): `cpack -G DEB` builds pilot-1x — not
// `pilot`, which Debian already has — and lintian finds no error in it: copyright, changelog,
// compressed man page, a real Maintainer, a description in Chinese and English, and a binary
// built with the hardening flags (checked with readelf, and with hardening-check when devscripts
// is installed).
#include <doctest/doctest.h>

#include <filesystem>
#include <iterator>
#include <regex>
#include <sstream>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

// cmake/Hardening.cmake hardens every build but the sanitizer and fuzz ones: the hardening of
// the packaged binary is checked in the plain build (the first half of .ci/run) only.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_hardened_build = false;
#else
constexpr bool k_hardened_build = true;
#endif

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// The version pilot reports ("pilot 0.1.0" -> "0.1.0").
std::string pilot_version() {
  std::string v = run_pilot({"--version"}).out;
  v = v.substr(v.find(' ') + 1);
  return v.substr(0, v.find_first_of(" \n"));
}

// A CMake cache entry of the build directory.
std::string cache_value(const std::string& name) {
  std::istringstream in(read_file(build_dir() / "CMakeCache.txt"));
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(name + ":", 0) == 0) return line.substr(line.find('=') + 1);
  }
  return {};
}

// Builds the package once: the checks below are the subcases of one test, so one process.
const fs::path& package() {
  static TempDir out;
  static fs::path deb = [] {
    REQUIRE_MESSAGE(have_program("dpkg-deb"), "dpkg-deb is missing: this test runs on Debian");
    auto r = run_shell(
        "cpack -G DEB --config " + q(build_dir() / "CPackConfig.cmake") + " -B " + q(out.path()),
        build_dir());
    REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
    fs::path found;
    for (const auto& e : fs::directory_iterator(out.path())) {
      if (e.path().extension() == ".deb") found = e.path();
    }
    REQUIRE_FALSE(found.empty());
    return found;
  }();
  return deb;
}

std::string field(const std::string& name) {
  auto r = run_shell("dpkg-deb -f " + q(package()) + " " + name);
  return r.out.empty() ? r.out : r.out.substr(0, r.out.size() - 1);
}

}  // namespace

TEST_CASE("package: the Debian package pilot-1x, checked field by field and by lintian") {
  SUBCASE("pilot-1x installs the command pilot and conflicts with Debian's pilot") {
    std::string arch = run_shell("dpkg --print-architecture").out;
    arch = arch.substr(0, arch.find('\n'));
    CHECK(package().filename() == "pilot-1x_" + pilot_version() + "_" + arch + ".deb");
    CHECK(field("Package") == "pilot-1x");
    CHECK(field("Version") == pilot_version());
    CHECK(field("Conflicts") == "pilot");
    CHECK(field("Section") == "utils");
    std::string depends = field("Depends");
    INFO(depends);
    for (const char* lib :
         {"libyaml-cpp0.7", "libfmt9", "libtomlplusplus3", "libxlsxwriter4", "libc6", "libstdc++6"}) {
      CAPTURE(lib);
      CHECK(depends.find(lib) != std::string::npos);
    }
    auto contents = run_shell("dpkg-deb -c " + q(package())).out;
    for (const char* path :
         {"./usr/bin/pilot", "./usr/share/man/man1/pilot.1.gz",
          "./usr/share/bash-completion/completions/pilot",
          "./usr/share/zsh/vendor-completions/_pilot",
          "./usr/share/fish/vendor_completions.d/pilot.fish", "./usr/share/doc/pilot-1x/copyright",
          "./usr/share/doc/pilot-1x/changelog.gz", "./usr/share/doc/pilot-1x/guide-zh.md"}) {
      CAPTURE(path);
      CHECK(contents.find(path + std::string("\n")) != std::string::npos);
    }
    CHECK(contents.find("./usr/share/man/man1/pilot.1\n") == std::string::npos);  // only compressed
    // The packaged command runs.
    TempDir root;
    REQUIRE(run_shell("dpkg-deb -x " + q(package()) + " " + q(root.path())).exit_code == 0);
    auto version = run_shell(q(root.path() / "usr/bin/pilot") + " --version");
    CHECK(version.out == run_pilot({"--version"}).out);
  }

  SUBCASE("Maintainer is the PILOT_MAINTAINER cache variable, in Name <email> form") {
    std::string maintainer = field("Maintainer");
    CHECK(maintainer == cache_value("PILOT_MAINTAINER"));
    CHECK(std::regex_match(maintainer, std::regex(R"([^<>@]+ <[^<>@ ]+@[^<>@ ]+\.[^<>@ ]+>)")));

    // A malformed value stops the configuration, naming the variable.
    TempDir scratch;
    auto r = run_shell("cmake -S " + q(PILOT_SOURCE_DIR) + " -B " + q(scratch.path()) +
                       " -DPILOT_TESTS=OFF '-DPILOT_MAINTAINER=pilot maintainers'");
    CHECK(r.exit_code != 0);
    CHECK((r.out + r.err).find("PILOT_MAINTAINER must read `Name <email>`") != std::string::npos);
  }

  SUBCASE("the description has a synopsis and an extended part in Chinese and English") {
    std::string description = field("Description");
    INFO(description);
    std::istringstream in(description);
    std::string synopsis;
    std::getline(in, synopsis);
    CHECK(synopsis == "checks and reports for a vocational college's 1+X certificate pilot");
    // The extended part is packaging/description.txt, each line after a space, blank lines " ."
    // (and nothing mangled on the way: cpack once turned quotes into ';').
    std::istringstream text(
        read_file(fs::path(PILOT_SOURCE_DIR) / "packaging" / "description.txt"));
    std::string expected;
    for (std::string line; std::getline(text, line);)
      expected += line.empty() ? " .\n" : " " + line + "\n";
    std::string extended((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(extended + "\n" == expected);
    CHECK(extended.find("按学校的指导意见") != std::string::npos);
    CHECK(extended.find("checks it against every rule of the school's guidance") !=
          std::string::npos);
  }

  SUBCASE("the changelog names the package and the version pilot reports") {
    REQUIRE_MESSAGE(have_program("dpkg-parsechangelog"),
                    "dpkg-parsechangelog is missing: `make test-deps` installs dpkg-dev");
    fs::path changelog = fs::path(PILOT_SOURCE_DIR) / "packaging" / "changelog";
    CHECK(run_shell("dpkg-parsechangelog -l " + q(changelog) + " -S Source").out == "pilot-1x\n");
    CHECK(run_shell("dpkg-parsechangelog -l " + q(changelog) + " -S Version").out ==
          pilot_version() + "\n");
    // Installed compressed with gzip -9n: the same bytes on every build.
    TempDir root;
    REQUIRE(run_shell("dpkg-deb -x " + q(package()) + " " + q(root.path())).exit_code == 0);
    auto doc = root.path() / "usr/share/doc/pilot-1x";
    CHECK(run_shell("gzip -dc " + q(doc / "changelog.gz")).out == read_file(changelog));
    CHECK(run_shell("gzip -dc " + q(root.path() / "usr/share/man/man1/pilot.1.gz")).out ==
          read_file(fs::path(PILOT_SOURCE_DIR) / "docs" / "pilot.1"));
    CHECK(read_file(doc / "copyright")
              .rfind("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n",
                     0) == 0);
  }

  SUBCASE("lintian reports no error and no missing hardening") {
    if (!need_tool("lintian", "lintian")) return;
    // -I shows the info-level tags too, among them hardening-no-fortify-functions and -bindnow.
    auto r =
        run_shell("lintian --allow-root -I --tag-display-limit 0 --fail-on error " + q(package()));
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
      CAPTURE(line);
      CHECK(line.rfind("E: ", 0) != 0);
      if (k_hardened_build) CHECK(line.find("hardening-") == std::string::npos);
    }
  }

  SUBCASE("the packaged pilot is built with fortify, stack protector, relro/now and PIE") {
    if (!k_hardened_build) {
      MESSAGE("a sanitizer build is not hardened (cmake/Hardening.cmake): the plain build checks");
      return;
    }
    TempDir root;
    REQUIRE(run_shell("dpkg-deb -x " + q(package()) + " " + q(root.path())).exit_code == 0);
    fs::path bin = root.path() / "usr/bin/pilot";
    std::string header = run_shell("readelf -h " + q(bin)).out;
    CHECK(header.find("DYN (Position-Independent Executable file)") != std::string::npos);  // PIE
    CHECK(run_shell("readelf -lW " + q(bin)).out.find("GNU_RELRO") != std::string::npos);   // relro
    std::string dynamic = run_shell("readelf -dW " + q(bin)).out;
    CHECK(dynamic.find("(FLAGS)") != std::string::npos);
    CHECK(dynamic.find("BIND_NOW") != std::string::npos);  // now
    std::string symbols = run_shell("readelf --dyn-syms -W " + q(bin)).out;
    CHECK(symbols.find("__stack_chk_fail") != std::string::npos);  // stack protector
    CHECK(std::regex_search(symbols,
                            std::regex(R"(__\w+_chk@)")));  // fortified calls (__memcpy_chk, ...)
    if (have_program("hardening-check")) {
      // --nocfprotection: Debian 12's crt1.o and crti.o lack the IBT/SHSTK property, so no
      // program linked there can have it (cmake/Hardening.cmake).
      auto r = run_shell("hardening-check --nocfprotection " + q(bin));
      INFO(r.out << r.err);
      CHECK(r.exit_code == 0);
    } else {
      MESSAGE(
          "hardening-check not run: it is in devscripts (apt-get install --no-install-recommends "
          "devscripts)");
    }
  }
}
