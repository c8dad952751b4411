#pragma once

#include <string>
#include <vector>

#include "common/client/workqueue.h"

namespace kube::kcm::app {

// What /metrics reports: the leader gauge and client-go's workqueue series for
// every running loop's queue.
struct MetricsSnapshot {
  bool leading = false;
  std::vector<std::string> running_controllers;
  std::vector<client::WorkQueueMetrics> queues;
  size_t events_dropped = 0;
};

// Prometheus text exposition format (version 0.0.4).
std::string RenderMetrics(const MetricsSnapshot& snapshot);

}  // namespace kube::kcm::app
