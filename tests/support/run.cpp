#include "run.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace pilot::test {

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path unique_temp(const char* prefix) {
  static std::mt19937_64 rng{std::random_device{}() ^ static_cast<unsigned long>(::getpid())};
  for (;;) {
    fs::path p = fs::temp_directory_path() / (std::string(prefix) + std::to_string(rng()));
    std::error_code ec;
    if (fs::create_directory(p, ec)) return p;
  }
}

}  // namespace

nlohmann::json RunResult::json() const { return nlohmann::json::parse(out); }

RunResult run_pilot(const std::vector<std::string>& args, const std::map<std::string, std::string>& env, int timeout_s,
                    const fs::path& cwd) {
  TempDir io;
  fs::path out_path = io.path() / "out", err_path = io.path() / "err";
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    std::vector<std::string> envs{"PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8"};
    for (const auto& [k, v] : env) {
      std::erase_if(envs, [&](const std::string& e) { return e.rfind(k + "=", 0) == 0; });
      envs.push_back(k + "=" + v);
    }
    std::vector<char*> argv{const_cast<char*>(PILOT_BIN)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& e : envs) envp.push_back(e.data());
    envp.push_back(nullptr);
    ::execve(PILOT_BIN, argv.data(), envp.data());
    ::_exit(127);
  }
  RunResult r;
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (;;) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.exit_code = -9;
      r.out = slurp(out_path);
      r.err = slurp(err_path);
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  return r;
}

TempDir::TempDir() : path_(unique_temp("pilot-test-")) {}

TempDir::TempDir(const fs::path& copy_of) : TempDir() {
  fs::copy(copy_of, path_, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

TempDir::~TempDir() {
  std::error_code ec;
  // Make everything removable (tests chmod files unreadable).
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add | fs::perm_options::nofollow, ec);
  }
  fs::remove_all(path_, ec);
}

void TempDir::write(const std::string& rel, const std::string& bytes) const {
  fs::path p = path_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string TempDir::read(const std::string& rel) const { return slurp(path_ / rel); }

fs::path fixture(const std::string& name) { return fs::path(PILOT_FIXTURES) / name; }
fs::path example() { return fs::path(PILOT_SOURCE_DIR) / "data-example"; }

std::string tree_hash(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t h = 0;
  for (const auto& f : files) {
    h = h * 1000003 ^ std::hash<std::string>{}(fs::relative(f, dir).string());
    h = h * 1000003 ^ std::hash<std::string>{}(slurp(f));
  }
  return std::to_string(files.size()) + ":" + std::to_string(h);
}

std::vector<nlohmann::json> with_rule(const nlohmann::json& result, const std::string& rule) {
  std::vector<nlohmann::json> out;
  for (const auto& d : result.at("diagnostics")) {
    if (d.at("rule") == rule) out.push_back(d);
  }
  return out;
}

}  // namespace pilot::test
