// Installing (cmake/Package.cmake, cmake/InstallCompletions.cmake): `cmake --install` puts the
// binary, the man page, the docs and the completions where the system looks for them — for
// /usr/local, where bash, zsh and fish look for that prefix; for /usr, Debian's vendor folders —
// and zsh and fish, started as they are for the prefix, complete `pilot val` with what was
// installed. The Debian package: test_package.cpp.
#include <doctest/doctest.h>

#include <filesystem>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

const fs::path k_source = PILOT_SOURCE_DIR;

void install_to(const fs::path& prefix) {
  auto r = run_shell("cmake --install " + q(build_dir()) + " --prefix " + q(prefix));
  REQUIRE_MESSAGE(r.exit_code == 0, r.out << r.err);
}

}  // namespace

TEST_CASE(
    "install: a prefix such as /usr/local gets a working pilot with completions, man page and "
    "docs") {
  TempDir prefix;
  install_to(prefix.path());
  struct Installed {
    const char* where;
    fs::path from;
  };
  const Installed files[] = {
      {"share/bash-completion/completions/pilot", k_source / "completions" / "pilot.bash"},
      {"share/zsh/site-functions/_pilot", k_source / "completions" / "_pilot"},
      {"share/fish/vendor_completions.d/pilot.fish", k_source / "completions" / "pilot.fish"},
      {"share/doc/pilot-1x/guide-zh.md", k_source / "docs" / "guide-zh.md"},
      {"share/doc/pilot-1x/editors-vscode.md", k_source / "docs" / "editors-vscode.md"},
      {"share/doc/pilot-1x/copyright", k_source / "packaging" / "copyright"},
  };
  for (const auto& f : files) {
    CAPTURE(f.where);
    REQUIRE(fs::exists(prefix.path() / f.where));
    CHECK(read_file(prefix.path() / f.where) == read_file(f.from));
  }
  CHECK_FALSE(
      fs::exists(prefix.path() / "share/zsh/vendor-completions"));  // Debian's, for packages
  fs::path man = prefix.path() / "share/man/man1/pilot.1.gz";
  REQUIRE(fs::exists(man));
  CHECK(run_shell("gzip -dc " + q(man)).out == read_file(k_source / "docs" / "pilot.1"));

  fs::path bin = prefix.path() / "bin" / "pilot";
  REQUIRE(fs::exists(bin));
  auto version = run_shell(q(bin) + " --version");
  CHECK(version.exit_code == 0);
  CHECK(version.out == run_pilot({"--version"}).out);
  CHECK(version.out.rfind("pilot ", 0) == 0);
  auto validate = run_shell(q(bin) + " validate --repo " + q(example()) +
                            " --as-of " PILOT_EXAMPLE_AS_OF " --strict");
  CHECK(validate.exit_code == 0);

  // The installed bash completion, found the way bash-completion finds it, completes.
  auto complete = run_shell(
      "exec bash -c '. \"$0\"; COMP_WORDS=(pilot sch); COMP_CWORD=1; _pilot; echo "
      "\"${COMPREPLY[*]}\"' " +
      q(prefix.path() / "share/bash-completion/completions/pilot"));
  CHECK(complete.out == "schema\n");
  if (have_program("man")) {
    auto page = run_shell("MANWIDTH=80 man -l " + q(man) + " | head -n 5");
    CHECK(page.out.find("PILOT(1)") != std::string::npos);
  }
}

TEST_CASE("install: the prefix /usr (a distribution package) gets Debian's vendor folders") {
  TempDir root;
  install_to(root.path() / "usr");
  CHECK(fs::exists(root.path() / "usr/share/zsh/vendor-completions/_pilot"));
  CHECK_FALSE(fs::exists(root.path() / "usr/share/zsh/site-functions"));
  CHECK(fs::exists(root.path() / "usr/share/fish/vendor_completions.d/pilot.fish"));
  CHECK(fs::exists(root.path() / "usr/share/bash-completion/completions/pilot"));
}

TEST_CASE(
    "install: zsh started for the prefix completes `pilot val` from share/zsh/site-functions") {
  if (!need_tool("zsh", "zsh")) return;
  // Debian's zsh looks in /usr/local/share/zsh/site-functions: that prefix's folder.
  auto fpath = run_shell("zsh -f -c 'print -l $fpath'");
  REQUIRE(fpath.out.find("/usr/local/share/zsh/site-functions\n") != std::string::npos);

  TempDir prefix;
  install_to(prefix.path());
  // An interactive zsh in a pseudo-terminal (zsh/zpty) whose $fpath has the prefix's folder in
  // place of /usr/local's: compinit finds _pilot there, and Tab completes the command line.
  const std::string script = R"zsh(zmodload zsh/zpty
prefix=$1
zpty z "env -i PATH=$prefix/bin:/usr/bin:/bin HOME=$2 TERM=dumb zsh -f -i"
zpty -w z "local_dir=/usr/local/share/zsh/site-functions"
zpty -w z "fpath=(\${fpath/\$local_dir/$prefix/share/zsh/site-functions})"
zpty -w z "autoload -Uz compinit; compinit -u -D; f=(\${^fpath}/_pilot(N))"
zpty -w z "print found-\$_comps[pilot]-in-\$f[1]-."
zpty -r -m z out '*found-[^$]*-.*' || exit 3
print -r -- "$out"
zpty -w -n z $'pilot val\t'
zpty -r -m z line '*pilot validate*' || exit 4
print -r -- "completed: $line"
zpty -d z
)zsh";
  TempDir home;
  home.write("complete.zsh", script);
  auto r = run_shell("timeout 60 zsh -f " + q(home.path() / "complete.zsh") + " " +
                     q(prefix.path()) + " " + q(home.path()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("found-_pilot-in-" +
                   (prefix.path() / "share/zsh/site-functions/_pilot").string() + "-.") !=
        std::string::npos);
  CHECK(r.out.find("pilot validate") != std::string::npos);
}

TEST_CASE(
    "install: fish started for the prefix completes `pilot val` from "
    "share/fish/vendor_completions.d") {
  if (!need_tool("fish", "fish")) return;
  TempDir prefix;
  install_to(prefix.path());
  TempDir home;
  // fish reads <dir>/fish/vendor_completions.d for every dir of XDG_DATA_DIRS: a session for the
  // prefix lists <prefix>/share there, as desktop sessions list /usr/local/share.
  const std::string env = "env -i PATH=" + (prefix.path() / "bin").string() +
                          ":/usr/bin:/bin HOME=" + home.str() +
                          " XDG_DATA_DIRS=" + (prefix.path() / "share").string() + ":/usr/share ";
  auto path = run_shell(env + "fish -c 'printf \"%s\\n\" $fish_complete_path'");
  CHECK(path.out.find((prefix.path() / "share/fish/vendor_completions.d").string() + "\n") !=
        std::string::npos);
  auto r = run_shell(env + "fish -c 'complete -C \"pilot val\"'");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("validate\t", 0) == 0);
  // Without the prefix in XDG_DATA_DIRS fish does not look there (the guide says what to add).
  if (fs::exists("/usr/share/fish/vendor_completions.d/pilot.fish"))
    return;  // the package is installed
  auto without = run_shell("env -i PATH=/usr/bin:/bin HOME=" + home.str() +
                           " fish -c 'complete -C \"pilot val\"'");
  CHECK(without.out.find("validate\t") == std::string::npos);
}
