// The LSP state machine: lifecycle, document sync, diagnostics (push and pull), hover, code
// actions, completion. No I/O but reading the repository: messages in, messages out.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "features.hpp"
#include "json_rpc.hpp"
#include "pilot/lsp.hpp"
#include "pilot/rules.hpp"
#include "positions.hpp"
#include "workspace.hpp"

namespace fs = std::filesystem;

namespace pilot::lsp {

namespace {

bool same(const Diagnostic& a, const Diagnostic& b) {
  return a.rule == b.rule && a.severity == b.severity && a.line == b.line && a.column == b.column &&
         a.message.zh == b.message.zh && a.message.en == b.message.en && a.hint.zh == b.hint.zh &&
         a.hint.en == b.hint.en;
}

bool same(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return same(x, y); });
}

Lang lang_of_locale(std::string_view locale) {
  return locale.size() >= 2 && (locale[0] == 'z' || locale[0] == 'Z') &&
                 (locale[1] == 'h' || locale[1] == 'H')
             ? Lang::zh
             : Lang::en;
}

// Whether a relative path has a part that starts with '.' (.git/, .pilot/, temp files).
bool hidden(std::string_view rel) {
  std::size_t at = 0;
  while (at < rel.size()) {
    if (rel[at] == '.') return true;
    auto slash = rel.find('/', at);
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return false;
}

struct Document {
  std::string uri;
  std::optional<std::string> rel;  // inside the repository
  std::string text;
  long long version = 0;
};

}  // namespace

struct Server::State {
  ServerOptions options;
  Lang lang;
  enum class Phase { waiting, running, shut_down, exited } phase = Phase::waiting;
  int exit_code = 1;

  std::optional<Workspace> workspace;
  std::map<std::string, Document> documents;               // by URI
  std::map<std::string, std::string> uri_of;               // rel -> the client's URI
  std::map<std::string, std::vector<Diagnostic>> current;  // rel -> findings of the last analysis
  std::map<std::string, long long> result_ids;             // rel -> when its findings last changed
  std::map<std::string, std::vector<Diagnostic>> pushed;   // rel -> what the client was sent
  std::set<std::string> to_sync;                           // rels whose push target changed
  std::size_t analysis_seen = 0;
  long long generation = 0;

  bool pull_mode = false;        // the client pulls the open documents' findings
  bool refresh_support = false;  // ... and can be asked to pull again
  bool watch_registration = false;
  bool warned_no_repository = false;
  bool client_ready = false;  // `initialized` came: pushing may start
  long long next_request = 1;
  std::vector<std::string> outgoing;

  explicit State(ServerOptions o) : options(std::move(o)), lang(options.lang) {}

