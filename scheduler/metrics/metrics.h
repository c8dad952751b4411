#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "common/metrics/histogram.h"

namespace kube::scheduler::metrics {

using kube::metrics::Histogram;

// The outcome of one scheduling attempt, as upstream's `result` label.
enum class Result { kScheduled, kUnschedulable, kError };

// Gauges read at scrape time from the queue and the cache.
struct Gauges {
  int64_t pending_active = 0;
  int64_t pending_backoff = 0;
  int64_t pending_unschedulable = 0;
  int64_t pending_gated = 0;
  int64_t cache_nodes = 0;
  int64_t cache_pods = 0;
  int64_t cache_assumed_pods = 0;
  int64_t is_leader = 0;
  int64_t events_dropped = 0;
};

// The scheduler's metrics, with upstream's names where upstream has one
// (scheduler_schedule_attempts_total, scheduler_scheduling_attempt_duration_seconds,
// scheduler_pod_scheduling_sli_duration_seconds, scheduler_pending_pods, ...),
// rendered in the Prometheus text format. Thread-safe; one per process, owned by
// whoever wires the scheduler (no global registry).
class SchedulerMetrics {
 public:
  explicit SchedulerMetrics(std::string profile);
  SchedulerMetrics(const SchedulerMetrics&) = delete;
  SchedulerMetrics& operator=(const SchedulerMetrics&) = delete;

  // One attempt from Pop to its verdict (binding runs after, asynchronously).
  void ObserveAttempt(Result result, absl::Duration duration);
  // A pod bound: from its first entry into the queue, with how many attempts.
  void ObservePodScheduled(absl::Duration since_first_queued, int attempts);
  // One binding API call.
  void ObserveBinding(bool ok, absl::Duration duration);

  int64_t attempts(Result result) const;

  std::string Render(const Gauges& gauges) const;

 private:
  const std::string profile_;  // constant after construction
  std::array<std::atomic<int64_t>, 3> attempts_{};  // by Result
  std::array<Histogram*, 3> attempt_duration_by_result_{};
  Histogram attempt_duration_scheduled_;
  Histogram attempt_duration_unschedulable_;
  Histogram attempt_duration_error_;
  Histogram e2e_duration_;
  Histogram binding_duration_;
  std::atomic<int64_t> bindings_ok_{0};
  std::atomic<int64_t> bindings_failed_{0};
  std::atomic<int64_t> pods_scheduled_{0};
  std::atomic<int64_t> pod_attempts_sum_{0};
};

}  // namespace kube::scheduler::metrics
