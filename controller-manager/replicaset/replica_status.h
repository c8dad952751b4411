#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "controller-manager/replicaset/pod_ranking.h"

namespace kube::kcm::replicaset {

// The status fields ReplicationController and ReplicaSet share.
struct ReplicaStatus {
  int32_t replicas = 0;
  int32_t fully_labeled_replicas = 0;
  int32_t ready_replicas = 0;
  int32_t available_replicas = 0;
  int64_t observed_generation = 0;

  friend bool operator==(const ReplicaStatus&, const ReplicaStatus&) = default;
};

// The status for the active pods a controller owns: fullyLabeled counts pods
// carrying every label of the template, available the pods ready for
// `min_ready_seconds` at `now`.
ReplicaStatus ComputeStatus(const std::vector<PodPtr>& active_pods,
                            const std::map<std::string, std::string>& template_labels,
                            int32_t min_ready_seconds, int64_t generation, absl::Time now);

}  // namespace kube::kcm::replicaset