  // ---------------------------------------------------------------- output
  void send(const json& message) {
    outgoing.push_back(message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void respond(const json& id, json result) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void fail(const json& id, int code, const std::string& message) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  void notify(const char* method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void request(const char* method, json params) {
    send({{"jsonrpc", "2.0"},
          {"id", next_request++},
          {"method", method},
          {"params", std::move(params)}});
  }
  void log(int type, const std::string& text) {
    notify("window/logMessage", {{"type", type}, {"message", text}});
  }

  // ---------------------------------------------------------------- the repository
  Date as_of() const { return options.as_of ? *options.as_of : Date::today(); }

  void open_root(const fs::path& root) {
    fs::path normal = fs::absolute(root).lexically_normal();
    if (normal.filename().empty()) normal = normal.parent_path();  // "/data/" -> "/data"
    workspace.emplace(normal, options.jobs);
    const Repository& r = workspace->repository();
    std::size_t records = r.colleges.size() + r.majors.size() + r.certificates.size() +
                          r.pilots.size() + r.quota_changes.size() + r.exams.size() +
                          r.reports.size() + r.sites.size() + r.funds.size();
    log(3, fmt::format("pilot: {} records loaded from {}", records, workspace->root().string()));
  }

  // Without a repository yet, the first file opened inside one decides it.
  void find_root_from(const std::string& path) {
    if (workspace) return;
    if (auto root = find_root_upwards(fs::path(path).parent_path())) {
      open_root(*root);
      return;
    }
    if (!warned_no_repository) {
      warned_no_repository = true;
      notify(
          "window/showMessage",
          {{"type", 2},
           {"message", lang == Lang::zh
                           ? "pilot：没有找到试点数据仓库（pilot.toml），不做检查；请打开含 "
                             "pilot.toml 的文件夹"
                           : "pilot: no pilot repository (pilot.toml) found, nothing is checked; "
                             "open the folder that holds pilot.toml"}});
    }
  }

  std::optional<std::string> rel_of(const std::string& uri) const {
    if (!workspace) return std::nullopt;
    auto path = path_from_uri(uri);
    if (!path) return std::nullopt;
    return workspace->relative(*path);
  }

  std::string uri_for(const std::string& rel) const {
    auto it = uri_of.find(rel);
    if (it != uri_of.end()) return it->second;
    return uri_from_path((workspace->root() / rel).string());
  }

  const Document* open_document(const std::string& rel) const {
    auto it = uri_of.find(rel);
    if (it == uri_of.end()) return nullptr;
    auto doc = documents.find(it->second);
    return doc == documents.end() ? nullptr : &doc->second;
  }

  std::string text_of(const std::string& rel) const {
    if (const Document* doc = open_document(rel)) return doc->text;
    return workspace->text(rel).value_or("");
  }

  // ---------------------------------------------------------------- diagnostics
  json lsp_diagnostic(const Diagnostic& d, const LineIndex& lines) const {
    std::string message = d.message.in(lang);
    if (!d.hint.empty()) message += (lang == Lang::zh ? "\n提示：" : "\nhint: ") + d.hint.in(lang);
    return {{"range", to_json(lines.finding_range(d.line, d.column))},
            {"severity", d.severity == Severity::error ? 1 : 2},
            {"code", d.rule},
            {"source", "pilot"},
            {"message", message}};
  }

  json lsp_diagnostics(const std::string& rel, const std::vector<Diagnostic>& findings) const {
    json items = json::array();
    if (findings.empty()) return items;
    std::string text = text_of(rel);
    LineIndex lines(text);
    for (const auto& d : findings) items.push_back(lsp_diagnostic(d, lines));
    return items;
  }

  const std::vector<Diagnostic>& findings_of(const std::string& rel) const {
    static const std::vector<Diagnostic> none;
    auto it = current.find(rel);
    return it == current.end() ? none : it->second;
  }

  // Sends a file's findings when they differ from what the client has. In pull mode an open
  // document's findings are pulled, so the push for it is empty.
  void sync(const std::string& rel) {
    static const std::vector<Diagnostic> none;
    const auto& target = pull_mode && open_document(rel) != nullptr ? none : findings_of(rel);
    auto it = pushed.find(rel);
    const auto& have = it == pushed.end() ? none : it->second;
    if (same(have, target)) return;
    json params = {{"uri", uri_for(rel)}, {"diagnostics", lsp_diagnostics(rel, target)}};
    if (const Document* doc = open_document(rel)) params["version"] = doc->version;
    notify("textDocument/publishDiagnostics", std::move(params));
    if (target.empty()) {
      pushed.erase(rel);
    } else {
      pushed[rel] = target;
    }
  }

  bool pending() const {
    return workspace && phase == Phase::running &&
           (workspace->dirty() || (client_ready && !to_sync.empty()));
  }

  void flush() {
    if (!workspace || phase != Phase::running) return;
    const Analysis& analysis = workspace->analyze(as_of());
    if (workspace->runs() != analysis_seen) {
      analysis_seen = workspace->runs();
      std::map<std::string, std::vector<Diagnostic>> fresh;
      for (const auto& d : analysis.diagnostics) fresh[d.file].push_back(d);
      bool open_changed = false;
      auto changed = [&](const std::string& rel) {
        to_sync.insert(rel);
        result_ids[rel] = ++generation;
        open_changed = open_changed || open_document(rel) != nullptr;
      };
      for (const auto& [rel, findings] : fresh) {
        auto it = current.find(rel);
        if (it == current.end() || !same(it->second, findings)) changed(rel);
      }
      for (const auto& [rel, findings] : current) {
        if (fresh.count(rel) == 0) changed(rel);
      }
      current = std::move(fresh);
      if (pull_mode && open_changed && refresh_support)
        request("workspace/diagnostic/refresh", nullptr);
    }
    if (!client_ready) return;  // pulls may be answered before `initialized`; pushes wait
    std::set<std::string> rels;
    rels.swap(to_sync);
    for (const auto& rel : rels) sync(rel);
  }

  // ---------------------------------------------------------------- lifecycle
  void initialize(const json& id, const json& params) {
    if (phase != Phase::waiting) {
      fail(id, k_invalid_request, "initialize was already received");
      return;
    }
    if (const json* locale = optional_member(params, "locale");
        locale != nullptr && locale->is_string()) {
      lang = lang_of_locale(locale->get<std::string>());
    }
    const json* caps = optional_member(params, "capabilities");
    auto capability = [&](std::initializer_list<const char*> path) -> const json* {
      const json* at = caps;
      for (const char* key : path) {
        if (at == nullptr) return nullptr;
        at = optional_member(*at, key);
      }
      return at;
    };
    pull_mode = capability({"textDocument", "diagnostic"}) != nullptr;
    const json* refresh = capability({"workspace", "diagnostics", "refreshSupport"});
    refresh_support = refresh != nullptr && refresh->is_boolean() && refresh->get<bool>();
    const json* watch = capability({"workspace", "didChangeWatchedFiles", "dynamicRegistration"});
    watch_registration = watch != nullptr && watch->is_boolean() && watch->get<bool>();

    std::optional<fs::path> root = options.repo;
    auto try_dir = [&](const std::string& dir) {
      if (!root && !dir.empty()) root = find_root_upwards(dir);
    };
    if (const json* folders = optional_member(params, "workspaceFolders");
        folders != nullptr && folders->is_array()) {
      for (const auto& f : *folders) {
        if (const json* uri = optional_member(f, "uri"); uri != nullptr && uri->is_string()) {
          try_dir(path_from_uri(uri->get<std::string>()).value_or(""));
        }
      }
    }
    if (const json* uri = optional_member(params, "rootUri"); uri != nullptr && uri->is_string()) {
      try_dir(path_from_uri(uri->get<std::string>()).value_or(""));
    }
    if (const json* path = optional_member(params, "rootPath");
        path != nullptr && path->is_string()) {
      try_dir(path->get<std::string>());
    }
    if (const char* env = std::getenv("PILOT_REPO"); !root && env != nullptr && env[0] != '\0') {
      std::error_code ec;
      if (fs::is_regular_file(fs::path(env) / "pilot.toml", ec)) root = fs::path(env);
    }
    if (root) open_root(*root);

    json capabilities = {
        {"positionEncoding", "utf-16"},
        {"textDocumentSync",
         {{"openClose", true}, {"change", 1}, {"save", {{"includeText", true}}}}},
        {"hoverProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
        {"completionProvider",
         {{"triggerCharacters", {":", " ", "\""}}, {"resolveProvider", false}}},
    };
    if (pull_mode) {
      capabilities["diagnosticProvider"] = {{"identifier", "pilot"},
                                            {"interFileDependencies", true},
                                            {"workspaceDiagnostics", false}};
    }
    respond(id, {{"capabilities", capabilities},
                 {"serverInfo", {{"name", "pilot"}, {"version", PILOT_VERSION}}}});
    phase = Phase::running;
  }

  void initialized() {
    if (watch_registration) {
      request("client/registerCapability",
              {{"registrations",
                {{{"id", "pilot-files"},
                  {"method", "workspace/didChangeWatchedFiles"},
                  {"registerOptions", {{"watchers", {{{"globPattern", "**/*"}}}}}}}}}});
    }
    client_ready = true;
  }

  // ---------------------------------------------------------------- documents
  void did_open(const json& params, bool escaped) {
    const json& item = member(params, "textDocument");
    Document doc;
    doc.uri = string_member(item, "uri");
    doc.text = string_member(item, "text");
    if (escaped) doc.text = restore_bytes(doc.text);
    if (const json* v = optional_member(item, "version"); v != nullptr && v->is_number_integer()) {
      doc.version = v->get<long long>();
    }
    if (auto path = path_from_uri(doc.uri)) find_root_from(*path);
    doc.rel = rel_of(doc.uri);
    if (doc.rel) {
      uri_of[*doc.rel] = doc.uri;
      workspace->set_buffer(*doc.rel, doc.text);
      to_sync.insert(*doc.rel);
    }
    documents[doc.uri] = std::move(doc);
  }

  Document* document(const json& params) {
    std::string uri = string_member(member(params, "textDocument"), "uri");
    auto it = documents.find(uri);
    if (it == documents.end()) {
      log(2, "pilot: a change for a document that is not open was ignored: " + uri);
      return nullptr;
    }
    return &it->second;
  }

  void did_change(const json& params, bool escaped) {
    Document* doc = document(params);
    if (doc == nullptr) return;
    const json& changes = member(params, "contentChanges");
    if (!changes.is_array()) throw ParamError("\"contentChanges\" must be an array");
    for (const auto& change : changes) {
      std::string text = string_member(change, "text");
      if (escaped) text = restore_bytes(text);
      if (const json* range = optional_member(change, "range")) {  // an incremental edit
        LineIndex lines(doc->text);
        Range r = range_of(*range);
        std::size_t from = lines.offset(r.start);
        std::size_t to = std::max(from, lines.offset(r.end));
        doc->text.replace(from, to - from, text);
      } else {
        doc->text = std::move(text);
      }
    }
    const json& id = member(params, "textDocument");
    if (const json* v = optional_member(id, "version"); v != nullptr && v->is_number_integer()) {
      doc->version = v->get<long long>();
    }
    if (doc->rel) workspace->set_buffer(*doc->rel, doc->text);
  }

  void did_save(const json& params, bool escaped) {
    Document* doc = document(params);
    if (doc == nullptr) return;
    if (const json* text = optional_member(params, "text"); text != nullptr && text->is_string()) {
      std::string saved =
          escaped ? restore_bytes(text->get<std::string>()) : text->get<std::string>();
      if (saved != doc->text) {
        doc->text = std::move(saved);
        if (doc->rel) workspace->set_buffer(*doc->rel, doc->text);
      }
    }
    if (doc->rel) workspace->saved(*doc->rel);
  }

  void did_close(const json& params) {
    std::string uri = string_member(member(params, "textDocument"), "uri");
    auto it = documents.find(uri);
    if (it == documents.end()) return;
    std::optional<std::string> rel = it->second.rel;
    documents.erase(it);
    if (!rel) return;
    workspace->close_buffer(*rel);
    to_sync.insert(*rel);
  }

  void did_change_watched_files(const json& params) {
    const json& changes = member(params, "changes");
    if (!changes.is_array()) throw ParamError("\"changes\" must be an array");
    for (const auto& change : changes) {
      std::string uri = string_member(change, "uri");
      if (!workspace) {
        if (auto path = path_from_uri(uri); path && fs::path(*path).filename() == "pilot.toml")
          find_root_from(*path);
        continue;
      }
      auto rel = rel_of(uri);
      if (rel && !hidden(*rel)) workspace->disk_changed(*rel);
    }
  }

  // ---------------------------------------------------------------- requests about a document
  std::optional<std::string> rel_param(const json& params) {
    return rel_of(string_member(member(params, "textDocument"), "uri"));
  }

  json pull_diagnostics(const json& params) {
    flush();
    auto rel = rel_param(params);
    if (!rel) return {{"kind", "full"}, {"items", json::array()}};
    std::string result_id = std::to_string(result_ids.count(*rel) > 0 ? result_ids[*rel] : 0);
    if (const json* previous = optional_member(params, "previousResultId");
        previous != nullptr && previous->is_string() && previous->get<std::string>() == result_id) {
      return {{"kind", "unchanged"}, {"resultId", result_id}};
    }
    return {{"kind", "full"},
            {"resultId", result_id},
            {"items", lsp_diagnostics(*rel, findings_of(*rel))}};
  }

  json hover(const json& params) {
    flush();
    auto rel = rel_param(params);
    if (!rel) return nullptr;
    Position at = position_of(member(params, "position"));
    std::string text = text_of(*rel);
    LineIndex lines(text);
    std::string rule =
        rule_id_at(lines.line(at.line), bytes_for_utf16(lines.line(at.line), at.character));
    std::vector<std::string> rules;
    if (!rule.empty()) rules.push_back(rule);
    if (rules.empty()) {
      for (const auto& d : findings_of(*rel)) {
        if (contains(lines.finding_range(d.line, d.column), at) &&
            std::find(rules.begin(), rules.end(), d.rule) == rules.end()) {
          rules.push_back(d.rule);
        }
      }
    }
    std::string markdown;
    for (const auto& id : rules) {
      if (auto page = rule_page(id, lang))
        markdown += (markdown.empty() ? "" : "\n---\n\n") + *page;
    }
    if (markdown.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", markdown}}}};
  }

  json code_actions(const json& params) {
    flush();
    json actions = json::array();
    auto rel = rel_param(params);
    if (!rel) return actions;
    Range wanted = range_of(member(params, "range"));
    std::string uri = string_member(member(params, "textDocument"), "uri");
    std::string text = text_of(*rel);
    LineIndex lines(text);
    std::set<std::string> offered;
    for (const auto& d : findings_of(*rel)) {
      if (!offers_waiver(d.rule) || offered.count(d.rule) > 0) continue;
      if (!intersects(lines.finding_range(d.line, d.column), wanted)) continue;
      auto edit = waiver_edit(text, d.rule, lang);
      if (!edit) continue;
      offered.insert(d.rule);
      json change = {{"range", to_json(edit->range)}, {"newText", edit->new_text}};
      actions.push_back(
          {{"title", lang == Lang::zh
                         ? fmt::format("在本文件豁免 {}（在 waivers 中写明理由）", d.rule)
                         : fmt::format("Waive {} in this file (add it to waivers: with the reason)",
                                       d.rule)},
           {"kind", "quickfix"},
           {"diagnostics", json::array({lsp_diagnostic(d, lines)})},
           {"edit", {{"changes", {{uri, json::array({change})}}}}}});
    }
    return actions;
  }

  json completion(const json& params) {
    json items = json::array();
    auto rel = rel_param(params);
    if (!rel) return {{"isIncomplete", false}, {"items", items}};
    Position at = position_of(member(params, "position"));
    for (const auto& item : complete(workspace->repository(), text_of(*rel), at, *rel, lang)) {
      items.push_back({{"label", item.label},
                       {"kind", item.kind},
                       {"detail", item.detail},
                       {"filterText", item.filter_text},
                       {"sortText", item.sort_text},
                       {"textEdit", {{"range", to_json(item.range)}, {"newText", item.new_text}}}});
    }
    return {{"isIncomplete", false}, {"items", items}};
  }

  // ---------------------------------------------------------------- dispatch
  void dispatch(const json& message, bool escaped) {
    if (!message.is_object()) {
      fail(nullptr, k_invalid_request, "a JSON-RPC message must be an object");
      return;
    }
    const json* id = optional_member(message, "id");
    if (id != nullptr && !id->is_string() && !id->is_number_integer()) {
      fail(nullptr, k_invalid_request, "\"id\" must be an integer or a string");
      return;
    }
    auto method_it = message.find("method");
    if (method_it == message.end()) {
      if (id != nullptr && (message.contains("result") || message.contains("error")))
        return;  // a client's answer
      fail(id != nullptr ? *id : json(nullptr), k_invalid_request, "a request needs a \"method\"");
      return;
    }
    if (!method_it->is_string()) {
      fail(id != nullptr ? *id : json(nullptr), k_invalid_request, "\"method\" must be a string");
      return;
    }
    const std::string method = method_it->get<std::string>();
    static const json k_no_params = json::object();
    const json* p = optional_member(message, "params");
    const json& params = p != nullptr ? *p : k_no_params;
    try {
      if (id != nullptr) {
        handle_request(*id, method, params);
      } else {
        handle_notification(method, params, escaped);
      }
    } catch (const ParamError& e) {
      if (id != nullptr) fail(*id, k_invalid_params, fmt::format("{}: {}", method, e.what()));
      else log(2, fmt::format("pilot: {} ignored: {}", method, e.what()));
    } catch (const json::exception& e) {
      if (id != nullptr) fail(*id, k_invalid_params, fmt::format("{}: {}", method, e.what()));
      else log(2, fmt::format("pilot: {} ignored: {}", method, e.what()));
    } catch (const std::exception& e) {
      if (id != nullptr) fail(*id, k_internal_error, fmt::format("{}: {}", method, e.what()));
      else log(1, fmt::format("pilot: {} failed: {}", method, e.what()));
    }
  }

  void handle_request(const json& id, const std::string& method, const json& params) {
    if (method == "initialize") {
      initialize(id, params);
      return;
    }
    if (phase == Phase::waiting) {
      fail(id, k_server_not_initialized,
           "the server is not initialized yet: send initialize first");
      return;
    }
    if (phase != Phase::running) {
      fail(id, k_invalid_request, "shutdown was requested: only exit is accepted");
      return;
    }
    if (method == "shutdown") {
      respond(id, nullptr);
      phase = Phase::shut_down;
    } else if (method == "textDocument/diagnostic") {
      respond(id, pull_diagnostics(params));
    } else if (method == "textDocument/hover") {
      respond(id, hover(params));
    } else if (method == "textDocument/codeAction") {
      respond(id, code_actions(params));
    } else if (method == "textDocument/completion") {
      respond(id, completion(params));
    } else {
      fail(id, k_method_not_found, "pilot lsp does not handle " + method);
    }
  }

  void handle_notification(const std::string& method, const json& params, bool escaped) {
    if (method == "exit") {
      exit_code = phase == Phase::shut_down ? 0 : 1;
      phase = Phase::exited;
      return;
    }
    if (phase != Phase::running) return;  // before initialize or after shutdown: dropped
    if (method == "initialized") {
      initialized();
    } else if (method == "textDocument/didOpen") {
      did_open(params, escaped);
    } else if (method == "textDocument/didChange") {
      did_change(params, escaped);
    } else if (method == "textDocument/didSave") {
      did_save(params, escaped);
    } else if (method == "textDocument/didClose") {
      did_close(params);
    } else if (method == "workspace/didChangeWatchedFiles") {
      did_change_watched_files(params);
    }
    // Anything else ($/cancelRequest, $/setTrace, workspace/didChangeConfiguration, ...) needs
    // no answer and changes nothing here.
  }
};

Server::Server(ServerOptions options) : state_(std::make_unique<State>(std::move(options))) {}
Server::~Server() = default;

void Server::handle(std::string_view body) {
  try {
    std::string fixed;
    bool escaped = escape_invalid_utf8(body, fixed);
    std::string_view text = escaped ? std::string_view(fixed) : body;
    json message = json::parse(text.begin(), text.end(), nullptr, false);
    if (message.is_discarded()) {
      state_->fail(nullptr, k_parse_error, "the message is not JSON");
      return;
    }
    state_->dispatch(message, escaped);
  } catch (const std::exception& e) {  // e.g. out of memory while answering: say so, go on
    state_->fail(nullptr, k_internal_error, e.what());
  }
}

void Server::framing_error(std::string_view what) {
  state_->fail(nullptr, k_invalid_request, std::string(what));
}

bool Server::has_pending_analysis() const { return state_->pending(); }

void Server::flush() {
  try {
    state_->flush();
  } catch (const std::exception& e) {
    state_->log(1, std::string("pilot: checking failed: ") + e.what());
  }
}

std::vector<std::string> Server::take_outgoing() {
  std::vector<std::string> out;
  out.swap(state_->outgoing);
  return out;
}

bool Server::exited() const { return state_->phase == State::Phase::exited; }

int Server::exit_code() const { return state_->exit_code; }

}  // namespace pilot::lsp
