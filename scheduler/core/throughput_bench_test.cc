// The scheduler's own throughput with no API server behind it: SchedulingBasic's
// pods and nodes, bound by a fake writer. Hidden ([.bench]); run with
//   kube_scheduler_core_test "[.bench]"
// It shows what the scheduling cycle can do when binding costs nothing, to set
// beside scheduler-bench, which includes the apiserver.

#include <cstdio>

#include <catch2/catch.hpp>

#include "scheduler/core/event_handlers.h"
#include "scheduler/core/fake_pod_writer.h"
#include "scheduler/core/scheduler.h"
#include "scheduler/plugins/registry.h"
#include "scheduler/testing/wrappers.h"

namespace kube::scheduler::core {
namespace {

using testing::MakeNode;
using testing::MakePod;

void Measure(int nodes, int pods, int parallelism) {
  cache::Cache cache;
  queue::SchedulingQueue queue;
  EventHandlers handlers("default-scheduler", cache, queue);
  FakePodWriter writer;
  metrics::SchedulerMetrics metrics("default-scheduler");
  for (int i = 0; i < nodes; ++i) {
    handlers.OnNodeAdd(MakeNode("node-" + std::to_string(i))
                           .Capacity({{"cpu", "4"}, {"memory", "32Gi"}, {"pods", "110"}})
                           .Shared());
  }
  for (int i = 0; i < pods; ++i) {
    handlers.OnPodAdd(MakePod("pod-" + std::to_string(i))
                          .Req({{"cpu", "100m"}, {"memory", "500Mi"}})
                          .Shared());
  }
  auto profile = plugins::NewProfile(plugins::DefaultProfileSpec(), {});
  REQUIRE(profile.ok());
  SchedulerOptions options;
  options.parallelism = parallelism;
  options.api_workers = 4;
  Scheduler scheduler(options, std::move(*profile), cache, queue, writer, nullptr, metrics);
  absl::Time start = absl::Now();
  for (int i = 0; i < pods; ++i) REQUIRE(scheduler.ScheduleOne());
  scheduler.WaitForApiCalls();
  double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  CHECK(writer.bindings().size() == static_cast<size_t>(pods));
  std::printf("nodes=%d pods=%d parallelism=%d: %.0f pods/s (%.1f us per pod)\n", nodes, pods,
              parallelism, pods / seconds, 1e6 * seconds / pods);
}

TEST_CASE("Scheduling throughput without an API server", "[.bench]") {
  for (int parallelism : {1, 2}) {
    Measure(500, 5000, parallelism);
    Measure(5000, 10000, parallelism);
  }
}

}  // namespace
}  // namespace kube::scheduler::core
