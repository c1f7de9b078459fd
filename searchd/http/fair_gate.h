// A first-come, first-served limit on how many requests run queries at once.
//
// cpp-httplib gives every open connection a thread; with 64 busy clients on 2
// cores, 64 threads share the CPU and each query takes 32 times as long, so
// the slowest requests of a burst wait behind everyone (p99 at 6x the mean).
// Letting a few run at a time, in arrival order, finishes each query at full
// speed and serves requests in the order they came: the same throughput, a
// tail close to the mean.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace councilsearch::http {

class FairGate {
 public:
  explicit FairGate(size_t slots) : free_(slots == 0 ? 1 : slots) {}

  // Holds a slot for its lifetime; waits in arrival order for one.
  class Pass {
   public:
    explicit Pass(FairGate& gate) : gate_(gate) { gate_.Acquire(); }
    ~Pass() { gate_.Release(); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    FairGate& gate_;
  };

  size_t waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiters_.size();
  }

 private:
  struct Waiter {
    std::condition_variable cv;
    bool admitted = false;
  };

  void Acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (free_ > 0 && waiters_.empty()) {
      --free_;
      return;
    }
    Waiter me;
    waiters_.push_back(&me);
    me.cv.wait(lock, [&] { return me.admitted; });
  }

  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (waiters_.empty()) {
      ++free_;
      return;
    }
    // The slot passes straight to the longest waiter.
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->admitted = true;
    next->cv.notify_one();
  }

  mutable std::mutex mutex_;
  size_t free_;
  std::deque<Waiter*> waiters_;
};

}  // namespace councilsearch::http
