#include "common/client/workqueue.h"

#include <atomic>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/synchronization/notification.h"

namespace kube::client {
namespace {

// Gets an item on another thread, failing the test after a generous timeout rather
// than hanging.
bool GetWithin(WorkQueue& queue, std::string* item, absl::Duration timeout = absl::Seconds(10)) {
  absl::Notification got;
  bool ok = false;
  std::thread getter([&] {
    ok = queue.Get(item);
    got.Notify();
  });
  bool in_time = got.WaitForNotificationWithTimeout(timeout);
  if (!in_time) queue.ShutDown();  // unblocks the getter
  getter.join();
  return in_time && ok;
}

std::unique_ptr<RateLimiter> FastQueueLimiter() {
  return std::make_unique<ItemExponentialRateLimiter>(absl::Milliseconds(1), absl::Milliseconds(50));
}

TEST_CASE("adding a queued item again does nothing") {
  WorkQueue queue("test");
  queue.Add("ns/a");
  queue.Add("ns/b");
  queue.Add("ns/a");
  CHECK(queue.Len() == 2);
  std::string item;
  REQUIRE(queue.Get(&item));
  CHECK(item == "ns/a");
  REQUIRE(queue.Get(&item));
  CHECK(item == "ns/b");
  CHECK(queue.Len() == 0);
  queue.Done("ns/a");
  queue.Done("ns/b");
  WorkQueueMetrics metrics = queue.Metrics();
  CHECK(metrics.name == "test");
  CHECK(metrics.adds == 2);
  CHECK(metrics.depth == 0);
  CHECK(metrics.processing == 0);
  CHECK(metrics.queue_latency_count == 2);
  CHECK(metrics.work_duration_count == 2);
}

TEST_CASE("an item added while it is processed comes back only after Done") {
  WorkQueue queue("test");
  queue.Add("a");
  std::string item;
  REQUIRE(queue.Get(&item));
  queue.Add("a");
  queue.Add("a");
  CHECK(queue.Len() == 0);  // held back: a worker has it
  CHECK(queue.Metrics().depth == 1);
  queue.Done("a");
  CHECK(queue.Len() == 1);
  REQUIRE(queue.Get(&item));
  CHECK(item == "a");
  queue.Done("a");
  CHECK(queue.Len() == 0);
}

TEST_CASE("no key is processed by two of 8 workers at once and no add is lost") {
  constexpr int kKeys = 10;
  constexpr int kAdds = 4000;
  WorkQueue queue("stress");
  std::vector<std::atomic<int>> in_flight(kKeys);
  std::vector<std::atomic<int>> added(kKeys);      // adds so far, per key
  std::vector<std::atomic<int>> processed(kKeys);  // `added` as seen at the last Get
  std::atomic<int> violations{0};

  std::vector<std::thread> workers;
  for (int w = 0; w < 8; ++w) {
    workers.emplace_back([&] {
      std::string item;
      while (queue.Get(&item)) {
        int key = std::stoi(item);
        if (in_flight[key].fetch_add(1) != 0) violations.fetch_add(1);
        processed[key].store(added[key].load());
        std::this_thread::yield();
        in_flight[key].fetch_sub(1);
        queue.Done(item);
      }
    });
  }
  std::vector<std::thread> producers;
  for (int p = 0; p < 2; ++p) {
    producers.emplace_back([&, p] {
      std::mt19937 random(p);
      for (int i = 0; i < kAdds; ++i) {
        int key = random() % kKeys;
        added[key].fetch_add(1);
        queue.Add(std::to_string(key));
      }
    });
  }
  for (auto& producer : producers) producer.join();
  CHECK(queue.ShutDownWithDrain(absl::Seconds(30)));
  for (auto& worker : workers) worker.join();

  CHECK(violations.load() == 0);
  // Every key was processed after its last add: adds during processing were kept.
  for (int key = 0; key < kKeys; ++key) {
    INFO("key " << key);
    CHECK(processed[key].load() == added[key].load());
  }
}

TEST_CASE("AddAfter releases items in time order and keeps the earlier time") {
  WorkQueue queue("delay");
  queue.AddAfter("late", absl::Milliseconds(300));
  queue.AddAfter("early", absl::Milliseconds(100));
  queue.AddAfter("middle", absl::Milliseconds(500));
  queue.AddAfter("middle", absl::Milliseconds(200));  // moves it earlier
  queue.AddAfter("early", absl::Seconds(60));         // later: ignored
  queue.AddAfter("now", absl::ZeroDuration());
  CHECK(queue.Len() == 1);
  CHECK(queue.Metrics().waiting == 3);
  std::vector<std::string> order;
  std::string item;
  for (int i = 0; i < 4; ++i) {
    REQUIRE(GetWithin(queue, &item));
    order.push_back(item);
    queue.Done(item);
  }
  CHECK(order == std::vector<std::string>{"now", "early", "middle", "late"});
  CHECK(queue.Metrics().waiting == 0);
}

TEST_CASE("rate-limited adds back off and Forget starts over") {
  WorkQueue queue("retry",
                  std::make_unique<ItemExponentialRateLimiter>(absl::Milliseconds(20), absl::Seconds(1)));
  std::string item;
  queue.AddRateLimited("a");  // 20 ms
  CHECK(queue.Len() == 0);
  REQUIRE(GetWithin(queue, &item));
  queue.Done(item);
  queue.AddRateLimited("a");  // 40 ms
  queue.AddRateLimited("a");  // 80 ms, but the 40 ms entry wins
  CHECK(queue.NumRequeues("a") == 3);
  absl::Time start = absl::Now();
  REQUIRE(GetWithin(queue, &item));
  CHECK(absl::Now() - start >= absl::Milliseconds(30));
  queue.Done(item);
  CHECK(queue.Metrics().retries == 3);
  queue.Forget("a");
  CHECK(queue.NumRequeues("a") == 0);
}

TEST_CASE("shutdown hands out what is queued, then Get returns false") {
  WorkQueue queue("shutdown", FastQueueLimiter());
  queue.Add("a");
  queue.Add("b");
  queue.AddAfter("delayed", absl::Seconds(60));
  queue.ShutDown();
  CHECK(queue.ShuttingDown());
  queue.Add("ignored");
  std::string item;
  REQUIRE(queue.Get(&item));
  CHECK(item == "a");
  queue.Done(item);
  REQUIRE(queue.Get(&item));
  CHECK(item == "b");
  queue.Done(item);
  CHECK_FALSE(queue.Get(&item));
  CHECK(queue.Metrics().waiting == 0);
}

TEST_CASE("shutdown wakes a blocked Get") {
  WorkQueue queue("wake");
  std::atomic<bool> got{true};
  std::thread getter([&] {
    std::string item;
    got = queue.Get(&item);
  });
  absl::SleepFor(absl::Milliseconds(20));
  queue.ShutDown();
  getter.join();
  CHECK_FALSE(got.load());
}

TEST_CASE("ShutDownWithDrain waits for items in flight to be Done") {
  WorkQueue queue("drain");
  queue.Add("a");
  queue.Add("b");
  std::string item;
  REQUIRE(queue.Get(&item));
  queue.Add("a");  // dirty while processing: must be handed out again before the drain ends
  absl::Notification release;
  std::atomic<int> finished{0};
  std::thread worker([&] {
    release.WaitForNotificationWithTimeout(absl::Seconds(10));
    queue.Done("a");
    std::string next;
    while (queue.Get(&next)) {
      queue.Done(next);
      finished.fetch_add(1);
    }
  });
  // Nothing is Done yet: a short drain times out.
  CHECK_FALSE(queue.ShutDownWithDrain(absl::Milliseconds(50)));
  release.Notify();
  CHECK(queue.ShutDownWithDrain(absl::Seconds(10)));
  worker.join();
  CHECK(finished.load() == 2);  // "b" and the re-added "a"
}

TEST_CASE("Done for an item never handed out is ignored") {
  WorkQueue queue("stray");
  queue.Done("nothing");
  queue.Add("a");
  queue.Done("a");  // queued, not processing: stays queued
  CHECK(queue.Len() == 1);
}

}  // namespace
}  // namespace kube::client
