#include "common/client/controller.h"

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "absl/synchronization/mutex.h"
#include "tests/support/eventually.h"

namespace kube::client {

using kube::testing::Eventually;
namespace {

std::unique_ptr<RateLimiter> FastLimiter() {
  return std::make_unique<ItemExponentialRateLimiter>(absl::Milliseconds(1), absl::Milliseconds(20));
}

// Counts reconciles per key; fails each key its first `failures` times.
class FlakyReconciler {
 public:
  explicit FlakyReconciler(int failures) : failures_(failures) {}
  absl::Status operator()(const std::string& key) {
    absl::MutexLock lock(&mu_);
    int call = ++calls_[key];
    if (call <= failures_) return absl::UnavailableError("try again");
    return absl::OkStatus();
  }
  int Calls(const std::string& key) {
    absl::MutexLock lock(&mu_);
    return calls_[key];
  }

 private:
  const int failures_;
  absl::Mutex mu_;
  std::map<std::string, int> calls_ ABSL_GUARDED_BY(mu_);
};

// Runs a controller on its own thread for the test's scope.
class Running {
 public:
  Running(Controller& controller, int workers)
      : controller_(controller), thread_([this, workers] { status_ = controller_.Run(workers); }) {}
  absl::Status StopAndJoin() {
    controller_.Stop();
    if (thread_.joinable()) thread_.join();
    return status_;
  }
  ~Running() { StopAndJoin().IgnoreError(); }

 private:
  Controller& controller_;
  absl::Status status_;
  std::thread thread_;
};

TEST_CASE("a failing key is retried with backoff until it succeeds, then forgotten") {
  FlakyReconciler reconciler(3);
  ControllerOptions options;
  options.name = "flaky";
  options.rate_limiter = FastLimiter();
  Controller controller(std::move(options), [&](const std::string& key) { return reconciler(key); });
  Running running(controller, 2);
  controller.Enqueue("ns/a");
  REQUIRE(Eventually([&] { return reconciler.Calls("ns/a") == 4; }));
  REQUIRE(Eventually([&] { return controller.queue().Metrics().processing == 0; }));
  CHECK(controller.queue().NumRequeues("ns/a") == 0);
  CHECK(controller.queue().Metrics().retries == 3);
  CHECK(running.StopAndJoin().ok());
  CHECK(reconciler.Calls("ns/a") == 4);  // success is final: no more calls
}

TEST_CASE("a key that keeps failing is dropped after max_retries") {
  FlakyReconciler reconciler(1000);
  ControllerOptions options;
  options.name = "hopeless";
  options.max_retries = 3;
  options.rate_limiter = FastLimiter();
  Controller controller(std::move(options), [&](const std::string& key) { return reconciler(key); });
  Running running(controller, 1);
  controller.Enqueue("ns/a");
  REQUIRE(Eventually([&] {
    auto metrics = controller.queue().Metrics();
    return reconciler.Calls("ns/a") >= 4 && metrics.processing == 0 && metrics.waiting == 0 &&
           metrics.depth == 0;
  }));
  CHECK(reconciler.Calls("ns/a") == 4);  // the first try and 3 retries
  CHECK(controller.queue().NumRequeues("ns/a") == 0);
  // A new event brings it back.
  controller.Enqueue("ns/a");
  REQUIRE(Eventually([&] { return reconciler.Calls("ns/a") >= 5; }));
}

TEST_CASE("workers start only once every cache has synced") {
  std::atomic<bool> pods_synced{false};
  std::atomic<int> calls{0};
  ControllerOptions options;
  options.name = "waits";
  options.cache_synced = {[] { return true; }, [&] { return pods_synced.load(); }};
  options.sync_poll_interval = absl::Milliseconds(5);
  Controller controller(std::move(options), [&](const std::string&) {
    calls.fetch_add(1);
    return absl::OkStatus();
  });
  controller.Enqueue("ns/a");
  Running running(controller, 4);
  absl::SleepFor(absl::Milliseconds(100));
  CHECK(calls.load() == 0);
  pods_synced = true;
  REQUIRE(Eventually([&] { return calls.load() == 1; }));
  CHECK(running.StopAndJoin().ok());
}

TEST_CASE("stopping before the caches sync returns Cancelled") {
  ControllerOptions options;
  options.name = "never-synced";
  options.cache_synced = {[] { return false; }};
  Controller controller(std::move(options), [](const std::string&) { return absl::OkStatus(); });
  Running running(controller, 1);
  absl::SleepFor(absl::Milliseconds(20));
  CHECK(absl::IsCancelled(running.StopAndJoin()));
}

TEST_CASE("one key is never reconciled by two workers at once") {
  std::atomic<int> in_flight{0};
  std::atomic<int> overlaps{0};
  std::atomic<int> calls{0};
  ControllerOptions options;
  options.name = "exclusive";
  Controller controller(std::move(options), [&](const std::string&) {
    if (in_flight.fetch_add(1) != 0) overlaps.fetch_add(1);
    absl::SleepFor(absl::Microseconds(200));
    in_flight.fetch_sub(1);
    calls.fetch_add(1);
    return absl::OkStatus();
  });
  Running running(controller, 8);
  for (int i = 0; i < 500; ++i) {
    controller.Enqueue("ns/same");
    if (i % 50 == 0) absl::SleepFor(absl::Milliseconds(1));
  }
  REQUIRE(Eventually([&] {
    auto metrics = controller.queue().Metrics();
    return metrics.depth == 0 && metrics.processing == 0;
  }));
  CHECK(overlaps.load() == 0);
  CHECK(calls.load() >= 1);
}

TEST_CASE("Run rejects zero workers") {
  Controller controller({}, [](const std::string&) { return absl::OkStatus(); });
  CHECK(absl::IsInvalidArgument(controller.Run(0)));
}

}  // namespace
}  // namespace kube::client
