// The LSP server (src/lsp/server.cpp) without I/O: messages in, messages out.
#include <doctest/doctest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lsp/positions.hpp"
#include "pilot/lsp.hpp"

using namespace pilot;
using namespace pilot::lsp;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string k_report = "reports/2026/510201/2026-11-10.yaml";
const std::string k_pilot = "pilots/2026/web-frontend-2026.yaml";

struct Scratch {
  fs::path root;
  Scratch() {
    char tmpl[] = "/tmp/pilot-lsp-server-XXXXXX";
    root = ::mkdtemp(tmpl);
    fs::copy(fs::path(PILOT_FIXTURES) / "base", root, fs::copy_options::recursive);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root / rel, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string uri(const std::string& rel) const { return uri_from_path((root / rel).string()); }
};

// A server and what it sent, as JSON.
struct Session {
  Server server;
  std::vector<json> sent;
  int next_id = 1;

  explicit Session(ServerOptions o) : server(std::move(o)) {}

  void raw(std::string_view body) {
    server.handle(body);
    take();
  }
  void take() {
    for (const auto& body : server.take_outgoing()) sent.push_back(json::parse(body));
  }
  void notify(const std::string& method, json params) {
    raw(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump());
  }
  // Sends a request and returns its answer.
  json request(const std::string& method, json params) {
    int id = next_id++;
    raw(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}}
            .dump());
    for (const auto& m : sent) {
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
    }
    FAIL("no answer to " << method);
    return {};
  }
  // What the stdio loop does once input pauses.
  void pause() {
    server.flush();
    take();
  }
  // The diagnostics last published for a URI (nullopt: none since the last clear()).
  std::optional<json> published(const std::string& uri) const {
    std::optional<json> last;
    for (const auto& m : sent) {
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri) {
        last = m["params"]["diagnostics"];
      }
    }
    return last;
  }
  void clear() { sent.clear(); }
  json start(const Scratch& s, json capabilities = json::object(),
             std::optional<std::string> locale = {}) {
    json params = {{"processId", nullptr}, {"rootUri", s.uri("")}, {"capabilities", capabilities}};
    if (locale) params["locale"] = *locale;
    json answer = request("initialize", params);
    notify("initialized", json::object());
    pause();
    return answer;
  }
  void open(const Scratch& s, const std::string& rel, const std::string& text) {
    notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", s.uri(rel)}, {"languageId", "yaml"}, {"version", 1}, {"text", text}}}});
  }
  void change(const Scratch& s, const std::string& rel, const std::string& text, int version = 2) {
    notify("textDocument/didChange", {{"textDocument", {{"uri", s.uri(rel)}, {"version", version}}},
                                      {"contentChanges", json::array({{{"text", text}}})}});
  }
};

ServerOptions options_for(const Scratch&, Lang lang = Lang::en) {
  ServerOptions o;
  o.as_of = *Date::parse("2026-11-15");
  o.lang = lang;
  o.jobs = 1;
  return o;
}

std::string with_attended(std::string report, int attended) {
  report.replace(report.find("attended: 18"), 12, "attended: " + std::to_string(attended));
  return report;
}

}  // namespace

TEST_CASE(
    "lsp server: lifecycle — nothing before initialize, capabilities, shutdown then exit is 0") {
  Scratch s;
  Session session(options_for(s));
  json early = session.request("textDocument/hover", json::object());
  CHECK(early["error"]["code"] == -32002);
  json init = session.start(s);
  json caps = init["result"]["capabilities"];
  CHECK(caps["textDocumentSync"]["change"] == 1);
  CHECK(caps["positionEncoding"] == "utf-16");
  CHECK(caps["hoverProvider"] == true);
  CHECK(caps["codeActionProvider"]["codeActionKinds"][0] == "quickfix");
  CHECK(caps.contains("completionProvider"));
  CHECK_FALSE(caps.contains("diagnosticProvider"));  // the client did not say it pulls
  CHECK(init["result"]["serverInfo"]["name"] == "pilot");
  CHECK(session.request("initialize", json::object())["error"]["code"] == -32600);
  CHECK(session.request("shutdown", nullptr).contains("result"));
  CHECK(session.request("textDocument/hover", json::object())["error"]["code"] == -32600);
  CHECK_FALSE(session.server.exited());
  session.notify("exit", nullptr);
  CHECK(session.server.exited());
  CHECK(session.server.exit_code() == 0);
}

