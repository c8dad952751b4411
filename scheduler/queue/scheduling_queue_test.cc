#include "scheduler/queue/scheduling_queue.h"

#include <thread>

#include <catch2/catch.hpp>

#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::queue {
namespace {

using testing::MakePod;

struct FakeClock {
  absl::Time now = absl::FromUnixSeconds(1000);
};

QueueOptions Options(FakeClock& clock) {
  QueueOptions options;
  options.clock = [&clock] { return clock.now; };
  return options;
}

std::string PopName(SchedulingQueue& queue) {
  auto info = queue.Pop();
  return info == nullptr ? "" : info->pod().metadata().name();
}

TEST_CASE("Queue pops by priority, then FIFO", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  queue.Add(MakePod("low1").Info());
  clock.now += absl::Seconds(1);
  queue.Add(MakePod("high").Priority(100).Info());
  clock.now += absl::Seconds(1);
  queue.Add(MakePod("low2").Info());
  CHECK(PopName(queue) == "high");
  CHECK(PopName(queue) == "low1");
  CHECK(PopName(queue) == "low2");
  CHECK(queue.SchedulingCycle() == 3);
}

TEST_CASE("Queue: unschedulable pods wait for a cluster event", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  queue.Add(MakePod("p").Info());
  auto popped = queue.Pop();
  REQUIRE(popped != nullptr);
  CHECK(popped->attempts == 1);
  queue.AddUnschedulableIfNotPresent(std::move(popped), queue.SchedulingCycle());
  CHECK(queue.Where("uid-p") == "unschedulable");
  CHECK(queue.Pending().unschedulable == 1);
  // The event comes while the pod is still backing off (1 s after one attempt).
  queue.MoveAllToActiveOrBackoff("NodeAdd");
  CHECK(queue.Where("uid-p") == "backoff");
  clock.now += absl::Milliseconds(999);
  queue.FlushBackoffCompleted();
  CHECK(queue.Where("uid-p") == "backoff");
  clock.now += absl::Milliseconds(2);
  queue.FlushBackoffCompleted();
  CHECK(queue.Where("uid-p") == "active");
}

TEST_CASE("Queue: an event after backoff moves straight to active", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  queue.Add(MakePod("p").Info());
  queue.AddUnschedulableIfNotPresent(queue.Pop(), queue.SchedulingCycle());
  clock.now += absl::Seconds(5);
  queue.MoveAllToActiveOrBackoff("NodeUpdate");
  CHECK(queue.Where("uid-p") == "active");
}

TEST_CASE("Queue: an event during the pod's cycle sends it to backoff", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  queue.Add(MakePod("p").Info());
  auto popped = queue.Pop();
  int64_t cycle = queue.SchedulingCycle();
  queue.MoveAllToActiveOrBackoff("NodeAdd");  // while the pod was being scheduled
  queue.AddUnschedulableIfNotPresent(std::move(popped), cycle);
  CHECK(queue.Where("uid-p") == "backoff");
}

TEST_CASE("Queue: backoff doubles per attempt up to 10 s", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  queue.Add(MakePod("p").Info());
  std::vector<absl::Duration> waits;
  for (int attempt = 1; attempt <= 6; ++attempt) {
    auto popped = queue.Pop();
    REQUIRE(popped->attempts == attempt);
    queue.AddBackoff(std::move(popped));
    absl::Duration waited;
    while (queue.Where("uid-p") != "active") {
      clock.now += absl::Milliseconds(100);
      waited += absl::Milliseconds(100);
      queue.FlushBackoffCompleted();
    }
    waits.push_back(waited);
  }
  CHECK(waits == std::vector<absl::Duration>{absl::Seconds(1), absl::Seconds(2), absl::Seconds(4),
                                             absl::Seconds(8), absl::Seconds(10), absl::Seconds(10)});
}

TEST_CASE("Queue: long-waiting unschedulable pods are flushed", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  queue.Add(MakePod("p").Info());
  queue.AddUnschedulableIfNotPresent(queue.Pop(), queue.SchedulingCycle());
  clock.now += absl::Seconds(59);
  queue.FlushUnschedulableLeftover();
  CHECK(queue.Where("uid-p") == "unschedulable");
  clock.now += absl::Seconds(2);
  queue.FlushUnschedulableLeftover();
  CHECK(queue.Where("uid-p") == "active");
}

TEST_CASE("Queue: updates", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  auto old_pod = MakePod("p");
  queue.Add(old_pod.Info());
  queue.AddUnschedulableIfNotPresent(queue.Pop(), queue.SchedulingCycle());
  clock.now += absl::Seconds(5);
  // A status-only change (our own PodScheduled condition) leaves it waiting.
  auto status_only = MakePod("p").Phase("Pending");
  queue.Update(old_pod.Obj(), status_only.Info());
  CHECK(queue.Where("uid-p") == "unschedulable");
  // A spec or label change may make it fit.
  queue.Update(status_only.Obj(), MakePod("p").Label("a", "b").Info());
  CHECK(queue.Where("uid-p") == "active");
  // Deleting (or binding) takes it out.
  queue.Delete(MakePod("p").Obj());
  CHECK(queue.Where("uid-p") == "");
  // An update of a pod in no queue adds it.
  queue.Update(old_pod.Obj(), old_pod.Info());
  CHECK(queue.Where("uid-p") == "active");
  // A failure of a pod already re-added is dropped.
  auto popped = queue.Pop();
  queue.Add(old_pod.Info());
  queue.AddUnschedulableIfNotPresent(std::move(popped), queue.SchedulingCycle());
  CHECK(queue.Where("uid-p") == "active");
  CHECK(queue.Pending().unschedulable == 0);
}

TEST_CASE("Queue: gated pods wait until their gates are removed", "[queue]") {
  FakeClock clock;
  SchedulingQueue queue(Options(clock));
  auto gated = MakePod("p").Obj();
  gated.mutable_spec()->add_schedulinggates()->set_name("example.com/wait");
  queue.Add(framework::PodInfo::New(std::make_shared<k8s::core::v1::Pod>(gated)));
  CHECK(queue.Where("uid-p") == "gated");
  CHECK(queue.Pending().gated == 1);
  queue.MoveAllToActiveOrBackoff("NodeAdd");
  CHECK(queue.Where("uid-p") == "gated");
  queue.Update(gated, MakePod("p").Info());
  CHECK(queue.Where("uid-p") == "active");
}

TEST_CASE("Queue: Pop blocks until a pod comes, Close wakes it", "[queue]") {
  SchedulingQueue queue;
  queue.Start();
  std::string popped;
  std::thread popper([&] { popped = PopName(queue); });
  absl::SleepFor(absl::Milliseconds(50));
  queue.Add(MakePod("p").Info());
  popper.join();
  CHECK(popped == "p");
  std::thread waiter([&] { CHECK(queue.Pop() == nullptr); });
  absl::SleepFor(absl::Milliseconds(50));
  queue.Close();
  waiter.join();
}

TEST_CASE("Queue: the flusher moves backed-off pods on time", "[queue]") {
  QueueOptions options;
  options.initial_backoff = absl::Milliseconds(100);
  SchedulingQueue queue(options);
  queue.Start();
  queue.Add(MakePod("p").Info());
  auto popped = queue.Pop();
  absl::Time start = absl::Now();
  queue.AddBackoff(std::move(popped));
  REQUIRE(queue.Pop() != nullptr);
  absl::Duration waited = absl::Now() - start;
  CHECK(waited >= absl::Milliseconds(95));
  CHECK(waited < absl::Seconds(2));
}

}  // namespace
}  // namespace kube::scheduler::queue
