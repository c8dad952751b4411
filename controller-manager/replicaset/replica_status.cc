#include "controller-manager/replicaset/replica_status.h"

#include "controller-manager/controller/pod_util.h"

namespace kube::kcm::replicaset {

ReplicaStatus ComputeStatus(const std::vector<PodPtr>& active_pods,
                            const std::map<std::string, std::string>& template_labels,
                            int32_t min_ready_seconds, int64_t generation, absl::Time now) {
  ReplicaStatus status;
  status.replicas = static_cast<int32_t>(active_pods.size());
  status.observed_generation = generation;
  for (const PodPtr& pod : active_pods) {
    bool fully_labeled = true;
    for (const auto& [key, value] : template_labels) {
      auto it = pod->metadata().labels().find(key);
      if (it == pod->metadata().labels().end() || it->second != value) {
        fully_labeled = false;
        break;
      }
    }
    if (fully_labeled) ++status.fully_labeled_replicas;
    if (IsPodReady(*pod)) ++status.ready_replicas;
    if (IsPodAvailable(*pod, min_ready_seconds, now)) ++status.available_replicas;
  }
  return status;
}

}  // namespace kube::kcm::replicaset
