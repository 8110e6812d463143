#pragma once
// Internal to the diagnostics renderers: output built one finding at a time and handed to a Sink
// in pieces, so that only one piece is ever held.
#include <string>
#include <string_view>

#include "pilot/render.hpp"

namespace pilot::render_detail {

// Gathers text and passes it on once about k_chunk bytes have piled up; finish() passes on the
// rest (what is not finished is dropped).
class Chunked {
 public:
  static constexpr std::size_t k_chunk = 64 * 1024;

  explicit Chunked(const Sink& sink) : sink_(sink) { buffer_.reserve(k_chunk + 4096); }
  Chunked(const Chunked&) = delete;
  Chunked& operator=(const Chunked&) = delete;

  void add(std::string_view text) {
    buffer_.append(text);
    maybe_flush();
  }
  // For appending in place; call maybe_flush() after.
  std::string& buffer() { return buffer_; }
  void maybe_flush() {
    if (buffer_.size() < k_chunk) return;
    sink_(buffer_);
    buffer_.clear();
  }
  void finish() {
    if (!buffer_.empty()) sink_(buffer_);
    buffer_.clear();
  }

 private:
  const Sink& sink_;
  std::string buffer_;
};

// What a write_* function writes, as one string.
std::string collect(const std::function<void(const Sink&)>& write);

}  // namespace pilot::render_detail
