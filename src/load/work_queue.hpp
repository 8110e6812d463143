#pragma once
// The loader's work queue: parsing threads claim files in chunks while the walk is still
// publishing them.
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

namespace pilot::load {

class WorkQueue {
 public:
  // Items [0, count) of batch `batch` (an index of the caller's) are ready to be worked on.
  // Batches are handed out in the order they were published.
  void publish(std::size_t batch, std::size_t count);
  // No batch will be published any more: claim() returns false once the last item is out.
  void finish();
  // The next items [begin, end) of a batch to work on: a whole chunk (begin is a multiple of
  // k_chunk; end is begin + k_chunk, or the batch's end). False once every item is handed out
  // and finish() was called. Waits while nothing is ready.
  bool claim(std::size_t& batch, std::size_t& begin, std::size_t& end);

  static constexpr std::size_t k_chunk = 32;  // items per claim

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::pair<std::size_t, std::size_t>> ready_;  // (batch, count), in order
  std::size_t at_ = 0;    // the batch being handed out
  std::size_t next_ = 0;  // its next item
  bool finished_ = false;
};

}  // namespace pilot::load
