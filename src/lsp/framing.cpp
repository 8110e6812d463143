#include "framing.hpp"

#include <algorithm>
#include <cctype>

namespace pilot::lsp {

namespace {

// Headers larger than this without a blank line are not a header: drop them.
constexpr std::size_t k_max_header = 16 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The Content-Length of a header block, or npos when missing or not a decimal number.
std::size_t content_length(std::string_view header) {
  std::size_t length = std::string_view::npos;
  while (!header.empty()) {
    auto eol = header.find('\n');
    std::string_view line = header.substr(0, eol);
    header.remove_prefix(eol == std::string_view::npos ? header.size() : eol + 1);
    auto colon = line.find(':');
    if (colon == std::string_view::npos || !iequals(trim(line.substr(0, colon)), "content-length"))
      continue;
    std::string_view value = trim(line.substr(colon + 1));
    if (value.empty() || value.size() > 12) return std::string_view::npos;
    std::size_t n = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return std::string_view::npos;
      n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    length = n;
  }
  return length;
}

}  // namespace

void MessageBuffer::feed(std::string_view bytes) {
  if (skip_ > 0) {
    std::size_t drop = std::min(skip_, bytes.size());
    skip_ -= drop;
    bytes.remove_prefix(drop);
  }
  buffer_.append(bytes);
}

void MessageBuffer::compact() {
  if (start_ > 0 && (start_ == buffer_.size() || start_ > 64 * 1024)) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
}

MessageBuffer::Next MessageBuffer::next() {
  Next out;
  std::string_view rest(buffer_);
  rest.remove_prefix(start_);
  // Blank lines between messages are tolerated.
  std::size_t lead = 0;
  while (lead < rest.size() && (rest[lead] == '\r' || rest[lead] == '\n')) ++lead;
  start_ += lead;
  rest.remove_prefix(lead);
  if (rest.empty()) {
    compact();
    return out;
  }
  std::size_t crlf = rest.find("\r\n\r\n");
  std::size_t lf = rest.find("\n\n");
  std::size_t end = std::min(crlf, lf);
  std::size_t sep = end == crlf ? 4 : 2;
  if (end == std::string_view::npos) {
    if (rest.size() > k_max_header) {
      out.status = Status::bad_header;
      out.error = "no header end (blank line) within 16 KiB; input dropped";
      start_ = buffer_.size();
      compact();
    }
    return out;
  }
  std::size_t length = content_length(rest.substr(0, end));
  if (length == std::string_view::npos) {
    out.status = Status::bad_header;
    out.error = "header without a valid Content-Length; message dropped";
    start_ += end + sep;
    compact();
    return out;
  }
  std::size_t body_at = end + sep;
  if (length > k_max_message) {
    out.status = Status::too_large;
    out.error = "message of " + std::to_string(length) + " bytes is larger than the limit of " +
                std::to_string(k_max_message) + " bytes; skipped";
    std::size_t have = rest.size() - body_at;
    std::size_t drop = std::min(have, length);
    skip_ = length - drop;
    start_ += body_at + drop;
    compact();
    return out;
  }
  if (rest.size() - body_at < length) return out;  // wait for the rest of the body
  out.status = Status::message;
  out.body.assign(rest.substr(body_at, length));
  start_ += body_at + length;
  compact();
  return out;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace pilot::lsp