TEST_CASE("lsp server: exit without shutdown is exit code 1") {
  Scratch s;
  Session session(options_for(s));
  session.start(s);
  session.notify("exit", nullptr);
  CHECK(session.server.exited());
  CHECK(session.server.exit_code() == 1);
}

TEST_CASE("lsp server: bad messages get JSON-RPC errors, never a crash") {
  Scratch s;
  Session session(options_for(s));
  session.start(s);
  auto last_error = [&] { return session.sent.back()["error"]["code"].get<int>(); };
  session.raw("{not json");
  CHECK(last_error() == -32700);
  CHECK(session.sent.back()["id"].is_null());
  session.raw("[1, 2]");
  CHECK(last_error() == -32600);
  session.raw(R"({"jsonrpc":"2.0","id":{"a":1},"method":"x"})");
  CHECK(last_error() == -32600);
  session.raw(R"({"jsonrpc":"2.0","id":7})");
  CHECK(last_error() == -32600);
  session.raw(R"({"jsonrpc":"2.0","id":8,"method":42})");
  CHECK(last_error() == -32600);
  CHECK(session.request("no/such/method", json::object())["error"]["code"] == -32601);
  CHECK(session.request("textDocument/hover", {{"textDocument", 5}})["error"]["code"] == -32602);
  CHECK(session.request("textDocument/hover",
                        {{"textDocument", {{"uri", s.uri(k_report)}}}})["error"]["code"] ==
        -32602);  // no position
  CHECK(session.request("textDocument/completion",
                        {{"textDocument", {{"uri", s.uri(k_report)}}},
                         {"position", {{"line", "x"}}}})["error"]["code"] == -32602);
  session.clear();
  session.notify("no/such/notification", json::object());
  session.notify("$/cancelRequest", {{"id", 1}});
  session.notify("textDocument/didChange",
                 {{"textDocument", {{"uri", s.uri(k_report)}}}, {"contentChanges", 1}});
  session.notify("textDocument/didOpen", json::object());
  session.raw(R"({"jsonrpc":"2.0","id":3,"result":null})");  // an answer to one of ours
  for (const auto& m : session.sent) CHECK(m.value("method", "") == "window/logMessage");
  session.server.framing_error("header without a valid Content-Length");
  session.take();
  CHECK(last_error() == -32600);
  // Still serving.
  CHECK(session.request("shutdown", nullptr).contains("result"));
}

TEST_CASE("lsp server: every file's findings are published at start, then only what changed") {
  Scratch s;
  std::string report = s.read(k_report);
  std::ofstream(s.root / k_report, std::ios::binary) << with_attended(report, 17);
  Session session(options_for(s));
  session.start(s);
  auto first = session.published(s.uri(k_report));
  REQUIRE(first);
  REQUIRE(first->size() == 1);
  CHECK((*first)[0]["code"] == "R605");
  session.clear();
  session.open(s, k_report, with_attended(report, 17));
  session.pause();
  CHECK(session.sent.empty());  // the same findings: nothing to send
  session.change(s, k_report, report);
  session.pause();
  REQUIRE(session.published(s.uri(k_report)));
  CHECK(session.published(s.uri(k_report))->empty());
  CHECK(session.sent.size() == 1);
}

