#pragma once
// LSP base protocol framing: `Content-Length: N\r\n\r\n` then N bytes of JSON.
#include <cstddef>
#include <string>
#include <string_view>

namespace pilot::lsp {

// The largest message body accepted (a 1 MiB document is ~1-6 MiB of JSON once escaped).
inline constexpr std::size_t k_max_message = 64 * 1024 * 1024;

// Splits a byte stream fed in pieces into message bodies. Tolerates LF-only headers and
// unknown header fields; recovers from a header without a usable Content-Length by dropping
// it, and from a body over k_max_message by skipping its bytes as they arrive.
class MessageBuffer {
 public:
  enum class Status { none, message, bad_header, too_large };
  struct Next {
    Status status = Status::none;
    std::string body;   // when status is message
    std::string error;  // when bad_header / too_large: what was wrong (English, for logs)
  };

  void feed(std::string_view bytes);
  // The next message or framing problem, or Status::none when more input is needed.
  Next next();

 private:
  std::string buffer_;
  std::size_t start_ = 0;  // consumed bytes at the front of buffer_
  std::size_t skip_ = 0;   // bytes of an oversized body still to drop
  void compact();
};

// A body with its header.
std::string frame(std::string_view body);

}  // namespace pilot::lsp
