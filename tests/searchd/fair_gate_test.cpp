// FairGate admits at most N at once, and the waiting in arrival order.
#include "searchd/http/fair_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

namespace councilsearch::http {
namespace {

void WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 5000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_TRUE(done());
}

TEST(FairGate, AdmitsTheWaitingInArrivalOrder) {
  FairGate gate(1);
  std::mutex m;
  std::vector<int> order;
  std::atomic<int> inside{0}, most{0};
  std::atomic<bool> release{false};
  auto holder = [&] {
    FairGate::Pass pass(gate);
    while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  };
  // One holds the slot.
  std::thread a(holder);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // Five more queue up, one after the other.
  std::vector<std::thread> queued;
  for (int i = 0; i < 5; ++i) {
    queued.emplace_back([&, i] {
      FairGate::Pass pass(gate);
      const int now = ++inside;
      for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
      }
      {
        std::lock_guard<std::mutex> lock(m);
        order.push_back(i);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --inside;
    });
    WaitFor([&, i] { return gate.waiting() == static_cast<size_t>(i + 1); });
  }
  release = true;
  a.join();
  for (auto& t : queued) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(most.load(), 1);
  EXPECT_EQ(gate.waiting(), 0u);
}

TEST(FairGate, NeverLetsMoreThanItsSlotsIn) {
  FairGate gate(2);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 20; ++k) {
        FairGate::Pass pass(gate);
        const int now = ++inside;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(most.load(), 2);  // both slots used, never a third
  EXPECT_EQ(gate.waiting(), 0u);
}

}  // namespace
}  // namespace councilsearch::http