TEST_CASE(
    "lsp server: R605 as you type, at its line and UTF-16 column, message in the client's locale") {
  Scratch s;
  std::string report = s.read(k_report);
  Session session(options_for(s, Lang::en));
  session.start(s, json::object(), "zh-CN");
  session.open(s, k_report, report);
  session.pause();
  CHECK_FALSE(session.published(s.uri(k_report)));
  session.change(s, k_report, with_attended(report, 19));
  session.pause();
  auto findings = session.published(s.uri(k_report));
  REQUIRE(findings);
  REQUIRE(findings->size() == 1);
  json d = (*findings)[0];
  CHECK(d["code"] == "R605");
  CHECK(d["severity"] == 2);
  CHECK(d["source"] == "pilot");
  CHECK(d["range"]["start"] == json{{"line", 4}, {"character", 51}});
  CHECK(d["range"]["end"] == json{{"line", 4}, {"character", 53}});
  CHECK(d["message"].get<std::string>().find("双周报累计参考 19 人") != std::string::npos);
  CHECK(d["message"].get<std::string>().find("\n提示：") != std::string::npos);
  for (const auto& m : session.sent) {
    if (m.value("method", "") == "textDocument/publishDiagnostics")
      CHECK(m["params"]["version"] == 2);
  }
}

TEST_CASE(
    "lsp server: cross-file — a report deleted on disk is R601 in the pilot, in UTF-16 units") {
  Scratch s;
  // The second entry of a one-line majors list, after a character outside the BMP (𠮷).
  std::string pilot = s.read(k_pilot);
  auto from = pilot.find("majors:");
  auto to = pilot.find("accounts:");
  pilot.replace(from, to - from,
                "majors: [{ contact: 𠮷老师, major: \"510202\", quota: 20 }, { contact: 李老师, "
                "major: \"510201\", "
                "quota: 30 }]\n");
  std::ofstream(s.root / k_pilot, std::ios::binary) << pilot;
  Session session(options_for(s));
  session.start(s);
  CHECK_FALSE(session.published(s.uri(k_pilot)));
  fs::remove(s.root / k_report);
  session.notify("workspace/didChangeWatchedFiles",
                 {{"changes", {{{"uri", s.uri(k_report)}, {"type", 3}}}}});
  session.pause();
  auto findings = session.published(s.uri(k_pilot));
  REQUIRE(findings);
  REQUIRE(findings->size() == 1);
  CHECK((*findings)[0]["code"] == "R601");
  CHECK((*findings)[0]["severity"] == 1);
  // Column 56 in code points: 55 before it, 𠮷 two UTF-16 units.
  CHECK((*findings)[0]["range"]["start"] == json{{"line", 8}, {"character", 56}});
}

TEST_CASE(
    "lsp server: a new report typed into an editor clears R601 in its pilot and is checked "
    "itself") {
  Scratch s;
  std::string report = s.read(k_report);
  fs::remove(s.root / k_report);
  Session session(options_for(s));
  session.start(s);
  REQUIRE(session.published(s.uri(k_pilot)));
  CHECK((*session.published(s.uri(k_pilot)))[0]["code"] == "R601");
  session.open(s, k_report, with_attended(report, 16));
  session.pause();
  CHECK(session.published(s.uri(k_pilot))->empty());
  CHECK((*session.published(s.uri(k_report)))[0]["code"] == "R605");
  session.notify("textDocument/didClose", {{"textDocument", {{"uri", s.uri(k_report)}}}});
  session.pause();
  CHECK(session.published(s.uri(k_report))->empty());
  CHECK((*session.published(s.uri(k_pilot)))[0]["code"] == "R601");
}

