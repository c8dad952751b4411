#include "scheduler/metrics/metrics.h"

#include <catch2/catch.hpp>

namespace kube::scheduler::metrics {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

TEST_CASE("Metrics render in the Prometheus text format", "[metrics]") {
  SchedulerMetrics metrics("default-scheduler");
  metrics.ObserveAttempt(Result::kScheduled, absl::Microseconds(500));
  metrics.ObserveAttempt(Result::kScheduled, absl::Milliseconds(3));
  metrics.ObserveAttempt(Result::kUnschedulable, absl::Milliseconds(1));
  metrics.ObservePodScheduled(absl::Milliseconds(20), 1);
  Gauges gauges;
  gauges.pending_active = 7;
  std::string text = metrics.Render(gauges);
  INFO(text);
  CHECK(Has(text, "scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 2\n"));
  CHECK(Has(text, "scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"unschedulable\"} 1\n"));
  CHECK(Has(text, "# TYPE scheduler_scheduling_attempt_duration_seconds histogram\n"));
  CHECK(Has(text, "scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"0.001\"} 1\n"));
  CHECK(Has(text, "scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"0.004\"} 2\n"));
  CHECK(Has(text, "scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"+Inf\"} 2\n"));
  CHECK(Has(text, "scheduler_scheduling_attempt_duration_seconds_count{profile=\"default-scheduler\",result=\"scheduled\"} 2\n"));
  CHECK(Has(text, "scheduler_pod_scheduling_sli_duration_seconds_count 1\n"));
  CHECK(Has(text, "scheduler_pending_pods{queue=\"active\"} 7\n"));
}

}  // namespace
}  // namespace kube::scheduler::metrics
