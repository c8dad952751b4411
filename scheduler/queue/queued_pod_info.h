#pragma once

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "scheduler/framework/pod_info.h"

namespace kube::scheduler::queue {

// A pending pod as the queue tracks it (upstream's QueuedPodInfo). Owned by the
// queue while queued and by the scheduling cycle between Pop and its return.
struct QueuedPodInfo {
  std::shared_ptr<const framework::PodInfo> pod_info;
  // When the pod last entered a queue: FIFO order among equal priorities, and the
  // start of its backoff.
  absl::Time timestamp;
  // When the queue first saw it: the start of its end-to-end scheduling latency.
  absl::Time initial_timestamp;
  // Scheduling attempts so far (counted at Pop).
  int attempts = 0;

  const std::string& key() const { return pod_info->key; }
  const k8s::core::v1::Pod& pod() const { return *pod_info->pod; }
};

}  // namespace kube::scheduler::queue