TEST_CASE("lsp server: a document over 1 MiB and one that is not UTF-8 are S005 findings") {
  Scratch s;
  std::string report = s.read(k_report);
  Session session(options_for(s));
  session.start(s);
  session.open(s, k_report, report + "notes: \"" + std::string(1100 * 1024, 'x') + "\"\n");
  session.pause();
  auto big = session.published(s.uri(k_report));
  REQUIRE(big);
  REQUIRE(big->size() == 1);
  CHECK((*big)[0]["code"] == "S005");
  CHECK((*big)[0]["range"]["start"] == json{{"line", 0}, {"character", 0}});
  // GBK bytes in the buffer: the JSON is not UTF-8 either, yet the record gets its finding.
  std::string text = json(report).dump();
  text.pop_back();  // the closing quote
  text += "notes: \xD6\xD0\xCE\xC4\\n\"";
  std::string change =
      R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":")" +
      s.uri(k_report) + R"(","version":3},"contentChanges":[{"text":)" + text + "}]}}";
  session.raw(change);
  session.pause();
  auto bad = session.published(s.uri(k_report));
  REQUIRE(bad);
  REQUIRE(bad->size() == 1);
  CHECK((*bad)[0]["code"] == "S005");
  CHECK((*bad)[0]["message"].get<std::string>().find("not UTF-8") != std::string::npos);
  CHECK((*bad)[0]["range"]["start"] ==
        json{{"line", 11}, {"character", 7}});  // the bytes themselves
  session.change(s, k_report, report, 4);
  session.pause();
  CHECK(session.published(s.uri(k_report))->empty());
}

TEST_CASE("lsp server: pull diagnostics for clients that ask, pushes only for files not open") {
  Scratch s;
  std::string report = s.read(k_report);
  Session session(options_for(s));
  json caps = {{"textDocument", {{"diagnostic", {{"dynamicRegistration", false}}}}},
               {"workspace", {{"diagnostics", {{"refreshSupport", true}}}}}};
  json init = session.start(s, caps);
  CHECK(init["result"]["capabilities"]["diagnosticProvider"]["interFileDependencies"] == true);
  session.open(s, k_report, with_attended(report, 17));
  session.pause();
  CHECK_FALSE(session.published(s.uri(k_report)));  // open: pulled, not pushed
  bool refreshed = false;
  for (const auto& m : session.sent)
    refreshed = refreshed || m.value("method", "") == "workspace/diagnostic/refresh";
  CHECK(refreshed);
  json pulled =
      session.request("textDocument/diagnostic", {{"textDocument", {{"uri", s.uri(k_report)}}}});
  CHECK(pulled["result"]["kind"] == "full");
  REQUIRE(pulled["result"]["items"].size() == 1);
  CHECK(pulled["result"]["items"][0]["code"] == "R605");
  std::string id = pulled["result"]["resultId"];
  json again =
      session.request("textDocument/diagnostic",
                      {{"textDocument", {{"uri", s.uri(k_report)}}}, {"previousResultId", id}});
  CHECK(again["result"]["kind"] == "unchanged");
  session.change(s, k_report, report);  // pulled right after the change: fresh, no pause needed
  json fixed =
      session.request("textDocument/diagnostic",
                      {{"textDocument", {{"uri", s.uri(k_report)}}}, {"previousResultId", id}});
  CHECK(fixed["result"]["kind"] == "full");
  CHECK(fixed["result"]["items"].empty());
  // Saved and closed, its findings are pushed like any other file's.
  session.change(s, k_report, with_attended(report, 17), 3);
  std::ofstream(s.root / k_report, std::ios::binary) << with_attended(report, 17);
  session.notify("textDocument/didClose", {{"textDocument", {{"uri", s.uri(k_report)}}}});
  session.pause();
  REQUIRE(session.published(s.uri(k_report)));
  CHECK((*session.published(s.uri(k_report)))[0]["code"] == "R605");
}

TEST_CASE("lsp server: hover shows a rule's page on a waiver key and on a finding") {
  Scratch s;
  std::string report = s.read(k_report);
  Session session(options_for(s));
  session.start(s);
  std::string text = with_attended(report, 17) + "waivers:\n  R602: 同意\n";
  session.open(s, k_report, text);
  auto hover = [&](int line, int character) {
    return session.request("textDocument/hover",
                           {{"textDocument", {{"uri", s.uri(k_report)}}},
                            {"position", {{"line", line}, {"character", character}}}})["result"];
  };
  json waiver = hover(12, 3);
  REQUIRE(waiver.is_object());
  CHECK(waiver["contents"]["kind"] == "markdown");
  CHECK(waiver["contents"]["value"].get<std::string>().find("# R602") == 0);
  json finding = hover(4, 52);
  REQUIRE(finding.is_object());
  CHECK(finding["contents"]["value"].get<std::string>().find("# R605") == 0);
  CHECK(hover(0, 1).is_null());
  CHECK(hover(40, 0).is_null());
}

