#pragma once

#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "controller-manager/deployment/rollout_math.h"
#include "k8s/apps/v1/apps.pb.h"

namespace kube::kcm::deployment {

// spec.replicas, 1 when unset.
int32_t DesiredReplicas(const k8s::apps::v1::Deployment& d);

struct DeploymentStatusResult {
  k8s::apps::v1::DeploymentStatus status;
  // Set when nothing will wake the controller before the progress deadline passes.
  std::optional<absl::Duration> recheck_after;
};

// The status `kubectl rollout status` reads, from the ReplicaSets the Deployment
// owns (`new_rs` among them, or null): summed replica counts, updatedReplicas from
// the new ReplicaSet, and the conditions — Available (at least desired -
// maxUnavailable available) and Progressing: NewReplicaSetAvailable once complete,
// ReplicaSetUpdated while something moves (`progressed`: this sync scaled or
// created), ProgressDeadlineExceeded when nothing moved for
// progressDeadlineSeconds (600 by default), DeploymentPaused while paused.
// Conditions keep lastTransitionTime while their status stays, and lastUpdateTime
// while nothing about them changes.
DeploymentStatusResult ComputeDeploymentStatus(const k8s::apps::v1::Deployment& d,
                                               const std::vector<const k8s::apps::v1::ReplicaSet*>& owned,
                                               const k8s::apps::v1::ReplicaSet* new_rs,
                                               const Fenceposts& fenceposts, bool progressed,
                                               absl::Time now);

}  // namespace kube::kcm::deployment
