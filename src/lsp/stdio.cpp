// The stdio loop: framed messages in, answers out, one analysis per burst of input.
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "framing.hpp"
#include "pilot/lsp.hpp"

namespace pilot::lsp {

namespace {

// Whether input is waiting (or the other end closed: reading will tell).
bool input_waiting(int fd) {
  pollfd p{fd, POLLIN, 0};
  int n;
  do {
    n = ::poll(&p, 1, 0);
  } while (n < 0 && errno == EINTR);
  return n > 0;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, -1);
      continue;
    }
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool send_all(int fd, Server& server) {
  for (const auto& body : server.take_outgoing()) {
    if (!write_all(fd, frame(body))) return false;
  }
  return true;
}

}  // namespace

int serve(int in_fd, int out_fd, const ServerOptions& options) {
  // A client that goes away must end the loop through write()'s EPIPE, not kill the process.
  ::signal(SIGPIPE, SIG_IGN);
  Server server(options);
  MessageBuffer buffer;
  std::vector<char> chunk(64 * 1024);
  bool input_open = true;
  while (!server.exited()) {
    MessageBuffer::Next next = buffer.next();
    if (next.status == MessageBuffer::Status::message) {
      server.handle(next.body);
    } else if (next.status != MessageBuffer::Status::none) {
      server.framing_error(next.error);
    } else if (!input_open) {
      break;
    } else if (server.has_pending_analysis() && !input_waiting(in_fd)) {
      server.flush();  // the burst of input is over: check once, publish what changed
    } else {
      ssize_t n = ::read(in_fd, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        input_open = false;  // the client closed stdin (or it failed): finish what is buffered
        continue;
      }
      buffer.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)));
    }
    if (!send_all(out_fd, server)) return 1;
  }
  send_all(out_fd, server);
  return server.exited() ? server.exit_code() : 1;
}

}  // namespace pilot::lsp
