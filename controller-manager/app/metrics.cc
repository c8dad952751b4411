#include "controller-manager/app/metrics.h"

#include "common/util/strings.h"

namespace kube::kcm::app {
namespace {

void Header(std::string& out, const char* name, const char* type, const char* help) {
  StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

template <typename Value>
void Series(std::string& out, const char* name, const std::string& label, const Value& value) {
  StrAppend(&out, name, "{name=\"", label, "\"} ", value, "\n");
}

}  // namespace

std::string RenderMetrics(const MetricsSnapshot& s) {
  std::string out;
  Header(out, "leader_election_master_status", "gauge",
         "1 while this replica leads and runs the controllers, else 0.");
  Series(out, "leader_election_master_status", "kube-controller-manager", s.leading ? 1 : 0);
  Header(out, "kube_controller_manager_running_controllers", "gauge",
         "Controllers running in this replica.");
  for (const std::string& name : s.running_controllers) {
    Series(out, "kube_controller_manager_running_controllers", name, 1);
  }
  Header(out, "workqueue_adds_total", "counter", "Items added to each work queue.");
  for (const auto& q : s.queues) Series(out, "workqueue_adds_total", q.name, q.adds);
  Header(out, "workqueue_depth", "gauge", "Items waiting in each work queue.");
  for (const auto& q : s.queues) Series(out, "workqueue_depth", q.name, q.depth);
  Header(out, "workqueue_unfinished_work", "gauge", "Items being processed.");
  for (const auto& q : s.queues) Series(out, "workqueue_unfinished_work", q.name, q.processing);
  Header(out, "workqueue_retries_total", "counter", "Items requeued after an error.");
  for (const auto& q : s.queues) Series(out, "workqueue_retries_total", q.name, q.retries);
  Header(out, "workqueue_queue_duration_seconds_sum", "counter",
         "Seconds items waited in the queue before a worker took them, summed.");
  for (const auto& q : s.queues) {
    Series(out, "workqueue_queue_duration_seconds_sum", q.name,
           absl::ToDoubleSeconds(q.queue_latency_sum));
  }
  Header(out, "workqueue_queue_duration_seconds_count", "counter", "Items taken from the queue.");
  for (const auto& q : s.queues) {
    Series(out, "workqueue_queue_duration_seconds_count", q.name, q.queue_latency_count);
  }
  Header(out, "workqueue_work_duration_seconds_sum", "counter",
         "Seconds spent processing items, summed.");
  for (const auto& q : s.queues) {
    Series(out, "workqueue_work_duration_seconds_sum", q.name,
           absl::ToDoubleSeconds(q.work_duration_sum));
  }
  Header(out, "workqueue_work_duration_seconds_count", "counter", "Items processed.");
  for (const auto& q : s.queues) {
    Series(out, "workqueue_work_duration_seconds_count", q.name, q.work_duration_count);
  }
  Header(out, "kube_controller_manager_events_dropped_total", "counter",
         "Events not written because the recorder's queue was full.");
  StrAppend(&out, "kube_controller_manager_events_dropped_total ", s.events_dropped, "\n");
  return out;
}

}  // namespace kube::kcm::app
