#include "common/http/elastic_thread_pool.h"

#include <atomic>

#include <catch2/catch.hpp>

#include "absl/synchronization/notification.h"

namespace kube::http {
namespace {

TEST_CASE("the pool grows so blocked tasks never starve a new one") {
  ElasticThreadPool pool(2, 512, absl::Seconds(1));
  absl::Notification release;
  std::atomic<int> started{0};
  // 200 long-running tasks, like 200 open watches.
  for (int i = 0; i < 200; ++i) {
    pool.enqueue([&] {
      started.fetch_add(1);
      release.WaitForNotification();
    });
  }
  absl::Notification quick_done;
  pool.enqueue([&] { quick_done.Notify(); });
  CHECK(quick_done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  CHECK(pool.thread_count() >= 201);
  release.Notify();
}

TEST_CASE("surplus threads exit when idle and shutdown runs queued work") {
  ElasticThreadPool pool(1, 64, absl::Milliseconds(50));
  std::atomic<int> done{0};
  absl::Notification release;
  for (int i = 0; i < 20; ++i) {
    pool.enqueue([&] {
      release.WaitForNotificationWithTimeout(absl::Seconds(5));
      done.fetch_add(1);
    });
  }
  release.Notify();
  absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (pool.thread_count() > 1 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(20));
  CHECK(pool.thread_count() == 1);
  CHECK(done.load() == 20);
  pool.enqueue([&] { done.fetch_add(1); });
  pool.shutdown();
  CHECK(done.load() == 21);
  CHECK(pool.thread_count() == 0);
}

}  // namespace
}  // namespace kube::http
