#pragma once
// `pilot lsp`: a Language Server over stdio (JSON-RPC 2.0 with Content-Length framing). The
// repository stays loaded; an open buffer replaces its file's record; after every change the
// rules run again and the findings of every file whose findings changed are pushed
// (textDocument/publishDiagnostics) or pulled (textDocument/diagnostic). docs/lsp.md says what
// an editor sees; src/lsp/ holds the parts (framing, positions, workspace, features, server).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pilot/date.hpp"
#include "pilot/text.hpp"

namespace pilot::lsp {

struct ServerOptions {
  // The repository root (`--repo`); else the first of: the client's workspace folder or root,
  // walking up to a pilot.toml; $PILOT_REPO; walking up from the first file opened.
  std::optional<std::filesystem::path> repo;
  // The date rules run as of; nullopt = today, read again at every analysis.
  std::optional<Date> as_of;
  // Language of messages, hover pages and code action titles when the client's `initialize`
  // names no locale (zh* -> zh, else en).
  Lang lang = Lang::en;
  unsigned jobs = 0;  // loader threads, 0 = all cores
};

// The protocol state machine, without I/O: feed it message bodies, take what it has to send.
// Every input gives an answer or nothing, never an exception: bad JSON, unknown methods and
// wrong parameters become JSON-RPC errors, bad documents become findings.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Handles one message body (the bytes after the header).
  void handle(std::string_view body);
  // A framing problem (no Content-Length, a message too large): answered as a JSON-RPC error.
  void framing_error(std::string_view what);
  // True when documents or files changed since the rules last ran.
  bool has_pending_analysis() const;
  // Runs the rules if something changed and queues the publishDiagnostics that differ from
  // what the client was last sent. The stdio loop calls it once no more input is waiting,
  // so a burst of keystrokes costs one analysis.
  void flush();
  // The message bodies to send, in order (serialized JSON); empties the queue.
  std::vector<std::string> take_outgoing();

  // After `exit`: stop reading. exit_code() is 0 when `shutdown` came first, else 1.
  bool exited() const;
  int exit_code() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Serves on two file descriptors until `exit` or the end of input; returns the exit code
// (0 after shutdown + exit; 1 when input ended or `exit` came without `shutdown`).
int serve(int in_fd, int out_fd, const ServerOptions& options);

}  // namespace pilot::lsp
