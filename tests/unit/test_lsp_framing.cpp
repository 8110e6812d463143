// LSP framing (src/lsp/framing.cpp): Content-Length messages from a stream fed in pieces.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lsp/framing.hpp"

using namespace pilot::lsp;
using Status = MessageBuffer::Status;

TEST_CASE("lsp framing: a message split across feeds comes out whole, once") {
  std::string bytes = frame(R"({"jsonrpc":"2.0","method":"initialized","params":{"x":"中文"}})");
  MessageBuffer buffer;
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
    buffer.feed(bytes.substr(i, 1));
    CHECK(buffer.next().status == Status::none);
  }
  buffer.feed(bytes.substr(bytes.size() - 1));
  auto next = buffer.next();
  REQUIRE(next.status == Status::message);
  CHECK(next.body == R"({"jsonrpc":"2.0","method":"initialized","params":{"x":"中文"}})");
  CHECK(buffer.next().status == Status::none);
}

TEST_CASE("lsp framing: several messages in one feed, other headers, any case, LF-only") {
  MessageBuffer buffer;
  buffer.feed(
      "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "content-length:3\r\n\r\n[1]"
      "Content-Length: 4\n\nnull");
  std::vector<std::string> bodies;
  for (auto next = buffer.next(); next.status != Status::none; next = buffer.next()) {
    REQUIRE(next.status == Status::message);
    bodies.push_back(next.body);
  }
  CHECK(bodies == std::vector<std::string>{"{}", "[1]", "null"});
}

TEST_CASE(
    "lsp framing: a header without a valid Content-Length is dropped and said, the next message "
    "still comes") {
  for (std::string header :
       {"Content-Type: x\r\n\r\n", "Content-Length: abc\r\n\r\n", "Content-Length: -1\r\n\r\n",
        "Content-Length: 99999999999999999999\r\n\r\n"}) {
    CAPTURE(header);
    MessageBuffer buffer;
    buffer.feed(header + frame("{}"));
    auto bad = buffer.next();
    CHECK(bad.status == Status::bad_header);
    CHECK_FALSE(bad.error.empty());
    auto good = buffer.next();
    REQUIRE(good.status == Status::message);
    CHECK(good.body == "{}");
  }
}

TEST_CASE("lsp framing: a body over the limit is skipped as it arrives, then reading goes on") {
  MessageBuffer buffer;
  std::size_t size = k_max_message + 10;
  buffer.feed("Content-Length: " + std::to_string(size) + "\r\n\r\n" + std::string(1000, 'x'));
  auto big = buffer.next();
  CHECK(big.status == Status::too_large);
  std::size_t left = size - 1000;
  std::string chunk(1 << 20, 'y');
  while (left > 0) {
    std::size_t n = std::min(left, chunk.size());
    buffer.feed(std::string_view(chunk).substr(0, n));
    CHECK(buffer.next().status == Status::none);
    left -= n;
  }
  buffer.feed(frame("{\"ok\":1}"));
  auto next = buffer.next();
  REQUIRE(next.status == Status::message);
  CHECK(next.body == "{\"ok\":1}");
}

TEST_CASE("lsp framing: bytes that never end a header are dropped after 16 KiB") {
  MessageBuffer buffer;
  buffer.feed(std::string(20000, 'g'));
  CHECK(buffer.next().status == Status::bad_header);
  buffer.feed(frame("1"));
  auto next = buffer.next();
  REQUIRE(next.status == Status::message);
  CHECK(next.body == "1");
}

TEST_CASE("lsp framing: frame() writes the byte length, not the character count") {
  CHECK(frame("\"中\"") == "Content-Length: 5\r\n\r\n\"中\"");
}
