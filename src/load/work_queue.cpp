#include "work_queue.hpp"

#include <algorithm>

namespace pilot::load {

void WorkQueue::publish(std::size_t batch, std::size_t count) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ready_.emplace_back(batch, count);
  }
  wake_.notify_all();
}

void WorkQueue::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
  }
  wake_.notify_all();
}

bool WorkQueue::claim(std::size_t& batch, std::size_t& begin, std::size_t& end) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    while (at_ < ready_.size() && next_ >= ready_[at_].second) {
      ++at_;
      next_ = 0;
    }
    if (at_ < ready_.size()) {
      batch = ready_[at_].first;
      begin = next_;
      end = std::min(ready_[at_].second, next_ + k_chunk);
      next_ = end;
      return true;
    }
    if (finished_) return false;
    wake_.wait(lock);
  }
}

}  // namespace pilot::load
