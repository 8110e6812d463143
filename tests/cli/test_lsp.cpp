// pilot lsp: a test client speaks to the real binary over its stdin and stdout, as an editor
// does. Every read has a deadline, so a server that hangs fails the test instead of stalling it.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "run.hpp"
#include "shell.hpp"

using namespace pilot::test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int k_timeout_ms = 30000;  // generous: sanitizer builds are slow on a busy machine

const std::string k_report = "reports/2026/510201/2026-11-10.yaml";
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";

std::string uri_of(const fs::path& p) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : p.string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

// `pilot lsp ARGS` with pipes for stdin and stdout; stderr goes to a file for failure messages.
class LspProcess {
 public:
  explicit LspProcess(const std::vector<std::string>& args) {
    int in[2], out[2];
    REQUIRE(::pipe(in) == 0);
    REQUIRE(::pipe(out) == 0);
    err_path_ = io_.path() / "stderr";
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(err, 2);
      ::close(in[1]);
      ::close(out[0]);
      std::vector<std::string> envs{"PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8"};
      std::vector<char*> argv{const_cast<char*>(PILOT_BIN), const_cast<char*>("lsp")};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      std::vector<char*> envp;
      for (auto& e : envs) envp.push_back(e.data());
      envp.push_back(nullptr);
      ::execve(PILOT_BIN, argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
    ::signal(SIGPIPE, SIG_IGN);
  }
  ~LspProcess() {
    close_input();
    if (from_ >= 0) ::close(from_);
    if (!exit_code_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  LspProcess(const LspProcess&) = delete;
  LspProcess& operator=(const LspProcess&) = delete;

  void raw(const std::string& bytes) {
    std::string_view rest = bytes;
    while (!rest.empty()) {
      ssize_t n = ::write(to_, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      REQUIRE_MESSAGE(n > 0, "pilot lsp stopped reading; stderr: " << stderr_text());
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  void send(const json& message) {
    std::string body = message.dump();
    raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  int request(const std::string& method, json params) {
    int id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    return id;
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void close_input() {
    if (to_ >= 0) ::close(to_);
    to_ = -1;
  }

  // The next message, or nullopt when none came before the deadline or the output ended.
  std::optional<json> read(int timeout_ms = k_timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      auto header_end = buffer_.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        auto at = buffer_.find("Content-Length: ");
        REQUIRE_MESSAGE(at == 0, "bad header from pilot lsp: " << buffer_.substr(0, header_end));
        std::size_t length = std::stoul(buffer_.substr(16, header_end - 16));
        if (buffer_.size() >= header_end + 4 + length) {
          std::string body = buffer_.substr(header_end + 4, length);
          buffer_.erase(0, header_end + 4 + length);
          json message = json::parse(body);  // must be JSON: a parse error fails the test
          seen_.push_back(message);
          return message;
        }
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{from_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[65536];
      ssize_t n = ::read(from_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  // Reads until a message matches; fails the test when none does in time.
  json until(const std::function<bool(const json&)>& wanted, const std::string& what) {
    for (;;) {
      auto m = read();
      REQUIRE_MESSAGE(m.has_value(), "no " << what << " from pilot lsp; stderr: " << stderr_text());
      if (wanted(*m)) return *m;
    }
  }
  json answer(int id) {
    return until(
        [&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); },
        "answer to request " + std::to_string(id));
  }
  // The next publishDiagnostics for `uri`.
  json diagnostics_for(const std::string& uri) {
    return until(
        [&](const json& m) {
          return m.value("method", "") == "textDocument/publishDiagnostics" &&
                 m["params"]["uri"] == uri;
        },
        "publishDiagnostics for " + uri)["params"]["diagnostics"];
  }
  // The exit code, or nullopt when the process did not end in time.
  std::optional<int> wait(int timeout_ms = k_timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_code_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
  }
  std::string stderr_text() const { return read_file(err_path_); }

  void initialize(const fs::path& root, const std::string& locale = "en") {
    int id = request("initialize", {{"processId", ::getpid()},
                                    {"rootUri", uri_of(root)},
                                    {"locale", locale},
                                    {"capabilities", json::object()}});
    json init = answer(id);
    REQUIRE(init.contains("result"));
    notify("initialized", json::object());
  }
  void open(const fs::path& root, const std::string& rel, const std::string& text) {
    notify(
        "textDocument/didOpen",
        {{"textDocument",
          {{"uri", uri_of(root / rel)}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}});
  }
  void change(const fs::path& root, const std::string& rel, const std::string& text, int version) {
    notify("textDocument/didChange",
           {{"textDocument", {{"uri", uri_of(root / rel)}, {"version", version}}},
            {"contentChanges", json::array({{{"text", text}}})}});
  }

 private:
  TempDir io_;
  fs::path err_path_;
  pid_t pid_ = -1;
  int to_ = -1;
  int from_ = -1;
  int next_id_ = 1;
  std::string buffer_;
  std::vector<json> seen_;
  std::optional<int> exit_code_;
};

std::string with_attended(std::string report, int attended) {
  report.replace(report.find("attended: 18"), 12, "attended: " + std::to_string(attended));
  return report;
}

}  // namespace

TEST_CASE(
    "lsp: R605 appears at its line and UTF-16 column as a report is edited and clears when fixed, "
    "a report deleted on disk is R601 in its pilot, shutdown and exit is code 0") {
  TempDir repo(fixture("base"));
  std::string pilot = repo.read(k_pilot);
  auto from = pilot.find("majors:");
  pilot.replace(from, pilot.find("accounts:") - from,
                "majors: [{ contact: 𠮷老师, major: \"510202\", quota: 20 }, { contact: 李老师, "
                "major: \"510201\", "
                "quota: 30 }]\n");
  repo.write(k_pilot, pilot);
  const std::string report = repo.read(k_report);
  const std::string report_uri = uri_of(repo.path() / k_report);
  const std::string pilot_uri = uri_of(repo.path() / k_pilot);

  LspProcess lsp({"--as-of", "2026-11-15"});
  lsp.initialize(repo.path(), "zh-cn");
  lsp.open(repo.path(), k_report, report);
  lsp.change(repo.path(), k_report, with_attended(report, 19), 2);
  json raised = lsp.diagnostics_for(report_uri);
  REQUIRE(raised.size() == 1);
  CHECK(raised[0]["code"] == "R605");
  CHECK(raised[0]["range"]["start"] == json{{"line", 4}, {"character", 51}});
  CHECK(raised[0]["message"].get<std::string>().find("双周报累计参考 19 人") ==
        0);  // the client's locale

  lsp.change(repo.path(), k_report, report, 3);
  CHECK(lsp.diagnostics_for(report_uri).empty());

  // Close the report, delete it on disk, tell the server as a file watcher would.
  lsp.notify("textDocument/didClose", {{"textDocument", {{"uri", report_uri}}}});
  fs::remove(repo.path() / k_report);
  lsp.notify("workspace/didChangeWatchedFiles",
             {{"changes", {{{"uri", report_uri}, {"type", 3}}}}});
  json missing = lsp.diagnostics_for(pilot_uri);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0]["code"] == "R601");
  CHECK(missing[0]["severity"] == 1);
  // Column 56 in code points (55 before it); 𠮷 is two UTF-16 units: character 56.
  CHECK(missing[0]["range"]["start"] == json{{"line", 8}, {"character", 56}});

  // Restored (git checkout): cleared.
  repo.write(k_report, report);
  lsp.notify("workspace/didChangeWatchedFiles",
             {{"changes", {{{"uri", report_uri}, {"type", 1}}}}});
  CHECK(lsp.diagnostics_for(pilot_uri).empty());

  int id = lsp.request("shutdown", nullptr);
  CHECK(lsp.answer(id)["result"].is_null());
  lsp.notify("exit", nullptr);
  CHECK(lsp.wait() == 0);
}

TEST_CASE(
    "lsp: bad input gets an error answer or a finding, the server keeps answering, and ends with "
    "stdin") {
  TempDir repo(fixture("base"));
  const std::string report = repo.read(k_report);
  const std::string report_uri = uri_of(repo.path() / k_report);
  LspProcess lsp({"--as-of", "2026-11-15", "--lang", "en"});
  lsp.initialize(repo.path());

  lsp.raw("Content-Type: text/plain\r\n\r\n");  // a header without Content-Length
  CHECK(lsp.until([](const json& m) { return m.contains("error"); },
                  "framing error")["error"]["code"] == -32600);
  lsp.raw("Content-Length: 9\r\n\r\n{\"id\": 1,");  // not JSON
  CHECK(lsp.until([](const json& m) { return m.contains("error"); },
                  "parse error")["error"]["code"] == -32700);
  int unknown = lsp.request("pilot/doesNotExist", json::object());
  CHECK(lsp.answer(unknown)["error"]["code"] == -32601);
  int bad_params = lsp.request("textDocument/hover", {{"textDocument", {{"uri", report_uri}}}});
  CHECK(lsp.answer(bad_params)["error"]["code"] == -32602);

  // A document over 1 MiB: S005, as pilot validate says of such a file.
  lsp.open(repo.path(), k_report, report + "notes: \"" + std::string(1200 * 1024, 'x') + "\"\n");
  json big = lsp.diagnostics_for(report_uri);
  REQUIRE(big.size() == 1);
  CHECK(big[0]["code"] == "S005");
  CHECK(big[0]["message"].get<std::string>().find("too large") != std::string::npos);

  // Bytes that are not UTF-8 inside the JSON string of a change: S005 at those bytes.
  std::string text = json(report).dump();
  text.pop_back();
  text += "notes: \xB2\xE2\xCA\xD4\\n\"";
  std::string body =
      R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":")" +
      report_uri + R"(","version":2},"contentChanges":[{"text":)" + text + "}]}}";
  lsp.raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  json not_utf8 = lsp.diagnostics_for(report_uri);
  REQUIRE(not_utf8.size() == 1);
  CHECK(not_utf8[0]["code"] == "S005");
  CHECK(not_utf8[0]["range"]["start"] == json{{"line", 11}, {"character", 7}});

  // A file deleted under it: a change notice for a file that is gone, a hover on it.
  fs::remove(repo.path() / "reports/2026/510202/2026-11-10.yaml");
  const std::string gone = uri_of(repo.path() / "reports/2026/510202/2026-11-10.yaml");
  lsp.notify("workspace/didChangeWatchedFiles", {{"changes", {{{"uri", gone}, {"type", 2}}}}});
  json r601 = lsp.diagnostics_for(uri_of(repo.path() / k_pilot));
  REQUIRE(r601.size() == 1);
  CHECK(r601[0]["code"] == "R601");
  int hover = lsp.request("textDocument/hover", {{"textDocument", {{"uri", gone}}},
                                                 {"position", {{"line", 0}, {"character", 0}}}});
  CHECK(lsp.answer(hover)["result"].is_null());
  // Even the whole repository disappearing is no crash.
  fs::remove_all(repo.path());
  lsp.notify("workspace/didChangeWatchedFiles",
             {{"changes", {{{"uri", uri_of(repo.path() / "pilot.toml")}, {"type", 3}}}}});
  int still = lsp.request(
      "textDocument/completion",
      {{"textDocument", {{"uri", report_uri}}}, {"position", {{"line", 0}, {"character", 0}}}});
  CHECK(lsp.answer(still).contains("result"));

  // stdin closes in the middle of a message: the server ends, without shutdown: code 1.
  lsp.raw("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
  lsp.close_input();
  auto code = lsp.wait();
  REQUIRE_MESSAGE(code.has_value(), "pilot lsp did not exit when its stdin closed");
  CHECK(*code == 1);
  CHECK(lsp.stderr_text().empty());
}

TEST_CASE("lsp: a burst of changes that arrives at once is checked once, for the last text") {
  TempDir repo(fixture("base"));
  const std::string report = repo.read(k_report);
  const std::string report_uri = uri_of(repo.path() / k_report);
  LspProcess lsp({"--as-of", "2026-11-15"});
  lsp.initialize(repo.path());
  lsp.open(repo.path(), k_report, report);
  int barrier = lsp.request("textDocument/hover", {{"textDocument", {{"uri", report_uri}}},
                                                   {"position", {{"line", 0}, {"character", 0}}}});
  lsp.answer(barrier);
  // Five keystrokes in one write (under PIPE_BUF, so the server reads them together).
  std::string burst;
  for (int version = 2; version <= 6; ++version) {
    json change = {
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params",
         {{"textDocument", {{"uri", report_uri}, {"version", version}}},
          {"contentChanges", json::array({{{"text", with_attended(report, 10 + version)}}})}}}};
    std::string body = change.dump();
    burst += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  REQUIRE(burst.size() < 4096);
  lsp.raw(burst);
  int after = lsp.request("textDocument/hover", {{"textDocument", {{"uri", report_uri}}},
                                                 {"position", {{"line", 0}, {"character", 0}}}});
  int publishes = 0;
  json last;
  lsp.until(
      [&](const json& m) {
        if (m.value("method", "") == "textDocument/publishDiagnostics" &&
            m["params"]["uri"] == report_uri) {
          ++publishes;
          last = m["params"];
        }
        return m.contains("id") && m["id"] == after && !m.contains("method");
      },
      "answer to the hover after the burst");
  CHECK(publishes == 1);
  CHECK(last["version"] == 6);
  REQUIRE(last["diagnostics"].size() == 1);
  CHECK(last["diagnostics"][0]["message"].get<std::string>().find("attended is 16") !=
        std::string::npos);
}

TEST_CASE("lsp: --repo without a pilot.toml is a usage error before serving") {
  TempDir empty;
  auto r = run_pilot({"lsp", "--repo", empty.str()}, {}, 30);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("pilot.toml") != std::string::npos);
}

// The VS Code extension (editors/vscode/) packages as a .vsix with @vscode/vsce, installed from
// its package-lock.json by `npm ci` into the build directory once (a lock keeps parallel test
// runs apart; install scripts are not needed to package and are not run).
TEST_CASE("lsp: the VS Code extension builds as a .vsix with the language client inside") {
  if (!need_tool("npm", "npm") || !need_tool("node", "nodejs")) return;
  const fs::path source = fs::path(PILOT_SOURCE_DIR) / "editors" / "vscode";
  const fs::path work = build_dir() / "vscode-extension";
  fs::create_directories(work);
  auto q = [](const fs::path& p) { return "'" + p.string() + "'"; };
  std::string copy;
  for (const char* file :
       {"package.json", "package-lock.json", "extension.js", "README.md", ".vscodeignore"}) {
    copy += "cp " + q(source / file) + " " + q(work) + "\n";
  }
  auto r = run_shell(
      "set -e\nexec 9>" + q(work / "install.lock") + "\nflock 9\n" +
          "if [ ! -x node_modules/.bin/vsce ] || ! cmp -s " + q(source / "package-lock.json") +
          " package-lock.json; then\n" + "  " + copy +
          "  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2\nfi\n" + copy +
          "rm -f pilot-lsp.vsix\n"
          "node --check extension.js\n"
          "node_modules/.bin/vsce package --skip-license --allow-missing-repository -o "
          "pilot-lsp.vsix >&2\n",
      work);
  REQUIRE_MESSAGE(r.exit_code == 0, "packaging the extension failed: " << r.err);
  // What VS Code installs: the manifest, the script, and the client library it requires.
  auto list = run_shell(
      "/usr/bin/python3 -c 'import json, sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "print(\"\\n\".join(z.namelist()))\n"
      "m = json.loads(z.read(\"extension/package.json\"))\n"
      "print(\"main=\" + m[\"main\"])\n"
      "print(\"activation=\" + \",\".join(m[\"activationEvents\"]))' " +
          q(work / "pilot-lsp.vsix"),
      work);
  REQUIRE_MESSAGE(list.exit_code == 0, list.err);
  for (const char* entry :
       {"extension.vsixmanifest", "extension/extension.js", "extension/package.json",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension/node_modules/vscode-languageserver-protocol/package.json", "main=./extension.js",
        "activation=workspaceContains:**/pilot.toml"}) {
    CHECK_MESSAGE(list.out.find(entry) != std::string::npos, entry);
  }
  CHECK(list.out.find("node_modules/@vscode/vsce") == std::string::npos);  // a tool, not shipped
}

namespace {

// The fenced blocks of a language in docs/lsp.md, in order.
std::vector<std::string> doc_blocks(const std::string& language) {
  std::string text = read_file(fs::path(PILOT_SOURCE_DIR) / "docs" / "lsp.md");
  std::vector<std::string> blocks;
  std::string open = "```" + language + "\n";
  for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    at += open.size();
    auto end = text.find("```\n", at);
    REQUIRE(end != std::string::npos);
    blocks.push_back(text.substr(at, end - at));
  }
  return blocks;
}

}  // namespace

TEST_CASE("lsp: the Neovim setup of docs/lsp.md shows R605 in a headless Neovim") {
  auto lua = doc_blocks("lua");
  REQUIRE(lua.size() == 2);
  if (!need_tool("nvim", "neovim")) return;
  TempDir work;
  // Every block compiles; the one for Neovim 0.7 (Debian 12's) also runs.
  for (std::size_t i = 0; i < lua.size(); ++i)
    work.write("block" + std::to_string(i) + ".lua", lua[i]);
  auto syntax = run_shell(
      "nvim --headless -i NONE -u NONE -c 'lua for i = 0, 1 do assert(loadfile(\"block\" .. i .. "
      "\".lua\")) end' "
      "-c 'qa!' 2>&1",
      work.path());
  CHECK_MESSAGE(syntax.exit_code == 0, syntax.out << syntax.err);
  const std::string& setup = lua[0].find("vim.lsp.config") != std::string::npos ? lua[1] : lua[0];
  TempDir repo(fixture("base"));
  repo.write(k_report, with_attended(repo.read(k_report), 17));
  work.write("init.lua", setup);
  work.write("check.lua",
             "local ok = vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 50)\n"
             "local out = {}\n"
             "for _, d in ipairs(vim.diagnostic.get(0)) do\n"
             "  table.insert(out, string.format('%d:%d %s', d.lnum, d.col, d.message:gsub('\\n', ' "
             "| ')))\n"
             "end\n"
             "vim.fn.writefile(ok and out or { 'no diagnostics within 90 s' }, 'out.txt')\n"
             "vim.cmd('qa!')\n");
  auto r = run_shell(
      "PATH='" + build_dir().string() +
          "':$PATH PILOT_TODAY=2026-11-15 timeout 150 nvim --headless -i NONE -u init.lua "
          "-c 'filetype on' -c 'edit " +
          (repo.path() / k_report).string() + "' -c 'luafile check.lua'",
      work.path());
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  std::string out = work.read("out.txt");
  CHECK_MESSAGE(out.find("4:51 the report's cumulative attended is 17") == 0, out);
}

TEST_CASE("lsp: the Helix setup of docs/lsp.md is TOML that starts `pilot lsp`") {
  auto toml = doc_blocks("toml");
  REQUIRE(toml.size() == 1);
  TempDir work;
  work.write("languages.toml", toml[0]);
  auto r = run_shell(
      "/usr/bin/python3 -c 'import json, sys, tomllib\n"
      "print(json.dumps(tomllib.load(open(sys.argv[1], \"rb\"))))' languages.toml",
      work.path());
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto config = nlohmann::json::parse(r.out);
  CHECK(config["language-server"]["pilot"]["command"] == "pilot");
  CHECK(config["language-server"]["pilot"]["args"][0] == "lsp");
  for (const auto& language : config["language"]) {
    const auto& servers = language["language-servers"];
    CHECK(std::find(servers.begin(), servers.end(), "pilot") != servers.end());
  }
}
