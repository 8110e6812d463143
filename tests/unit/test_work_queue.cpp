// The loader's work queue (src/load/work_queue.cpp): every published item is handed out once,
// batches in the order they were published, while the publisher is still at work.
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "load/work_queue.hpp"

using pilot::load::WorkQueue;

TEST_CASE("work queue: one claimer gets every item once, in order, in chunks") {
  WorkQueue queue;
  queue.publish(7, 40);
  queue.publish(3, 0);  // an empty batch is skipped
  queue.publish(5, 2);
  queue.finish();
  std::vector<std::pair<std::size_t, std::size_t>> got;  // (batch, item)
  std::size_t batch = 0, begin = 0, end = 0;
  while (queue.claim(batch, begin, end)) {
    CHECK(begin < end);
    for (std::size_t i = begin; i < end; ++i) got.emplace_back(batch, i);
  }
  REQUIRE(got.size() == 42);
  for (std::size_t i = 0; i < 40; ++i) CHECK(got[i] == std::make_pair(std::size_t{7}, i));
  CHECK(got[40] == std::make_pair(std::size_t{5}, std::size_t{0}));
  CHECK(got[41] == std::make_pair(std::size_t{5}, std::size_t{1}));
  CHECK_FALSE(queue.claim(batch, begin, end));  // and stays done
}

TEST_CASE("work queue: claimers wait for what is published later, and stop after finish") {
  WorkQueue queue;
  std::mutex mutex;
  std::vector<int> seen(3 * 1000, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::size_t batch = 0, begin = 0, end = 0;
      while (queue.claim(batch, begin, end)) {
        std::lock_guard<std::mutex> lock(mutex);
        for (std::size_t i = begin; i < end; ++i) ++seen[batch * 1000 + i];
      }
    });
  }
  for (std::size_t b = 0; b < 3; ++b) {
    std::this_thread::yield();
    queue.publish(b, 1000);
  }
  queue.finish();
  for (auto& t : threads) t.join();
  int once = 0;
  for (int n : seen) once += n == 1 ? 1 : 0;
  CHECK(once == 3000);
}
