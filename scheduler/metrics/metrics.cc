#include "scheduler/metrics/metrics.h"

#include "common/util/strings.h"

namespace kube::scheduler::metrics {
namespace {

using kube::metrics::ExponentialBuckets;
using kube::metrics::FormatDouble;

const char* ResultName(Result result) {
  switch (result) {
    case Result::kScheduled:
      return "scheduled";
    case Result::kUnschedulable:
      return "unschedulable";
    case Result::kError:
      return "error";
  }
  return "error";
}

void Header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

void Gauge(std::string& out, std::string_view name, std::string_view help, int64_t value) {
  Header(out, name, "gauge", help);
  StrAppend(&out, name, " ", value, "\n");
}

}  // namespace

SchedulerMetrics::SchedulerMetrics(std::string profile)
    : profile_(std::move(profile)),
      attempt_duration_scheduled_(ExponentialBuckets(0.001, 2, 15)),
      attempt_duration_unschedulable_(ExponentialBuckets(0.001, 2, 15)),
      attempt_duration_error_(ExponentialBuckets(0.001, 2, 15)),
      e2e_duration_(ExponentialBuckets(0.01, 2, 20)),
      binding_duration_(ExponentialBuckets(0.001, 2, 15)) {
  attempt_duration_by_result_ = {&attempt_duration_scheduled_, &attempt_duration_unschedulable_,
                                 &attempt_duration_error_};
}

void SchedulerMetrics::ObserveAttempt(Result result, absl::Duration duration) {
  attempts_[static_cast<int>(result)].fetch_add(1, std::memory_order_relaxed);
  attempt_duration_by_result_[static_cast<int>(result)]->Observe(duration);
}

void SchedulerMetrics::ObservePodScheduled(absl::Duration since_first_queued, int attempts) {
  e2e_duration_.Observe(since_first_queued);
  pods_scheduled_.fetch_add(1, std::memory_order_relaxed);
  pod_attempts_sum_.fetch_add(attempts, std::memory_order_relaxed);
}

void SchedulerMetrics::ObserveBinding(bool ok, absl::Duration duration) {
  (ok ? bindings_ok_ : bindings_failed_).fetch_add(1, std::memory_order_relaxed);
  binding_duration_.Observe(duration);
}

int64_t SchedulerMetrics::attempts(Result result) const {
  return attempts_[static_cast<int>(result)].load(std::memory_order_relaxed);
}

std::string SchedulerMetrics::Render(const Gauges& gauges) const {
  std::string out;
  const std::string profile = StrCat("profile=\"", profile_, "\"");
  Header(out, "scheduler_schedule_attempts_total", "counter",
         "Number of attempts to schedule pods, by the result.");
  for (Result result : {Result::kScheduled, Result::kUnschedulable, Result::kError}) {
    StrAppend(&out, "scheduler_schedule_attempts_total{", profile, ",result=\"", ResultName(result),
              "\"} ", attempts(result), "\n");
  }
  Header(out, "scheduler_scheduling_attempt_duration_seconds", "histogram",
         "Scheduling attempt latency in seconds (scheduling algorithm + assume).");
  for (Result result : {Result::kScheduled, Result::kUnschedulable, Result::kError}) {
    attempt_duration_by_result_[static_cast<int>(result)]->Render(
        "scheduler_scheduling_attempt_duration_seconds",
        StrCat(profile, ",result=\"", ResultName(result), "\""), out);
  }
  Header(out, "scheduler_pod_scheduling_sli_duration_seconds", "histogram",
         "E2e latency for a pod being scheduled, from the time the pod enters the scheduling "
         "queue until it is bound.");
  e2e_duration_.Render("scheduler_pod_scheduling_sli_duration_seconds", "", out);
  Header(out, "scheduler_binding_duration_seconds", "histogram",
         "Latency of the pods/binding API call in seconds.");
  binding_duration_.Render("scheduler_binding_duration_seconds", "", out);
  Header(out, "scheduler_bindings_total", "counter", "Binding API calls, by the result.");
  StrAppend(&out, "scheduler_bindings_total{result=\"ok\"} ", bindings_ok_.load(), "\n");
  StrAppend(&out, "scheduler_bindings_total{result=\"error\"} ", bindings_failed_.load(), "\n");
  Header(out, "scheduler_pod_scheduling_attempts_sum", "counter",
         "Scheduling attempts of the pods bound so far, summed.");
  StrAppend(&out, "scheduler_pod_scheduling_attempts_sum ", pod_attempts_sum_.load(), "\n");
  Header(out, "scheduler_pending_pods", "gauge",
         "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; "
         "'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in "
         "unschedulablePods; 'gated' means pods waiting for their scheduling gates.");
  StrAppend(&out, "scheduler_pending_pods{queue=\"active\"} ", gauges.pending_active, "\n");
  StrAppend(&out, "scheduler_pending_pods{queue=\"backoff\"} ", gauges.pending_backoff, "\n");
  StrAppend(&out, "scheduler_pending_pods{queue=\"unschedulable\"} ", gauges.pending_unschedulable,
            "\n");
  StrAppend(&out, "scheduler_pending_pods{queue=\"gated\"} ", gauges.pending_gated, "\n");
  Header(out, "scheduler_cache_size", "gauge",
         "Number of nodes, pods, and assumed (bound) pods in the scheduler cache.");
  StrAppend(&out, "scheduler_cache_size{type=\"nodes\"} ", gauges.cache_nodes, "\n");
  StrAppend(&out, "scheduler_cache_size{type=\"pods\"} ", gauges.cache_pods, "\n");
  StrAppend(&out, "scheduler_cache_size{type=\"assumed_pods\"} ", gauges.cache_assumed_pods, "\n");
  Gauge(out, "scheduler_leader", "1 while this scheduler holds the leader lease.", gauges.is_leader);
  Gauge(out, "scheduler_events_dropped", "Events dropped because the recorder's queue was full.",
        gauges.events_dropped);
  return out;
}

}  // namespace kube::scheduler::metrics
