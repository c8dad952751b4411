#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "k8s/util/intstr/intstr.pb.h"

namespace kube::kcm::deployment {

// An int-or-percent ("25%") against `total`: percentages round up when
// `round_up`, down otherwise, as upstream's GetScaledValueFromIntOrPercent.
absl::StatusOr<int32_t> ScaledValue(const k8s::util::intstr::IntOrString* value, int32_t total,
                                    bool round_up, int32_t default_value);

// maxSurge (rounded up) and maxUnavailable (rounded down) for `replicas`; when
// both come out 0, maxUnavailable becomes 1 so that a rollout can progress.
struct Fenceposts {
  int32_t surge = 0;
  int32_t unavailable = 0;
};
absl::StatusOr<Fenceposts> ResolveFenceposts(const k8s::util::intstr::IntOrString* max_surge,
                                             const k8s::util::intstr::IntOrString* max_unavailable,
                                             int32_t replicas);

// One ReplicaSet as the rollout arithmetic sees it.
struct ReplicaCounts {
  std::string name;
  int32_t spec_replicas = 0;
  int32_t available = 0;  // status.availableReplicas
};

// The replicas the new ReplicaSet should have now: up to `desired`, without the
// sum over all ReplicaSets exceeding desired + surge.
int32_t NewReplicaSetTarget(const ReplicaCounts& new_rs, const std::vector<ReplicaCounts>& all,
                            int32_t desired, const Fenceposts& fenceposts);

// How many old replicas may go now, never dropping the available pods below
// desired - maxUnavailable: unavailable old pods go first (they serve nothing),
// then available ones. Returns the new spec.replicas of each old ReplicaSet, in the
// order given (oldest first).
std::vector<int32_t> OldReplicaSetTargets(const std::vector<ReplicaCounts>& old_sets,
                                          const ReplicaCounts& new_rs, int32_t desired,
                                          const Fenceposts& fenceposts);

}  // namespace kube::kcm::deployment
