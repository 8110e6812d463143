#include "changed_files.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "common.hpp"

extern char** environ;

namespace pilot::cli {

namespace {

struct GitRun {
  bool started = false;  // false: git could not be run at all
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `git -C dir args...` without a shell, capturing stdout and stderr.
GitRun git(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  GitRun run;
  std::vector<std::string> argv_s{"git", "-C", dir.string()};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return run;
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return run;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc == 0) {
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&run.out, &run.err};
    int open_fds = 2;
    char buf[8192];
    while (open_fds > 0) {
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || fds[i].revents == 0) continue;
        ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n > 0) {
          sinks[i]->append(buf, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    // posix_spawnp reports a missing git as exit 127 from the child on glibc.
    run.started = !(WIFEXITED(status) && WEXITSTATUS(status) == 127);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  return run;
}

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string first_line(const std::string& s) {
  auto b = s.find_first_not_of(" \n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find('\n', b) - b);
}

[[noreturn]] void fail(Lang lang, const std::string& zh, const std::string& en) {
  throw UsageError(lang == Lang::zh ? zh : en);
}

}  // namespace

std::set<std::string> files_changed_since(const std::filesystem::path& root, const std::string& rev, Lang lang) {
  if (rev.empty() || rev[0] == '-') {
    fail(lang, fmt::format("--changed-since 需要一个 git 版本(提交、分支或标签),而不是 “{}”", rev),
         fmt::format("--changed-since needs a git revision (a commit, branch or tag), not \"{}\"", rev));
  }
  GitRun inside = git(root, {"rev-parse", "--is-inside-work-tree"});
  if (!inside.started) {
    fail(lang, "--changed-since 需要 git,但找不到 git 命令:请安装 git(apt-get install git)",
         "--changed-since needs git, and no git command was found: install git (apt-get install git)");
  }
  if (inside.exit_code != 0 || first_line(inside.out) != "true") {
    fail(lang, fmt::format("--changed-since:{} 不在 git 工作区中(git 说:{})", root.string(), first_line(inside.err)),
         fmt::format("--changed-since: {} is not inside a git work tree (git says: {})", root.string(), first_line(inside.err)));
  }
  GitRun commit = git(root, {"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"});
  std::string sha = first_line(commit.out);
  if (commit.exit_code != 0 || sha.empty()) {
    fail(lang, fmt::format("--changed-since:git 中没有版本 “{}”;检查拼写,或先 git fetch 取得该分支", rev),
         fmt::format("--changed-since: git knows no revision \"{}\"; check the spelling, or git fetch that branch first", rev));
  }
  GitRun diff = git(root, {"diff", "--name-only", "-z", "--no-renames", "--relative", sha, "--"});
  GitRun untracked = git(root, {"ls-files", "-z", "--others", "--exclude-standard"});
  for (const GitRun* r : {&diff, &untracked}) {
    if (r->exit_code != 0) {
      fail(lang, fmt::format("--changed-since:git 出错:{}", first_line(r->err)),
           fmt::format("--changed-since: git failed: {}", first_line(r->err)));
    }
  }
  std::set<std::string> files;
  for (const GitRun* r : {&diff, &untracked}) {
    for (auto& p : split_nul(r->out)) files.insert(std::move(p));
  }
  return files;
}

std::string git_prefix(const std::filesystem::path& root) {
  GitRun r = git(root, {"rev-parse", "--show-prefix"});
  if (!r.started || r.exit_code != 0) return "";
  std::string prefix = r.out;
  while (!prefix.empty() && (prefix.back() == '\n' || prefix.back() == '\r')) prefix.pop_back();
  return prefix;
}

void keep_findings_in(Analysis& analysis, const std::set<std::string>& files) {
  auto outside = [&](const Diagnostic& d) { return files.count(d.file) == 0; };
  std::erase_if(analysis.diagnostics, outside);
  std::erase_if(analysis.waived, outside);
  analysis.errors = static_cast<int>(std::count_if(analysis.diagnostics.begin(), analysis.diagnostics.end(),
                                                   [](const Diagnostic& d) { return d.severity == Severity::error; }));
  analysis.warnings = static_cast<int>(std::count_if(analysis.diagnostics.begin(), analysis.diagnostics.end(),
                                                     [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

}  // namespace pilot::cli