TEST_CASE(
    "lsp server: a code action waives a finding in its file, and once applied the finding is "
    "gone") {
  Scratch s;
  std::string report = with_attended(s.read(k_report), 17);
  Session session(options_for(s, Lang::zh));
  session.start(s);
  session.open(s, k_report, report);
  json actions = session.request(
      "textDocument/codeAction",
      {{"textDocument", {{"uri", s.uri(k_report)}}},
       {"range",
        {{"start", {{"line", 4}, {"character", 52}}}, {"end", {{"line", 4}, {"character", 52}}}}},
       {"context", {{"diagnostics", json::array()}}}})["result"];
  REQUIRE(actions.size() == 1);
  CHECK(actions[0]["kind"] == "quickfix");
  CHECK(actions[0]["title"].get<std::string>().find("R605") != std::string::npos);
  CHECK(actions[0]["diagnostics"][0]["code"] == "R605");
  json edit = actions[0]["edit"]["changes"][s.uri(k_report)][0];
  LineIndex lines(report);
  std::size_t at =
      lines.offset({edit["range"]["start"]["line"], edit["range"]["start"]["character"]});
  std::string waived = report;
  waived.insert(at, edit["newText"].get<std::string>());
  session.change(s, k_report, waived);
  session.pause();
  CHECK(session.published(s.uri(k_report))->empty());
  json none = session.request(
      "textDocument/codeAction",
      {{"textDocument", {{"uri", s.uri(k_report)}}},
       {"range",
        {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
       {"context", {{"diagnostics", json::array()}}}})["result"];
  CHECK(none.empty());
}

TEST_CASE("lsp server: completion of reference values from the loaded repository") {
  Scratch s;
  Session session(options_for(s));
  session.start(s);
  session.open(s, "majors/510203.yaml", "id: \"510203\"\nname: 软件\ncollege: x");
  json result = session.request("textDocument/completion",
                                {{"textDocument", {{"uri", s.uri("majors/510203.yaml")}}},
                                 {"position", {{"line", 2}, {"character", 10}}}})["result"];
  REQUIRE(result["items"].size() == 1);
  CHECK(result["items"][0]["label"] == "xinxi");
  CHECK(result["items"][0]["textEdit"]["range"]["start"] == json{{"line", 2}, {"character", 9}});
  CHECK(result["items"][0]["textEdit"]["newText"] == "xinxi");
}

TEST_CASE("lsp server: incremental changes are applied too, in UTF-16 positions") {
  Scratch s;
  std::string report = s.read(k_report);
  Session session(options_for(s));
  session.start(s);
  session.open(s, k_report, report);
  // Replace "18" on line 4 (ASCII) and add a Chinese note, then edit after the Chinese text.
  session.notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", s.uri(k_report)}, {"version", 2}}},
       {"contentChanges",
        {{{"range",
           {{"start", {{"line", 4}, {"character", 51}}},
            {"end", {{"line", 4}, {"character", 53}}}}},
          {"text", "16"}},
         {{"range",
           {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
          {"text", "notes: 𠮷说明\n"}}}}});
  session.pause();
  auto findings = session.published(s.uri(k_report));
  REQUIRE(findings);
  REQUIRE(findings->size() == 1);
  CHECK((*findings)[0]["range"]["start"] == json{{"line", 5}, {"character", 51}});
}

TEST_CASE("lsp server: without a workspace folder, the first file opened finds its repository") {
  Scratch s;
  Session session(options_for(s));
  json init =
      session.request("initialize", {{"processId", nullptr}, {"capabilities", json::object()}});
  CHECK(init.contains("result"));
  session.notify("initialized", json::object());
  session.open(s, k_report, with_attended(s.read(k_report), 17));
  session.pause();
  REQUIRE(session.published(s.uri(k_report)));
  CHECK((*session.published(s.uri(k_report)))[0]["code"] == "R605");
}
